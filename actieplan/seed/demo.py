"""Demo data: working groups, users over all roles and about sixty actions.

Everything here is fictitious but drawn from the concept note (barriers, figures,
organisations, plans). ``load_demo()`` is idempotent: users are keyed on username,
groups on code prefix, actions on (working group or proposing domain, code); what
exists is left alone, so running it twice changes nothing.

Actions are created through ``action_create`` (so django-simple-history records
exist), then moved along a plausible lifecycle path. Only draft → submitted and
submitted → draft exist in the transition service today, so the later steps are
written directly, each with a history record and a ``StatusChange`` row with who,
when and why, dated along the timeline of the three phases in 2026.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from actieplan.seed.reference import LINKED_PLANS, ORGANISATIONS, load_reference
from actieplan.actions.services import history_reason

DEMO_PASSWORD = "actieplan-demo"
TZ = ZoneInfo("Europe/Brussels")

# --------------------------------------------------------------------------- demo accounts
DEMO_ACCOUNTS: list[dict] = [
    dict(
        username="coordinator",
        role="WEWIS-coördinator",
        can="Ziet en bewerkt alle acties van alle werkgroepen, stuurt ingediende acties terug, "
        "beheert werkgroepen en referentiegegevens (ook in /admin/).",
    ),
    dict(
        username="voorzitter",
        role="Voorzitter Werkgroep Mobiliteit",
        can="Beheert de leden van de werkgroep, maakt en bewerkt conceptacties, "
        "dient acties in voor afstemming.",
    ),
    dict(
        username="lid",
        role="Lid Werkgroep Mobiliteit",
        can="Maakt en bewerkt conceptacties van de werkgroep en plaatst opmerkingen.",
    ),
    dict(
        username="domeincontact",
        role="Contactpersoon Mobiliteit en Openbare Werken",
        can="Stelt acties voor namens het beleidsdomein, dient ze in en plaatst opmerkingen.",
    ),
    dict(
        username="kabinet",
        role="Kabinet van de minister van Werk",
        can="Leest acties, werkgroepen en overzichten (alleen lezen).",
    ),
]

# --------------------------------------------------------------------------- working groups
WORKING_GROUPS: list[dict] = [
    dict(
        code_prefix="GEZ",
        name="Werkgroep Gezondheid en arbeidsbeperking",
        description=(
            "Werkt acties uit voor personen met gezondheidsproblemen of een arbeidsbeperking: toegankelijke "
            "informatie over rechten, re-integratie na ziekte, redelijke aanpassingen en de samenwerking "
            "tussen Vlaamse en federale diensten."
        ),
        barriers=["gezondheid-arbeidsbeperking", "ondersteuning-werkgevers"],
        target_groups=["arbeidshandicap", "arbeidsongeschikten"],
    ),
    dict(
        code_prefix="ZORG",
        name="Werkgroep Zorgtaken",
        description=(
            "Werkt acties uit rond kinderopvang (kostprijs, beschikbaarheid, flexibiliteit, vertrouwen) en "
            "rond mantelzorg en de zorg voor kinderen met een beperking."
        ),
        barriers=["zorgtaken"],
        target_groups=["huisvrouwen-huismannen", "vrouwen-migratieachtergrond"],
    ),
    dict(
        code_prefix="INT",
        name="Werkgroep Integratie en taal",
        description=(
            "Werkt acties uit voor nieuwkomers: geïntegreerde trajecten van taal, inburgering en opleiding, "
            "erkenning van diploma's en de ontmoeting tussen nieuwkomers en werkgevers."
        ),
        barriers=["integratie-taal", "digitale-vaardigheden"],
        target_groups=["migratieachtergrond-buiten-eu27", "vrouwen-migratieachtergrond"],
    ),
    dict(
        code_prefix="OND",
        name="Werkgroep Onderwijs-arbeidsmarkt",
        description=(
            "Werkt acties uit voor jongeren die na hun schoolloopbaan moeilijk duurzaam aan de slag raken: "
            "werkplekleren, een vast aanspreekpunt en een warme overdracht naar begeleiding."
        ),
        barriers=["onderwijs-arbeidsmarkt"],
        target_groups=["jongeren-neet"],
    ),
    dict(
        code_prefix="MOB",
        name="Werkgroep Mobiliteit",
        description=(
            "Werkt acties uit om jobs bereikbaar te maken zonder eigen auto: vervoer op maat, deelmobiliteit "
            "naar bedrijventerreinen, fietsmobiliteit en betaalbaar openbaar vervoer."
        ),
        barriers=["mobiliteit"],
        target_groups=["kortgeschoolden-25-64", "leefloongerechtigden"],
    ),
]

# --------------------------------------------------------------------------- users
# memberships: (group code prefix, role, policy domain abbreviation, organisation abbreviation)
USERS: list[dict] = [
    # WEWIS coordinators
    dict(username="coordinator", first_name="Sofie", last_name="Claes", is_coordinator=True,
         function_title="Coördinator drempels naar werk, Departement WEWIS"),
    dict(username="an.vermeulen", first_name="An", last_name="Vermeulen", is_coordinator=True,
         function_title="Beleidsadviseur activering, Departement WEWIS"),
    dict(username="pieter.dewitte", first_name="Pieter", last_name="De Witte", is_coordinator=True,
         function_title="Monitoring en rapportering, Departement WEWIS"),
    # cabinets
    dict(username="kabinet", first_name="Tom", last_name="Wouters", is_cabinet=True, cabinet_domains=["OV", "KBBJ", "WEWIS"],
         function_title="Adviseur kabinet Vlaams minister van Onderwijs, Justitie en Werk"),
    dict(username="els.goossens", first_name="Els", last_name="Goossens", is_cabinet=True,
         cabinet_all_domains=True, function_title="Adviseur kabinet minister-president"),
    # policy-domain contacts
    dict(username="domeincontact", first_name="Bart", last_name="Maes", contact_domains=["MOW"],
         function_title="Beleidsmedewerker, Departement Mobiliteit en Openbare Werken"),
    dict(username="nathalie.jacobs", first_name="Nathalie", last_name="Jacobs", contact_domains=["OV"],
         function_title="Beleidsmedewerker, Departement Onderwijs en Vorming"),
    dict(username="koen.desmet", first_name="Koen", last_name="De Smet", contact_domains=["WVG"],
         function_title="Beleidsmedewerker, Departement Zorg"),
    dict(username="leen.vandamme", first_name="Leen", last_name="Van Damme", contact_domains=["KBBJ"],
         function_title="Beleidsmedewerker, Agentschap Integratie en Inburgering"),
    dict(username="jan.mertens", first_name="Jan", last_name="Mertens", contact_domains=["OMG"],
         function_title="Beleidsmedewerker, Departement Omgeving"),
    dict(username="karen.smets", first_name="Karen", last_name="Smets", contact_domains=["CJM", "FB"],
         function_title="Beleidscoördinator, Departement Cultuur, Jeugd en Media"),
    # Werkgroep Mobiliteit
    dict(username="voorzitter", first_name="Katrien", last_name="Willems",
         function_title="Afdelingshoofd beleid, Departement Mobiliteit en Openbare Werken",
         memberships=[("MOB", "chair", "MOW", "Dep. MOW")]),
    dict(username="lid", first_name="Youssef", last_name="El Amrani",
         function_title="Teamleider activering, VDAB",
         memberships=[("MOB", "member", "WEWIS", "VDAB")]),
    dict(username="hanne.lambrecht", first_name="Hanne", last_name="Lambrecht",
         function_title="Netmanager, De Lijn", memberships=[("MOB", "member", "MOW", "De Lijn")]),
    dict(username="wim.verstraeten", first_name="Wim", last_name="Verstraeten",
         function_title="Mobiliteitsambtenaar, stad Genk",
         memberships=[("MOB", "member", None, "Lokale besturen")]),
    # Werkgroep Gezondheid en arbeidsbeperking
    dict(username="marleen.claessens", first_name="Marleen", last_name="Claessens",
         function_title="Afdelingshoofd, Departement Zorg",
         memberships=[("GEZ", "chair", "WVG", "Dep. Zorg")]),
    dict(username="thomas.bogaert", first_name="Thomas", last_name="Bogaert",
         function_title="Expert arbeidsbeperking, VDAB",
         memberships=[("GEZ", "member", "WEWIS", "VDAB"), ("OND", "member", "WEWIS", "VDAB")]),
    dict(username="ines.dhondt", first_name="Ines", last_name="D'hondt",
         function_title="Beleidsmedewerker, VAPH", memberships=[("GEZ", "member", "WVG", "VAPH")]),
    # Werkgroep Zorgtaken
    dict(username="sarah.vanacker", first_name="Sarah", last_name="Vanacker",
         function_title="Beleidsadviseur kinderopvang, Agentschap Opgroeien",
         memberships=[("ZORG", "chair", "WVG", "Opgroeien")]),
    dict(username="bram.hermans", first_name="Bram", last_name="Hermans",
         function_title="Beleidsmedewerker, Departement WEWIS",
         memberships=[("ZORG", "member", "WEWIS", "Dep. WEWIS")]),
    dict(username="fatima.bennani", first_name="Fatima", last_name="Bennani",
         function_title="Coördinator Huis van het Kind, OCMW Antwerpen",
         memberships=[("ZORG", "member", None, "Lokale besturen")]),
    # Werkgroep Integratie en taal
    dict(username="elif.yilmaz", first_name="Elif", last_name="Yilmaz",
         function_title="Afdelingshoofd inburgering, Agentschap Integratie en Inburgering",
         memberships=[("INT", "chair", "KBBJ", "AgII")]),
    dict(username="joris.peeters", first_name="Joris", last_name="Peeters",
         function_title="Consulent anderstaligen, VDAB", memberships=[("INT", "member", "WEWIS", "VDAB")]),
    dict(username="lies.devos", first_name="Lies", last_name="De Vos",
         function_title="Beleidsmedewerker volwassenenonderwijs, AHOVOKS",
         memberships=[("INT", "member", "OV", "AHOVOKS")]),
    # Werkgroep Onderwijs-arbeidsmarkt
    dict(username="dries.janssens", first_name="Dries", last_name="Janssens",
         function_title="Beleidsadviseur, Departement Onderwijs en Vorming",
         memberships=[("OND", "chair", "OV", "Dep. OV")]),
    dict(username="amber.vandenberghe", first_name="Amber", last_name="Van den Berghe",
         function_title="Stafmedewerker leerlingenbegeleiding, GO!",
         memberships=[("OND", "member", "OV", "GO!")]),
    dict(username="stijn.coppens", first_name="Stijn", last_name="Coppens",
         function_title="Adviseur duaal leren, Syntra Vlaanderen",
         memberships=[("OND", "member", "WEWIS", "Syntra")]),
    dict(username="noor.aerts", first_name="Noor", last_name="Aerts",
         function_title="Beleidsmedewerker jeugd, Departement Cultuur, Jeugd en Media",
         memberships=[("OND", "member", "CJM", "Dep. CJM")]),
]

# --------------------------------------------------------------------------- actions
# Keys: code, title, description, result, barrier (slug), also (secondary barrier slugs),
# groups (target-group slugs), lead / partners (domain abbreviations), orgs (organisation
# abbreviations), level, instrument, budget, estimate, plans (keys of PLAN_KEYS),
# start / end (quarters), status, by (creator), note (reason for the last decision),
# into (code an action was merged into), sent_back (reason, for drafts that came back),
# revise (field values a second person changed while drafting), comments.
PLAN_KEYS = {
    "VW": "Actieplan Vlaanderen Werkt!",
    "AA": "Actieplan aanklampende aanpak van werkzoekenden",
    "BNW": "Beleidsnota Werk 2024-2029",
    "BO": "Beheersovereenkomst VDAB",
    "VDA": "Plan Vlot en Duurzaam Activeren",
    "DET": "Vlaams strategisch plan hulp- en dienstverlening aan gedetineerden en geïnterneerden",
}
assert set(PLAN_KEYS.values()) <= {p["name"] for p in LINKED_PLANS}

GROUP_ACTIONS: dict[str, list[dict]] = {
    "MOB": [
        dict(
            code="MOB-01", status="in_progress", by="lid",
            title="Vervoer op maat tijdens de eerste maanden van een nieuwe job",
            description=(
                "Werkzoekenden zonder eigen vervoer die een job vinden op een plek die slecht bereikbaar is, "
                "krijgen tijdens de eerste zes maanden vervoer op maat via de mobiliteitscentrales van de "
                "vervoerregio's. VDAB-bemiddelaars kunnen het aanvragen bij de jobstart. Intussen zoeken "
                "werknemer, werkgever en bemiddelaar samen een duurzame oplossing."
            ),
            result="Minstens 1.500 werkzoekenden per jaar aanvaarden een job die zonder vervoer op maat "
            "onbereikbaar zou zijn; 70% is na zes maanden nog aan de slag.",
            barrier="mobiliteit", groups=["kortgeschoolden-25-64", "leefloongerechtigden"],
            lead="MOW", partners=["WEWIS"], orgs=["Dep. MOW", "VDAB", "Vervoerregio's"],
            level="flemish", instrument="service", budget="extra", estimate=1200000,
            plans=["VW", "AA"], start="2026Q3", end="2027Q4",
            comments=[("hanne.lambrecht", "De Lijn kan de ritten in de randuren via Hoppin-aanvraagvervoer "
                       "opvangen; graag afstemmen vóór de start.", "created")],
        ),
        dict(
            code="MOB-02", status="adopted", by="voorzitter",
            title="Deelmobiliteit en pendelshuttles naar bedrijventerreinen",
            description=(
                "Veel industrie- en bedrijventerreinen zijn niet of slecht bereikbaar met het openbaar "
                "vervoer, zeker bij ploegenarbeid. We organiseren samen met werkgevers pendelshuttles en "
                "deelfietsen (ook elektrisch) vanaf het dichtstbijzijnde station of Hoppinpunt. Werkgevers "
                "op het terrein dragen bij in de kosten."
            ),
            result="Twintig bedrijventerreinen met een lage jobbereikbaarheid krijgen tegen eind 2028 een "
            "vaste verbinding die ook de ploegenuren dekt.",
            barrier="mobiliteit", groups=["kortgeschoolden-25-64"],
            lead="MOW", partners=["WEWIS", "OMG"], orgs=["Dep. MOW", "Vervoerregio's", "Lokale besturen"],
            level="flemish", instrument="cooperation", budget="extra", estimate=2500000,
            plans=["VW"], start="2026Q4", end="2028Q4",
        ),
        dict(
            code="MOB-03", status="rejected", by="wim.verstraeten",
            title="Gratis rijbewijs voor alle werkzoekenden",
            description=(
                "Alle werkzoekenden krijgen de kosten van theorie- en praktijkopleiding voor het rijbewijs B "
                "volledig terugbetaald. Het rijbewijs is voor veel vacatures een vereiste."
            ),
            result="Meer werkzoekenden met een rijbewijs.",
            barrier="mobiliteit", groups=["kortgeschoolden-25-64"],
            lead="WEWIS", partners=["MOW"], orgs=["VDAB"],
            level="flemish", instrument="funding", budget="extra", estimate=9000000,
            plans=[], start="2026Q3", end="2027Q2",
            note="Niet weerhouden: het VIONA-onderzoek naar jobbereikbaarheid (2025) toont dat inzetten op "
            "autorijden maar een beperkt effect heeft, omdat de kosten van een auto blijven. De gerichte "
            "variant MOB-04 is wel weerhouden.",
        ),
        dict(
            code="MOB-04", status="in_progress", by="lid",
            title="Rijbewijstraject gekoppeld aan een concrete vacature",
            description=(
                "Werkzoekenden die een job kunnen starten waarvoor een rijbewijs nodig is, volgen een "
                "begeleid traject met theorie, praktijklessen en examen. VDAB neemt de kosten ten laste als "
                "de werkgever de aanwerving schriftelijk bevestigt. Het traject loopt parallel met een "
                "opleiding op de werkvloer."
            ),
            result="800 trajecten per jaar, waarvan 80% uitmondt in een vaste aanwerving.",
            barrier="mobiliteit", also=["opleiding"], groups=["kortgeschoolden-25-64"],
            lead="WEWIS", partners=["MOW"], orgs=["VDAB"],
            level="flemish", instrument="funding", budget="existing",
            plans=["VW", "BO"], start="2026Q3", end="2027Q4",
        ),
        dict(
            code="MOB-05", status="retained", by="voorzitter",
            title="Kinderopvang bij mobiliteitsknooppunten",
            description=(
                "Ouders die met het openbaar vervoer naar het werk gaan, verliezen veel tijd met omwegen "
                "langs de kinderopvang. We onderzoeken met Opgroeien en lokale besturen waar kinderopvang "
                "aan of vlak bij Hoppinpunten en stations kan worden ingericht. De eerste locaties worden "
                "gekozen op basis van het aantal pendelende ouders."
            ),
            result="Vijf proeflocaties met kinderopvang aan een mobiliteitsknooppunt, geëvalueerd in 2028.",
            barrier="mobiliteit", also=["zorgtaken"], groups=["vrouwen-migratieachtergrond", "huisvrouwen-huismannen"],
            lead="WVG", partners=["MOW"], orgs=["Opgroeien", "Lokale besturen", "Vervoerregio's"],
            level="local", instrument="cooperation", budget="extra", estimate=750000,
            plans=[], start="2027Q1", end="2028Q2",
            comments=[("sarah.vanacker", "Vanuit de werkgroep Zorgtaken steunen we dit; de regelgeving "
                       "rond locatievereisten verdient aandacht.", "submitted")],
        ),
        dict(
            code="MOB-06", status="completed", by="wim.verstraeten",
            title="Fietslessen voor volwassen werkzoekenden",
            description=(
                "Een gebrek aan fietsvaardigheid beperkt het aantal bereikbare jobs. Lokale besturen "
                "organiseren met fietsscholen korte lesreeksen voor volwassenen, met voorrang voor "
                "werkzoekenden en nieuwkomers. VDAB verwijst door."
            ),
            result="In tien gemeenten leren 400 volwassenen fietsen in het verkeer.",
            barrier="mobiliteit", also=["integratie-taal"], groups=["vrouwen-migratieachtergrond"],
            lead="MOW", partners=["WEWIS"], orgs=["Lokale besturen", "VDAB"],
            level="local", instrument="service", budget="existing",
            plans=["AA"], start="2026Q3", end="2026Q4",
            note="Gerealiseerd: in elf gemeenten rondden 437 volwassenen de lessenreeks af.",
        ),
        dict(
            code="MOB-07", status="in_progress", by="lid",
            title="Elektrische fiets op proef bij de start van een job",
            description=(
                "Wie een job start op fietsafstand krijgt drie maanden een elektrische fiets in bruikleen. "
                "Daarna kan de werknemer de fiets tegen een voordelig tarief overnemen of leasen via de "
                "werkgever."
            ),
            result="1.000 uitleenbeurten per jaar; de helft van de deelnemers blijft met de fiets naar het werk gaan.",
            barrier="mobiliteit", groups=["kortgeschoolden-25-64", "jongeren-neet"],
            lead="MOW", partners=["WEWIS"], orgs=["Dep. MOW", "VDAB"],
            level="flemish", instrument="service", budget="extra", estimate=600000,
            plans=["VW"], start="2026Q4", end="2027Q4",
        ),
        dict(
            code="MOB-08", status="submitted", by="hanne.lambrecht",
            title="Abonnement De Lijn aan sociaal tarief tijdens het eerste werkjaar",
            description=(
                "De kost van een vervoersabonnement weegt zwaar op een eerste loon. Werknemers die uit "
                "een leefloon of langdurige werkloosheid komen, krijgen het eerste jaar een abonnement "
                "aan sociaal tarief. De werkgeverstussenkomst blijft behouden."
            ),
            result="Geen financiële drempel meer voor het openbaar vervoer in het eerste werkjaar.",
            barrier="mobiliteit", also=["armoede"], groups=["leefloongerechtigden"],
            lead="MOW", partners=["WEWIS"], orgs=["De Lijn", "Lokale besturen"],
            level="flemish", instrument="funding", budget="extra", estimate=1800000,
            plans=[], start="2027Q1", end="2027Q4",
        ),
        dict(
            code="MOB-09", status="adopted", by="voorzitter",
            title="Jobbereikbaarheid als criterium in de vervoerplannen",
            description=(
                "Zeven op tien jobs zijn vandaag alleen haalbaar bereikbaar met de auto. De vervoerregio's "
                "nemen de bereikbaarheid van tewerkstellingsgebieden met openbaar vervoer en fiets op als "
                "expliciet criterium bij de herziening van hun regionale mobiliteitsplannen."
            ),
            result="Elk regionaal mobiliteitsplan bevat een analyse van jobbereikbaarheid en concrete verbeteringen.",
            barrier="mobiliteit", groups=["kortgeschoolden-25-64"],
            lead="MOW", partners=["WEWIS", "OMG"], orgs=["Vervoerregio's", "Dep. MOW"],
            level="flemish", instrument="regulation", budget="neutral",
            plans=[], start="2026Q4", end="2028Q2",
        ),
        dict(
            code="MOB-10", status="merged", by="hanne.lambrecht", into="MOB-02",
            title="Aanvullend vervoer voor ploegenarbeid",
            description=(
                "Vroege en late ploegen vallen buiten de dienstregeling. We voorzien aanvullend vervoer op "
                "de uren waarop ploegen wisselen."
            ),
            result="Ploegenarbeid wordt bereikbaar zonder auto.",
            barrier="mobiliteit", groups=["kortgeschoolden-25-64"],
            lead="MOW", partners=[], orgs=["De Lijn"],
            level="flemish", instrument="service", budget="extra",
            plans=[], start="2027Q1", end="2027Q4",
        ),
        dict(
            code="MOB-11", status="draft", by="lid",
            title="Mobiliteitsadvies als vast onderdeel van de begeleiding",
            description=(
                "Bemiddelaars bespreken bij de start van elke begeleiding hoe de werkzoekende zich "
                "verplaatst en welke jobs daarmee bereikbaar zijn. Zo worden mobiliteitsdrempels vroeg "
                "zichtbaar en kan het zoekgebied gericht worden verruimd."
            ),
            result="Elke werkzoekende in intensieve begeleiding krijgt een mobiliteitsadvies.",
            barrier="mobiliteit", groups=["kortgeschoolden-25-64", "leefloongerechtigden"],
            lead="WEWIS", partners=["MOW"], orgs=["VDAB"],
            level="flemish", instrument="service", budget="existing",
            plans=["AA", "BO"], start="2027Q1", end="2027Q4",
            revise=dict(by="voorzitter", intended_result="Elke werkzoekende in intensieve begeleiding krijgt "
                        "binnen de eerste maand een mobiliteitsadvies, vastgelegd in het dossier."),
        ),
        dict(
            code="MOB-12", status="draft", by="lid",
            title="Jobbereikbaarheidskaart voor bemiddelaars",
            description=(
                "Een kaart toont per vacature hoe lang de verplaatsing duurt met openbaar vervoer, fiets en "
                "deelmobiliteit vanaf het adres van de werkzoekende. De kaart gebruikt de gegevens van het "
                "VIONA-onderzoek naar jobbereikbaarheid."
            ),
            result="Bemiddelaars zien bij elke match of de job haalbaar bereikbaar is.",
            barrier="mobiliteit", groups=["kortgeschoolden-25-64"],
            lead="WEWIS", partners=["MOW"], orgs=["VDAB", "Dep. WEWIS"],
            level="flemish", instrument="data", budget="existing",
            plans=["VW"], start="2027Q2", end="2027Q4",
        ),
        dict(
            code="MOB-13", status="draft", by="wim.verstraeten",
            sent_back="Graag het beoogde resultaat meetbaar maken en aangeven welke gemeenten deelnemen; "
            "daarna kan de actie opnieuw worden ingediend.",
            title="Lokale mobiliteitspunten voor werkzoekenden",
            description=(
                "In de sociale huizen komt een mobiliteitspunt waar werkzoekenden terechtkunnen met vragen "
                "over abonnementen, deelfietsen en vervoer op maat."
            ),
            result="Werkzoekenden vinden makkelijker hun weg naar passende vervoersoplossingen.",
            barrier="mobiliteit", also=["armoede"], groups=["leefloongerechtigden"],
            lead="MOW", partners=["WVG"], orgs=["Lokale besturen"],
            level="local", instrument="service", budget="neutral",
            plans=[], start="2027Q1", end="2027Q4",
        ),
    ],
    "GEZ": [
        dict(
            code="GEZ-01", status="adopted", by="thomas.bogaert",
            title="Eén wegwijzer over rechten bij werkhervatting",
            description=(
                "Informatie over rechten en ondersteuning bij werkhervatting is versnipperd over VDAB, "
                "ziekenfondsen, RIZIV en FOD Sociale Zaken. We bundelen die in één online wegwijzer met "
                "concrete situaties (deeltijds hervatten, redelijke aanpassingen, combinatie met een "
                "uitkering). Een contactpunt bij VDAB beantwoordt vragen die de wegwijzer niet dekt."
            ),
            result="Eén plek waar personen met een arbeidsbeperking en hun begeleiders lezen waarop ze kunnen rekenen.",
            barrier="gezondheid-arbeidsbeperking", groups=["arbeidshandicap", "arbeidsongeschikten"],
            lead="WEWIS", partners=["WVG"], orgs=["VDAB", "RIZIV", "FOD SZ"],
            level="flemish", instrument="service", budget="existing",
            plans=["BNW"], start="2026Q4", end="2027Q3",
        ),
        dict(
            code="GEZ-02", status="adopted", by="ines.dhondt",
            title="Signaal aan de federale overheid over de inkomenstoets op gezinsniveau",
            description=(
                "De inkomenstoets op huishoudniveau bij de federale tegemoetkomingen voor personen met een "
                "handicap ontmoedigt werken en samenwonen. Vlaanderen bezorgt de federale overheid een "
                "onderbouwd signaal met voorbeelden uit de praktijk en vraagt een aanpassing."
            ),
            result="Een gedragen Vlaams standpunt dat in het overleg met de federale overheid wordt ingebracht.",
            barrier="gezondheid-arbeidsbeperking", also=["inactiviteitsvallen"], groups=["arbeidshandicap"],
            lead="WVG", partners=["WEWIS"], orgs=["VAPH", "FOD SZ"],
            level="federal_signal", instrument="regulation", budget="neutral",
            plans=[], start="2026Q3", end="2026Q4",
        ),
        dict(
            code="GEZ-03", status="in_progress", by="thomas.bogaert",
            title="Re-integratietrajecten samen met adviserend artsen",
            description=(
                "VDAB en de ziekenfondsen verhogen het aantal re-integratietrajecten voor langdurig zieken. "
                "Adviserend artsen bespreken werk vroeger in de arbeidsongeschiktheid en verwijzen door "
                "naar een VDAB-traject. Trajecten starten met een gedeelde intake."
            ),
            result="12.000 nieuwe re-integratietrajecten voor 2024, de doelstelling die met het RIZIV werd afgesproken.",
            barrier="gezondheid-arbeidsbeperking", groups=["arbeidsongeschikten"],
            lead="WEWIS", partners=["WVG"], orgs=["VDAB", "RIZIV"],
            level="flemish", instrument="cooperation", budget="existing",
            plans=["BO", "VW"], start="2026Q3", end="2028Q4",
        ),
        dict(
            code="GEZ-04", status="in_progress", by="marleen.claessens",
            title="Snellere toeleiding na definitieve ongeschiktheid via de arbeidsarts",
            description=(
                "Werknemers die definitief ongeschikt worden verklaard voor hun job, vallen vaak tussen "
                "twee stoelen. Preventiediensten verwijzen hen na het oordeel van de arbeidsarts meteen "
                "door naar VDAB, met hun toestemming. Het proefproject met twee externe diensten wordt "
                "veralgemeend."
            ),
            result="Alle externe diensten voor preventie en bescherming op het werk verwijzen systematisch door.",
            barrier="gezondheid-arbeidsbeperking", also=["ondersteuning-werkgevers"], groups=["arbeidsongeschikten"],
            lead="WEWIS", partners=["WVG"], orgs=["VDAB", "Dep. Zorg"],
            level="flemish", instrument="cooperation", budget="neutral",
            plans=["BO"], start="2026Q3", end="2027Q2",
        ),
        dict(
            code="GEZ-05", status="retained", by="ines.dhondt",
            title="Stageplaatsen voor jongeren met een beperking bij de Vlaamse overheid",
            description=(
                "Jongeren met een beperking vinden moeilijk een geschikte stageplek. De Vlaamse overheid "
                "gaat als werkgever het goede voorbeeld geven met een jaarlijks aantal stageplaatsen met "
                "begeleiding en de nodige aanpassingen."
            ),
            result="Jaarlijks 100 stageplaatsen voor jongeren met een beperking binnen de Vlaamse overheid.",
            barrier="gezondheid-arbeidsbeperking", also=["onderwijs-arbeidsmarkt"],
            groups=["arbeidshandicap", "jongeren-neet"],
            lead="KBBJ", partners=["OV", "WVG"], orgs=["VAPH", "GO!"],
            level="flemish", instrument="service", budget="existing",
            plans=[], start="2027Q1", end="2028Q4",
        ),
        dict(
            code="GEZ-06", status="completed", by="marleen.claessens",
            title="Campagne over redelijke aanpassingen voor werkgevers",
            description=(
                "Werkgevers vrezen vaak een lagere productiviteit of negatieve reacties in het team. Een "
                "campagne met getuigenissen van werkgevers toont hoe redelijke aanpassingen in de praktijk "
                "werken en waar ze ondersteuning vinden. Ook de aanpassingen bij sollicitaties en "
                "opleidingen komen aan bod."
            ),
            result="Werkgevers kennen hun plicht tot redelijke aanpassingen en de beschikbare ondersteuning.",
            barrier="gezondheid-arbeidsbeperking", also=["ondersteuning-werkgevers", "discriminatie"],
            groups=["arbeidshandicap"],
            lead="WEWIS", partners=["WVG"], orgs=["VDAB", "Dep. WEWIS"],
            level="flemish", instrument="awareness", budget="existing",
            plans=["BNW"], start="2026Q3", end="2026Q4",
            note="Gerealiseerd: de campagne liep in september en oktober 2026 en bereikte ruim 9.000 werkgevers.",
        ),
        dict(
            code="GEZ-07", status="submitted", by="ines.dhondt",
            title="Ondersteuning wordt niet duurder bij werkhervatting",
            description=(
                "Wie betaald werk opneemt, betaalt soms meer voor Vlaamse ondersteuning, zoals de eigen "
                "bijdrage voor zorg. We brengen die effecten in kaart en passen de berekening aan zodat "
                "werken altijd loont."
            ),
            result="Geen enkele Vlaamse bijdrageregeling maakt werkhervatting financieel onaantrekkelijk.",
            barrier="gezondheid-arbeidsbeperking", also=["inactiviteitsvallen"], groups=["arbeidshandicap"],
            lead="WVG", partners=["FB"], orgs=["VAPH", "Dep. Zorg"],
            level="flemish", instrument="regulation", budget="extra", estimate=400000,
            plans=[], start="2027Q1", end="2027Q4",
        ),
        dict(
            code="GEZ-08", status="merged", by="thomas.bogaert", into="GEZ-06",
            title="Handleiding aanpassingen bij sollicitaties",
            description=(
                "Een handleiding voor selectieverantwoordelijken over aanpassingen tijdens sollicitaties, "
                "zoals extra tijd of een toegankelijke testomgeving."
            ),
            result="Sollicitaties zijn toegankelijk voor kandidaten met een beperking.",
            barrier="gezondheid-arbeidsbeperking", also=["discriminatie"], groups=["arbeidshandicap"],
            lead="WEWIS", partners=[], orgs=["VDAB"],
            level="flemish", instrument="awareness", budget="neutral",
            plans=[], start="2026Q3", end="2026Q4",
        ),
        dict(
            code="GEZ-09", status="stopped", by="thomas.bogaert",
            title="Werk bespreekbaar maken bij huisartsen",
            description=(
                "Huisartsen bespreken werk nog te weinig met patiënten die lang ziek zijn. Via nascholing en "
                "een mailing aan huisartsen maken we het aanbod van VDAB en partners bekend en "
                "benadrukken we dat werk herstellend kan zijn."
            ),
            result="Meer doorverwijzingen van huisartsen naar een traject naar werk.",
            barrier="gezondheid-arbeidsbeperking", groups=["arbeidsongeschikten"],
            lead="WVG", partners=["WEWIS"], orgs=["Dep. Zorg", "VDAB"],
            level="flemish", instrument="awareness", budget="existing",
            plans=[], start="2026Q3", end="2027Q2",
            note="Stopgezet: de federale overheid start een gelijkaardige sensibilisering van huisartsen "
            "binnen het Terug Naar Werk-beleid. Dubbel werk vermijden; VDAB levert input aan de federale campagne.",
        ),
        dict(
            code="GEZ-10", status="draft", by="thomas.bogaert",
            title="Jobcoaching na werkhervatting bij psychische kwetsbaarheid",
            description=(
                "Na een periode van psychische problemen loopt werkhervatting vaak mis in de eerste maanden. "
                "Een jobcoach volgt werknemer en werkgever op tot een jaar na de start, in samenwerking met "
                "de behandelend hulpverlener."
            ),
            result="Minder uitval in het eerste jaar na werkhervatting.",
            barrier="gezondheid-arbeidsbeperking", groups=["arbeidsongeschikten"],
            lead="WEWIS", partners=["WVG"], orgs=["VDAB", "Dep. Zorg"],
            level="flemish", instrument="service", budget="extra", estimate=900000,
            plans=["VW"], start="2027Q2", end="2028Q2",
        ),
        dict(
            code="GEZ-11", status="rejected", by="marleen.claessens",
            title="Nieuwe koppeling van VDAB- en RIZIV-gegevens over uitstroom",
            description=(
                "We koppelen gegevens van VDAB en RIZIV om de uitstroom van langdurig zieken naar werk "
                "per regio te volgen."
            ),
            result="Een regionaal beeld van de uitstroom naar werk.",
            barrier="gezondheid-arbeidsbeperking", groups=["arbeidsongeschikten"],
            lead="WEWIS", partners=["WVG"], orgs=["VDAB", "RIZIV"],
            level="flemish", instrument="data", budget="extra", estimate=250000,
            plans=[], start="2026Q4", end="2027Q4",
            note="Niet weerhouden: de Terug Naar Werk-barometer van het RIZIV levert deze cijfers al; WEWIS "
            "neemt ze op in de monitoring van het actieplan.",
        ),
    ],
    "ZORG": [
        dict(
            code="ZORG-01", status="adopted", by="sarah.vanacker",
            title="Extra plaatsen met inkomenstarief in gemeenten met een lage werkzaamheidsgraad",
            description=(
                "Veel ouders vinden geen betaalbare plaats in de kinderopvang, en dan neemt meestal de moeder "
                "de zorg op. We richten de uitbreiding van plaatsen met een inkomensgerelateerd tarief eerst "
                "op gemeenten met een lage werkzaamheidsgraad en een hoog aandeel gezinnen zonder werk."
            ),
            result="3.000 extra plaatsen met inkomenstarief tegen eind 2028 in de prioritaire gemeenten.",
            barrier="zorgtaken", groups=["huisvrouwen-huismannen", "vrouwen-migratieachtergrond"],
            lead="WVG", partners=["WEWIS"], orgs=["Opgroeien", "Lokale besturen"],
            level="flemish", instrument="funding", budget="extra", estimate=18000000,
            plans=["BNW"], start="2027Q1", end="2028Q4",
        ),
        dict(
            code="ZORG-02", status="in_progress", by="fatima.bennani",
            title="Flexibele en occasionele opvang voor ouders in opleiding of met wisselende uren",
            description=(
                "Het aanbod in de kinderopvang is te weinig flexibel voor wie onregelmatige uren, tijdelijke "
                "contracten of een opleiding heeft. We breiden het aanbod van flexibele en occasionele opvang "
                "uit, ook tijdens taal- en inburgeringslessen en VDAB-opleidingen."
            ),
            result="In elke centrumstad is binnen twee weken occasionele opvang beschikbaar voor ouders in een "
            "traject.",
            barrier="zorgtaken", also=["integratie-taal"],
            groups=["vrouwen-migratieachtergrond", "huisvrouwen-huismannen"],
            lead="WVG", partners=["WEWIS", "KBBJ"], orgs=["Opgroeien", "VDAB", "AgII"],
            level="flemish", instrument="service", budget="extra", estimate=4000000,
            plans=["VW"], start="2026Q3", end="2028Q2",
        ),
        dict(
            code="ZORG-03", status="adopted", by="sarah.vanacker",
            title="Voorrang in de kinderopvang bij de start van een job of opleiding",
            description=(
                "Ouders die een job of opleiding vinden, moeten snel opvang hebben. We passen de "
                "voorrangsregels aan zodat ouders die uit werkloosheid of inactiviteit komen voorrang "
                "krijgen bij een plaats met inkomenstarief."
            ),
            result="Ouders die een job of opleiding starten, vinden binnen een maand een plaats.",
            barrier="zorgtaken", groups=["huisvrouwen-huismannen", "leefloongerechtigden"],
            lead="WVG", partners=["WEWIS"], orgs=["Opgroeien"],
            level="flemish", instrument="regulation", budget="neutral",
            plans=[], start="2026Q4", end="2027Q2",
        ),
        dict(
            code="ZORG-04", status="submitted", by="bram.hermans",
            title="Ruimte voor kinderopvang op of nabij de werkvloer",
            description=(
                "De strikte regelgeving laat weinig ruimte voor innovatieve vormen van opvang, zoals "
                "initiatieven van werkgevers op een bedrijventerrein. We voorzien een proefkader waarin "
                "zulke initiatieven kunnen starten met behoud van de kwaliteitseisen."
            ),
            result="Een proefkader en vijf initiatieven van werkgevers tegen 2028.",
            barrier="zorgtaken", also=["mobiliteit"], groups=["huisvrouwen-huismannen"],
            lead="WVG", partners=["WEWIS"], orgs=["Opgroeien"],
            level="flemish", instrument="regulation", budget="neutral",
            plans=[], start="2027Q2", end="2028Q4",
        ),
        dict(
            code="ZORG-05", status="completed", by="fatima.bennani",
            title="Kennismaken met de kinderopvang via de Huizen van het Kind",
            description=(
                "Sommige ouders, onder wie nieuwkomers, hebben weinig vertrouwen in de kinderopvang, onder "
                "meer door verschillen in zorgcultuur. Huizen van het Kind organiseren kennismakingsmomenten "
                "in de opvang, met tolken waar nodig."
            ),
            result="Meer ouders met een migratieachtergrond maken gebruik van formele kinderopvang.",
            barrier="zorgtaken", also=["integratie-taal"], groups=["vrouwen-migratieachtergrond"],
            lead="WVG", partners=["KBBJ"], orgs=["Opgroeien", "Lokale besturen", "AgII"],
            level="local", instrument="awareness", budget="existing",
            plans=[], start="2026Q3", end="2026Q4",
            note="Gerealiseerd: 64 kennismakingsmomenten in 22 gemeenten; de aanpak wordt opgenomen in de "
            "reguliere werking van de Huizen van het Kind.",
        ),
        dict(
            code="ZORG-06", status="retained", by="bram.hermans",
            title="Simulator: wat houd ik over als ik werk en opvang betaal?",
            description=(
                "Ouders twijfelen of werken loont als ze ook kinderopvang moeten betalen. Een eenvoudige "
                "simulator berekent het netto-inkomen met en zonder werk, rekening houdend met het "
                "inkomenstarief, het Groeipakket en de tussenkomst van VDAB. Bemiddelaars en Huizen van "
                "het Kind gebruiken hem in gesprekken."
            ),
            result="Ouders beslissen op basis van correcte cijfers over werk en opvang.",
            barrier="zorgtaken", also=["inactiviteitsvallen"], groups=["huisvrouwen-huismannen"],
            lead="WEWIS", partners=["WVG"], orgs=["VDAB", "Opgroeien"],
            level="flemish", instrument="data", budget="existing",
            plans=["VW"], start="2027Q1", end="2027Q3",
        ),
        dict(
            code="ZORG-07", status="draft", by="bram.hermans",
            title="Werk en mantelzorg combineren met respijtzorg",
            description=(
                "37,1% van de 26-64-jarigen is actief mantelzorger. Wie zorgt voor een naaste, valt soms uit "
                "de arbeidsmarkt. We maken respijtzorg en dagopvang beter bekend bij werkende en "
                "werkzoekende mantelzorgers en stemmen de openingsuren af op werkuren."
            ),
            result="Mantelzorgers kunnen werk en zorg combineren zonder hun job op te geven.",
            barrier="zorgtaken", groups=["huisvrouwen-huismannen"],
            lead="WVG", partners=["WEWIS"], orgs=["Dep. Zorg", "Lokale besturen"],
            level="flemish", instrument="service", budget="existing",
            plans=[], start="2027Q2", end="2028Q2",
        ),
        dict(
            code="ZORG-08", status="retained", by="sarah.vanacker",
            title="Competenties uit zorgtaken erkennen",
            description=(
                "De ervaring die mensen opdoen met zorgtaken sluit niet altijd aan bij hun professionele "
                "ambities. Via de erkenning van verworven competenties kunnen zij die ervaring laten "
                "meetellen voor een opleiding of beroepskwalificatie in de zorg of kinderopvang."
            ),
            result="Een verkort traject naar een beroepskwalificatie voor mantelzorgers en ouders.",
            barrier="zorgtaken", also=["opleiding"], groups=["huisvrouwen-huismannen"],
            lead="OV", partners=["WEWIS", "WVG"], orgs=["AHOVOKS", "VDAB"],
            level="flemish", instrument="regulation", budget="existing",
            plans=[], start="2027Q1", end="2028Q1",
        ),
        dict(
            code="ZORG-09", status="draft", by="fatima.bennani",
            title="Opvang na schooltijd voor kinderen met een beperking",
            description=(
                "Ouders van kinderen met een beperking vinden zelden buitenschoolse opvang die aan de "
                "zorgnoden beantwoordt. Daardoor werkt vaak een van de ouders niet of deeltijds."
            ),
            result="Inclusieve buitenschoolse opvang in elke regio.",
            barrier="zorgtaken", also=["gezondheid-arbeidsbeperking"], groups=["huisvrouwen-huismannen"],
            lead="WVG", partners=["OV"], orgs=["Opgroeien", "VAPH", "Lokale besturen"],
            level="local", instrument="funding", budget="extra",
            plans=[], start="2027Q3", end="2028Q4",
        ),
        dict(
            code="ZORG-10", status="merged", by="fatima.bennani", into="ZORG-02",
            title="Kinderopvang tijdens taal- en inburgeringslessen",
            description=(
                "Moeders met jonge kinderen haken af bij taallessen omdat er geen opvang is. We voorzien "
                "opvang tijdens de lesuren."
            ),
            result="Meer moeders volgen taal- en inburgeringslessen.",
            barrier="zorgtaken", also=["integratie-taal"], groups=["vrouwen-migratieachtergrond"],
            lead="WVG", partners=["KBBJ"], orgs=["Opgroeien", "AgII"],
            level="local", instrument="service", budget="extra",
            plans=["VDA"], start="2026Q3", end="2027Q4",
        ),
        dict(
            code="ZORG-11", status="rejected", by="bram.hermans",
            title="Uitbreiding van het zorgverlof voor mantelzorgers",
            description=(
                "Mantelzorgers krijgen meer verlofdagen om zorg en werk te combineren."
            ),
            result="Minder uitval van werkende mantelzorgers.",
            barrier="zorgtaken", groups=["huisvrouwen-huismannen"],
            lead="WEWIS", partners=[], orgs=[],
            level="federal_signal", instrument="regulation", budget="neutral",
            plans=[], start="2027Q1", end="2027Q4",
            note="Niet weerhouden als actie: verlofstelsels zijn een federale bevoegdheid. Het signaal wordt "
            "meegenomen in het overleg met de federale overheid.",
        ),
    ],
    "INT": [
        dict(
            code="INT-01", status="in_progress", by="elif.yilmaz",
            title="Geïntegreerde trajecten van taal, inburgering en opleiding",
            description=(
                "Werk combineren met taal- of inburgeringslessen is vaak moeilijk. Nieuwkomers volgen één "
                "traject waarin Nederlands, inburgering en een VDAB-opleiding op elkaar zijn afgestemd, met "
                "één trajectbegeleider. We bouwen voort op de proeftuinen van het plan Vlot en Duurzaam "
                "Activeren."
            ),
            result="De helft van de nieuwkomers in een geïntegreerd traject werkt binnen het jaar na de start.",
            barrier="integratie-taal", also=["digitale-vaardigheden"],
            groups=["migratieachtergrond-buiten-eu27", "vrouwen-migratieachtergrond"],
            lead="KBBJ", partners=["WEWIS", "OV"], orgs=["AgII", "VDAB", "AHOVOKS"],
            level="flemish", instrument="cooperation", budget="existing",
            plans=["VDA", "VW"], start="2026Q3", end="2028Q4",
            comments=[("joris.peeters", "VDAB kan de proeftuin in Gent als vertrekpunt nemen; de "
                       "trajectbegeleiding daar werkt goed.", "created"),
                      ("an.vermeulen", "Sterk voorstel. Graag in de afstemming INT-09 hierin opnemen.", "submitted")],
        ),
        dict(
            code="INT-02", status="adopted", by="joris.peeters",
            title="Taalcoaching op de werkvloer tijdens de eerste werkmaanden",
            description=(
                "Beperkte taalvaardigheid is de grootste drempel, maar hoeft een aanwerving niet tegen te "
                "houden. Werkgevers die een anderstalige aanwerven, krijgen taalcoaching op de werkvloer "
                "tijdens de eerste zes maanden."
            ),
            result="2.000 anderstalige werknemers per jaar krijgen taalcoaching op de werkvloer.",
            barrier="integratie-taal", groups=["migratieachtergrond-buiten-eu27"],
            lead="WEWIS", partners=["KBBJ"], orgs=["VDAB", "AgII"],
            level="flemish", instrument="service", budget="existing",
            plans=["VW", "BO"], start="2026Q4", end="2028Q4",
        ),
        dict(
            code="INT-03", status="in_progress", by="lies.devos",
            title="Snellere erkenning van buitenlandse diploma's",
            description=(
                "Hooggeschoolde nieuwkomers wachten lang op de erkenning van hun diploma en werken intussen "
                "onder hun niveau. We verkorten de doorlooptijd van de gelijkwaardigheidsprocedure en "
                "bieden een voorlopige beoordeling aan voor vacatures in knelpuntberoepen."
            ),
            result="Een beslissing over gelijkwaardigheid binnen drie maanden.",
            barrier="integratie-taal", groups=["migratieachtergrond-buiten-eu27"],
            lead="OV", partners=["WEWIS"], orgs=["AHOVOKS"],
            level="flemish", instrument="regulation", budget="extra", estimate=350000,
            plans=["BNW"], start="2026Q3", end="2027Q4",
        ),
        dict(
            code="INT-04", status="retained", by="elif.yilmaz",
            title="Inburgeringslessen 's avonds en in het weekend",
            description=(
                "Wie werkt of een opleiding volgt, kan overdag geen lessen maatschappelijke oriëntatie "
                "volgen. Het Agentschap Integratie en Inburgering breidt het aanbod 's avonds, in het "
                "weekend en digitaal uit."
            ),
            result="Nieuwkomers hoeven niet te kiezen tussen werk en inburgering.",
            barrier="integratie-taal", groups=["migratieachtergrond-buiten-eu27"],
            lead="KBBJ", partners=[], orgs=["AgII"],
            level="flemish", instrument="service", budget="existing",
            plans=[], start="2027Q1", end="2027Q4",
        ),
        dict(
            code="INT-05", status="adopted", by="elif.yilmaz",
            title="Trajecten naar werk voor vrouwelijke nieuwkomers",
            description=(
                "Vlaanderen kent de hoogste niet-beroepsactiviteit van alle OESO-landen bij vrouwen van de "
                "eerste generatie van buiten de EU. Trajecten op maat combineren taal, werkervaring en "
                "kinderopvang, en gaan in gesprek over rolpatronen en beroepsidentiteit. Vrouwen die het "
                "traject afrondden, worden ingezet als rolmodel."
            ),
            result="1.500 vrouwelijke nieuwkomers per jaar starten een traject; 40% werkt na achttien maanden.",
            barrier="integratie-taal", also=["zorgtaken"], groups=["vrouwen-migratieachtergrond"],
            lead="KBBJ", partners=["WEWIS", "WVG"], orgs=["AgII", "VDAB", "Lokale besturen"],
            level="flemish", instrument="service", budget="extra", estimate=3200000,
            plans=["VW", "VDA"], start="2026Q4", end="2028Q4",
        ),
        dict(
            code="INT-06", status="completed", by="joris.peeters",
            title="Ontmoetingsdagen tussen nieuwkomers en werkgevers",
            description=(
                "Nieuwkomers en bedrijven kennen elkaar vaak onvoldoende. In elke provincie organiseren VDAB "
                "en het Agentschap Integratie en Inburgering ontmoetingsdagen waar werkgevers en nieuwkomers "
                "elkaar leren kennen, met korte jobproeven ter plaatse."
            ),
            result="Vijf ontmoetingsdagen in 2026 met minstens 50 werkgevers per dag.",
            barrier="integratie-taal", groups=["migratieachtergrond-buiten-eu27"],
            lead="WEWIS", partners=["KBBJ"], orgs=["VDAB", "AgII"],
            level="flemish", instrument="cooperation", budget="existing",
            plans=["VW"], start="2026Q3", end="2026Q4",
            note="Gerealiseerd: vijf ontmoetingsdagen met 312 werkgevers en ruim 2.100 nieuwkomers; 280 aanwervingen.",
        ),
        dict(
            code="INT-07", status="submitted", by="lies.devos",
            title="Doorstroomtraject voor hooggeschoolde nieuwkomers",
            description=(
                "Hooggeschoolde nieuwkomers zoeken doorstroommogelijkheden naar een job op hun niveau. Een "
                "traject combineert Nederlands op hoger niveau, een bijscholing in het hoger onderwijs en "
                "een stage bij een werkgever."
            ),
            result="Hooggeschoolde nieuwkomers werken sneller op hun niveau.",
            barrier="integratie-taal", groups=["migratieachtergrond-buiten-eu27"],
            lead="OV", partners=["WEWIS"], orgs=["AHOVOKS", "VDAB"],
            level="flemish", instrument="service", budget="extra", estimate=800000,
            plans=[], start="2027Q2", end="2028Q2",
        ),
        dict(
            code="INT-08", status="draft", by="joris.peeters",
            title="Alfabetisering gecombineerd met werkplekleren",
            description=(
                "Een vijfde van de niet-EU-migranten heeft geen middelbaar onderwijs gevolgd. Kortgeschoolde "
                "nieuwkomers volgen basisvaardigheden en alfabetisering in combinatie met werkplekleren, in "
                "een flexibel tempo."
            ),
            result="Kortgeschoolde nieuwkomers doen werkervaring op terwijl ze basisvaardigheden verwerven.",
            barrier="integratie-taal", also=["opleiding"],
            groups=["migratieachtergrond-buiten-eu27", "kortgeschoolden-25-64"],
            lead="OV", partners=["WEWIS", "KBBJ"], orgs=["AHOVOKS", "VDAB"],
            level="flemish", instrument="service", budget="existing",
            plans=["VDA"], start="2027Q3", end="2028Q4",
            revise=dict(by="lies.devos", planned_end=date(2029, 6, 30)),
        ),
        dict(
            code="INT-09", status="merged", by="lies.devos", into="INT-01",
            title="Digitale vaardigheden in het inburgeringstraject",
            description=(
                "Nieuwkomers leren tijdens hun inburgering de digitale vaardigheden die nodig zijn om te "
                "solliciteren en met VDAB te communiceren."
            ),
            result="Nieuwkomers kunnen digitaal solliciteren.",
            barrier="digitale-vaardigheden", also=["integratie-taal"], groups=["migratieachtergrond-buiten-eu27"],
            lead="KBBJ", partners=[], orgs=["AgII", "DV"],
            level="flemish", instrument="service", budget="existing",
            plans=[], start="2026Q4", end="2027Q4",
        ),
        dict(
            code="INT-10", status="draft", by="joris.peeters",
            sent_back="De actie vraagt een engagement van werkgevers en sectoren. Graag aangeven wie trekt "
            "en hoe we de taaleisen in vacatures opvolgen.",
            title="Taaleisen in vacatures kritisch bekijken",
            description=(
                "Vacatures vragen soms een hoger taalniveau dan de job vereist. Bemiddelaars bespreken de "
                "taaleisen met werkgevers en stellen waar mogelijk een lager instapniveau voor, met "
                "taalcoaching na de aanwerving."
            ),
            result="Minder nieuwkomers worden uitgesloten door onnodig hoge taaleisen.",
            barrier="integratie-taal", also=["discriminatie"], groups=["migratieachtergrond-buiten-eu27"],
            lead="WEWIS", partners=[], orgs=["VDAB"],
            level="flemish", instrument="awareness", budget="neutral",
            plans=[], start="2027Q1", end="2027Q4",
        ),
        dict(
            code="INT-11", status="rejected", by="elif.yilmaz",
            title="Een tolk bij elk begeleidingsgesprek",
            description=(
                "Elke nieuwkomer krijgt bij elk gesprek met een bemiddelaar een tolk, tot het vereiste "
                "taalniveau is bereikt."
            ),
            result="Begeleidingsgesprekken verlopen zonder taalbarrière.",
            barrier="integratie-taal", groups=["migratieachtergrond-buiten-eu27"],
            lead="WEWIS", partners=["KBBJ"], orgs=["VDAB", "AgII"],
            level="flemish", instrument="service", budget="extra", estimate=5500000,
            plans=[], start="2026Q4", end="2027Q4",
            note="Niet weerhouden: budgettair niet haalbaar. Sociaal tolken en vertalen is al beschikbaar "
            "voor gesprekken waar het nodig is.",
        ),
    ],
    "OND": [
        dict(
            code="OND-01", status="adopted", by="dries.janssens",
            title="Een vast aanspreekpunt bij de overgang van school naar werk",
            description=(
                "Jongeren vinden moeilijk de weg naar ondersteunende organisaties omdat een vast "
                "aanspreekpunt ontbreekt. Elke jongere die de school verlaat zonder werk of verdere studie "
                "krijgt één contactpersoon die de overgang opvolgt tot een jaar na het verlaten van de school."
            ),
            result="Elke schoolverlater zonder werk of studie heeft binnen een maand een vast aanspreekpunt.",
            barrier="onderwijs-arbeidsmarkt", groups=["jongeren-neet"],
            lead="OV", partners=["WEWIS", "CJM"], orgs=["Dep. OV", "VDAB", "Lokale besturen"],
            level="flemish", instrument="cooperation", budget="extra", estimate=2200000,
            plans=["AA"], start="2026Q4", end="2028Q4",
        ),
        dict(
            code="OND-02", status="in_progress", by="thomas.bogaert",
            title="Warme overdracht van vroegtijdige schoolverlaters naar VDAB",
            description=(
                "5,8% van de 18-24-jarigen verliet in 2023 vroegtijdig de school. Scholen en centra voor "
                "leerlingenbegeleiding melden, met toestemming, jongeren die zonder diploma uitstromen aan "
                "VDAB. VDAB neemt binnen twee weken contact op."
            ),
            result="Alle vroegtijdige schoolverlaters worden binnen twee weken gecontacteerd.",
            barrier="onderwijs-arbeidsmarkt", groups=["jongeren-neet"],
            lead="OV", partners=["WEWIS"], orgs=["Dep. OV", "VDAB", "GO!", "KOV"],
            level="flemish", instrument="data", budget="existing",
            plans=["AA", "BO"], start="2026Q3", end="2027Q2",
        ),
        dict(
            code="OND-03", status="adopted", by="stijn.coppens",
            title="Meer leerjobs en duaal leren voor kwetsbare jongeren",
            description=(
                "Werkplekleren en alternatieve kwalificerende trajecten worden onvoldoende ingezet, waardoor "
                "jongeren ongekwalificeerd uitstromen. We werven extra werkplekken voor duaal leren en "
                "leerjobs en voorzien extra begeleiding voor jongeren die een zwaardere ondersteuning nodig "
                "hebben."
            ),
            result="1.000 extra werkplekken voor duaal leren, met begeleiding voor kwetsbare jongeren.",
            barrier="onderwijs-arbeidsmarkt", groups=["jongeren-neet", "arbeidshandicap"],
            lead="OV", partners=["WEWIS"], orgs=["Syntra", "Dep. OV", "GO!", "KOV"],
            level="flemish", instrument="funding", budget="extra", estimate=1500000,
            plans=["BNW"], start="2026Q4", end="2028Q4",
        ),
        dict(
            code="OND-04", status="merged", by="thomas.bogaert", into="GEZ-05",
            title="Stagebegeleiding voor jongeren met een arbeidsbeperking",
            description=(
                "Jongeren met een beperking vinden moeilijk een stageplek. Een stagecoach zoekt samen met "
                "school en werkgever een geschikte plek en de nodige aanpassingen."
            ),
            result="Meer jongeren met een beperking lopen stage.",
            barrier="onderwijs-arbeidsmarkt", also=["gezondheid-arbeidsbeperking"],
            groups=["jongeren-neet", "arbeidshandicap"],
            lead="OV", partners=["WVG"], orgs=["GO!", "VAPH"],
            level="flemish", instrument="service", budget="existing",
            plans=[], start="2026Q4", end="2027Q4",
        ),
        dict(
            code="OND-05", status="retained", by="noor.aerts",
            title="Jeugdwerk als vindplaats voor NEET-jongeren",
            description=(
                "Meer dan de helft van de NEET-jongeren heeft geen arbeidswens en bereikt VDAB niet. "
                "Jeugdwerkers kennen deze jongeren wel. We ondersteunen jeugdwerkorganisaties in "
                "kwetsbare wijken om jongeren toe te leiden naar begeleiding, met een vaste contactpersoon "
                "bij VDAB."
            ),
            result="Jeugdwerk in twintig gemeenten leidt jaarlijks 600 NEET-jongeren toe naar begeleiding.",
            barrier="onderwijs-arbeidsmarkt", also=["motivatie"], groups=["jongeren-neet"],
            lead="CJM", partners=["WEWIS"], orgs=["Dep. CJM", "VDAB", "Lokale besturen"],
            level="local", instrument="cooperation", budget="extra", estimate=900000,
            plans=["AA"], start="2027Q1", end="2028Q4",
        ),
        dict(
            code="OND-06", status="submitted", by="amber.vandenberghe",
            title="Loopbaanoriëntatie voor meisjes met een migratieachtergrond",
            description=(
                "De schoolloopbaan wordt nog niet volledig benut als voorbereiding op de arbeidsmarkt, "
                "bijvoorbeeld voor meisjes met een migratieachtergrond. Scholen organiseren in de tweede en "
                "derde graad loopbaanoriëntatie met rolmodellen en bedrijfsbezoeken."
            ),
            result="Meisjes met een migratieachtergrond kiezen vaker een studie of job met goede kansen.",
            barrier="onderwijs-arbeidsmarkt", also=["integratie-taal"],
            groups=["jongeren-neet", "vrouwen-migratieachtergrond"],
            lead="OV", partners=["KBBJ"], orgs=["GO!", "KOV", "AgII"],
            level="flemish", instrument="awareness", budget="existing",
            plans=[], start="2027Q1", end="2028Q2",
        ),
        dict(
            code="OND-07", status="draft", by="amber.vandenberghe",
            title="Kwalificerend traject voor jongeren die zonder diploma uitstroomden",
            description=(
                "Jongeren die zonder diploma de school verlieten, kunnen een kwalificatie behalen in een "
                "traject dat werken en leren combineert. Het traject erkent wat ze al op de werkvloer leerden."
            ),
            result="Jongeren zonder diploma behalen een beroepskwalificatie terwijl ze werken.",
            barrier="onderwijs-arbeidsmarkt", also=["opleiding"], groups=["jongeren-neet"],
            lead="OV", partners=["WEWIS"], orgs=["AHOVOKS", "Syntra"],
            level="flemish", instrument="regulation", budget="existing",
            plans=[], start="2027Q3", end="2028Q4",
        ),
        dict(
            code="OND-08", status="rejected", by="stijn.coppens",
            title="Premie voor jongeren die terugkeren naar school",
            description=(
                "Jongeren die na een onderbreking hun opleiding hervatten, krijgen een eenmalige premie."
            ),
            result="Meer jongeren hervatten hun opleiding.",
            barrier="onderwijs-arbeidsmarkt", groups=["jongeren-neet"],
            lead="OV", partners=[], orgs=[],
            level="flemish", instrument="funding", budget="extra", estimate=2000000,
            plans=[], start="2027Q1", end="2027Q4",
            note="Niet weerhouden: geen aanwijzingen dat een premie werkt voor deze groep. De middelen gaan "
            "beter naar begeleiding (OND-01).",
        ),
        dict(
            code="OND-09", status="stopped", by="noor.aerts",
            title="Werkervaringsplaatsen bij lokale besturen voor NEET-jongeren",
            description=(
                "Lokale besturen bieden NEET-jongeren een werkervaringsplaats van drie maanden, met "
                "begeleiding door een mentor."
            ),
            result="200 jongeren per jaar doen werkervaring op bij een lokaal bestuur.",
            barrier="onderwijs-arbeidsmarkt", also=["werkervaring"], groups=["jongeren-neet"],
            lead="WEWIS", partners=["CJM"], orgs=["Lokale besturen", "VDAB"],
            level="local", instrument="service", budget="existing",
            plans=[], start="2026Q3", end="2027Q2",
            note="Stopgezet na de eerste maanden: te weinig deelnemers in de proefgemeenten. De toeleiding "
            "loopt voortaan via het jeugdwerk (OND-05).",
        ),
        dict(
            code="OND-10", status="completed", by="dries.janssens",
            title="Monitor van NEET-jongeren per gemeente",
            description=(
                "Lokale besturen missen zicht op het aantal NEET-jongeren in hun gemeente. We maken een "
                "jaarlijkse monitor op basis van gekoppelde onderwijs- en arbeidsmarktgegevens, met "
                "cijfers per gemeente."
            ),
            result="Elke gemeente kent jaarlijks het aantal en het profiel van haar NEET-jongeren.",
            barrier="onderwijs-arbeidsmarkt", groups=["jongeren-neet"],
            lead="WEWIS", partners=["OV"], orgs=["Dep. WEWIS", "Dep. OV"],
            level="flemish", instrument="data", budget="existing",
            plans=["BNW"], start="2026Q3", end="2026Q4",
            note="Gerealiseerd: de eerste editie van de monitor is in november 2026 gepubliceerd.",
        ),
        dict(
            code="OND-11", status="submitted", by="stijn.coppens",
            title="Digitale basisvaardigheden in het volwassenenonderwijs",
            description=(
                "Jongvolwassenen zonder diploma zijn vaak weinig digitaal vaardig, wat solliciteren en "
                "werken bemoeilijkt. Centra voor volwassenenonderwijs bieden korte modules digitale "
                "basisvaardigheden aan, gekoppeld aan een beroepsopleiding."
            ),
            result="Digitale basisvaardigheden zijn geen drempel meer om een job te starten.",
            barrier="digitale-vaardigheden", also=["onderwijs-arbeidsmarkt"],
            groups=["jongeren-neet", "kortgeschoolden-25-64"],
            lead="OV", partners=["WEWIS"], orgs=["AHOVOKS", "DV"],
            level="flemish", instrument="service", budget="existing",
            plans=[], start="2027Q1", end="2027Q4",
        ),
    ],
}

# Proposals from policy domains in phase 2 (no working group).
DOMAIN_ACTIONS: list[dict] = [
    dict(
        domain="OMG", code="OMG-01", status="adopted", by="jan.mertens",
        title="Bereikbaarheid van werk bij de ontwikkeling van bedrijventerreinen",
        description=(
            "Nieuwe en heringerichte bedrijventerreinen worden vaak ontwikkeld zonder vlotte verbinding "
            "met openbaar vervoer of fietsnetwerk. Bij de ruimtelijke planning van bedrijventerreinen "
            "wordt bereikbaarheid zonder auto een voorwaarde."
        ),
        result="Elk nieuw bedrijventerrein is bereikbaar met fiets en openbaar vervoer.",
        barrier="mobiliteit", also=["huisvesting"], groups=["kortgeschoolden-25-64"],
        lead="OMG", partners=["MOW", "WEWIS"], orgs=["Dep. Omgeving", "Lokale besturen"],
        level="flemish", instrument="regulation", budget="neutral",
        plans=[], start="2026Q4", end="2028Q4",
    ),
    dict(
        domain="CJM", code="CJM-01", status="merged", by="karen.smets", into="OND-05",
        title="Verenigingen als opstap naar werkervaring",
        description=(
            "Sport- en jeugdverenigingen bieden vrijwilligerswerk aan waarin jongeren vaardigheden opdoen "
            "die op de arbeidsmarkt tellen."
        ),
        result="Jongeren bouwen via vrijwilligerswerk een netwerk en ervaring op.",
        barrier="onderwijs-arbeidsmarkt", also=["werkervaring"], groups=["jongeren-neet"],
        lead="CJM", partners=[], orgs=["Dep. CJM"],
        level="local", instrument="cooperation", budget="neutral",
        plans=[], start="2026Q4", end="2027Q4",
    ),
    dict(
        domain="WVG", code="WVG-01", status="in_progress", by="koen.desmet",
        title="Welzijnswerk verwijst actief door naar werk",
        description=(
            "Mensen in armoede komen vaak eerst in contact met het algemeen welzijnswerk of een OCMW. "
            "Hulpverleners bespreken werk als onderdeel van de hulpverlening en verwijzen met een warme "
            "overdracht door naar VDAB. Gezinnen zonder werk krijgen daarbij voorrang."
        ),
        result="Elke centrumstad heeft een afsprakenkader tussen welzijnswerk, OCMW en VDAB.",
        barrier="armoede", also=["zorgtaken"], groups=["leefloongerechtigden"],
        lead="WVG", partners=["WEWIS"], orgs=["Dep. Zorg", "Lokale besturen", "VDAB"],
        level="local", instrument="cooperation", budget="existing",
        plans=["AA"], start="2026Q3", end="2027Q4",
    ),
    dict(
        domain="KBBJ", code="KBBJ-01", status="rejected", by="leen.vandamme",
        title="Werktrajecten tijdens detentie",
        description=(
            "Gedetineerden starten nog tijdens hun detentie een opleiding en een traject naar werk, zodat "
            "ze bij hun vrijlating meteen aan de slag kunnen."
        ),
        result="Meer ex-gedetineerden vinden binnen zes maanden na vrijlating werk.",
        barrier="detentie", groups=["kortgeschoolden-25-64"],
        lead="KBBJ", partners=["WEWIS"], orgs=["AJH", "VDAB"],
        level="flemish", instrument="service", budget="existing",
        plans=["DET"], start="2026Q4", end="2027Q4",
        note="Niet weerhouden in dit actieplan: detentie wordt opgenomen in het Vlaams strategisch plan "
        "hulp- en dienstverlening aan gedetineerden en geïnterneerden. De actie wordt daar verder uitgewerkt.",
    ),
    dict(
        domain="FB", code="FB-01", status="submitted", by="karen.smets",
        title="Analyse van financiële drempels in Vlaamse tegemoetkomingen",
        description=(
            "We brengen in kaart welke Vlaamse tegemoetkomingen en sociale tarieven wegvallen of dalen "
            "wanneer iemand gaat werken. De analyse toont voor typegezinnen wat werken netto opbrengt."
        ),
        result="Een overzicht van Vlaamse inactiviteitsvallen met voorstellen om ze weg te werken.",
        barrier="armoede", also=["inactiviteitsvallen"], groups=["leefloongerechtigden"],
        lead="FB", partners=["WEWIS", "WVG"], orgs=["Dep. FB", "Dep. WEWIS"],
        level="flemish", instrument="data", budget="existing",
        plans=[], start="2027Q1", end="2027Q2",
    ),
    dict(
        domain="MOW", code="MOW-01", status="draft", by="domeincontact",
        title="Dienstregeling afstemmen op ploegenuren bij grote werkgevers",
        description=(
            "De Lijn en de vervoerregio's bekijken samen met grote werkgevers waar de dienstregeling "
            "beter kan aansluiten op begin- en einduren van ploegen."
        ),
        result="Ploegwissels bij de twintig grootste werkgevers zijn bereikbaar met openbaar vervoer.",
        barrier="mobiliteit", groups=["kortgeschoolden-25-64"],
        lead="MOW", partners=["WEWIS"], orgs=["De Lijn", "Vervoerregio's"],
        level="flemish", instrument="cooperation", budget="neutral",
        plans=[], start="2027Q2", end="2027Q4",
    ),
]

# --------------------------------------------------------------------------- lifecycle paths
LATE_STATUSES = {"merged", "rejected", "adopted", "in_progress", "completed", "stopped"}
PATHS = {
    "draft": [],
    "submitted": ["submitted"],
    "retained": ["submitted", "retained"],
    "merged": ["submitted", "merged"],
    "rejected": ["submitted", "rejected"],
    "adopted": ["submitted", "retained", "adopted"],
    "in_progress": ["submitted", "retained", "adopted", "in_progress"],
    "completed": ["submitted", "retained", "adopted", "in_progress", "completed"],
    "stopped": ["submitted", "retained", "adopted", "in_progress", "stopped"],
}
DEFAULT_REASONS = {
    "submitted": "",
    "retained": "Weerhouden na afstemming: de actie is concreet, sluit aan bij de prioritaire drempel en "
    "overlapt niet met andere voorstellen.",
    "adopted": "Opgenomen in het overkoepelend actieplan dat op 3 juli 2026 aan de Vlaamse Regering werd "
    "meegedeeld.",
    "in_progress": "Uitvoering gestart na de startvergadering met de partners.",
}


# The lead organisation, the responsible team and local partners of some demo actions (issue 20 §4):
# code -> (organisation abbreviation, responsible team, local partners one per line). Fictitious team names.
ACTION_LEADS: dict[str, tuple[str, str, str]] = {
    "MOB-01": ("Dep. MOW", "Team Basisbereikbaarheid (fictief)", "Mobiliteitscentrales van de vervoerregio's"),
    "GEZ-03": ("VDAB", "Team Re-integratie (fictief)", "Ziekenfondsen\nLokale partnerschappen (ESF-oproep 2024)"),
    "GEZ-04": ("VDAB", "Team Arbeidsgezondheid (fictief)", "Externe diensten voor preventie en bescherming op het werk"),
    "INT-01": ("AgII", "Team Inburgering en werk (fictief)", "Lokale besturen\nOCMW's"),
    "OND-02": ("Dep. OV", "Team Vroegtijdig schoolverlaten (fictief)", "Centra voor leerlingenbegeleiding"),
    "ZORG-02": ("Opgroeien", "Team Kinderopvang (fictief)", "Centrumsteden\nOCMW's"),
}


def all_actions() -> list[dict]:
    rows = []
    for prefix, actions in GROUP_ACTIONS.items():
        rows += [dict(a, group=prefix) for a in actions]
    rows += [dict(a, group=None) for a in DOMAIN_ACTIONS]
    return rows


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, (hour * 7) % 60, tzinfo=TZ)


def _timeline(status: str, index: int, is_domain: bool) -> dict[str, datetime]:
    """Dates of creation and of each step, along the three phases of 2026."""
    hour = 9 + index % 8
    if status in LATE_STATUSES:
        if is_domain:  # proposed in phase 2
            created = date(2026, 4, 7) + timedelta(days=index % 7)
            submitted = date(2026, 4, 20) + timedelta(days=index % 9)
            decided = date(2026, 5, 11) + timedelta(days=index % 9)
        else:  # phase 1: working groups
            created = date(2026, 1, 26) + timedelta(days=(index * 2) % 30)
            submitted = date(2026, 3, 16) + timedelta(days=index % 10)
            decided = date(2026, 4, 20) + timedelta(days=(index * 3) % 28)
        return {
            "created": _at(created, hour),
            "submitted": _at(submitted, hour),
            "retained": _at(decided, hour),
            "merged": _at(decided, hour),
            "rejected": _at(decided, hour),
            "adopted": _at(date(2026, 7, 3), 11),
            "in_progress": _at(date(2026, 9, 7) + timedelta(days=(index * 2) % 30), hour),
            "completed": _at(date(2026, 10, 19) + timedelta(days=index % 25), hour),
            "stopped": _at(date(2026, 10, 19) + timedelta(days=index % 25), hour),
        }
    # A second round after the plan: new proposals in the autumn of 2026.
    created = date(2026, 9, 21) + timedelta(days=(index * 2) % 35)
    return {
        "created": _at(created, hour),
        "revised": _at(created + timedelta(days=3), hour),
        "submitted": _at(date(2026, 10, 26) + timedelta(days=index % 10), hour),
        "sent_back": _at(date(2026, 11, 9) + timedelta(days=index % 5), hour),
        "retained": _at(date(2026, 11, 9) + timedelta(days=index % 8), hour),
    }


def _quarter(value: str, end: bool) -> date:
    year, quarter = int(value[:4]), int(value[-1])
    if not end:
        return date(year, 3 * quarter - 2, 1)
    month = 3 * quarter
    return date(year, month, calendar.monthrange(year, month)[1])


# --------------------------------------------------------------------------- loader
@dataclass
class DemoReport:
    users: int = 0
    groups: int = 0
    memberships: int = 0
    actions: int = 0
    skipped_actions: int = 0
    messages: list = field(default_factory=list)


def _coordinator_admin_group():
    """Django admin access for WEWIS staff: maintain reference data and working groups."""
    group, _ = Group.objects.get_or_create(name="WEWIS-beheer")
    if group.permissions.exists():
        return group
    full = ["barrier", "targetgroup", "policydomain", "organisation", "linkedplan", "phase",
            "workinggroup", "membership", "profile"]
    perms = list(Permission.objects.filter(
        content_type__app_label__in=["actieplan", "werkgroepen"], content_type__model__in=full
    ))
    perms += list(Permission.objects.filter(
        content_type__app_label="actieplan",
        content_type__model__in=["action", "statuschange", "comment"],
        codename__startswith="view_",
    ))
    perms += list(Permission.objects.filter(content_type__app_label="auth", codename="view_user"))
    group.permissions.set(perms)
    return group


@transaction.atomic
def load_demo() -> DemoReport:
    from actieplan.models import (
        Action, Barrier, Comment, LinkedPlan, Organisation, PolicyDomain, StatusChange, TargetGroup,
    )
    from actieplan.actions.services import action_create, action_update
    from werkgroepen.models import Membership, Profile, WorkingGroup

    load_reference()
    report = DemoReport()
    barriers = {b.slug: b for b in Barrier.objects.all()}
    target_groups = {t.slug: t for t in TargetGroup.objects.all()}
    domains = {d.abbreviation: d for d in PolicyDomain.objects.all()}
    org_names = {o["abbreviation"]: o["name"] for o in ORGANISATIONS}
    orgs_by_name = {o.name: o for o in Organisation.objects.all()}
    orgs = {abbr: orgs_by_name[name] for abbr, name in org_names.items()}
    plans = {key: LinkedPlan.objects.get(name=name) for key, name in PLAN_KEYS.items()}

    # ----------------------------------------------------------- working groups
    groups = {}
    for row in WORKING_GROUPS:
        group = WorkingGroup.objects.filter(code_prefix=row["code_prefix"]).first()
        if group is None:
            group = WorkingGroup.objects.create(
                code_prefix=row["code_prefix"], name=row["name"], description=row["description"]
            )
            group.barriers.set([barriers[s] for s in row["barriers"]])
            group.target_groups.set([target_groups[s] for s in row["target_groups"]])
            report.groups += 1
        groups[row["code_prefix"]] = group

    # ----------------------------------------------------------- users, profiles, memberships
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)  # hashed once: 28 slow hashes would cost seconds
    admin_group = _coordinator_admin_group()
    for row in USERS:
        user = User.objects.filter(username=row["username"]).first()
        if user is not None:
            continue
        user = User.objects.create(
            username=row["username"], first_name=row["first_name"], last_name=row["last_name"],
            email=f"{row['username']}@example.be", password=password,
            is_staff=bool(row.get("is_coordinator")),
        )
        if row.get("is_coordinator"):
            user.groups.add(admin_group)
        profile = Profile.objects.create(
            user=user,
            is_coordinator=row.get("is_coordinator", False),
            is_cabinet=row.get("is_cabinet", False),
            cabinet_all_domains=row.get("cabinet_all_domains", False),
            function_title=row.get("function_title", ""),
        )
        profile.contact_domains.set([domains[a] for a in row.get("contact_domains", [])])
        profile.cabinet_domains.set([domains[a] for a in row.get("cabinet_domains", [])])
        for prefix, role, domain, org in row.get("memberships", []):
            Membership.objects.create(
                working_group=groups[prefix], user=user, role=role,
                policy_domain=domains[domain] if domain else None,
                organisation=orgs[org] if org else None,
            )
            report.memberships += 1
        report.users += 1
    # Fresh objects, so that the cached permissions include the memberships above.
    users = {u.username: u for u in User.objects.filter(username__in=[r["username"] for r in USERS])}
    chairs = {m.working_group_id: m.user.username
              for m in Membership.objects.filter(role="chair").select_related("user")}
    domain_contacts = {}
    for profile in Profile.objects.filter(user__username__in=users).prefetch_related("contact_domains"):
        for domain in profile.contact_domains.all():
            domain_contacts.setdefault(domain.pk, profile.user.username)
    coordinators = ["coordinator", "an.vermeulen", "pieter.dewitte"]

    # ----------------------------------------------------------- actions
    for index, row in enumerate(all_actions()):
        group = groups[row["group"]] if row["group"] else None
        domain = None if group else domains[row["domain"]]
        existing = Action.objects.filter(code=row["code"])
        existing = existing.filter(working_group=group) if group else existing.filter(
            working_group__isnull=True, proposing_domain=domain)
        if existing.exists():
            report.skipped_actions += 1
            continue
        author = users[row["by"]]
        data = dict(
            code=row["code"], title=row["title"], description=row["description"],
            intended_result=row["result"], primary_barrier=barriers[row["barrier"]],
            working_group=group, proposing_domain=domain, lead_domain=domains[row["lead"]],
            level=row["level"], instrument_type=row["instrument"], budget_impact=row["budget"],
            budget_estimate=row.get("estimate"),
            planned_start=_quarter(row["start"], end=False), planned_end=_quarter(row["end"], end=True),
        )
        if row["code"] in ACTION_LEADS:
            org, responsible, local_partners = ACTION_LEADS[row["code"]]
            data.update(lead_organisation=orgs[org], responsible=responsible, local_partners=local_partners)
        m2m = dict(
            secondary_barriers=[barriers[s] for s in row.get("also", [])],
            target_groups=[target_groups[s] for s in row["groups"]],
            partner_domains=[domains[a] for a in row["partners"]],
            partner_organisations=[orgs[a] for a in row["orgs"]],
            linked_plans=[plans[k] for k in row["plans"]],
        )
        times = _timeline(row["status"], index, is_domain=group is None)
        action = action_create(user=author, data=data, m2m=m2m)
        _stamp_history(action, times["created"])

        if row.get("revise"):
            revise = dict(row["revise"])
            editor = users[revise.pop("by")]
            action = action_update(action=action, user=editor, data=revise, expected_version=action.version)
            _stamp_history(action, times["revised"])

        proposer = chairs.get(group.pk) if group else row["by"]
        lead_contact = domain_contacts.get(domains[row["lead"]].pk)
        coordinator = users[coordinators[index % len(coordinators)]]
        steps = list(PATHS[row["status"]])
        if row.get("sent_back"):
            steps = ["submitted", "draft"]
        previous = "draft"
        for step in steps:
            if step == "submitted":
                by = users[proposer]
            elif step in ("in_progress", "completed", "stopped") and lead_contact:
                by = users[lead_contact]
            else:
                by = coordinator
            at = times["sent_back"] if step == "draft" else times[step]
            reason = _reason(row, step)
            if step == "merged":
                action.merged_into = Action.objects.get(code=row["into"])
            _step(action, previous, step, by, at, reason, StatusChange)
            previous = step

        for author_name, text, anchor in row.get("comments", []):
            comment = Comment.objects.create(action=action, author=users[author_name], text=text)
            Comment.objects.filter(pk=comment.pk).update(created_at=times[anchor] + timedelta(days=1, hours=2))

        last = max(times[s] if s != "draft" else times["sent_back"] for s in ["created", *steps])
        Action.objects.filter(pk=action.pk).update(created_at=times["created"], updated_at=last)
        report.actions += 1
    return report


def _reason(row: dict, step: str) -> str:
    if step == "draft":
        return row["sent_back"]
    if step == "merged":
        return (f"Samengevoegd met {row['into']}: beide acties pakken dezelfde drempel aan. "
                f"De elementen van dit voorstel zijn in {row['into']} opgenomen.")
    if step == row["status"] and row.get("note"):
        return row["note"]
    return DEFAULT_REASONS.get(step, "")


def _step(action, previous: str, to: str, by, at: datetime, reason: str, status_change_model):
    """One lifecycle step written the way the transition service writes it."""
    action.status = to
    action.version += 1
    action.updated_by = by
    action._history_user = by
    action._history_date = at
    action._change_reason = history_reason(reason or _step_label(previous, to))
    action.save()
    del action._history_date
    change = status_change_model.objects.create(
        action=action, from_status=previous, to_status=to, by=by, reason=reason
    )
    status_change_model.objects.filter(pk=change.pk).update(at=at)


def _step_label(previous: str, to: str) -> str:
    from actieplan.models import TRANSITIONS, Status

    rule = TRANSITIONS.get((previous, to))
    return str(rule.label) if rule and rule.label else str(Status(to).label)


def _stamp_history(action, at: datetime):
    """Date the newest history record of ``action`` (written by a service just now)."""
    latest = action.history.order_by("-history_id").values_list("history_id", flat=True).first()
    action.history.filter(history_id=latest).update(history_date=at)
