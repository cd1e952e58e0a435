"""Issue 20: the fourth phase and the rounds for an existing database, and the round of each action.

On a new database (no phases yet) nothing happens: ``load_reference`` creates the phases and
rounds (``actieplan.seed.reference``). On an existing one: phase 4 "Uitvoering en opvolging"
starts the day after phase 3's deadline and runs to the end of the legislature; round 1 takes
the deadlines of phases 1-3; round 2 is the first update round of the implementation phase.
Each action gets the round in which it was created (proposed) and, once adopted, the round in
which it was first adopted.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations
from django.db.models import F, Min

PHASE_4 = dict(
    name="Uitvoering en opvolging",
    description=(
        "Na de mededeling van het actieplan aan de Vlaamse Regering voeren de trekkende beleidsdomeinen "
        "de acties uit tot het einde van de legislatuur (2029). Het departement WEWIS volgt de voortgang "
        "op en koppelt terug naar de beleidsdomeinen; nieuwe voorstellen komen in rondes binnen en het "
        "actieplan wordt per ronde geactualiseerd."
    ),
    deadline=date(2029, 6, 30),
)
ROUND_1 = dict(
    name="Startronde 2026",
    description="Opstellen, afstemmen en bundelen van de eerste acties tot het actieplan voor het zomerreces.",
)
ROUND_2 = dict(
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
)
ADOPTED_OR_LATER = ["adopted", "in_progress", "completed", "stopped"]


def _start_of(day):
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def forwards(apps, schema_editor):
    Phase = apps.get_model("actieplan", "Phase")
    Round = apps.get_model("actieplan", "Round")
    Action = apps.get_model("actieplan", "Action")
    StatusChange = apps.get_model("actieplan", "StatusChange")
    phases = {p.number: p for p in Phase.objects.all()}
    if not {1, 2, 3} <= set(phases):
        return  # a new database: the reference loader creates phases and rounds
    if 4 not in phases:
        Phase.objects.create(number=4, starts_on=phases[3].deadline + timedelta(days=1), **PHASE_4)
    if not Round.objects.exists():
        Round.objects.create(number=1, starts_on=phases[1].starts_on, proposals_deadline=phases[1].deadline,
                             alignment_deadline=phases[2].deadline, plan_update_deadline=phases[3].deadline,
                             **ROUND_1)
        if ROUND_2["starts_on"] > phases[3].deadline:
            Round.objects.create(number=2, **ROUND_2)
    rounds = list(Round.objects.order_by("-starts_on", "-number"))
    first = rounds[-1]
    # proposed: the last round that had started when the action was created
    for r in rounds[:-1]:
        Action.objects.filter(proposed_round__isnull=True, created_at__gte=_start_of(r.starts_on)).update(
            proposed_round=r)
    Action.objects.filter(proposed_round__isnull=True).update(proposed_round=first)
    # adopted: the round in which the action was first adopted
    adopted_at = dict(StatusChange.objects.filter(to_status="adopted").values("action_id")
                      .annotate(at=Min("at")).values_list("action_id", "at"))
    for r in rounds[:-1]:
        ids = [pk for pk, at in adopted_at.items() if at >= _start_of(r.starts_on)]
        Action.objects.filter(pk__in=ids, adopted_round__isnull=True).update(adopted_round=r)
    Action.objects.filter(adopted_round__isnull=True).filter(
        pk__in=list(adopted_at)).update(adopted_round=first)
    Action.objects.filter(adopted_round__isnull=True, status__in=ADOPTED_OR_LATER).update(
        adopted_round=F("proposed_round"))


def backwards(apps, schema_editor):
    Action = apps.get_model("actieplan", "Action")
    Action.objects.update(proposed_round=None, adopted_round=None)


class Migration(migrations.Migration):
    dependencies = [("actieplan", "0013_rounds")]
    operations = [migrations.RunPython(forwards, backwards)]
