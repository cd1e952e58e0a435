"""A labelled set of Dutch action proposals for the five priority barriers.

``ACTIONS`` maps a key to (barrier slug, lead domain, title, description, intended result);
``PAIRS`` labels pairs as ``duplicate`` (the same action proposed twice, worded
differently, often by another group), ``partial`` (overlapping in part: a related
aspect of the same problem) or ``unrelated`` (same barrier, different action).
"""

ACTIONS = {
    # ------------------------------------------------------------------ mobiliteit
    "mob_vervoer": ("mobiliteit", "MOW",
        "Vervoer op maat tijdens de eerste maanden van een nieuwe job",
        "Werkzoekenden zonder eigen vervoer die een job vinden op een slecht bereikbare plek, krijgen tijdens de "
        "eerste maanden vervoer op maat via de mobiliteitscentrale van de vervoerregio. De VDAB-bemiddelaar vraagt "
        "het aan bij de jobstart.",
        "Meer werkzoekenden aanvaarden een job op een plek die zonder vervoer op maat onbereikbaar is."),
    "mob_vervoer_dup": ("mobiliteit", "WEWIS",
        "Tijdelijk aanvraagvervoer bij de start van een job op een moeilijk bereikbare locatie",
        "Wie na werkloosheid een job vindt op een locatie die niet bereikbaar is met bus of tram, kan de eerste "
        "maanden een beroep doen op vervoer op maat dat de mobiliteitscentrale regelt. De bemiddelaar van VDAB "
        "doet de aanvraag bij de jobstart.",
        "Jobs op moeilijk bereikbare locaties worden toch aanvaard."),
    "mob_shuttle": ("mobiliteit", "MOW",
        "Pendelshuttles en deelfietsen naar bedrijventerreinen",
        "Veel bedrijventerreinen zijn niet bereikbaar met het openbaar vervoer, zeker bij ploegenarbeid. Samen met "
        "de werkgevers organiseren we pendelshuttles vanaf het station en deelfietsen naar het bedrijventerrein.",
        "Twintig bedrijventerreinen krijgen een vaste verbinding die ook de ploegenuren dekt."),
    "mob_shuttle_dup": ("mobiliteit", "WEWIS",
        "Collectief vervoer naar industrieterreinen met ploegendiensten",
        "Met de werkgevers van het bedrijventerrein zetten we pendelbussen in tussen het dichtstbijzijnde station "
        "en de bedrijven, afgestemd op de ploegenuren. Aan het station komen deelfietsen.",
        "Bedrijventerreinen met ploegenarbeid zijn bereikbaar zonder auto."),
    "mob_rijbewijs": ("mobiliteit", "WEWIS",
        "Rijbewijstraject gekoppeld aan een concrete vacature",
        "Werkzoekenden die een job kunnen starten waarvoor een rijbewijs vereist is, volgen theorie- en "
        "praktijklessen. VDAB betaalt de rijlessen als de werkgever de aanwerving schriftelijk bevestigt.",
        "Achthonderd rijbewijstrajecten per jaar die uitmonden in een aanwerving."),
    "mob_rijbewijs_dup": ("mobiliteit", "MOW",
        "Rijopleiding voor kandidaten met een jobbelofte",
        "VDAB financiert de theorie- en praktijklessen voor het rijbewijs B wanneer een werkgever schriftelijk "
        "belooft de werkzoekende aan te werven zodra die het rijbewijs behaalt.",
        "Werkzoekenden met een jobbelofte halen hun rijbewijs en worden aangeworven."),
    "mob_fietsles": ("mobiliteit", "MOW",
        "Fietslessen voor volwassen nieuwkomers",
        "Lokale besturen organiseren met fietsscholen korte lessenreeksen voor volwassenen die nooit leerden "
        "fietsen, met voorrang voor nieuwkomers die werk zoeken.",
        "In tien gemeenten leren vierhonderd volwassenen veilig fietsen in het verkeer."),
    "mob_opleidingsvervoer": ("mobiliteit", "WEWIS",
        "Vergoeding van het openbaar vervoer naar een VDAB-opleiding",
        "Werkzoekenden die een opleiding volgen, krijgen een abonnement op het openbaar vervoer naar de "
        "opleidingslocatie, zodat de verplaatsing geen reden is om af te haken.",
        "Minder uitval in opleidingen door verplaatsingsproblemen."),
    "mob_hoppin": ("mobiliteit", "MOW",
        "Deelfietsen aan Hoppinpunten bij grote werkgevers",
        "Aan Hoppinpunten dicht bij grote werkgevers komen deelfietsen en elektrische steps, zodat werknemers "
        "de laatste kilometers van het station naar hun werk afleggen zonder auto.",
        "Vijftig Hoppinpunten met een deelaanbod voor de laatste kilometer."),
    # ------------------------------------------------------------------ zorgtaken
    "zorg_flex": ("zorgtaken", "WVG",
        "Flexibele kinderopvang voor ouders met wisselende werkuren",
        "Ouders met ploegenwerk of onregelmatige uren vinden geen kinderopvang in de vroege ochtend, de avond of "
        "het weekend. Opgroeien subsidieert opvanglocaties die ruimere openingsuren aanbieden.",
        "In elke centrumstad minstens één opvanglocatie met ruime openingsuren."),
    "zorg_flex_dup": ("zorgtaken", "WEWIS",
        "Kinderopvang buiten de gewone openingsuren voor ploegenwerkers",
        "Voor ouders die in ploegen of met onregelmatige uurroosters werken, is er 's ochtends vroeg, 's avonds en "
        "in het weekend nauwelijks kinderopvang. Een subsidie van Opgroeien laat opvanglocaties langer open "
        "blijven.",
        "Ouders met onregelmatige werkuren vinden kinderopvang op hun werkuren."),
    "zorg_voorrang": ("zorgtaken", "WVG",
        "Voorrang in de kinderopvang voor werkzoekende ouders die een job of opleiding starten",
        "Werkzoekende ouders krijgen voorrang op een plaats in de kinderopvang zodra ze een job of opleiding "
        "starten, zodat het gebrek aan opvang geen reden is om een job te weigeren.",
        "Geen jobstart of opleiding valt weg door een tekort aan opvang."),
    "zorg_voorrang_dup": ("zorgtaken", "WEWIS",
        "Gegarandeerde opvangplaats bij de start van een opleiding of werk",
        "Lokale besturen houden plaatsen in de kinderopvang vrij voor ouders die via VDAB een opleiding of een "
        "nieuwe job beginnen. Een tekort aan opvang mag een jobstart niet tegenhouden.",
        "Elke werkzoekende ouder die start, heeft een opvangplaats."),
    "zorg_mantelzorg": ("zorgtaken", "WVG",
        "Ondersteuning van mantelzorgers die aan het werk willen blijven",
        "Mantelzorgers krijgen advies over zorgverlof, flexibel werken en respijtzorg. Werkgevers worden "
        "gesensibiliseerd over een mantelzorgvriendelijk personeelsbeleid.",
        "Minder mantelzorgers stoppen met werken door hun zorgtaken."),
    "zorg_mantelzorg_dup": ("zorgtaken", "WEWIS",
        "Mantelzorgvriendelijke werkgevers",
        "Werkgevers krijgen een toolkit en begeleiding om werknemers met mantelzorgtaken flexibele uren, "
        "zorgverlof en respijtzorg te bieden, zodat mantelzorgers aan het werk blijven.",
        "Honderd werkgevers voeren een mantelzorgvriendelijk personeelsbeleid."),
    "zorg_tarief": ("zorgtaken", "WVG",
        "Lagere ouderbijdrage in de kinderopvang voor lage inkomens",
        "Het inkomenstarief wordt herzien zodat werken loont voor ouders met een laag inkomen: de bijdrage daalt "
        "voor de laagste inkomens en stijgt niet abrupt bij een loonsverhoging.",
        "Werken loont voor alleenstaande ouders met een laag loon."),
    "zorg_vakantie": ("zorgtaken", "CJM",
        "Buitenschoolse opvang tijdens de schoolvakanties voor werkende ouders",
        "Werkende ouders vinden tijdens de schoolvakanties moeilijk opvang voor hun kinderen. Gemeenten breiden "
        "de vakantieopvang en speelpleinwerking uit met ruimere openingsuren.",
        "Genoeg vakantieopvang in elke gemeente."),
    "zorg_intake": ("zorgtaken", "WEWIS",
        "Kinderopvang bespreken bij de intake van werkzoekende ouders",
        "VDAB-bemiddelaars vragen bij de intake naar de opvangsituatie van werkzoekende ouders en verwijzen door "
        "naar het lokaal loket kinderopvang.",
        "Werkzoekende ouders weten waar ze opvang vinden."),
    "zorg_verlof": ("zorgtaken", "WEWIS",
        "Signaal aan de federale overheid: langer zorgverlof voor mantelzorgers",
        "Vlaanderen vraagt de federale overheid het zorgverlof voor erkende mantelzorgers uit te breiden en beter "
        "te vergoeden.",
        "Een federaal voorstel tot uitbreiding van het zorgverlof."),
    # ------------------------------------------------------------------ integratie en taal
    "int_werkvloer": ("integratie-taal", "WEWIS",
        "Nederlands leren op de werkvloer",
        "Anderstalige werknemers leren Nederlands tijdens de werkuren met een taalcoach op de werkvloer. De "
        "werkgever krijgt een tegemoetkoming voor de uren.",
        "Tweeduizend anderstalige werknemers per jaar oefenen Nederlands op het werk."),
    "int_werkvloer_dup": ("integratie-taal", "KBBJ",
        "Taalcoaching op de werkplek voor anderstalige medewerkers",
        "Een taalcoach begeleidt anderstalige werknemers op de werkplek bij het oefenen van het Nederlands tijdens "
        "het werk. Werkgevers ontvangen een vergoeding voor de werkuren.",
        "Anderstalige medewerkers spreken beter Nederlands op het werk."),
    "int_inburgering": ("integratie-taal", "KBBJ",
        "Inburgering en begeleiding naar werk tegelijk",
        "Nieuwkomers volgen het inburgeringstraject en de begeleiding naar werk tegelijk. Het Agentschap "
        "Integratie en Inburgering en VDAB werken met één trajectplan.",
        "Nieuwkomers vinden sneller werk tijdens hun inburgering."),
    "int_inburgering_dup": ("integratie-taal", "WEWIS",
        "Eén trajectplan voor inburgering en activering van nieuwkomers",
        "Het inburgeringstraject en de begeleiding door VDAB lopen parallel in plaats van na elkaar, met één "
        "gedeeld trajectplan voor elke nieuwkomer.",
        "Nieuwkomers starten hun zoektocht naar werk al tijdens de inburgering."),
    "int_diploma": ("integratie-taal", "OV",
        "Snellere erkenning van buitenlandse diploma's",
        "NARIC-Vlaanderen verkort de procedure voor de gelijkwaardigheid van buitenlandse diploma's en begeleidt "
        "aanvragers bij hun dossier.",
        "Een beslissing over de gelijkwaardigheid binnen drie maanden."),
    "int_diploma_dup": ("integratie-taal", "WEWIS",
        "Diploma-erkenning versnellen voor hoogopgeleide nieuwkomers",
        "Nieuwkomers met een diploma uit het buitenland wachten lang op de erkenning van de gelijkwaardigheid. "
        "NARIC versnelt de procedure en begeleidt aanvragers.",
        "Hoogopgeleide nieuwkomers werken sneller op hun niveau."),
    "int_zorgjob": ("integratie-taal", "WVG",
        "Werkervaringsplaatsen voor vluchtelingen in woonzorgcentra",
        "Erkende vluchtelingen doen werkervaring op in woonzorgcentra als logistiek medewerker, met een "
        "opleiding tot zorgkundige als vervolg.",
        "Tweehonderd vluchtelingen stromen door naar een job in de zorg."),
    "int_avondles": ("integratie-taal", "OV",
        "Avondlessen Nederlands voor werkende anderstaligen",
        "Centra voor volwassenenonderwijs bieden meer lessen Nederlands in de avond aan, zodat anderstaligen die "
        "werken hun Nederlands kunnen verbeteren naast hun job.",
        "Meer werkende anderstaligen volgen een cursus Nederlands."),
    "int_buddy": ("integratie-taal", "KBBJ",
        "Buddy's voor nieuwkomers tijdens het inburgeringstraject",
        "Vrijwillige buddy's begeleiden nieuwkomers tijdens hun inburgeringstraject en helpen hen hun netwerk "
        "naar werk uit te bouwen.",
        "Elke nieuwkomer die het wil, heeft een buddy."),
    # ------------------------------------------------------------------ onderwijs-arbeidsmarkt
    "ond_duaal": ("onderwijs-arbeidsmarkt", "OV",
        "Duaal leren uitbreiden in knelpuntberoepen",
        "Meer opleidingen duaal leren in knelpuntberoepen, met extra werkplekken bij bedrijven en begeleiding van "
        "leerlingen op de werkplek door een mentor.",
        "Vijftig procent meer leerlingen in duale trajecten voor knelpuntberoepen."),
    "ond_duaal_dup": ("onderwijs-arbeidsmarkt", "WEWIS",
        "Meer leerwerkplekken voor duale opleidingen in tekortberoepen",
        "Sectoren en scholen zoeken samen bijkomende werkplekken bij bedrijven, zodat meer leerlingen een duaal "
        "traject in een knelpuntberoep volgen, met een mentor op de werkplek.",
        "Duizend extra werkplekken voor duaal leren."),
    "ond_schoolverlaters": ("onderwijs-arbeidsmarkt", "OV",
        "Opvolging van vroegtijdige schoolverlaters door VDAB",
        "Scholen melden jongeren die zonder diploma de school verlaten aan VDAB, die hen binnen een maand "
        "contacteert voor begeleiding naar een opleiding of werk.",
        "Elke vroegtijdige schoolverlater krijgt binnen een maand een aanbod."),
    "ond_schoolverlaters_dup": ("onderwijs-arbeidsmarkt", "WEWIS",
        "Warme overdracht van ongekwalificeerde uitstromers naar VDAB",
        "Jongeren die het secundair onderwijs verlaten zonder diploma, worden door de school via een warme "
        "overdracht doorverwezen naar VDAB, die snel contact opneemt en begeleiding naar werk of opleiding biedt.",
        "Geen enkele schoolverlater zonder diploma valt uit de boot."),
    "ond_orientatie": ("onderwijs-arbeidsmarkt", "OV",
        "Loopbaanoriëntatie met bedrijfsbezoeken in het secundair onderwijs",
        "Leerlingen van de tweede graad bezoeken bedrijven en praten met werknemers over hun beroep, zodat hun "
        "studiekeuze beter aansluit bij hun interesses en de arbeidsmarkt.",
        "Elke leerling bezoekt minstens drie bedrijven voor de studiekeuze."),
    "ond_orientatie_dup": ("onderwijs-arbeidsmarkt", "WEWIS",
        "Bedrijfsbezoeken als onderdeel van de studiekeuzebegeleiding",
        "Scholen organiseren voor leerlingen van de tweede graad bezoeken aan bedrijven en gesprekken met "
        "werknemers over hun beroep, als voorbereiding op de studiekeuze.",
        "Een betere studiekeuze dankzij contact met beroepen in bedrijven."),
    "ond_neet": ("onderwijs-arbeidsmarkt", "CJM",
        "NEET-jongeren bereiken via het jeugdwerk",
        "Jeugdwerkers en VDAB zoeken jongeren op die niet werken en geen opleiding volgen, in jeugdhuizen en op "
        "straat, en begeleiden hen naar een opleiding of werk.",
        "Vijfhonderd NEET-jongeren per jaar starten een traject."),
    "ond_stage": ("onderwijs-arbeidsmarkt", "OV",
        "Stages bij lokale bedrijven voor leerlingen uit het beroepsonderwijs",
        "Scholen uit het beroepsonderwijs sluiten afspraken met lokale bedrijven over stageplaatsen, met een "
        "mentor die de leerling op de werkplek opvolgt.",
        "Elke leerling uit het beroepsonderwijs loopt stage in een bedrijf."),
    # ------------------------------------------------------------------ gezondheid en arbeidsbeperking
    "gez_reintegratie": ("gezondheid-arbeidsbeperking", "WVG",
        "Re-integratie na langdurige ziekte",
        "Arbeidsongeschikten die willen hervatten, krijgen gezamenlijke begeleiding van VDAB en de adviserend "
        "arts van het ziekenfonds, met een deeltijdse werkhervatting en aanpassing van de werkpost.",
        "Meer langdurig zieken hervatten deeltijds het werk."),
    "gez_reintegratie_dup": ("gezondheid-arbeidsbeperking", "WEWIS",
        "Terug naar werk na ziekte: samenwerking tussen ziekenfondsen en VDAB",
        "Langdurig zieken worden samen door de adviserend arts van het ziekenfonds en een VDAB-consulent "
        "begeleid naar een deeltijdse hervatting van het werk, met aanpassingen van de werkpost.",
        "Een gezamenlijk re-integratietraject voor elke arbeidsongeschikte die wil hervatten."),
    "gez_aanpassing": ("gezondheid-arbeidsbeperking", "WEWIS",
        "Redelijke aanpassingen op de werkplek voor personen met een arbeidsbeperking",
        "Werkgevers die iemand met een arbeidsbeperking in dienst nemen, krijgen advies van een ergonoom en een "
        "premie voor de redelijke aanpassingen van de werkplek.",
        "Duizend aangepaste werkplekken per jaar."),
    "gez_aanpassing_dup": ("gezondheid-arbeidsbeperking", "WVG",
        "Premie en advies voor aangepaste werkplekken",
        "Een werkgever die een werknemer met een handicap of arbeidsbeperking aanwerft, krijgt ergonomisch advies "
        "en een premie om de werkplek aan te passen.",
        "Meer personen met een handicap aan de slag op een aangepaste werkplek."),
    "gez_loket": ("gezondheid-arbeidsbeperking", "WVG",
        "Eén loket met begrijpelijke informatie over werken met een uitkering",
        "Een online loket legt in eenvoudige taal uit wat werken betekent voor een invaliditeitsuitkering of "
        "een tegemoetkoming voor personen met een handicap.",
        "Minder onzekerheid over de gevolgen van werken voor de uitkering."),
    "gez_ips": ("gezondheid-arbeidsbeperking", "WVG",
        "Jobcoaching voor mensen met een psychische kwetsbaarheid",
        "Geestelijke gezondheidszorg en VDAB passen samen de IPS-methode toe: een jobcoach zoekt snel een "
        "gewone job en blijft de persoon met psychische problemen ondersteunen.",
        "Vijfhonderd mensen met psychische problemen vinden een job met IPS-begeleiding."),
    "gez_ips_dup": ("gezondheid-arbeidsbeperking", "WEWIS",
        "IPS-trajecten naar werk in de geestelijke gezondheidszorg",
        "Centra voor geestelijke gezondheidszorg zetten samen met VDAB jobcoaches in volgens de IPS-methode, zodat "
        "mensen met een psychische kwetsbaarheid snel een job vinden en ondersteund blijven.",
        "Meer mensen met een psychische kwetsbaarheid aan het werk."),
    "gez_sensibilisering": ("gezondheid-arbeidsbeperking", "WEWIS",
        "Werkgevers sensibiliseren over de aanwerving van personen met een handicap",
        "Een campagne met getuigenissen van werkgevers toont hoe personen met een handicap of arbeidsbeperking "
        "succesvol aan de slag zijn en welke ondersteuning er bestaat.",
        "Meer werkgevers staan open voor kandidaten met een arbeidsbeperking."),
    "gez_psycholoog": ("gezondheid-arbeidsbeperking", "WVG",
        "Eerstelijnspsychologische hulp voor werkzoekenden",
        "Werkzoekenden met psychische klachten krijgen via de VDAB-bemiddelaar snel toegang tot een "
        "eerstelijnspsycholoog, zodat die klachten hun zoektocht naar werk niet blokkeren.",
        "Kortere wachttijden voor psychologische hulp bij werkzoekenden."),
}

PAIRS = [
    # duplicates (15)
    ("mob_vervoer", "mob_vervoer_dup", "duplicate"),
    ("mob_shuttle", "mob_shuttle_dup", "duplicate"),
    ("mob_rijbewijs", "mob_rijbewijs_dup", "duplicate"),
    ("zorg_flex", "zorg_flex_dup", "duplicate"),
    ("zorg_voorrang", "zorg_voorrang_dup", "duplicate"),
    ("zorg_mantelzorg", "zorg_mantelzorg_dup", "duplicate"),
    ("int_werkvloer", "int_werkvloer_dup", "duplicate"),
    ("int_inburgering", "int_inburgering_dup", "duplicate"),
    ("int_diploma", "int_diploma_dup", "duplicate"),
    ("ond_duaal", "ond_duaal_dup", "duplicate"),
    ("ond_schoolverlaters", "ond_schoolverlaters_dup", "duplicate"),
    ("ond_orientatie", "ond_orientatie_dup", "duplicate"),
    ("gez_reintegratie", "gez_reintegratie_dup", "duplicate"),
    ("gez_aanpassing", "gez_aanpassing_dup", "duplicate"),
    ("gez_ips", "gez_ips_dup", "duplicate"),
    # partial overlaps (12)
    ("mob_vervoer", "mob_opleidingsvervoer", "partial"),
    ("mob_shuttle", "mob_hoppin", "partial"),
    ("zorg_flex", "zorg_vakantie", "partial"),
    ("zorg_voorrang", "zorg_intake", "partial"),
    ("zorg_mantelzorg", "zorg_verlof", "partial"),
    ("int_werkvloer", "int_avondles", "partial"),
    ("int_inburgering", "int_buddy", "partial"),
    ("ond_duaal", "ond_stage", "partial"),
    ("ond_schoolverlaters", "ond_neet", "partial"),
    ("gez_reintegratie", "gez_loket", "partial"),
    ("gez_aanpassing", "gez_sensibilisering", "partial"),
    ("gez_ips", "gez_psycholoog", "partial"),
    # unrelated, same barrier (15)
    ("mob_rijbewijs", "mob_fietsles", "unrelated"),
    ("mob_shuttle", "mob_fietsles", "unrelated"),
    ("mob_vervoer", "mob_rijbewijs", "unrelated"),
    ("zorg_mantelzorg", "zorg_tarief", "unrelated"),
    ("zorg_voorrang", "zorg_mantelzorg", "unrelated"),
    ("zorg_flex", "zorg_verlof", "unrelated"),
    ("int_diploma", "int_werkvloer", "unrelated"),
    ("int_inburgering", "int_diploma", "unrelated"),
    ("int_werkvloer", "int_zorgjob", "unrelated"),
    ("ond_duaal", "ond_schoolverlaters", "unrelated"),
    ("ond_orientatie", "ond_neet", "unrelated"),
    ("ond_duaal", "ond_neet", "unrelated"),
    ("gez_aanpassing", "gez_loket", "unrelated"),
    ("gez_loket", "gez_ips", "unrelated"),
    ("gez_reintegratie", "gez_ips", "unrelated"),
]


# --------------------------------------------------------------------------- the quality test
import pytest  # noqa: E402

from actieplan.alignment import similarity  # noqa: E402
from actieplan.models import SimilarityPair  # noqa: E402
from tests import factories as f  # noqa: E402


def test_the_set_is_large_and_labelled():
    assert len(PAIRS) >= 40
    kinds = {label for _a, _b, label in PAIRS}
    assert kinds == {"duplicate", "partial", "unrelated"}
    assert {key for a, b, _l in PAIRS for key in (a, b)} <= set(ACTIONS)
    barriers = {ACTIONS[a][0] for a, _b, _l in PAIRS}
    assert len(barriers) == 5  # the five priority barriers


@pytest.fixture
def corpus(db):
    """Every action of the set, submitted by a group per barrier (duplicates by another group)."""
    barriers, domains, groups = {}, {}, {}
    actions = {}
    for key, (slug, lead, title, description, result) in ACTIONS.items():
        barrier = barriers.get(slug) or barriers.setdefault(slug, f.barrier(slug=slug, name=slug))
        domain = domains.get(lead) or domains.setdefault(lead, f.policy_domain(abbreviation=lead, name=lead))
        group_key = (slug, key.endswith("_dup"))
        group = groups.get(group_key) or groups.setdefault(group_key, f.working_group(code_prefix=f"SIM{len(groups)}"))
        actions[key] = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, title=title,
                                description=description, intended_result=result, status="submitted")
    similarity.reindex_all()
    return actions


def _scores(actions, key):
    return similarity.similar_to(actions[key], min_score=0, limit=len(actions))


def test_true_duplicates_rank_first_both_ways_and_are_shown(corpus):
    wrong = []
    for a, b, label in PAIRS:
        if label != "duplicate":
            continue
        for source, target in [(a, b), (b, a)]:
            ranked = _scores(corpus, source)
            if ranked[0].action != corpus[target].pk or ranked[0].score < similarity.THRESHOLD \
                    or not ranked[0].shared_terms:
                wrong.append((source, target, [(s.action, s.score) for s in ranked[:3]]))
    assert not wrong


def test_unrelated_actions_of_the_same_barrier_stay_below_the_threshold(corpus):
    wrong = []
    for a, b, label in PAIRS:
        if label != "unrelated":
            continue
        score = next((s.score for s in _scores(corpus, a) if s.action == corpus[b].pk), 0.0)
        shown = [s.action for s in similarity.similar_to(corpus[a])]
        if score >= similarity.THRESHOLD or corpus[b].pk in shown:
            wrong.append((a, b, score))
    assert not wrong


def test_partial_overlaps_rank_below_the_duplicate(corpus):
    for a, b, label in PAIRS:
        if label != "partial":
            continue
        ranked = [s.action for s in _scores(corpus, a)]
        assert ranked[0] == corpus[f"{a}_dup"].pk, a
        assert corpus[b].pk not in ranked or ranked.index(corpus[b].pk) > 0, (a, b)


def test_partial_overlaps_score_higher_than_unrelated_pairs_on_average(corpus):
    def score(a, b):
        return next((s.score for s in _scores(corpus, a) if s.action == corpus[b].pk), 0.0)

    partial = [score(a, b) for a, b, label in PAIRS if label == "partial"]
    unrelated = [score(a, b) for a, b, label in PAIRS if label == "unrelated"]
    assert sum(partial) / len(partial) > 2 * sum(unrelated) / len(unrelated)


def test_stored_pairs_are_exactly_the_pairs_scoring_at_least_the_threshold(corpus):
    """The board reads the stored pairs: every pair at or above the threshold, with the compare page's score."""
    actions = list(corpus.values())
    expected = set()
    for a in actions:
        for b in actions:
            if a.pk != b.pk:
                score = similarity.pair_score(a, b)
                if score.score >= similarity.THRESHOLD:
                    expected.add((a.pk, b.pk, score.score, score.text_score))
    assert set(SimilarityPair.objects.values_list("action_id", "other_id", "score", "text")) == expected
    summary = similarity.suggestion_summary([a.pk for a in actions])
    for a in actions:
        mine = sorted((-s, -t, o) for x, o, s, t in expected if x == a.pk)
        assert summary[a.pk] == (len(mine), mine[0][2] if mine else None)
    duplicates = [(a, b) for a, b, label in PAIRS if label == "duplicate"]
    assert all(summary[corpus[a].pk][0] >= 1 for a, _b in duplicates)
