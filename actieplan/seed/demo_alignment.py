"""Demo data for phase 2: proposals that overlap across working groups and domains.

``load()`` adds a few submitted proposals that say much the same as an existing
proposal of another group, so the alignment board has real overlap to show, and
makes sure the similarity index covers every action. Idempotent: a proposal is
keyed on its proposer and title; running it twice adds nothing (the index is rebuilt).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

# proposer: working-group code prefix or ("domain", abbreviation); overlaps: the code it echoes.
PROPOSALS = [
    dict(
        group="INT", overlaps="MOB-08",
        title="Busabonnement aan sociaal tarief voor nieuwkomers in hun eerste job",
        description=(
            "Nieuwkomers die een eerste job vinden, betalen het abonnement voor bus en tram vaak zelf uit een laag "
            "loon. Tijdens het eerste werkjaar krijgen ze een abonnement van De Lijn aan sociaal tarief, bovenop de "
            "tussenkomst van de werkgever."
        ),
        result="Het openbaar vervoer is in het eerste werkjaar geen financiële drempel meer voor nieuwkomers.",
        barrier="mobiliteit", also=["integratie-taal"], groups=["migratieachtergrond-buiten-eu27"],
        start=date(2027, 1, 1), end=date(2027, 12, 31),
        lead="MOW", partners=["KBBJ"], orgs=["De Lijn", "AgII"], level="flemish", instrument="funding",
        budget="extra",
    ),
    dict(
        group="MOB", overlaps="ZORG-04",
        title="Kinderopvang op bedrijventerreinen voor werknemers in ploegen",
        description=(
            "Werkgevers op een bedrijventerrein richten samen kinderopvang in op of vlak bij de werkvloer. De "
            "regelgeving krijgt een proefkader zodat zulke initiatieven kunnen starten met behoud van de "
            "kwaliteitseisen, met aandacht voor de bereikbaarheid met pendelbus en fiets."
        ),
        result="Vijf initiatieven van werkgevers voor kinderopvang op een bedrijventerrein tegen 2028.",
        barrier="zorgtaken", also=["mobiliteit"], groups=["huisvrouwen-huismannen"],
        start=date(2027, 4, 1), end=date(2028, 12, 31),
        lead="WVG", partners=["MOW", "WEWIS"], orgs=["Opgroeien"], level="local", instrument="regulation",
        budget="neutral",
    ),
    dict(
        group="INT", overlaps="OND-06",
        title="Rolmodellen en bedrijfsbezoeken voor meisjes met een migratieachtergrond",
        description=(
            "Meisjes met een migratieachtergrond kiezen minder vaak een studie met goede jobkansen. Scholen in de "
            "tweede en derde graad organiseren loopbaanoriëntatie met rolmodellen uit de eigen gemeenschap en "
            "bedrijfsbezoeken."
        ),
        result="Meer meisjes met een migratieachtergrond kiezen een studie met goede kansen op werk.",
        barrier="onderwijs-arbeidsmarkt", also=["integratie-taal"], groups=["vrouwen-migratieachtergrond"],
        start=date(2027, 1, 1), end=date(2028, 6, 30),
        lead="OV", partners=["KBBJ"], orgs=["AgII"], level="flemish", instrument="awareness", budget="existing",
    ),
    dict(
        domain="OV", overlaps="INT-07",
        title="Nederlands op hoger niveau en bijscholing voor hooggeschoolde nieuwkomers",
        description=(
            "Hooggeschoolde nieuwkomers werken vaak onder hun niveau. Hogescholen en universiteiten bieden een "
            "doorstroomtraject aan met Nederlands op hoger niveau, een korte bijscholing en een stage bij een "
            "werkgever, zodat ze sneller een job op hun niveau vinden."
        ),
        result="Hooggeschoolde nieuwkomers vinden sneller een job op hun niveau.",
        barrier="integratie-taal", also=["onderwijs-arbeidsmarkt"], groups=["migratieachtergrond-buiten-eu27"],
        start=date(2027, 4, 1), end=date(2028, 6, 30),
        lead="OV", partners=["WEWIS"], orgs=["VDAB"], level="flemish", instrument="service", budget="extra",
    ),
]


@transaction.atomic
def load(stdout=None) -> int:
    """Add the overlapping proposals (submitted) and index every action; returns how many were added."""
    from actieplan.alignment import similarity
    from actieplan.models import Action, Barrier, Organisation, PolicyDomain, Status, TargetGroup
    from actieplan.actions.services import action_create, action_transition
    from werkgroepen.models import Membership, WorkingGroup

    def say(message):
        if stdout is not None:
            stdout.write(message)

    coordinator = get_user_model().objects.filter(username="coordinator").first()
    if coordinator is None or not WorkingGroup.objects.filter(code_prefix="MOB").exists():
        say("Afstemming: geen demogegevens gevonden; laad eerst load_demo.")
        return 0
    barriers = {b.slug: b for b in Barrier.objects.all()}
    target_groups = {t.slug: t for t in TargetGroup.objects.all()}
    domains = {d.abbreviation: d for d in PolicyDomain.objects.all()}
    orgs = {o.abbreviation or o.name: o for o in Organisation.objects.all()}
    created = 0
    for row in PROPOSALS:
        group = WorkingGroup.objects.filter(code_prefix=row["group"]).first() if row.get("group") else None
        domain = domains.get(row.get("domain")) if row.get("domain") else None
        if group is None and domain is None:
            continue
        existing = Action.objects.filter(title=row["title"])
        existing = existing.filter(working_group=group) if group else existing.filter(
            working_group__isnull=True, proposing_domain=domain)
        if existing.exists():
            continue
        chair = None
        if group is not None:
            membership = Membership.objects.filter(working_group=group, role="chair").select_related("user").first()
            chair = membership.user if membership else None
        author = chair or coordinator
        data = dict(
            title=row["title"], description=row["description"], intended_result=row["result"],
            primary_barrier=barriers[row["barrier"]], working_group=group, proposing_domain=domain,
            lead_domain=domains.get(row["lead"]), level=row["level"], instrument_type=row["instrument"],
            budget_impact=row["budget"], planned_start=row["start"], planned_end=row["end"],
        )
        m2m = dict(
            secondary_barriers=[barriers[s] for s in row.get("also", []) if s in barriers],
            target_groups=[target_groups[s] for s in row["groups"] if s in target_groups],
            partner_domains=[domains[a] for a in row["partners"] if a in domains],
            partner_organisations=[orgs[a] for a in row["orgs"] if a in orgs],
        )
        action = action_create(user=author, data=data, m2m=m2m)
        action_transition(action=action, to=Status.SUBMITTED, user=author)
        created += 1
        say(f"  afstemming: {action.code} overlapt met {row['overlaps']}")
    # The demo loader writes late statuses directly: rebuild the index so candidates match.
    similarity.reindex_all()
    say(f"Afstemming: {created} overlappende voorstellen toegevoegd.")
    return created
