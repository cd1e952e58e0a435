"""Helpers for the monitoring tests: actions in the plan with reports, milestones and baselines."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from actieplan.models import Action, Milestone, Plan, PlanItem, PlanVersion, Chapter, Status, StatusChange
from common import datacache
from monitoring.models import ActionBaseline, Indicator, StatusUpdate
from tests import factories as f

TZ = ZoneInfo("Europe/Brussels")


def moment(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def adopted_action(*, group, barrier, domain, status=Status.IN_PROGRESS, adopted_on=date(2026, 7, 3), **kw) -> Action:
    """An action in the plan, with its adoption recorded on ``adopted_on``."""
    action = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status=status, **kw)
    change = StatusChange.objects.create(action=action, from_status=Status.RETAINED, to_status=Status.ADOPTED)
    StatusChange.objects.filter(pk=change.pk).update(at=moment(adopted_on))
    datacache.bump()  # update() sends no signal
    return action


def report(action, *, day: date, state="on_track", percent=20, done="Gedaan.", user=None, **kw) -> StatusUpdate:
    update = StatusUpdate.objects.create(
        action=action, date=day, progress_state=state, percent_complete=percent, done=done, created_by=user, **kw
    )
    StatusUpdate.objects.filter(pk=update.pk).update(created_at=moment(day))
    datacache.bump()  # update() sends no signal
    update.refresh_from_db()
    return update


def final_version(actions, *, finalised=date(2026, 7, 3)) -> PlanVersion:
    plan = Plan.objects.create(title="Actieplan drempels naar werk", status="final")
    chapter = Chapter.objects.create(plan=plan, title="Mobiliteit")
    for n, action in enumerate(actions):
        PlanItem.objects.create(plan=plan, chapter=chapter, action=action, order=n)
    return PlanVersion.objects.create(
        plan=plan, number=1, finalised_at=moment(finalised), vr_reference="VR 2026 0307 MED.0123",
        vr_date=finalised, snapshot={},
    )


def baseline(action, *, planned_end: date, version: PlanVersion) -> ActionBaseline:
    return ActionBaseline.objects.create(action=action, plan_version=version, planned_end=planned_end)


def milestone(action, *, due: date, done_on=None, title="Mijlpaal") -> Milestone:
    return Milestone.objects.create(action=action, title=title, due_date=due, done_on=done_on)


def indicator(**kw) -> Indicator:
    defaults = dict(name="Werkzaamheidsgraad 20-64 jaar", slug="werkzaamheidsgraad", unit="percent",
                    source="Steunpunt Werk", baseline_value="76.9", baseline_year=2024, target_value="80",
                    target_year=2029)
    defaults.update(kw)
    return Indicator.objects.create(**defaults)
