"""Scale data: a large, realistic and deterministic installation for the benchmark.

``manage.py seed_scale --actions 10000`` runs the registered *steps* in order. Every
step receives one :class:`SeedContext` (the requested size, a random generator per
step derived from the seed, shared data of earlier steps, counters for the summary)
and writes its rows with ``bulk_create``: no per-row saves, no signals.

Later issues add their own objects by registering a step in a module called
``scale_data.py`` inside their app; ``seed_scale`` imports that module of every
installed app (like the admin's autodiscover)::

    from bench.scale_data import scale_step

    def clear_status_updates(ctx):
        StatusUpdate.objects.filter(action__is_generated=True).delete()

    @scale_step("status_updates", order=500, clear=clear_status_updates)
    def generate_status_updates(ctx):
        rng = ctx.rng("status_updates")
        n = ctx.sized(100_000)            # 100,000 at 10,000 actions, proportional otherwise
        for action in ctx.data["actions"]: ...
        ctx.bulk(StatusUpdate, rows)

Generated rows are marked so that a second run can replace them and so that the
command refuses to touch a database with real data: ``Action.is_generated``, users
whose username starts with :data:`USER_PREFIX`, working groups whose code prefix
matches :data:`GROUP_PREFIX_RE`. Rows of later parts are generated when they hang off
generated actions or users (merges, links, milestones, assignments, status updates),
plans when a generated user created them, and indicators, status updates and sent
reminders carry their own ``is_generated`` flag. Each step's ``clear`` removes its own
rows; they run in reverse order before generating. An app adds what counts as real data
with ``@real_data_check`` (a function returning a description, or "" when there is none).

Steps of this module after the actions: ``alignment`` (merges for the merged actions,
typed links, dismissed suggestions; the decisions themselves are the status changes),
``similarity_index`` (the overlap index of every action, in bulk), ``plan`` (one plan
with a chapter per priority barrier, its items, milestones, assignments, sign-offs and
two frozen versions). ``bench/scale_monitoring.py`` adds baselines, status updates,
indicators with measurements and the reminders' sent log.
"""

from __future__ import annotations

import collections
import functools
import random
import re
import time
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.models import Q
from importlib import import_module

from django.utils.module_loading import autodiscover_modules

from actieplan.models import (
    Action,
    ActionLink,
    ActionTermVector,
    Assignment,
    AssignmentRole,
    AssignmentState,
    Barrier,
    BudgetImpact,
    Chapter,
    Comment,
    InstrumentType,
    Level,
    LinkedPlan,
    LinkType,
    Merge,
    Milestone,
    Organisation,
    Plan,
    PlanItem,
    PlanStatus,
    PlanVersion,
    PolicyDomain,
    SignOff,
    SignOffState,
    SimilarityDismissal,
    Status,
    StatusChange,
    TargetGroup,
    TermPosting,
)
from werkgroepen.models import Membership, Profile, WorkingGroup

USER_PREFIX = "scale-"
GROUP_PREFIX_RE = re.compile(r"^[A-Z]{3}\d{3}$")  # e.g. MOB007; real groups use letters only (MOB)
BASE_ACTIONS = 10_000  # the size the proportions below are expressed in
BATCH_SIZE = 2_000
TZ = ZoneInfo("Europe/Brussels")
# The generated plan's timeline: groups start early 2026, the plan is adopted before the
# 2026 summer recess, implementation runs until the fixed "now" of the data set.
T_START = datetime(2026, 1, 12, 9, 0, tzinfo=TZ)
T_NOW = datetime(2026, 11, 20, 17, 0, tzinfo=TZ)


# --------------------------------------------------------------------------- registry
@dataclass(frozen=True)
class Step:
    name: str
    func: Callable[["SeedContext"], None]
    order: int
    clear: Callable[["SeedContext"], None] | None = None


STEPS: list[Step] = []


def scale_step(name: str, *, order: int, clear: Callable[["SeedContext"], None] | None = None):
    """Register a generator step; ``order`` decides when it runs (lower first)."""

    def decorator(func):
        STEPS[:] = [s for s in STEPS if s.name != name]  # re-import safe
        STEPS.append(Step(name=name, func=func, order=order, clear=clear))
        STEPS.sort(key=lambda s: (s.order, s.name))
        return func

    return decorator


# Generators of other apps' rows that live here in bench/ (they are benchmark tooling, not the app).
STEP_MODULES = ["bench.scale_monitoring"]


def _import_step_modules() -> None:
    """Import ``<app>.scale_data`` of every installed app and the step modules of bench/."""
    autodiscover_modules("scale_data")
    for name in STEP_MODULES:
        import_module(name)


def discover_steps() -> list[Step]:
    """Import ``<app>.scale_data`` of every installed app, then return the steps in order."""
    _import_step_modules()
    return list(STEPS)


@dataclass
class SeedContext:
    actions: int
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    @property
    def scale(self) -> float:
        return self.actions / BASE_ACTIONS

    def rng(self, name: str) -> random.Random:
        """A generator per step, so adding a step does not change what other steps produce."""
        return random.Random(f"{self.seed}:{name}")

    def sized(self, per_base: float, minimum: int = 1) -> int:
        """``per_base`` at 10,000 actions, proportional to the requested size, at least ``minimum``."""
        return max(minimum, round(per_base * self.scale))

    def insert_rows(self, model, columns: list[str], rows: list[tuple], label: str | None = None) -> None:
        """Insert plain tuples into ``model``'s table, many rows per statement.

        For the large tables whose ids nobody needs back: no model instances, no RETURNING.
        ``columns`` are attribute names (``action_id``); each value goes through its
        field's ``get_db_prep_save`` like in ``bulk_create``.
        """
        fields = [_field(model, c) for c in columns]
        qn = connection.ops.quote_name
        head = "INSERT INTO {} ({}) VALUES ".format(
            qn(model._meta.db_table), ", ".join(qn(f.column) for f in fields)
        )
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        per_statement = max(1, min(1000, 30000 // len(fields)))  # under SQLite's 32,766 parameters
        preps = [_prep_for(f) for f in fields]
        connection.ensure_connection()
        if connection.vendor == "postgresql":  # COPY: an order of magnitude faster than INSERT
            copy_sql = "COPY {} ({}) FROM STDIN".format(
                qn(model._meta.db_table), ", ".join(qn(f.column) for f in fields)
            )
            with connection.wrap_database_errors, connection.connection.cursor() as cursor:
                with cursor.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row([prep(value) for prep, value in zip(preps, row)])
            key = str(label or model._meta.verbose_name_plural)
            self.counts[key] = self.counts.get(key, 0) + len(rows)
            return
        # A cursor without DEBUG's query logging, which would format every huge statement.
        cursor = connection.create_cursor()
        try:
            with connection.wrap_database_errors:
                for start in range(0, len(rows), per_statement):
                    chunk = rows[start:start + per_statement]
                    params = [prep(value) for row in chunk for prep, value in zip(preps, row)]
                    cursor.execute(head + ", ".join([one] * len(chunk)), params)
        finally:
            cursor.close()
        key = str(label or model._meta.verbose_name_plural)
        self.counts[key] = self.counts.get(key, 0) + len(rows)

    def bulk(self, model, objs: list, label: str | None = None) -> list:
        created = model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        key = label or model._meta.verbose_name_plural
        self.counts[str(key)] = self.counts.get(str(key), 0) + len(created)
        return created


def _field(model, column: str):
    """The field of ``column``: a field name (``item_id`` may be one) or a foreign key's attname."""
    try:
        return model._meta.get_field(column)
    except FieldDoesNotExist:
        return model._meta.get_field(column[:-3])


def _prep_for(field):
    """A fast converter from a Python value to a database value for ``field``."""
    kind = field.get_internal_type()
    if kind in ("CharField", "TextField", "SlugField", "EmailField"):
        return lambda v: v if v is None or type(v) is str else str(v)  # TextChoices members -> "draft"
    if kind in ("IntegerField", "BigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
                "SmallIntegerField", "AutoField", "BigAutoField", "ForeignKey", "BooleanField"):
        return lambda v: v
    return lambda v: field.get_db_prep_save(v, connection)


# --------------------------------------------------------------------------- guard rails
def reference_data_missing() -> bool:
    return not (Barrier.objects.exists() and TargetGroup.objects.exists() and PolicyDomain.objects.exists())


def ensure_reference_data(stdout=None) -> None:
    if reference_data_missing():
        if stdout:
            stdout.write("Reference data missing: running load_reference first")
        call_command("load_reference")


# Checks of other apps (``@real_data_check`` in their ``scale_data.py``): each returns a
# description of rows the generator did not make, or "" when there are none.
REAL_DATA_CHECKS: dict[str, Callable[[], str]] = {}


def real_data_check(func: Callable[[], str]) -> Callable[[], str]:
    """Register a check for :func:`non_generated_data` (re-import safe)."""
    REAL_DATA_CHECKS[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def non_generated_data() -> list[str]:
    """What in the database was not made by this generator (empty list: safe to run)."""
    _import_step_modules()  # the checks of other apps
    found = []
    actions = Action.objects.filter(is_generated=False).count()
    if actions:
        found.append(f"{actions} actions not generated by seed_scale")
    users = (
        get_user_model().objects.exclude(username__startswith=USER_PREFIX).exclude(is_superuser=True).count()
    )
    if users:
        found.append(f"{users} users whose username does not start with {USER_PREFIX!r}")
    for check in REAL_DATA_CHECKS.values():
        if message := check():
            found.append(message)
    return found


def generated_groups():
    return WorkingGroup.objects.filter(code_prefix__regex=GROUP_PREFIX_RE.pattern)


# --------------------------------------------------------------------------- running
@contextmanager
def explicit_timestamps(*fields):
    """Let bulk_create keep the dates we set on ``auto_now``/``auto_now_add`` fields."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    try:
        for f, _, _ in saved:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def clear_generated(ctx: SeedContext, steps: list[Step] | None = None) -> None:
    for step in reversed(steps if steps is not None else discover_steps()):
        if step.clear:
            step.clear(ctx)


def generate(*, actions: int, seed: int = 1, log: Callable[[str], None] | None = None) -> SeedContext:
    """Replace earlier generated data by a fresh set of ``actions`` actions (one transaction)."""
    ctx = SeedContext(actions=actions, seed=seed)
    steps = discover_steps()
    with transaction.atomic(), explicit_timestamps(*_timestamp_fields()):
        started = time.perf_counter()
        clear_generated(ctx, steps)
        ctx.timings.append(("clear", time.perf_counter() - started))
        if log:
            log(f"  clear earlier generated data: {ctx.timings[-1][1]:.1f} s")
        for step in steps:
            started = time.perf_counter()
            step.func(ctx)
            ctx.timings.append((step.name, time.perf_counter() - started))
            if log:
                log(f"  {step.name}: {ctx.timings[-1][1]:.1f} s")
    return ctx


def _timestamp_fields():
    return [
        Action._meta.get_field("created_at"),
        Action._meta.get_field("updated_at"),
        StatusChange._meta.get_field("at"),
        Comment._meta.get_field("created_at"),
        WorkingGroup._meta.get_field("created_at"),
        Membership._meta.get_field("created_at"),
    ]


# --------------------------------------------------------------------------- phrase banks
FIRST_NAMES = [
    "An", "Anke", "Annelies", "Bart", "Bert", "Bram", "Caroline", "Dirk", "Els", "Elke", "Emma", "Eva", "Filip",
    "Frederik", "Geert", "Greet", "Hanne", "Hilde", "Ilse", "Jan", "Jana", "Jeroen", "Joke", "Karen", "Katrien",
    "Koen", "Lien", "Lies", "Lotte", "Luc", "Marc", "Marie", "Mieke", "Nathalie", "Nele", "Pieter", "Roel", "Sara",
    "Sofie", "Stijn", "Tom", "Tine", "Veerle", "Wim", "Wouter", "Yasmine", "Youssef", "Fatima", "Mehmet", "Aisha",
]
LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
    "Dubois", "Hermans", "Aerts", "Pauwels", "Michiels", "Desmet", "Vermeulen", "De Clercq", "Van Damme",
    "Verstraete", "Coppens", "Lambrechts", "Van den Broeck", "Segers", "Cools", "Smets", "Vandenberghe",
    "De Backer", "Martens", "Declercq", "Van Dyck", "Vermeersch", "Baert", "Verhoeven", "Leemans", "Bogaert",
    "El Amrani", "Yilmaz", "Boukhari", "Nguyen", "Van de Velde", "De Wilde", "Stevens", "Thys", "Geerts",
]
FUNCTION_TITLES = [
    "beleidsmedewerker", "beleidsadviseur", "diensthoofd", "afdelingshoofd", "projectleider", "stafmedewerker",
    "expert arbeidsmarkt", "teamcoach", "adviseur-generaal", "kabinetsmedewerker", "data-analist", "jurist",
]
REGIONS = [
    "Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen", "Brussel", "de Kempen",
    "de Westhoek", "het Waasland", "de Vlaamse Rand", "de centrumsteden", "landelijke gemeenten",
]

# One theme per barrier; matched on words in the barrier's name.
THEMES = {
    "mobility": dict(
        match=("mobilit",), abbr="MOB", label="Mobiliteit",
        objects=[
            "vervoer op maat naar de werkplek", "deelfietsen en elektrische fietsen voor werkzoekenden",
            "een versnelde rijbewijsopleiding", "bedrijvenvervoer naar afgelegen bedrijventerreinen",
            "aanvullend busvervoer in de vroege en late uren", "een mobiliteitsbudget voor nieuwe werknemers",
            "vervoersarmoede bij werkzoekenden", "carpooling tussen werknemers van één bedrijventerrein",
        ],
        problems=[
            "bedrijventerreinen buiten de stadskernen slecht bereikbaar zijn met het openbaar vervoer",
            "veel werkzoekenden geen rijbewijs of geen wagen hebben",
            "ploegenuren niet samenvallen met de dienstregeling van De Lijn",
            "de kost van het woon-werkverkeer het verschil tussen uitkering en loon wegneemt",
        ],
    ),
    "care": dict(
        match=("zorg",), abbr="ZRG", label="Zorgtaken",
        objects=[
            "flexibele kinderopvang voor ouders met onregelmatige uren", "occasionele opvang tijdens opleiding",
            "combinatie van mantelzorg en werk", "buitenschoolse opvang in de vakantieperiodes",
            "voorrang in de kinderopvang voor werkzoekende ouders", "respijtzorg voor werkende mantelzorgers",
            "opvang voor kinderen met een specifieke zorgnood", "een zorgvriendelijk personeelsbeleid",
        ],
        problems=[
            "er te weinig opvangplaatsen zijn op de momenten dat ouders moeten werken",
            "mantelzorgers hun job opgeven omdat werk en zorg niet te combineren zijn",
            "alleenstaande ouders een sollicitatie afzeggen omdat opvang ontbreekt",
            "de kostprijs van opvang voor lage inkomens een rem zet op werkhervatting",
        ],
    ),
    "health": dict(
        match=("gezond", "beperking"), abbr="GEZ", label="Gezondheid en arbeidsbeperking",
        objects=[
            "re-integratietrajecten voor langdurig zieken", "jobcoaching op de werkvloer",
            "redelijke aanpassingen van de werkplek", "arbeidszorg als opstap naar betaald werk",
            "een snellere doorverwijzing tussen mutualiteit en VDAB", "geleidelijke werkhervatting na ziekte",
            "begeleiding van personen met psychische kwetsbaarheid", "maatwerkbedrijven als springplank",
        ],
        problems=[
            "langdurig zieken pas laat een aanbod krijgen om opnieuw aan de slag te gaan",
            "werkgevers onvoldoende weten welke ondersteuning er bestaat",
            "de overstap van een uitkering naar deeltijds werk financieel onzeker is",
            "zorg- en arbeidsmarktactoren elkaars aanbod onvoldoende kennen",
        ],
    ),
    "language": dict(
        match=("taal", "integratie"), abbr="TAL", label="Integratie en taal",
        objects=[
            "Nederlands op de werkvloer", "taalcoaching gecombineerd met een opleiding",
            "een geïntegreerd traject inburgering en werk", "erkenning van buitenlandse diploma's",
            "taalondersteuning voor laaggeletterde werknemers", "trajecten voor nieuwkomers met een werkgever",
            "oefenkansen Nederlands in de vrije tijd", "een versneld taaltraject voor knelpuntberoepen",
        ],
        problems=[
            "nieuwkomers lang wachten op een passend taalaanbod",
            "de vereiste taalkennis een drempel vormt om een opleiding te starten",
            "de procedure voor gelijkwaardigheid van diploma's maanden duurt",
            "vrouwen met een migratieachtergrond het reguliere aanbod onvoldoende bereiken",
        ],
    ),
    "education": dict(
        match=("onderwijs",), abbr="OAM", label="Aansluiting onderwijs-arbeidsmarkt",
        objects=[
            "werkplekleren in het secundair onderwijs", "duaal leren in knelpuntberoepen",
            "begeleiding van vroegtijdige schoolverlaters", "een warme overdracht van school naar VDAB",
            "graduaatsopleidingen voor werkzoekenden", "loopbaanoriëntatie in de derde graad",
            "microcredentials voor volwassenen", "stages voor NEET-jongeren",
        ],
        problems=[
            "jongeren zonder diploma uit beeld verdwijnen na het verlaten van school",
            "het opleidingsaanbod onvoldoende aansluit bij de vraag van werkgevers",
            "de overgang van school naar werk niet begeleid wordt",
            "volwassenen drempels ervaren om opnieuw te gaan studeren",
        ],
    ),
    "digital": dict(
        match=("digita",), abbr="DIG", label="Digitale vaardigheden",
        objects=[
            "digitale basisvaardigheden voor werkzoekenden", "digitale inclusie in lokale besturen",
            "laptops en begeleiding voor wie solliciteert", "oefenplekken voor online solliciteren",
        ],
        problems=[
            "vacatures en dienstverlening bijna uitsluitend digitaal verlopen",
            "een deel van de werkzoekenden geen computer of internetverbinding heeft",
        ],
    ),
    "poverty": dict(
        match=("armoede",), abbr="ARM", label="Armoede en sociale uitsluiting",
        objects=[
            "schuldhulpverlening gekoppeld aan begeleiding naar werk", "trajecten voor leefloongerechtigden",
            "samenwerking tussen OCMW en VDAB", "een outreachende aanpak in kwetsbare wijken",
        ],
        problems=[
            "schulden en beslag op loon het loon van een job grotendeels wegnemen",
            "mensen in armoede de weg naar de dienstverlening niet vinden",
        ],
    ),
    "work": dict(
        match=("motivatie", "oriëntatie", "opleiding", "werkervaring"), abbr="WRK", label="Begeleiding naar werk",
        objects=[
            "werkervaringstrajecten bij lokale werkgevers", "een intensieve begeleiding op maat",
            "opleiding op de werkvloer", "oriëntatietrajecten voor niet-beroepsactieven",
        ],
        problems=[
            "niet-beroepsactieven vaak niet ingeschreven zijn bij VDAB",
            "het aanbod versnipperd is over veel actoren",
        ],
    ),
    "detention": dict(
        match=("detentie",), abbr="DET", label="Detentie",
        objects=["trajectbegeleiding van gedetineerden naar werk", "opleiding tijdens de detentie"],
        problems=["de begeleiding na vrijlating stilvalt"],
    ),
    "housing": dict(
        match=("huisvesting",), abbr="HUI", label="Huisvesting",
        objects=["woonbegeleiding gekoppeld aan werk", "betaalbare huisvesting dicht bij werk"],
        problems=["dakloosheid een stabiele tewerkstelling onmogelijk maakt"],
    ),
    "discrimination": dict(
        match=("discrimin",), abbr="DIS", label="Discriminatie",
        objects=["anoniem solliciteren bij overheidswerkgevers", "praktijktesten in sectoren met knelpunten"],
        problems=["kandidaten met een buitenlandse naam minder vaak uitgenodigd worden"],
    ),
    "employers": dict(
        match=("werkgever",), abbr="WGV", label="Ondersteuning werkgevers",
        objects=["ondersteuning van werkgevers bij inclusief aanwerven", "een loket voor kleine werkgevers"],
        problems=["kleine werkgevers de administratieve last van ondersteuningsmaatregelen te hoog vinden"],
    ),
    "general": dict(
        match=(), abbr="ALG", label="Drempels naar werk",
        objects=["een geïntegreerde aanpak van drempels naar werk", "gedeelde data over niet-beroepsactieven"],
        problems=["de verschillende beleidsdomeinen elkaars aanbod onvoldoende kennen"],
    ),
}
INSTRUMENT_VERBS = {
    InstrumentType.REGULATION: ["Vereenvoudiging van de regelgeving rond", "Decretale verankering van",
                                "Aanpassing van de voorwaarden voor"],
    InstrumentType.FUNDING: ["Structurele financiering van", "Projectoproep voor", "Bijkomende middelen voor"],
    InstrumentType.SERVICE: ["Uitrol van", "Versterking van", "Pilootproject rond", "Opschaling van"],
    InstrumentType.AWARENESS: ["Sensibiliseringscampagne over", "Informatiepunt over", "Vormingsaanbod over"],
    InstrumentType.COOPERATION: ["Samenwerkingsakkoord rond", "Gezamenlijk aanbod voor", "Lerend netwerk over"],
    InstrumentType.DATA: ["Monitoring van", "Gedeelde dataset over", "Onderzoek naar"],
    InstrumentType.OTHER: ["Verkenning van", "Actieplan rond"],
}
CONTEXTS = [
    "", "", "", "in landelijke gebieden", "in de centrumsteden", "via de lokale besturen",
    "in samenwerking met VDAB", "op provinciaal niveau", "met de sectorfondsen", "in de eerste lijn",
]
ORGANISATIONS_FALLBACK = ["VDAB", "Agentschap Opgroeien", "Agentschap Integratie en Inburgering", "de lokale besturen"]
SENTENCES = [
    "Vandaag stellen we vast dat {problem}.",
    "Uit gesprekken met werkzoekenden en begeleiders blijkt dat {problem}.",
    "De actie richt zich in de eerste plaats op {target}.",
    "Concreet zetten we in op {object}{context}.",
    "{org} neemt de trekkersrol op en werkt daarvoor samen met {org2}.",
    "In een eerste fase testen we de aanpak uit in {n} pilootregio's, waaronder {region}.",
    "Na een evaluatie in {year} volgt een structurele uitrol over heel Vlaanderen.",
    "We bouwen verder op bestaande praktijken van {org2} en van lokale partners.",
    "De actie sluit aan bij {plan}.",
    "Waar nodig signaleren we knelpunten in de federale regelgeving aan de bevoegde minister.",
    "De begeleiding gebeurt op maat en vertrekt van de talenten van de persoon, niet van zijn drempels.",
    "Werkgevers worden vroeg betrokken, zodat de trajecten aansluiten bij openstaande vacatures.",
    "We meten de voortgang halfjaarlijks aan de hand van het aantal bereikte personen en de uitstroom naar werk.",
    "Het budget wordt {budget}.",
    "Een gedeelde casusbespreking tussen de betrokken diensten voorkomt dat mensen van loket naar loket gaan.",
    "De aanpak is uitdrukkelijk gericht op wie vandaag niet ingeschreven is als werkzoekende.",
    "Ook de toegankelijkheid van de informatie krijgt aandacht: eenvoudige taal, beeldmateriaal en een vast aanspreekpunt.",
    "We stemmen af met de werkgroep {other_group} om overlap te vermijden.",
]
BUDGET_PHRASES = [
    "gedragen binnen de bestaande middelen van de betrokken agentschappen",
    "deels gefinancierd via het Europees Sociaal Fonds",
    "aangevraagd bij de begrotingsopmaak van volgend jaar",
    "gespreid over drie jaar en jaarlijks geëvalueerd",
]
RESULTS = [
    "Tegen eind {year} hebben {count} {target} een traject doorlopen, waarvan minstens {pct}% binnen zes maanden aan het werk is.",
    "De wachttijd voor {object} daalt tot maximaal {weeks} weken.",
    "In {n} regio's is er een vast aanspreekpunt voor werkgevers en begeleiders.",
    "Minstens {pct}% van de deelnemers ervaart de drempel niet langer als doorslaggevend.",
    "Het aantal niet-beroepsactieven in de doelgroep daalt met {count} personen.",
]
COMMENTS = [
    "Kan dit ook voor deeltijds werkenden? Dat is een groep die we vaak vergeten.",
    "Graag afstemmen met {org}: zij hebben al een gelijkaardig project lopen in {region}.",
    "De budgetraming moet nog bevestigd worden door de administratie.",
    "Prima voorstel. Ik zou de doelgroep wel scherper afbakenen.",
    "Is er al overleg geweest met de lokale besturen? Zonder hen lukt de uitrol niet.",
    "Voor de monitoring kunnen we de cijfers van Steunpunt Werk gebruiken.",
    "Deze actie overlapt gedeeltelijk met een voorstel van een andere werkgroep; samenvoegen?",
    "Ik heb de timing aangepast aan de planning van de begrotingsopmaak.",
    "Wie wordt de trekker binnen ons beleidsdomein? Graag een naam vóór de volgende vergadering.",
    "Uit de evaluatie van het pilootproject in {region} bleek dat de begeleiding intensiever moet.",
    "Akkoord vanuit ons agentschap, op voorwaarde dat de registratie eenvoudig blijft.",
    "Kunnen we het beoogde resultaat meetbaar maken met een streefcijfer per jaar?",
]
REASONS = {
    Status.SUBMITTED: "Ingediend na bespreking in de werkgroep.",
    Status.DRAFT: "Terug naar concept: de beschrijving moet concreter en het budget ontbreekt.",
    Status.RETAINED: "Weerhouden in de afstemmingsronde.",
    Status.MERGED: "Samengevoegd met een gelijkaardige actie van een andere werkgroep.",
    Status.REJECTED: "Niet weerhouden: valt buiten de Vlaamse bevoegdheid of is al gedekt door een bestaand plan.",
    Status.ADOPTED: "Opgenomen in het overkoepelend actieplan.",
    Status.IN_PROGRESS: "Uitvoering gestart.",
    Status.COMPLETED: "Actie gerealiseerd volgens planning.",
    Status.STOPPED: "Stopgezet na evaluatie.",
}
# Share of each final status at the data set's "now" (late 2026, plan adopted and running).
STATUS_WEIGHTS = {
    Status.DRAFT: 8, Status.SUBMITTED: 8, Status.RETAINED: 6, Status.MERGED: 7, Status.REJECTED: 11,
    Status.ADOPTED: 15, Status.IN_PROGRESS: 27, Status.COMPLETED: 12, Status.STOPPED: 6,
}
SURVIVOR_STATUSES = {Status.RETAINED, Status.ADOPTED, Status.IN_PROGRESS, Status.COMPLETED}
STATUS_PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [Status.SUBMITTED],
    Status.RETAINED: [Status.SUBMITTED, Status.RETAINED],
    Status.MERGED: [Status.SUBMITTED, Status.MERGED],
    Status.REJECTED: [Status.SUBMITTED, Status.REJECTED],
    Status.ADOPTED: [Status.SUBMITTED, Status.RETAINED, Status.ADOPTED],
    Status.IN_PROGRESS: [Status.SUBMITTED, Status.RETAINED, Status.ADOPTED, Status.IN_PROGRESS],
    Status.COMPLETED: [Status.SUBMITTED, Status.RETAINED, Status.ADOPTED, Status.IN_PROGRESS, Status.COMPLETED],
    Status.STOPPED: [Status.SUBMITTED, Status.RETAINED, Status.ADOPTED, Status.IN_PROGRESS, Status.STOPPED],
}


def theme_for(barrier_name: str) -> str:
    lowered = barrier_name.lower()
    for key, theme in THEMES.items():
        if any(word in lowered for word in theme["match"]):
            return key
    return "general"


def _ascii(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    if end <= start:
        return start
    return start + timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))


def _reference() -> dict:
    return {
        "barriers": list(Barrier.objects.order_by("pk")),
        "target_groups": list(TargetGroup.objects.order_by("pk")),
        "domains": list(PolicyDomain.objects.order_by("pk")),
        "organisations": list(Organisation.objects.order_by("pk")),
        "plans": list(LinkedPlan.objects.order_by("pk")),
    }


# --------------------------------------------------------------------------- step: users
def clear_users(ctx: SeedContext) -> None:
    get_user_model().objects.filter(username__startswith=USER_PREFIX).delete()


@scale_step("users", order=100, clear=clear_users)
def generate_users(ctx: SeedContext) -> None:
    """1,000 users at 10,000 actions, over all roles, each with a profile."""
    User = get_user_model()
    rng = ctx.rng("users")
    ref = ctx.data.setdefault("reference", _reference())
    domains = ref["domains"]
    n_groups = ctx.sized(50, minimum=2)
    ctx.data["n_groups"] = n_groups
    n_coordinators = ctx.sized(20)
    n_cabinet = ctx.sized(20, minimum=2)
    n_contacts = ctx.sized(60, minimum=min(len(domains), 3))
    n_members = max(ctx.sized(1000) - n_coordinators - n_cabinet - n_contacts - n_groups, 2 * n_groups)
    roles = (
        ["coordinator"] * n_coordinators + ["cabinet"] * n_cabinet + ["contact"] * n_contacts
        + ["chair"] * n_groups + ["member"] * n_members
    )
    password = make_password(None)  # unusable: generated accounts cannot log in with a password
    users = []
    for i, _role in enumerate(roles, start=1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        users.append(User(
            username=f"{USER_PREFIX}{i:05d}", first_name=first, last_name=last,
            email=f"{_ascii(first)}.{_ascii(last)}.{i}@example.be", password=password, is_active=True,
            date_joined=_between(rng, T_START - timedelta(days=30), T_START),
        ))
    users = ctx.bulk(User, users, "users")
    profiles = []
    for user, role in zip(users, roles):
        profiles.append(Profile(
            user=user, is_coordinator=role == "coordinator", is_cabinet=role == "cabinet",
            cabinet_all_domains=role == "cabinet" and rng.random() < 0.5,
            function_title=rng.choice(FUNCTION_TITLES),
        ))
    profiles = ctx.bulk(Profile, profiles, "profiles")
    by_role: dict[str, list[int]] = {r: [] for r in ("coordinator", "cabinet", "contact", "chair", "member")}
    contact_domains: dict[int, list[int]] = {}
    contact_rows, cabinet_rows = [], []
    contacts_seen = 0
    for profile, role in zip(profiles, roles):
        by_role[role].append(profile.user_id)
        if role == "contact":
            # every domain gets contacts first; some contacts cover two domains
            chosen = [domains[contacts_seen % len(domains)]] if domains else []
            contacts_seen += 1
            if domains and rng.random() < 0.15:
                chosen.append(rng.choice(domains))
            ids = sorted({d.pk for d in chosen})
            contact_domains[profile.user_id] = ids
            contact_rows += [Profile.contact_domains.through(profile_id=profile.pk, policydomain_id=d) for d in ids]
        elif role == "cabinet" and not profile.cabinet_all_domains and domains:
            ids = sorted({d.pk for d in rng.sample(domains, k=min(len(domains), rng.choice([1, 1, 2])))})
            cabinet_rows += [Profile.cabinet_domains.through(profile_id=profile.pk, policydomain_id=d) for d in ids]
    ctx.bulk(Profile.contact_domains.through, contact_rows, "domain contact links")
    ctx.bulk(Profile.cabinet_domains.through, cabinet_rows, "cabinet domain links")
    ctx.data["users"] = by_role
    ctx.data["contact_domains"] = contact_domains


# --------------------------------------------------------------------------- step: working groups
def clear_groups(ctx: SeedContext) -> None:
    groups = generated_groups()
    Membership.objects.filter(working_group__in=groups).delete()
    groups.delete()


@scale_step("working_groups", order=200, clear=clear_groups)
def generate_groups(ctx: SeedContext) -> None:
    """50 working groups at 10,000 actions with a chair each, members and the odd domain contact."""
    rng = ctx.rng("working_groups")
    ref = ctx.data["reference"]
    barriers, target_groups, domains, orgs = ref["barriers"], ref["target_groups"], ref["domains"], ref["organisations"]
    priority = [b for b in barriers if b.is_priority] or barriers
    existing_names = set(WorkingGroup.objects.values_list("name", flat=True))
    groups, group_barriers, group_targets = [], [], []
    for i in range(1, ctx.data["n_groups"] + 1):
        main = rng.choice(priority) if rng.random() < 0.8 else rng.choice(barriers)
        theme = THEMES[theme_for(main.name)]
        name = f"{theme['label']}: {rng.choice(theme['objects'])}"
        if name in existing_names:
            name = f"{name} ({rng.choice(REGIONS)})"
        if name in existing_names:
            name = f"{name} {i}"
        existing_names.add(name)
        others = [b for b in rng.sample(barriers, k=min(2, len(barriers))) if b != main][: rng.choice([0, 0, 1])]
        groups.append(WorkingGroup(
            name=_clip(name, 200), code_prefix=f"{theme['abbr']}{i:03d}",
            description=" ".join(
                [f"Deze werkgroep werkt acties uit rond de drempel {main.name.lower()}."]
                + [s.format(**_slots(rng, ref, theme, ctx)) for s in rng.sample(SENTENCES[:8], k=2)]
            ),
            is_active=rng.random() < 0.95,
            created_at=_between(rng, T_START - timedelta(days=20), T_START),
        ))
        group_barriers.append([main, *others])
        group_targets.append(rng.sample(target_groups, k=min(len(target_groups), rng.choice([1, 2, 2, 3]))))
    groups = ctx.bulk(WorkingGroup, groups, "working groups")
    ctx.bulk(WorkingGroup.barriers.through, [
        WorkingGroup.barriers.through(workinggroup_id=g.pk, barrier_id=b.pk)
        for g, bs in zip(groups, group_barriers) for b in bs
    ], "working group barrier links")
    ctx.bulk(WorkingGroup.target_groups.through, [
        WorkingGroup.target_groups.through(workinggroup_id=g.pk, targetgroup_id=t.pk)
        for g, ts in zip(groups, group_targets) for t in ts
    ], "working group target group links")

    users = ctx.data["users"]
    members_of: dict[int, list[int]] = {g.pk: [] for g in groups}
    chair_of: dict[int, int] = {}
    memberships = []

    def join(user_id, group, role):
        members_of[group.pk].append(user_id)
        domain = rng.choice(domains) if domains else None
        org_choices = [o for o in orgs if o.policy_domain_id == (domain.pk if domain else None)] or orgs
        memberships.append(Membership(
            working_group=group, user_id=user_id, role=role, policy_domain=domain,
            organisation=rng.choice(org_choices) if org_choices and rng.random() < 0.8 else None,
            created_at=_between(rng, group.created_at, group.created_at + timedelta(days=60)),
        ))

    for group, chair_id in zip(groups, users["chair"]):
        chair_of[group.pk] = chair_id
        join(chair_id, group, Membership.Role.CHAIR)
    weights = [rng.uniform(0.5, 1.5) for _ in groups]
    for k, user_id in enumerate(users["member"]):
        how_many = rng.choices([1, 2, 3], weights=[80, 15, 5])[0]
        chosen = [groups[k % len(groups)]]  # every group gets members
        for g in rng.choices(groups, weights=weights, k=how_many - 1):
            if g not in chosen:
                chosen.append(g)
        for g in chosen:
            join(user_id, g, Membership.Role.MEMBER)
    for user_id in users["contact"]:
        if rng.random() < 0.3:
            join(user_id, rng.choice(groups), Membership.Role.MEMBER)
    ctx.bulk(Membership, memberships, "memberships")
    ctx.data["groups"] = groups
    ctx.data["group_barriers"] = {g.pk: bs for g, bs in zip(groups, group_barriers)}
    ctx.data["group_weights"] = weights
    ctx.data["members_of"] = members_of
    ctx.data["chair_of"] = chair_of


def _slots(rng: random.Random, ref: dict, theme: dict, ctx: SeedContext, target: str | None = None) -> dict:
    orgs = [o.name for o in ref["organisations"]] or ORGANISATIONS_FALLBACK
    plans = [p.name for p in ref["plans"]] or ["het Actieplan Vlaanderen Werkt!"]
    groups = ctx.data.get("groups") or []
    org, org2 = rng.sample(orgs, k=2) if len(orgs) > 1 else (orgs[0], orgs[0])
    return dict(
        problem=rng.choice(theme["problems"]),
        object=rng.choice(theme["objects"]),
        context=(" " + c) if (c := rng.choice(CONTEXTS)) else "",
        target=target or (_lower_first(rng.choice(ref["target_groups"]).name) if ref["target_groups"] else "werkzoekenden"),
        org=org, org2=org2, region=rng.choice(REGIONS), n=rng.randint(2, 6), year=rng.choice([2027, 2028, 2029]),
        plan=rng.choice(plans), budget=rng.choice(BUDGET_PHRASES),
        other_group=rng.choice(groups).name if groups else "Mobiliteit",
    )


# --------------------------------------------------------------------------- step: actions
def clear_actions(ctx: SeedContext) -> None:
    """Remove generated actions and everything that points at them."""
    generated = Action.objects.filter(is_generated=True)
    ids = generated.values("pk")
    History = Action.history.model
    for name in M2M:
        _history_through(name).objects.filter(history__id__in=ids).delete()
    History.objects.filter(id__in=ids).delete()
    for m2m in Action._meta.many_to_many:
        m2m.remote_field.through.objects.filter(**{f"{m2m.m2m_field_name()}__in": ids}).delete()
    for rel in Action._meta.related_objects:
        if rel.related_model is Action:
            continue  # merged_into: removed together with the actions themselves
        if rel.many_to_many:  # e.g. indicators linked to actions
            through = rel.through
            column = rel.field.m2m_reverse_field_name()
            through.objects.filter(**{f"{column}__in": ids}).delete()
        elif rel.on_delete in (models.CASCADE, models.PROTECT):
            rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": ids}).delete()
        elif rel.on_delete is models.SET_NULL:
            rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": ids}).update(**{rel.field.name: None})
    # Action has simple-history's post_delete signal, which would make Django load every
    # row and write a "deleted" history record for each: delete the rows directly.
    generated._raw_delete(generated.db)


M2M = {  # field -> (through model attribute of the target id, reference key)
    "secondary_barriers": ("barrier_id", "barriers"),
    "target_groups": ("targetgroup_id", "target_groups"),
    "partner_domains": ("policydomain_id", "domains"),
    "partner_organisations": ("organisation_id", "organisations"),
    "linked_plans": ("linkedplan_id", "plans"),
}
M2M_COUNTS = {
    "secondary_barriers": [0, 0, 1, 1, 2],
    "target_groups": [1, 1, 2, 2, 3],
    "partner_domains": [0, 1, 1, 2, 3],
    "partner_organisations": [0, 1, 1, 2],
    "linked_plans": [0, 0, 1, 1, 2],
}


@scale_step("actions", order=300, clear=clear_actions)
def generate_actions(ctx: SeedContext) -> None:
    """10,000 actions over all statuses with their links, status changes and history records."""
    rng = ctx.rng("actions")
    ref = ctx.data["reference"]
    groups, weights = ctx.data["groups"], ctx.data["group_weights"]
    members_of, chair_of = ctx.data["members_of"], ctx.data["chair_of"]
    coordinators = ctx.data["users"]["coordinator"]
    contacts_by_domain: dict[int, list[int]] = {}
    for user_id, domain_ids in ctx.data["contact_domains"].items():
        for d in domain_ids:
            contacts_by_domain.setdefault(d, []).append(user_id)
    proposing_domains = [d for d in ref["domains"] if d.pk in contacts_by_domain]
    next_number: dict[tuple[str, int], int] = {}
    for domain in proposing_domains:  # continue after codes that real data already uses
        numbers = [
            int(c.rsplit("-", 1)[-1]) for c in Action.objects.filter(
                working_group__isnull=True, proposing_domain=domain).values_list("code", flat=True)
            if c.rsplit("-", 1)[-1].isdigit()
        ]
        next_number[("d", domain.pk)] = max(numbers, default=0) + 1
    statuses, status_weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    summaries, merged, survivors = [], [], []
    remaining = ctx.actions
    while remaining > 0:
        size = min(BATCH_SIZE, remaining)
        remaining -= size
        plans = [
            _plan_action(rng, ref, ctx, groups, weights, members_of, chair_of, coordinators, proposing_domains,
                         contacts_by_domain, next_number, statuses, status_weights)
            for _ in range(size)
        ]
        _write_actions(ctx, plans)
        summaries += [(p["action"].pk, p["action"].working_group_id, p["action"].created_at, p["people"])
                      for p in plans]
        merged += [p["action"].pk for p in plans if p["action"].status == Status.MERGED]
        survivors += [p["action"].pk for p in plans if p["action"].status in SURVIVOR_STATUSES]
    # A merged action points at the action it was merged into.
    if merged and survivors:
        Action.objects.bulk_update(
            [Action(pk=pk, merged_into_id=rng.choice(survivors)) for pk in merged], ["merged_into"],
            batch_size=BATCH_SIZE,
        )
    ctx.data["actions"] = summaries


def _plan_action(rng, ref, ctx, groups, weights, members_of, chair_of, coordinators, proposing_domains,
                 contacts_by_domain, next_number, statuses, status_weights) -> dict:
    status = rng.choices(statuses, weights=status_weights)[0]
    if proposing_domains and rng.random() < 0.1:
        group, domain = None, rng.choice(proposing_domains)
        key, prefix = ("d", domain.pk), re.sub(r"[^A-Z0-9]", "", domain.abbreviation.upper())[:8] or "BD"
        people = contacts_by_domain[domain.pk]
        proposer_chair = people[0]
        main_barrier = rng.choice(ref["barriers"])
    else:
        group, domain = rng.choices(groups, weights=weights)[0], None
        key, prefix = ("g", group.pk), group.code_prefix
        people = members_of[group.pk]
        proposer_chair = chair_of[group.pk]
        own = ctx.data["group_barriers"][group.pk]
        main_barrier = rng.choice(own) if rng.random() < 0.8 else rng.choice(ref["barriers"])
    number = next_number.get(key, 1)
    next_number[key] = number + 1
    theme = THEMES[theme_for(main_barrier.name)]
    instrument = rng.choice(list(InstrumentType))
    target_groups = rng.sample(ref["target_groups"], k=min(len(ref["target_groups"]), rng.choice(M2M_COUNTS["target_groups"])))
    target = _lower_first(target_groups[0].name) if target_groups else "werkzoekenden"
    slots = _slots(rng, ref, theme, ctx, target=target)
    title = f"{rng.choice(INSTRUMENT_VERBS[instrument])} {slots['object']}"
    if rng.random() < 0.6 and " voor " not in slots["object"]:
        title += f" voor {target}"
    if slots["context"]:
        title += slots["context"]
    long = rng.random() < 0.3  # some descriptions are long
    sentences = rng.sample(SENTENCES, k=rng.randint(10, len(SENTENCES)) if long else rng.randint(3, 9))
    description = " ".join(s.format(**_slots(rng, ref, theme, ctx, target=target)) for s in sentences)
    results = [r.format(count=rng.choice([150, 400, 1200, 2500, 12000]), pct=rng.choice([25, 30, 40, 50, 60]),
                        weeks=rng.choice([4, 6, 8, 12]), **slots)
               for r in rng.sample(RESULTS, k=rng.randint(1, 3))]
    first_result = " ".join(results[:1])
    path = STATUS_PATHS[status]
    if path and rng.random() < 0.05:  # sent back once and submitted again
        path = [Status.SUBMITTED, Status.DRAFT, *path]
    author = rng.choice(people)
    created = _between(rng, T_START, T_START + timedelta(days=100))
    events = []  # (kind, at, by, status, reason)
    at = created
    edited = rng.random() < 0.5
    if edited:
        at = _between(rng, at, at + timedelta(days=30))
        events.append(("edit", at, rng.choice(people), Status.DRAFT, "Gewijzigd"))
    current = Status.DRAFT
    for to in path:
        at = min(_between(rng, at + timedelta(days=2), at + timedelta(days=45)), T_NOW)
        if to == Status.SUBMITTED:
            by = proposer_chair
        elif to in (Status.IN_PROGRESS, Status.COMPLETED, Status.STOPPED) and rng.random() < 0.5:
            by = rng.choice(people)
        else:
            by = rng.choice(coordinators)
        events.append(("status", at, by, to, REASONS[to]))
        current = to
    lead = rng.choice(ref["domains"]) if ref["domains"] and (status not in (Status.DRAFT, Status.SUBMITTED) or rng.random() < 0.6) else None
    budget_impact = rng.choices(list(BudgetImpact), weights=[40, 40, 20])[0]
    start = date(2026, rng.randint(1, 12), 1) if rng.random() < 0.7 else None
    action = Action(
        code=f"{prefix}-{number:02d}", title=_clip(title[:1].upper() + title[1:], 200),
        description=_clip(description, 10000), intended_result=_clip(" ".join(results), 5000),
        primary_barrier=main_barrier, working_group=group, proposing_domain=domain, lead_domain=lead,
        level=rng.choices(list(Level), weights=[80, 12, 8])[0], instrument_type=instrument,
        budget_impact=budget_impact,
        budget_estimate=Decimal(rng.randrange(20, 5000) * 1000) if budget_impact == BudgetImpact.EXTRA else None,
        planned_start=start, planned_end=start + timedelta(days=rng.choice([180, 365, 730, 1095])) if start else None,
        status=current, version=1 + len(events), created_by_id=author,
        updated_by_id=events[-1][2] if events else author, created_at=created,
        updated_at=events[-1][1] if events else created, is_generated=True,
    )
    m2m = {}
    for name, (_, ref_key) in M2M.items():
        choices = ref[ref_key]
        if name == "target_groups":
            m2m[name] = target_groups
        elif name == "secondary_barriers":
            pool = [b for b in choices if b != main_barrier]
            m2m[name] = rng.sample(pool, k=min(len(pool), rng.choice(M2M_COUNTS[name])))
        else:
            m2m[name] = rng.sample(choices, k=min(len(choices), rng.choice(M2M_COUNTS[name])))
    return dict(action=action, m2m=m2m, events=events, first_result=first_result,
                people=people, edited=edited)


def _write_actions(ctx: SeedContext, plans: list[dict]) -> None:
    History = Action.history.model
    actions = ctx.bulk(Action, [p["action"] for p in plans], "actions")
    action_ids = [a.pk for a in actions]
    links: dict[tuple[str, int], list[tuple[int, int]]] = {}  # (field, action id) -> [(link id, target id)]
    for name, (column, _ref_key) in M2M.items():
        through = getattr(Action, name).through
        rows = [(plan["action"].pk, obj.pk) for plan in plans for obj in plan["m2m"][name]]
        ctx.insert_rows(through, ["action_id", column], rows, "action links")
        for link_id, action_id, target_id in through.objects.filter(action_id__in=action_ids).values_list(
                "pk", "action_id", column).order_by("pk"):
            links.setdefault((name, action_id), []).append((link_id, target_id))

    changes = []
    for plan in plans:
        previous = Status.DRAFT
        for kind, at, by, to, reason in plan["events"]:
            if kind == "status":
                changes.append((plan["action"].pk, previous, to, by, at, reason))
                previous = to
    ctx.insert_rows(StatusChange, ["action_id", "from_status", "to_status", "by_id", "at", "reason"], changes,
                    "status changes")

    # History: one record at creation and one per later change, written in bulk through
    # the historical model (the rows simple-history's save() would have written).
    tracked = [f.attname for f in History._meta.concrete_fields
               if not f.name.startswith("history_") and f.attname in _action_attnames()]
    columns = [*tracked, "history_date", "history_user_id", "history_change_reason", "history_type"]
    status_at, version_at = tracked.index("status"), tracked.index("version")
    result_at = tracked.index("intended_result")
    records = []
    for plan, action in zip(plans, actions):
        base = [getattr(action, name) for name in tracked]
        first = list(base)
        first[status_at], first[version_at] = Status.DRAFT, 1
        if plan["edited"]:
            first[result_at] = plan["first_result"]
        records.append((*first, action.created_at, action.created_by_id, "Aangemaakt", "+"))
        status, version = Status.DRAFT, 1
        for kind, at, by, to, reason in plan["events"]:
            version += 1
            status = to if kind == "status" else status
            values = list(base)
            values[status_at], values[version_at] = status, version
            records.append((*values, at, by, reason[:100], "~"))
    ctx.insert_rows(History, columns, records, "history records")

    # The many-to-many snapshot of every history record: by far the most rows.
    record_ids = list(History.objects.filter(id__in=action_ids).values_list("history_id", "id").order_by("history_id"))
    for name, (column, _ref_key) in M2M.items():
        rows = [
            (link_id, action_id, target_id, history_id)
            for history_id, action_id in record_ids for link_id, target_id in links.get((name, action_id), [])
        ]
        ctx.insert_rows(_history_through(name), ["id", "action_id", column, "history_id"], rows,
                        "history link records")


def _action_attnames() -> set[str]:
    return {f.attname for f in Action._meta.concrete_fields}


# --------------------------------------------------------------------------- step: comments
def clear_comments(ctx: SeedContext) -> None:
    Comment.objects.filter(action__is_generated=True).delete()


@scale_step("comments", order=400, clear=clear_comments)
def generate_comments(ctx: SeedContext) -> None:
    """About two comments per action (20,000 at 10,000 actions) by members and coordinators."""
    rng = ctx.rng("comments")
    ref = ctx.data["reference"]
    orgs = [o.name for o in ref["organisations"]] or ORGANISATIONS_FALLBACK
    coordinators = ctx.data["users"]["coordinator"]
    rows = []
    for action_id, _group_id, created, people in ctx.data["actions"]:
        for _ in range(rng.choices([0, 1, 2, 3, 4, 6], weights=[25, 25, 20, 15, 10, 5])[0]):
            text = rng.choice(COMMENTS).format(org=rng.choice(orgs), region=rng.choice(REGIONS))
            if rng.random() < 0.3:
                text += " " + rng.choice(COMMENTS).format(org=rng.choice(orgs), region=rng.choice(REGIONS))
            author = rng.choice(people) if rng.random() < 0.75 else rng.choice(coordinators)
            rows.append((action_id, author, text, _between(rng, created, T_NOW)))
    ctx.insert_rows(Comment, ["action_id", "author_id", "text", "created_at"], rows, "comments")


@functools.cache
def _history_through(name: str):
    """simple-history's model for the many-to-many snapshots of ``Action.<name>``."""
    return getattr(Action.history.model, name).model


# --------------------------------------------------------------------------- shared reads for later steps
def action_rows(ctx: SeedContext) -> list[tuple]:
    """The generated actions as ``(pk, status, barrier, lead domain, working group, planned start,
    planned end, created at)`` tuples, read once and shared by the later steps."""
    if "action_rows" not in ctx.data:
        ctx.data["action_rows"] = list(
            Action.objects.filter(is_generated=True).order_by("pk").values_list(
                "pk", "status", "primary_barrier_id", "lead_domain_id", "working_group_id", "planned_start",
                "planned_end", "created_at")
        )
    return ctx.data["action_rows"]


def status_times(ctx: SeedContext, status: str) -> dict[int, tuple[datetime, int | None]]:
    """When (and by whom) each generated action last moved to ``status``."""
    key = f"status_times:{status}"
    if key not in ctx.data:
        found = {}
        changes = StatusChange.objects.filter(action__is_generated=True, to_status=status).order_by("at", "id")
        for action_id, at, by in changes.values_list("action_id", "at", "by_id"):
            found[action_id] = (at, by)
        ctx.data[key] = found
    return ctx.data[key]


def people_of(ctx: SeedContext) -> dict[int, list[int]]:
    """The members (or domain contacts) who work on each generated action."""
    if "people_of" not in ctx.data:
        ctx.data["people_of"] = {pk: people for pk, _group, _created, people in ctx.data["actions"]}
    return ctx.data["people_of"]


def contacts_by_domain(ctx: SeedContext) -> dict[int, list[int]]:
    if "contacts_by_domain" not in ctx.data:
        found: dict[int, list[int]] = {}
        for user_id, domain_ids in sorted(ctx.data["contact_domains"].items()):
            for d in domain_ids:
                found.setdefault(d, []).append(user_id)
        ctx.data["contacts_by_domain"] = found
    return ctx.data["contacts_by_domain"]


# --------------------------------------------------------------------------- step: alignment
LINK_REASONS = {
    LinkType.OVERLAPS: [
        "Beide acties richten zich op dezelfde doelgroep in dezelfde regio's.",
        "Gedeeltelijke overlap: afstemmen wie de trekker wordt.",
        "Zelfde aanpak, andere werkgroep; samenvoegen werd overwogen maar niet weerhouden.",
    ],
    LinkType.COMPLEMENTS: [
        "De ene actie bereikt de doelgroep, de andere zorgt voor het aanbod.",
        "Samen vormen ze één traject van begeleiding naar werk.",
        "Vult de regionale aanpak aan met een Vlaams kader.",
    ],
    LinkType.DEPENDS_ON: [
        "Kan pas starten wanneer de regelgeving aangepast is.",
        "Heeft de gedeelde dataset nodig om de doelgroep te bereiken.",
        "Bouwt verder op het pilootproject van de andere actie.",
    ],
    LinkType.SHARED_OPPORTUNITY: [
        "Gezamenlijke projectoproep mogelijk via het Europees Sociaal Fonds.",
        "Zelfde partners: één overlegmoment volstaat.",
        "Kans om één aanspreekpunt voor werkgevers te voorzien.",
    ],
}
LINK_WEIGHTS = {LinkType.OVERLAPS: 30, LinkType.COMPLEMENTS: 35, LinkType.DEPENDS_ON: 15,
                LinkType.SHARED_OPPORTUNITY: 20}
SYMMETRIC_LINK_TYPES = {LinkType.OVERLAPS, LinkType.COMPLEMENTS, LinkType.SHARED_OPPORTUNITY}
CARRY_OVER_KEYS = ["target_groups", "partner_domains", "partner_organisations", "linked_plans", "comments"]
LINKABLE = {Status.SUBMITTED, Status.RETAINED, Status.ADOPTED, Status.IN_PROGRESS, Status.COMPLETED,
            Status.STOPPED}
T_ALIGNMENT = T_START + timedelta(days=110)  # the alignment round starts in early May


def clear_alignment(ctx: SeedContext) -> None:
    """Dismissals (their relations to actions are hidden, so ``clear_actions`` does not see them);
    merges and links cascade with the actions."""
    ids = Action.objects.filter(is_generated=True).values("pk")
    SimilarityDismissal.objects.filter(Q(action_low__in=ids) | Q(action_high__in=ids)).delete()


@scale_step("alignment", order=500, clear=clear_alignment)
def generate_alignment(ctx: SeedContext) -> None:
    """A merge record per merged action, 2,000 typed links and 300 dismissed suggestions at 10,000 actions.

    The decisions (retained, rejected, merged, sent back) are the status changes of the actions step.
    """
    rng = ctx.rng("alignment")
    coordinators = ctx.data["users"]["coordinator"]
    rows = action_rows(ctx)
    merged_at = status_times(ctx, Status.MERGED)
    into = dict(Action.objects.filter(is_generated=True, status=Status.MERGED, merged_into__isnull=False)
                .values_list("pk", "merged_into_id"))
    merges = []
    for pk in sorted(into):
        at, by = merged_at.get(pk, (T_ALIGNMENT, None))
        merges.append((pk, into[pk], by or rng.choice(coordinators), at, REASONS[Status.MERGED],
                       {key: [] for key in CARRY_OVER_KEYS},
                       {"merged": {"fields": {"status": Status.SUBMITTED.value}}}))
    ctx.insert_rows(Merge, ["merged_id", "into_id", "by_id", "at", "reason", "carried_over", "before"], merges,
                    "merges")

    linkable = [r for r in rows if r[1] in LINKABLE]
    by_barrier: dict[int, list[int]] = {}
    for r in linkable:
        by_barrier.setdefault(r[2], []).append(r[0])
    barrier_of = {r[0]: r[2] for r in linkable}
    ids = [r[0] for r in linkable]
    types, weights = list(LINK_WEIGHTS), list(LINK_WEIGHTS.values())
    links, seen = [], set()
    wanted = ctx.sized(2_000) if len(ids) > 1 else 0
    attempts = 0
    while len(links) < wanted and attempts < wanted * 20:
        attempts += 1
        a = rng.choice(ids)
        pool = by_barrier[barrier_of[a]] if rng.random() < 0.7 and len(by_barrier[barrier_of[a]]) > 1 else ids
        b = rng.choice(pool)
        if a == b:
            continue
        kind = rng.choices(types, weights=weights)[0]
        # symmetric types are stored once (low id first); "depends on" only points at an older
        # action, so the generated dependencies never form a cycle
        a, b = (min(a, b), max(a, b)) if kind in SYMMETRIC_LINK_TYPES else (max(a, b), min(a, b))
        if (a, b, kind) in seen:
            continue
        seen.add((a, b, kind))
        links.append((a, b, kind, rng.choice(LINK_REASONS[kind]), rng.choice(coordinators),
                      _between(rng, T_ALIGNMENT, T_NOW)))
    ctx.insert_rows(ActionLink, ["from_action_id", "to_action_id", "type", "reason", "created_by_id", "created_at"],
                    links, "typed action links")

    eligible = [r[0] for r in rows if r[1] in (Status.SUBMITTED, Status.RETAINED)]
    dismissals, seen = [], set()
    wanted = ctx.sized(300) if len(eligible) > 1 else 0
    attempts = 0
    while len(dismissals) < wanted and attempts < wanted * 20:
        attempts += 1
        low, high = sorted(rng.sample(eligible, 2))
        if (low, high) in seen:
            continue
        seen.add((low, high))
        dismissals.append((low, high, rng.choice(coordinators), _between(rng, T_ALIGNMENT, T_NOW)))
    ctx.insert_rows(SimilarityDismissal, ["action_low_id", "action_high_id", "by_id", "at"], dismissals,
                    "dismissed suggestions")


# --------------------------------------------------------------------------- step: similarity index
@contextmanager
def _cached_stemmer(module):
    """Memoise the Snowball stemmer of ``module`` per word (the generated texts share a small vocabulary).

    Same stems as without the cache; ten times faster over 10,000 actions.
    """
    original = module._stemmer
    cache: dict[str, str] = {}

    class Cached:
        def stemWords(self, words):  # noqa: N802 (snowballstemmer's name)
            out = []
            for word in words:
                stem = cache.get(word)
                if stem is None:
                    stem = cache[word] = original.stemWord(word)
                out.append(stem)
            return out

    module._stemmer = Cached()
    try:
        yield
    finally:
        module._stemmer = original


@scale_step("similarity_index", order=520)  # postings and vectors cascade with the actions
def generate_similarity_index(ctx: SeedContext) -> None:
    """The overlap index of every action, as ``similarity.reindex_all()`` computes it, written in bulk.

    Vectors for every action, postings for the candidates (submitted and retained).
    """
    from actieplan.alignment import similarity

    rows = Action.objects.order_by("pk").values_list("pk", "status", "title", "description", "intended_result")
    tfs, eligible = {}, set()
    with _cached_stemmer(similarity):
        for pk, status, title, description, result in rows:
            tfs[pk] = similarity.term_frequencies(title, description, result)
            if status in similarity.ELIGIBLE:
                eligible.add(pk)
    df: collections.Counter = collections.Counter()
    for pk in eligible:
        df.update(tfs[pk].keys())
    n = len(eligible)
    TermPosting.objects.all().delete()
    ActionTermVector.objects.all().delete()
    postings, vectors = [], []
    for pk, tf in tfs.items():
        if pk in eligible:
            vector, norm = similarity._vector(tf, df, n)
            postings += [(pk, stem, weight) for stem, (weight, *_rest) in vector.items()]
        else:  # like index_action: the collection of candidates plus this action
            vector, norm = similarity._vector(tf, {t: df.get(t, 0) + 1 for t in tf}, n + 1)
        vectors.append((pk, vector, norm, T_NOW))
    ctx.insert_rows(ActionTermVector, ["action_id", "terms", "norm", "updated_at"], vectors, "term vectors")
    ctx.insert_rows(TermPosting, ["action_id", "term", "weight"], postings, "term postings")
    ctx.counts["similarity pairs"] = similarity.rebuild_pairs()  # what the alignment board reads


# --------------------------------------------------------------------------- step: plan
PLAN_TITLE = "Vlaams actieplan drempels naar werk 2026–2029"
V1_AT = datetime(2026, 7, 10, 11, 0, tzinfo=TZ)  # adopted before the summer recess
V2_AT = datetime(2026, 10, 16, 11, 0, tzinfo=TZ)  # an update in the autumn
ADOPTED_STATUSES = {Status.ADOPTED, Status.IN_PROGRESS, Status.COMPLETED, Status.STOPPED}
MILESTONE_TITLES = [
    "Startnota goedgekeurd", "Partners aangeduid", "Projectoproep gelanceerd", "Selectie van de projecten",
    "Pilootproject gestart", "Tussentijdse evaluatie", "Decreetwijziging ingediend", "Uitvoeringsbesluit goedgekeurd",
    "Eerste deelnemers in traject", "Communicatiecampagne gelanceerd", "Dataset beschikbaar", "Eindevaluatie",
    "Structurele uitrol over Vlaanderen", "Opleiding begeleiders afgerond",
]
ASSIGNMENT_REMARKS = [
    "Akkoord, op voorwaarde dat de middelen bij de begrotingsaanpassing voorzien worden.",
    "Akkoord; de uitvoering gebeurt via het agentschap.",
    "Akkoord, maar de timing is krap: start ten vroegste in het voorjaar.",
]
DECLINE_REASONS = [
    "Niet akkoord: deze actie valt onder de bevoegdheid van een ander beleidsdomein.",
    "Niet akkoord: er zijn geen middelen voorzien in de meerjarenbegroting.",
]


def clear_plans(ctx: SeedContext) -> None:
    Plan.objects.filter(created_by__username__startswith=USER_PREFIX).delete()


@real_data_check
def real_plans() -> str:
    count = Plan.objects.exclude(created_by__username__startswith=USER_PREFIX).count()
    return f"{count} plans not made by a generated user" if count else ""


@scale_step("plan", order=600, clear=clear_plans)
def generate_plan(ctx: SeedContext) -> None:
    """One plan: a chapter per priority barrier, the adopted actions in two frozen versions
    (``plan_snapshot``), the retained ones in the draft of a third now in consultation, with
    milestones, lead and partner assignments and sign-offs."""
    from actieplan.plan.selectors import plan_snapshot

    rng = ctx.rng("plan")
    ref = ctx.data["reference"]
    coordinators = ctx.data["users"]["coordinator"]
    contacts = contacts_by_domain(ctx)
    rows = action_rows(ctx)
    in_v1, in_v2, retained = [], [], []
    for r in rows:
        if r[1] in ADOPTED_STATUSES:
            (in_v1 if rng.random() < 0.85 else in_v2).append(r)
        elif r[1] == Status.RETAINED:
            retained.append(r)
    if not (in_v1 or in_v2 or retained):
        return
    with explicit_timestamps(Plan._meta.get_field("created_at"), Plan._meta.get_field("updated_at")):
        plan = ctx.bulk(Plan, [Plan(
            title=PLAN_TITLE, status=PlanStatus.FINAL, created_by_id=coordinators[0],
            introduction="<p>Dit actieplan bundelt de acties die de werkgroepen en beleidsdomeinen voorstelden om "
                         "drempels naar werk weg te werken. Elk hoofdstuk behandelt één prioritaire drempel.</p>",
            conclusion="<p>De Vlaamse Regering volgt de uitvoering halfjaarlijks op via het dashboard en het "
                       "kabinetsrapport.</p>",
            created_at=T_START + timedelta(days=140), updated_at=T_NOW,
        )], "plans")[0]
    priority = [b for b in ref["barriers"] if b.is_priority] or ref["barriers"]
    priority.sort(key=lambda b: (b.order, b.name))
    chapters = ctx.bulk(Chapter, [
        Chapter(plan=plan, title=b.name, barrier=b, order=i,
                introduction=f"<p>Acties rond de drempel {b.name.lower()}.</p>")
        for i, b in enumerate(priority, start=1)
    ] + [Chapter(plan=plan, title="Andere drempels", barrier=None, order=len(priority) + 1,
                 introduction="<p>Acties rond drempels die niet prioritair zijn.</p>")], "chapters")
    chapter_of = {c.barrier_id: c.pk for c in chapters if c.barrier_id}
    other_chapter = chapters[-1].pk
    next_order: dict[int, int] = {}

    def add_items(selected):
        items = []
        for r in selected:
            chapter = chapter_of.get(r[2], other_chapter)
            next_order[chapter] = next_order.get(chapter, 0) + 1
            items.append((plan.pk, chapter, r[0], next_order[chapter]))
        ctx.insert_rows(PlanItem, ["plan_id", "chapter_id", "action_id", "order"], items, "plan items")

    # Milestones and assignments of every action in the plan (the snapshots include them).
    in_plan = in_v1 + in_v2 + retained
    adopted_at = status_times(ctx, Status.ADOPTED)
    today = T_NOW.date()
    milestones = []
    for r in in_plan:
        start = r[5] or date(2026, 9, 1)
        end = r[6] or start + timedelta(days=730)
        span = max(30, (end - start).days)
        for k in sorted(rng.sample(range(1, 13), rng.choice([1, 2, 2, 3, 3, 4]))):
            due = start + timedelta(days=span * k // 12)
            done = (r[1] == Status.COMPLETED or rng.random() < 0.7) and due <= today
            milestones.append((r[0], rng.choice(MILESTONE_TITLES), due,
                               "" if rng.random() < 0.6 else "Zie de planning in de startnota.",
                               due + timedelta(days=rng.randint(-10, 40)) if done else None))
    ctx.insert_rows(Milestone, ["action_id", "title", "due_date", "description", "done_on"], milestones, "milestones")

    partners: dict[int, list[int]] = {}
    through = Action.partner_domains.through
    for action_id, domain_id in through.objects.filter(action__is_generated=True).values_list(
            "action_id", "policydomain_id").order_by("action_id", "policydomain_id"):
        partners.setdefault(action_id, []).append(domain_id)
    assignments = []
    for r in in_plan:
        wanted = {r[3]: AssignmentRole.LEAD} if r[3] else {}
        for d in partners.get(r[0], []):
            wanted.setdefault(d, AssignmentRole.PARTNER)
        decided_before = adopted_at.get(r[0], (V2_AT, None))[0]
        for domain_id, role in wanted.items():
            created = _between(rng, T_ALIGNMENT + timedelta(days=20), min(decided_before, T_NOW))
            if r[1] == Status.RETAINED:
                state = rng.choices(list(AssignmentState), weights=[60, 30, 6, 4])[0]
            else:
                state = rng.choices(list(AssignmentState), weights=[4, 80, 13, 3])[0]
            remark = ""
            if state == AssignmentState.ACCEPTED_WITH_REMARK:
                remark = rng.choice(ASSIGNMENT_REMARKS)
            elif state == AssignmentState.DECLINED:
                remark = rng.choice(DECLINE_REASONS)
            people = contacts.get(domain_id) or coordinators
            decided = state != AssignmentState.PENDING
            assignments.append((r[0], domain_id, role, state, remark, rng.choice(people) if decided else None,
                                _between(rng, created, T_NOW) if decided else None, created))
    ctx.insert_rows(Assignment, ["action_id", "domain_id", "role", "state", "remark", "decided_by_id",
                                 "decided_at", "created_at"], assignments, "assignments")

    signed: set[int] = set()

    def sign_leads(selected, at):
        leads = sorted({r[3] for r in selected if r[3]} - signed)
        signed.update(leads)
        ctx.bulk(SignOff, [
            SignOff(plan=plan, domain_id=d, state=SignOffState.SIGNED,
                    signed_by_id=rng.choice(contacts.get(d) or coordinators),
                    signed_at=_between(rng, at - timedelta(days=20), at - timedelta(days=2)))
            for d in leads
        ], "sign-offs")

    def freeze(number, at, vr_reference, vr_date, shifted: float):
        snapshot = plan_snapshot(Plan.objects.get(pk=plan.pk))
        # The plan changed since: some planned ends moved later (the diff shows them).
        for chapter in snapshot["chapters"]:
            for a in chapter["actions"]:
                if a["planned_end"] and rng.random() < shifted:
                    a["planned_end"] = (date.fromisoformat(a["planned_end"])
                                        - timedelta(days=rng.choice([30, 90, 180]))).isoformat()
        by = coordinators[0]
        snapshot["version"] = {"number": number, "finalised_at": at.isoformat(), "vr_reference": vr_reference,
                               "vr_date": vr_date.isoformat(), "override_reason": "", "finalised_by": ""}
        return PlanVersion(plan=plan, number=number, finalised_at=at, finalised_by_id=by,
                           vr_reference=vr_reference, vr_date=vr_date, snapshot=snapshot)

    add_items(in_v1)
    sign_leads(in_v1, V1_AT)
    versions = [freeze(1, V1_AT, "VR 2026 1007 DOC.0812/1", date(2026, 7, 10), shifted=0.08)]
    add_items(in_v2)
    sign_leads(in_v2, V2_AT)
    versions.append(freeze(2, V2_AT, "VR 2026 1610 DOC.1134/1BIS", date(2026, 10, 16), shifted=0.0))
    versions = ctx.bulk(PlanVersion, versions, "plan versions")
    # A third version in preparation: the retained actions added, the plan in consultation,
    # the sign-offs reset by the new draft and about half of them signed again.
    add_items(retained)
    leads = sorted({r[3] for r in in_plan if r[3]})
    SignOff.objects.filter(plan=plan).delete()
    again = []
    for d in leads:
        if rng.random() < 0.5:
            again.append(SignOff(plan=plan, domain_id=d, state=SignOffState.SIGNED,
                                 signed_by_id=rng.choice(contacts.get(d) or coordinators),
                                 signed_at=_between(rng, T_NOW - timedelta(days=20), T_NOW),
                                 remark=rng.choice(["", "", "Akkoord met de bijkomende acties."])))
        else:
            again.append(SignOff(plan=plan, domain_id=d, state=SignOffState.PENDING,
                                 reset_reason="Nieuwe ontwerpversie van het actieplan."))
    ctx.counts["sign-offs"] = 0
    ctx.bulk(SignOff, again, "sign-offs")
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.IN_CONSULTATION)
    ctx.data["plan"] = {
        "plan": plan.pk,
        "version_of": {**{r[0]: versions[0].pk for r in in_v1}, **{r[0]: versions[1].pk for r in in_v2}},
        "in_plan": [r[0] for r in in_plan],
    }
