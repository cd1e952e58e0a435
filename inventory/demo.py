"""Demo data of the inventory: real Flemish measures and the studies of the seed documents.

Measures and sources are named in the concept note, the answer to written question nr. 264
(12 February 2024), the Steunpunt Werk presentation, the POM West-Vlaanderen study and the
VIONA summaries; the key findings are summarised in our own words. The links to actions point
at demo actions (by code) and are illustrative. ``load(stdout=None)`` is idempotent: a measure
is keyed on its name, a source on its title.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

PARLIAMENT_ANSWER = "https://www.vlaamsparlement.be/link?id=18585"

# name, description, domain abbreviation, organisation name, barrier slugs, target-group slugs, basis, link,
# status, [(action code, kind)]
MEASURES = [
    dict(
        name="Samenwerkingsovereenkomst RIZIV – ziekenfondsen – VDAB voor re-integratietrajecten",
        description=(
            "Erkend arbeidsongeschikte personen die zich klaar voelen voor werk kunnen, met akkoord van hun "
            "adviserend arts, bij VDAB (en GTB) een traject naar werk volgen: oriëntering, begeleiding en "
            "opleiding, ook wie nog een contract heeft met een werkgever. Het RIZIV financiert een deel mee."),
        domain="WEWIS", organisation="VDAB",
        barriers=["gezondheid-arbeidsbeperking"], target_groups=["arbeidsongeschikten"],
        basis="Raamovereenkomst RIZIV, ziekenfondsen en VDAB (vernieuwd eind 2022); RIZIV-streefcijfer van "
              "12.000 nieuwe trajecten voor 2024",
        link=PARLIAMENT_ANSWER, status="running",
        actions=[("GEZ-03", "builds_on")],
    ),
    dict(
        name="Oproep vindplaatsgericht en outreachend bereiken van personen met gezondheidsuitdagingen",
        description=(
            "Projecten in een welzijns- of zorgsetting die mensen met gezondheidsproblemen vroeg bereiken en "
            "aanmoedigen om stappen terug naar werk te zetten, met als doel jaarlijks minstens 4.000 personen "
            "extra naar VDAB toe te leiden."),
        domain="WEWIS", organisation="Departement Werk, Economie, Wetenschap, Innovatie en Sociale Economie",
        barriers=["gezondheid-arbeidsbeperking"], target_groups=["arbeidsongeschikten"],
        basis="Oproep van het Departement WSE; budget van 6 miljoen euro; projecten van 2 jaar vanaf 1 februari 2024",
        link=PARLIAMENT_ANSWER, status="ended",
        actions=[("GEZ-01", "complements")],
    ),
    dict(
        name="Samenwerkingsovereenkomsten VDAB – lokale besturen",
        description=(
            "VDAB sluit met steden en gemeenten een samenwerkingsovereenkomst met acties op maat van de lokale "
            "arbeidsmarkt: niet-beroepsactieven informeren en sensibiliseren, leefloners sneller naar werk "
            "toeleiden, lerende netwerken van VDAB-bemiddelaars en OCMW-trajectbegeleiders."),
        domain="WEWIS", organisation="VDAB",
        barriers=["armoede"], target_groups=["leefloongerechtigden", "niet-beroepsactieven"],
        basis="Samenwerkingsovereenkomsten met 85 % van de Vlaamse steden en gemeenten",
        link=PARLIAMENT_ANSWER, status="running",
        actions=[],
    ),
    dict(
        name="ESF-lokale partnerschappen voor personen met complexe noden",
        description=(
            "Sinds begin 2024 werken lokale besturen, VDAB en dienstverlenende partners samen in lokale "
            "partnerschappen die outreachend en geïntegreerd werken voor mensen die op het kruispunt van "
            "verschillende drempels staan."),
        domain="WEWIS", organisation="Lokale besturen (gemeenten en OCMW's)",
        barriers=["armoede", "gezondheid-arbeidsbeperking"], target_groups=["niet-beroepsactieven"],
        basis="Oproep van Europa WSE (ESF); 44 lokale partnerschappen gestart begin 2024",
        link=PARLIAMENT_ANSWER, status="running",
        actions=[],
    ),
    dict(
        name="Jongerenconsulenten en warme overdracht van schoolverlaters",
        description=(
            "VDAB-jongerenconsulenten zijn het laagdrempelige aanspreekpunt voor jongeren met een grotere "
            "ondersteuningsnood en netwerken outreachend met scholen en jeugdwerk. Leerlingen die de school "
            "verlaten zonder werk in zicht worden warm overgedragen; een datakoppeling met onderwijs (sinds "
            "2017) spoort ongekwalificeerde schoolverlaters op."),
        domain="WEWIS", organisation="VDAB",
        barriers=["onderwijs-arbeidsmarkt"], target_groups=["jongeren-neet"],
        basis="Reguliere werking van VDAB; datakoppeling met onderwijs sinds 2017",
        link=PARLIAMENT_ANSWER, status="running",
        actions=[("OND-02", "builds_on"), ("OND-01", "complements")],
    ),
    dict(
        name="GTB-transitietrajecten voor jongeren met een arbeidsbeperking",
        description=(
            "Een individueel en intensief traject naar betaald werk dat al in het laatste half jaar van de "
            "schoolloopbaan start, voor jongeren met (een vermoeden van) een arbeidsbeperking uit alle "
            "onderwijsvormen."),
        domain="WEWIS", organisation="VDAB",
        barriers=["onderwijs-arbeidsmarkt", "gezondheid-arbeidsbeperking"],
        target_groups=["arbeidshandicap", "jongeren-neet"],
        basis="Gefinancierd door VDAB sinds 2014",
        link=PARLIAMENT_ANSWER, status="running",
        actions=[],
    ),
    dict(
        name="Verplichte inschrijving van inburgeraars bij VDAB",
        description=(
            "Wie een inburgeringscontract tekent, schrijft zich in bij VDAB. VDAB of het OCMW volgt de "
            "inburgeraar op en begeleidt hem of haar naar werk, tijdens en na het inburgeringstraject; VDAB "
            "en de agentschappen integratie en inburgering wisselen daarvoor gegevens uit."),
        domain="KBBJ", organisation="Agentschap Integratie en Inburgering",
        barriers=["integratie-taal"], target_groups=["migratieachtergrond-buiten-eu27"],
        basis="Hertekend inburgeringsbeleid: verplichte inschrijving bij VDAB sinds 1 maart 2022",
        link=PARLIAMENT_ANSWER, status="running",
        actions=[("INT-01", "complements")],
    ),
    dict(
        name="ESF-oproep Nieuwe krachten voor de kinderopvang",
        description=(
            "Kwetsbare werkzoekenden en niet-beroepsactieven, onder wie vrouwen met een migratieachtergrond, "
            "worden aangemoedigd en ondersteund om kinderbegeleider te worden in de opvang van baby's en "
            "peuters. Zo groeit het aanbod en krijgen zij zelf een job."),
        domain="WVG", organisation="Agentschap Opgroeien",
        barriers=["zorgtaken"], target_groups=["vrouwen-migratieachtergrond"],
        basis="ESF-oproep van ESF Vlaanderen, Agentschap Opgroeien en VDAB (na de zoekconferentie 'Elk talent telt', 2019)",
        link=PARLIAMENT_ANSWER, status="running",
        actions=[("ZORG-01", "complements")],
    ),
]

# title, authors, year, type, link, key findings, barrier slugs, target-group slugs, measure names, action codes
SOURCES = [
    dict(
        title="Arbeidsreserve in Vlaanderen: niet-beroepsactieven en hun band met werk",
        authors="Steunpunt Werk", year=2024, source_type="steunpunt_werk",
        link="https://www.steunpuntwerk.be/cijfers/arbeidsreserve",
        key_findings=(
            "Van de niet-beroepsactieven houdt een kleine groep (ongeveer 2 op 100 Vlamingen van 20-64 jaar) "
            "nog een band met de arbeidsmarkt: zij zoeken of zijn beschikbaar, en ongeveer 30 % van hen werkt "
            "een jaar later. Bij arbeidsongeschikten (ongeveer 6 op 100) is dat slechts 10 %: hoe langer de "
            "afwezigheid, hoe moeilijker de terugkeer. Huisvrouwen en -mannen hebben weinig arbeidswens. "
            "Leefloners stromen relatief vaker door naar werk (18,2 %), maar begeleiding en samenwerking "
            "tussen OCMW en VDAB kunnen sterker. Wie ontmoedigd is, botst vaak op taal, vaardigheden, "
            "mobiliteit, kinderopvang en discriminatie."),
        barriers=["gezondheid-arbeidsbeperking", "zorgtaken", "armoede", "mobiliteit"],
        target_groups=["zoekend-beschikbaar", "arbeidsongeschikten", "huisvrouwen-huismannen",
                       "leefloongerechtigden"],
        measures=["Samenwerkingsovereenkomsten VDAB – lokale besturen"], actions=[],
    ),
    dict(
        title="De niet-beroepsactieven in Vlaanderen ontleed. Een profielschets van huisvrouwen en "
              "arbeidsongeschikten",
        authors="Vansteenkiste, S. & Sourbron, M. (Over.Werk, Tijdschrift van het Steunpunt Werk, 33(1))",
        year=2023, source_type="steunpunt_werk", link="",
        key_findings=(
            "Voor arbeidsongeschikten komt het erop aan terugkeer naar werk bespreekbaar te maken, te kijken "
            "naar wat iemand nog wél kan, de financiële onzekerheid (bv. bij herval) weg te nemen en arts, "
            "werkgever en persoon samen een traject te laten uittekenen, met aangepast werk waar nodig. "
            "Huisvrouwen nemen belangrijk onbetaald werk op; zicht op kansen, begeleiding, taal, de combinatie "
            "met zorg en een breder aanbod van jobs kunnen de toegang tot werk openen."),
        barriers=["gezondheid-arbeidsbeperking", "zorgtaken"],
        target_groups=["arbeidsongeschikten", "huisvrouwen-huismannen"],
        measures=["Samenwerkingsovereenkomst RIZIV – ziekenfondsen – VDAB voor re-integratietrajecten"],
        actions=["GEZ-03"],
    ),
    dict(
        title="Activering van leefloongerechtigden: noden, aanpak en lokale samenwerking",
        authors="Sempels, Y., Goffin, K. & Vanoeteren, V. (VIONA-rapport voor het Departement WSE)",
        year=2023, source_type="viona", link="",
        key_findings=(
            "Leefloongerechtigden botsen op drempels uit verschillende beleidsdomeinen tegelijk (taal, "
            "competenties, gezondheid, huisvesting). De resultaten hangen af van de expertise en capaciteit "
            "van de begeleiding en van hoe OCMW's die organiseren; samenwerking met VDAB en over lokale "
            "grenzen heen heeft nog groeipotentieel."),
        barriers=["armoede"], target_groups=["leefloongerechtigden"],
        measures=["Samenwerkingsovereenkomsten VDAB – lokale besturen"], actions=[],
    ),
    dict(
        title="Activering van leefloongerechtigden via tijdelijke werkervaring",
        authors="De Coen, A., Vanoeteren, V. & Valsamis, D. (IDEA Consult)",
        year=None, source_type="viona", link="https://www.werk.be",
        key_findings=(
            "Sinds de zesde staatshervorming kan een tewerkstelling via artikel 60§7 enkel binnen een traject "
            "tijdelijke werkervaring. De evaluatie na één jaar toont een verschuiving in de OCMW-begeleiding "
            "naar generieke competenties, leren op de werkplek en een realistisch jobdoel in het normaal "
            "economisch circuit, en doet aanbevelingen voor de samenwerking tussen OCMW's en VDAB."),
        barriers=["armoede", "werkervaring"], target_groups=["leefloongerechtigden"],
        measures=[], actions=[],
    ),
    dict(
        title="Activering uit arbeidsongeschiktheid: hoe de dubbele handicap overwinnen?",
        authors="VIONA-onderzoeksprogramma (Departement WSE)",
        year=None, source_type="viona", link="https://www.werk.be",
        key_findings=(
            "Een maatschappelijke kosten-batenanalyse van de samenwerking tussen RIZIV, ziekenfondsen, VDAB en "
            "GTB (vooral 2013-2014). Wie arbeidsongeschikt is, verliest vaak ook de band met de vroegere "
            "werkgever of komt uit de werkloosheid: een dubbele achterstand. De kosten van begeleiding en de "
            "baten van minder arbeidsongeschiktheid en meer werk liggen dicht bij elkaar; vroeger ingrijpen "
            "en betere screening verhogen het rendement."),
        barriers=["gezondheid-arbeidsbeperking"], target_groups=["arbeidsongeschikten"],
        measures=["Samenwerkingsovereenkomst RIZIV – ziekenfondsen – VDAB voor re-integratietrajecten"],
        actions=["GEZ-03"],
    ),
    dict(
        title="Jobbereikbaarheid als drempel of hefboom naar werk. De integrale kijk op bereikbaarheid "
              "toegepast op de Vlaamse arbeidsmarkt",
        authors="Departement Werk, Economie, Wetenschap, Innovatie en Sociale Economie",
        year=2025, source_type="viona", link="",
        key_findings=(
            "Ongeveer 7 op 10 jobs in Vlaanderen zijn enkel haalbaar bereikbaar met de auto. Een combinatie "
            "van betaalbaar en efficiënt openbaar vervoer, stimulansen voor de elektrische fiets en gerichte "
            "ondersteuning bij het fietsen verbetert de jobbereikbaarheid sterk; inzetten op autorijden helpt "
            "weinig, omdat de kosten een drempel blijven."),
        barriers=["mobiliteit"], target_groups=["niet-beroepsactieven"],
        measures=[], actions=["MOB-01", "MOB-02"],
    ),
    dict(
        title="Positieve resultaten na zes jaar beleid: 14 % stijging in tewerkstelling kansengroepen in "
              "West-Vlaanderen",
        authors="POM West-Vlaanderen", year=None, source_type="pom", link="",
        key_findings=(
            "In 2019 bood West-Vlaanderen 63.552 mensen met een afstand tot de arbeidsmarkt een plaats op de "
            "participatieladder (treden 3 tot 6), 14,1 % meer dan in 2014. Tellen de participatieplaatsen "
            "zonder arbeidscontract (treden 3 en 4) mee, dan komt de arbeidsmarktparticipatiegraad op 79,2 %. "
            "Het aantal tijdelijke activerende trajecten daalde wel met 16 %; doorstroom naar betaald werk en "
            "een inclusief personeelsbeleid blijven aandachtspunten."),
        barriers=["werkervaring", "gezondheid-arbeidsbeperking"],
        target_groups=["migratieachtergrond-buiten-eu27", "kortgeschoolden-25-64", "arbeidshandicap"],
        measures=[], actions=[],
    ),
    dict(
        title="Schriftelijke vraag nr. 264: VDAB – bereik werkzoekenden en inactieven (antwoord)",
        authors="Jo Brouns, Vlaams minister van Werk (antwoord op de vraag van Bob Savenberg)",
        year=2024, source_type="parliament", link=PARLIAMENT_ANSWER,
        key_findings=(
            "Het antwoord somt op hoe VDAB niet-beroepsactieven probeert te bereiken: via partners in zorg en "
            "welzijn (huisartsen, arbeidsartsen, ziekenfondsen), jongerenconsulenten en warme overdracht "
            "vanuit school, ESF-projecten, samenwerkingsovereenkomsten met lokale besturen en brede campagnes. "
            "VDAB mag niet-ingeschreven burgers niet persoonlijk benaderen; lokale besturen zijn maar beperkt "
            "bereid om extra groepen op te sporen."),
        barriers=["gezondheid-arbeidsbeperking", "onderwijs-arbeidsmarkt", "armoede", "integratie-taal"],
        target_groups=["niet-beroepsactieven", "arbeidsongeschikten", "jongeren-neet"],
        measures=[m["name"] for m in MEASURES[:5]], actions=[],
    ),
]


@transaction.atomic
def load(stdout=None) -> dict:
    from actieplan.models import Action, Barrier, Organisation, PolicyDomain, TargetGroup
    from inventory.models import EvidenceSource, Measure, MeasureActionLink

    counts = {"measures": 0, "sources": 0, "links": 0}
    coordinator = get_user_model().objects.filter(profile__is_coordinator=True).order_by("pk").first()
    domains = {d.abbreviation: d for d in PolicyDomain.objects.all()}
    organisations = {o.name: o for o in Organisation.objects.all()}
    barriers = {b.slug: b for b in Barrier.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    actions = {a.code: a for a in Action.objects.all()}
    measures = {}
    for row in MEASURES:
        if row["domain"] not in domains:
            continue  # no reference data loaded
        measure, created = Measure.objects.get_or_create(name=row["name"], defaults=dict(
            description=row["description"], responsible_domain=domains[row["domain"]],
            organisation=organisations.get(row["organisation"]), basis=row["basis"], link=row["link"],
            status=row["status"], created_by=coordinator))
        measures[measure.name] = measure
        if not created:
            continue
        counts["measures"] += 1
        measure.barriers.set([barriers[s] for s in row["barriers"] if s in barriers])
        measure.target_groups.set([groups[s] for s in row["target_groups"] if s in groups])
        for code, kind in row["actions"]:
            if code in actions:
                MeasureActionLink.objects.create(measure=measure, action=actions[code], kind=kind,
                                                 created_by=coordinator)
                counts["links"] += 1
    for row in SOURCES:
        source, created = EvidenceSource.objects.get_or_create(title=row["title"], defaults=dict(
            authors=row["authors"], year=row["year"], source_type=row["source_type"], link=row["link"],
            key_findings=row["key_findings"], created_by=coordinator))
        if not created:
            continue
        counts["sources"] += 1
        source.barriers.set([barriers[s] for s in row["barriers"] if s in barriers])
        source.target_groups.set([groups[s] for s in row["target_groups"] if s in groups])
        source.measures.set([measures[n] for n in row["measures"] if n in measures])
        source.actions.set([actions[c] for c in row["actions"] if c in actions])
    if stdout is not None:
        stdout.write(f"  inventaris: {counts['measures']} maatregelen, {counts['sources']} bronnen, "
                     f"{counts['links']} koppelingen met acties aangemaakt")
    return counts
