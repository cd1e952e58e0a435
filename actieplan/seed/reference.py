"""Reference data from the concept note on barriers to work, and its loader.

Source: *Conceptnota over de beleidsdomeinoverschrijdende aanpak om drempels naar werk
weg te werken* (Mededeling aan de Vlaamse Regering). The data are plain Python
structures so that tests, the demo loader and the management command share them.

``load_reference()`` is idempotent: it creates what is missing, updates rows whose
values differ from the data below and leaves equal rows untouched (a second run
writes nothing). Phases and rounds are the exception: WEWIS staff edit their dates in
the admin, so an existing phase or round is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

# --------------------------------------------------------------------------- barriers
# The note's table, in the note's order. ``citizen_wording`` is the barrier as the
# job seeker or non-active person puts it; ``name`` the policy wording; ``reason``
# why it is (not) taken further. ``taken_further``: the note focuses on barriers
# that need a coordinated approach across policy domains; of those it elaborates
# five with priority (``is_priority``).
COORDINATED = "Gecoördineerde aanpak vereist"
WORK_CENTRE = "Zwaartepunt bij Werk"
FEDERAL = "Federale bevoegdheid"

BARRIERS: list[dict] = [
    dict(
        slug="motivatie",
        name="Gebrek aan motivatie",
        citizen_wording="Ik ben niet gemotiveerd om aan het werk te gaan",
        reason=WORK_CENTRE,
        is_priority=False,
        taken_further=False,
    ),
    dict(
        slug="orientatie",
        name="Gebrek aan oriëntatie",
        citizen_wording="Ik weet niet wat de mogelijkheden zijn om aan de slag te gaan",
        reason=WORK_CENTRE,
        is_priority=False,
        taken_further=False,
    ),
    dict(
        slug="opleiding",
        name="Gebrek aan opleiding",
        citizen_wording="Mijn competenties sluiten niet aan bij de vraag op de arbeidsmarkt",
        reason=WORK_CENTRE,
        is_priority=False,
        taken_further=False,
    ),
    dict(
        slug="werkervaring",
        name="Gebrek aan werkervaring",
        citizen_wording="Ik heb geen of weinig werkervaring",
        reason=WORK_CENTRE,
        is_priority=False,
        taken_further=False,
    ),
    dict(
        slug="digitale-vaardigheden",
        name="Gebrek aan digitale vaardigheden",
        citizen_wording="Ik ben weinig digitaal vaardig",
        reason=COORDINATED,
        is_priority=False,
        taken_further=True,
    ),
    dict(
        slug="gezondheid-arbeidsbeperking",
        name="Gezondheidsproblematiek en arbeidsbeperking",
        citizen_wording="Ik ondervind gezondheidsproblemen of ik heb een arbeidsbeperking",
        reason=COORDINATED,
        is_priority=True,
        taken_further=True,
    ),
    dict(
        slug="armoede",
        name="Armoede en sociale uitsluiting",
        citizen_wording="Ik leef in armoede & sociale uitsluiting",
        reason="Zit verweven in de andere drempels; gecoördineerde aanpak vereist",
        is_priority=False,
        taken_further=True,
    ),
    dict(
        slug="detentie",
        name="Detentie",
        citizen_wording="Ik zit een gevangenisstraf uit of ben geïnterneerd",
        reason=(
            "Zeer specifieke doelgroep; wordt meegenomen in het Vlaams strategisch plan hulp- en "
            "dienstverlening aan gedetineerden en geïnterneerden"
        ),
        is_priority=False,
        taken_further=False,
    ),
    dict(
        slug="zorgtaken",
        name="Zorgtaken",
        citizen_wording="Zorgtaken maken het moeilijk voor me om te werken",
        reason=COORDINATED,
        is_priority=True,
        taken_further=True,
    ),
    dict(
        slug="integratie-taal",
        name="Integratie & taal",
        citizen_wording="Ik ben nieuw in Vlaanderen en dat maakt duurzaam aan de slag gaan moeilijk",
        reason=COORDINATED,
        is_priority=True,
        taken_further=True,
    ),
    dict(
        slug="mobiliteit",
        name="Mobiliteit",
        citizen_wording="Ik raak niet of moeilijk op het werk",
        reason=COORDINATED,
        is_priority=True,
        taken_further=True,
    ),
    dict(
        slug="huisvesting",
        name="Huisvesting",
        citizen_wording="Mijn onzekere of moeilijke woonomstandigheden maken het moeilijk om te werken",
        reason="Kernbevoegdheid Wonen; een gecoördineerde aanpak heeft weinig meerwaarde",
        is_priority=False,
        taken_further=False,
    ),
    dict(
        slug="onderwijs-arbeidsmarkt",
        name="Aansluiting onderwijs-arbeidsmarkt",
        citizen_wording="Ik vind het na mijn schoolloopbaan moeilijk om duurzaam aan de slag te gaan",
        reason=COORDINATED,
        is_priority=True,
        taken_further=True,
    ),
    dict(
        slug="discriminatie",
        name="Discriminatie",
        citizen_wording="Ik word gediscrimineerd op de arbeidsmarkt",
        reason="Gecombineerde bevoegdheid Werk, Gelijke Kansen en federaal; gecoördineerde aanpak vereist",
        is_priority=False,
        taken_further=True,
    ),
    dict(
        slug="ondersteuning-werkgevers",
        name="Ondersteuning werkgevers",
        citizen_wording="Potentiële werkgevers weten niet goed hoe ze mij kunnen ondersteunen op de werkvloer",
        reason=(
            "Zwaartepunt bij Werk; kan ook onder de drempel gezondheidsproblematiek en "
            "arbeidsbeperking vallen"
        ),
        is_priority=False,
        taken_further=False,
    ),
    dict(
        slug="inactiviteitsvallen",
        name="Inactiviteitsvallen",
        citizen_wording="Het is voor mij financieel niet aantrekkelijk om aan de slag te gaan",
        reason=FEDERAL,
        is_priority=False,
        taken_further=False,
    ),
    dict(
        slug="loonkosten",
        name="Loonkosten",
        citizen_wording="Werkgevers vinden mij te duur",
        reason=FEDERAL,
        is_priority=False,
        taken_further=False,
    ),
]
for _order, _barrier in enumerate(BARRIERS, start=1):
    _barrier["order"] = _order

PRIORITY_BARRIER_SLUGS = [b["slug"] for b in BARRIERS if b["is_priority"]]

# --------------------------------------------------------------------------- policy domains
# The eight policy domains of the Flemish administration (2024-2029), with abbreviations.
POLICY_DOMAINS: list[dict] = [
    dict(abbreviation="KBBJ", name="Kanselarij, Bestuur, Buitenlandse Zaken en Justitie"),
    dict(abbreviation="FB", name="Financiën en Begroting"),
    dict(abbreviation="OV", name="Onderwijs en Vorming"),
    dict(abbreviation="WEWIS", name="Werk, Economie, Wetenschap, Innovatie en Sociale Economie"),
    dict(abbreviation="WVG", name="Welzijn, Volksgezondheid en Gezin"),
    dict(abbreviation="OMG", name="Omgeving"),
    dict(abbreviation="MOW", name="Mobiliteit en Openbare Werken"),
    dict(abbreviation="CJM", name="Cultuur, Jeugd en Media"),
]
for _order, _domain in enumerate(POLICY_DOMAINS, start=1):
    _domain["order"] = _order

# --------------------------------------------------------------------------- organisations
# Executing organisations. ``domain`` is the abbreviation of the Flemish policy domain
# the organisation belongs to, or None (local, federal or private organisations).
ORGANISATIONS: list[dict] = [
    dict(name="VDAB", abbreviation="VDAB", domain="WEWIS"),
    dict(name="Departement Werk, Economie, Wetenschap, Innovatie en Sociale Economie",
         abbreviation="Dep. WEWIS", domain="WEWIS"),
    dict(name="Syntra Vlaanderen", abbreviation="Syntra", domain="WEWIS"),
    dict(name="Agentschap Opgroeien", abbreviation="Opgroeien", domain="WVG"),
    dict(name="Departement Zorg", abbreviation="Dep. Zorg", domain="WVG"),
    dict(name="Vlaams Agentschap voor Personen met een Handicap", abbreviation="VAPH", domain="WVG"),
    dict(name="Agentschap Integratie en Inburgering", abbreviation="AgII", domain="KBBJ"),
    dict(name="Agentschap Justitie en Handhaving", abbreviation="AJH", domain="KBBJ"),
    dict(name="Agentschap Digitaal Vlaanderen", abbreviation="DV", domain="KBBJ"),
    dict(name="Departement Onderwijs en Vorming", abbreviation="Dep. OV", domain="OV"),
    dict(name="Agentschap voor Hoger Onderwijs, Volwassenenonderwijs, Kwalificaties en Studietoelagen",
         abbreviation="AHOVOKS", domain="OV"),
    dict(name="GO! onderwijs van de Vlaamse Gemeenschap", abbreviation="GO!", domain="OV"),
    dict(name="Katholiek Onderwijs Vlaanderen", abbreviation="KOV", domain=None),
    dict(name="Departement Mobiliteit en Openbare Werken", abbreviation="Dep. MOW", domain="MOW"),
    dict(name="De Lijn", abbreviation="De Lijn", domain="MOW"),
    dict(name="Departement Omgeving", abbreviation="Dep. Omgeving", domain="OMG"),
    dict(name="Wonen in Vlaanderen", abbreviation="WiV", domain="OMG"),
    dict(name="Departement Cultuur, Jeugd en Media", abbreviation="Dep. CJM", domain="CJM"),
    dict(name="Departement Financiën en Begroting", abbreviation="Dep. FB", domain="FB"),
    dict(name="Lokale besturen (gemeenten en OCMW's)", abbreviation="Lokale besturen", domain=None),
    dict(name="Vervoerregio's", abbreviation="Vervoerregio's", domain=None),
    dict(name="RIZIV (federaal)", abbreviation="RIZIV", domain=None),
    dict(name="FOD Sociale Zaken, DG Personen met een handicap (federaal)", abbreviation="FOD SZ", domain=None),
]

# --------------------------------------------------------------------------- target groups
# The four groups with the largest potential for a higher employment rate, plus the
# sub-groups of non-active people named in the figures. ``parent`` is a slug.
TARGET_GROUPS: list[dict] = [
    dict(
        slug="migratieachtergrond-buiten-eu27",
        name="Personen met een migratieachtergrond (buiten EU-27)",
        description=(
            "450.000 Vlamingen van 15-64 jaar zijn geboren buiten de EU-27. In het bijzonder vrouwen met "
            "een migratieachtergrond hebben een groot activeringspotentieel."
        ),
        has_largest_potential=True,
        parent=None,
    ),
    dict(
        slug="vrouwen-migratieachtergrond",
        name="Vrouwen met een migratieachtergrond (buiten EU-27)",
        description=(
            "Vlaanderen heeft van alle OESO-landen de hoogste niet-beroepsactiviteit (42,5%) bij vrouwen "
            "van de eerste generatie geboren buiten de EU."
        ),
        has_largest_potential=True,
        parent="migratieachtergrond-buiten-eu27",
    ),
    dict(
        slug="jongeren-neet",
        name="Jongeren 20-24 jaar (NEET)",
        description=(
            "Jongeren die niet werken en geen onderwijs of opleiding volgen (NEET). De standaarddefinitie meet "
            "de NEET-ratio bij 15-29-jarigen: 7,3% in 2024. De afbakening op 20-24 jaar volgt de nota, die "
            "jongeren van 20-24 jaar als doelgroep noemt; het is een werkdefinitie van het departement."
        ),
        has_largest_potential=True,
        parent=None,
    ),
    dict(
        slug="kortgeschoolden-25-64",
        name="Kortgeschoolden (25-64 jaar)",
        description="Personen van 25 tot 64 jaar zonder diploma hoger secundair onderwijs (standaarddefinitie: hoogstens lager secundair onderwijs).",
        has_largest_potential=True,
        parent=None,
    ),
    dict(
        slug="arbeidshandicap",
        name="Personen met een arbeidshandicap",
        description=(
            "Een grotere instroom in of terugkeer naar werk van personen met een arbeidshandicap kan in het "
            "bijzonder bijdragen aan een hogere werkzaamheidsgraad."
        ),
        has_largest_potential=True,
        parent=None,
    ),
    dict(
        slug="niet-beroepsactieven",
        name="Niet-beroepsactieven (20-64 jaar)",
        description="794.276 personen (20,5%) van 20-64 jaar waren in 2024 niet beroepsactief.",
        has_largest_potential=False,
        parent=None,
    ),
    dict(
        slug="zoekend-beschikbaar",
        name="Zoekend of beschikbaar",
        description=(
            "Niet-beroepsactieven die zoeken, beschikbaar zijn of zichzelf als werkend of werkloos zien "
            "(78.764 personen, 2,0% in 2024). Zij behouden een band met de arbeidsmarkt."
        ),
        has_largest_potential=False,
        parent="niet-beroepsactieven",
    ),
    dict(
        slug="arbeidsongeschikten",
        name="Arbeidsongeschikten",
        description="233.703 personen (6,0%) van 20-64 jaar waren in 2024 arbeidsongeschikt.",
        has_largest_potential=False,
        parent="niet-beroepsactieven",
    ),
    dict(
        slug="huisvrouwen-huismannen",
        name="Huisvrouwen en -mannen",
        description=(
            "116.435 personen (3,0%) in 2024. Zij ontvangen zelden een uitkering en kiezen vaak om "
            "zorgredenen voor inactiviteit."
        ),
        has_largest_potential=False,
        parent="niet-beroepsactieven",
    ),
    dict(
        slug="leefloongerechtigden",
        name="Leefloongerechtigden",
        description="Tonen het grootste doorstroompotentieel: ongeveer één op vijf vindt binnen het jaar werk.",
        has_largest_potential=False,
        parent=None,
    ),
]
for _order, _group in enumerate(TARGET_GROUPS, start=1):
    _group["order"] = _order

# --------------------------------------------------------------------------- linked plans
LINKED_PLANS: list[dict] = [
    dict(
        name="Actieplan Vlaanderen Werkt!",
        reference="VR 2025 1407 MED.0278-1",
        description="Actieplan van de Vlaamse Regering, op voorstel van de Vlaamse minister van Werk; VDAB is een van de uitvoerders.",
    ),
    dict(
        name="Actieplan aanklampende aanpak van werkzoekenden",
        reference="VR 2025 1402 MED.0036/1",
        description="",
    ),
    dict(name="Beleidsnota Werk 2024-2029", reference="", description=""),
    dict(name="Beheersovereenkomst VDAB", reference="", description=""),
    dict(
        name="Plan Vlot en Duurzaam Activeren",
        reference="",
        description="Met proeftuinen rond geïntegreerde trajecten van taal, inburgering en opleiding.",
    ),
    dict(
        name="Vlaams strategisch plan hulp- en dienstverlening aan gedetineerden en geïnterneerden",
        reference="",
        description="",
    ),
]

# --------------------------------------------------------------------------- phases
# Created when missing, never overwritten (WEWIS staff maintain the dates in the admin).
PHASES: list[dict] = [
    dict(
        number=1,
        name="Werkgroepen: opstellen van gerichte acties",
        description=(
            "Thematische administratieve werkgroepen rond de prioritaire drempels en doelgroepen werken "
            "concrete voorstellen tot actie uit, op basis van bestaande kennis en praktijkervaring."
        ),
        starts_on=date(2026, 1, 12),
        deadline=date(2026, 3, 27),
    ),
    dict(
        number=2,
        name="Afstemming van acties",
        description=(
            "De voorgestelde acties worden op elkaar afgestemd: overlap vermijden, samenhangende acties "
            "koppelen en gemeenschappelijke opportuniteiten benutten. Andere beleidsdomeinen kunnen acties "
            "voorstellen."
        ),
        starts_on=date(2026, 3, 30),
        deadline=date(2026, 5, 22),
    ),
    dict(
        number=3,
        name="Overkoepelend actieplan",
        description=(
            "Eén actieplan bundelt de weerhouden acties, wijst per actie een trekkend beleidsdomein en "
            "partners aan en beschrijft het implementatietraject. Het plan wordt voor het zomerreces van "
            "2026 meegedeeld aan de Vlaamse Regering."
        ),
        starts_on=date(2026, 5, 25),
        deadline=date(2026, 7, 10),
    ),
    dict(
        number=4,
        name="Uitvoering en opvolging",
        description=(
            "Na de mededeling van het actieplan aan de Vlaamse Regering voeren de trekkende beleidsdomeinen "
            "de acties uit tot het einde van de legislatuur (2029). Het departement WEWIS volgt de voortgang "
            "op en koppelt terug naar de beleidsdomeinen; nieuwe voorstellen komen in rondes binnen en het "
            "actieplan wordt per ronde geactualiseerd."
        ),
        starts_on=date(2026, 7, 11),
        deadline=date(2029, 6, 30),
    ),
]

# --------------------------------------------------------------------------- rounds
# Created when missing, never overwritten (WEWIS staff maintain the dates in the admin).
# Round 1 is the start of the process, with the deadlines of phases 1 to 3; later rounds
# bring new proposals and an update of the plan during the implementation phase.
ROUNDS: list[dict] = [
    dict(
        number=1,
        name="Startronde 2026",
        description="Opstellen, afstemmen en bundelen van de eerste acties tot het actieplan voor het zomerreces.",
        starts_on=date(2026, 1, 12),
        proposals_deadline=date(2026, 3, 27),
        alignment_deadline=date(2026, 5, 22),
        plan_update_deadline=date(2026, 7, 10),
    ),
    dict(
        number=2,
        name="Actualisering 2026-2027",
        description=(
            "Eerste actualiseringsronde in de uitvoeringsfase: nieuwe voorstellen van werkgroepen en "
            "beleidsdomeinen, afstemming en een geactualiseerd actieplan. De data zijn een voorstel van "
            "het departement en worden in het beheer aangepast zodra de stuurgroep ze vastlegt."
        ),
        starts_on=date(2026, 9, 1),
        proposals_deadline=date(2027, 1, 29),
        alignment_deadline=date(2027, 3, 26),
        plan_update_deadline=date(2027, 5, 28),
    ),
]


# --------------------------------------------------------------------------- loader
@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)

    def count(self, kind: str, model_name: str):
        bucket = getattr(self, kind)
        bucket[model_name] = bucket.get(model_name, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _upsert(model, report: LoadReport, lookup: dict, values: dict, update: bool = False):
    """Create the row if missing; with ``update``, also reset fields that differ from the note.

    Without ``update`` an existing row is left alone, so edits WEWIS staff made in the
    admin survive every ``make run``.
    """
    obj = model.objects.filter(**lookup).first()
    name = model._meta.verbose_name_plural
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.count("created", str(name))
        return obj
    if not update:
        return obj
    changed = [key for key, value in values.items() if getattr(obj, key) != value]
    if changed:
        for key in changed:
            setattr(obj, key, values[key])
        obj.save(update_fields=changed)
        report.count("updated", str(name))
    return obj


@transaction.atomic
def load_reference(update: bool = False) -> LoadReport:
    """Create missing reference data (``update``: also reset changed rows); report what changed."""
    from actieplan.models import Barrier, LinkedPlan, Organisation, Phase, PolicyDomain, Round, TargetGroup

    report = LoadReport()
    for row in BARRIERS:
        values = {k: v for k, v in row.items() if k != "slug"}
        _upsert(Barrier, report, {"slug": row["slug"]}, values, update)

    domains = {}
    for row in POLICY_DOMAINS:
        domains[row["abbreviation"]] = _upsert(
            PolicyDomain, report, {"abbreviation": row["abbreviation"]},
            {"name": row["name"], "order": row["order"]}, update,
        )

    for row in ORGANISATIONS:
        domain = domains[row["domain"]] if row["domain"] else None
        _upsert(Organisation, report, {"name": row["name"]},
                {"abbreviation": row["abbreviation"], "policy_domain": domain}, update)

    groups = {}
    for row in TARGET_GROUPS:
        values = {k: v for k, v in row.items() if k not in ("slug", "parent")}
        values["parent"] = groups[row["parent"]] if row["parent"] else None
        groups[row["slug"]] = _upsert(TargetGroup, report, {"slug": row["slug"]}, values, update)

    for row in LINKED_PLANS:
        _upsert(LinkedPlan, report, {"name": row["name"]},
                {"reference": row["reference"], "description": row["description"]}, update)

    for row in PHASES:
        values = {k: v for k, v in row.items() if k != "number"}
        _, created = Phase.objects.get_or_create(number=row["number"], defaults=values)
        if created:
            report.count("created", str(Phase._meta.verbose_name_plural))

    for row in ROUNDS:
        values = {k: v for k, v in row.items() if k != "number"}
        _, created = Round.objects.get_or_create(number=row["number"], defaults=values)
        if created:
            report.count("created", str(Round._meta.verbose_name_plural))
    return report
