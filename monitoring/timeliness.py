"""Timeliness of progress reports and milestones: computed from dates, never stored.

Shared by the dashboards, the cabinet report and the reminders, so that "overdue"
means the same thing everywhere.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import DateField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, TruncDate
from django.utils.translation import gettext_lazy as _

from actieplan.models import Action, Milestone, Status, StatusChange
from monitoring.models import MonitoringSettings, StatusUpdate

MONITORED_STATUSES = (Status.ADOPTED, Status.IN_PROGRESS)


class Timeliness:
    FRESH = "fresh"
    DUE = "due"
    OVERDUE = "overdue"

    LABELS = {FRESH: _("actueel"), DUE: _("binnenkort verwacht"), OVERDUE: _("te laat")}


class MilestoneState:
    DONE = "done"
    OPEN = "open"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"

    LABELS = {DONE: _("gerealiseerd"), OPEN: _("gepland"), DUE_SOON: _("binnenkort"), OVERDUE: _("te laat")}


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def annotate_reporting(queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Add ``last_update_on`` and ``adopted_on`` to each action with two subqueries (no per-row query)."""
    last_update = (
        StatusUpdate.objects.filter(action_id=OuterRef("pk")).order_by("-date", "-id").values("date")[:1]
    )
    adopted = (
        StatusChange.objects.filter(action_id=OuterRef("pk"), to_status=Status.ADOPTED)
        .order_by("-at")
        .annotate(day=Cast(TruncDate("at"), DateField()))
        .values("day")[:1]
    )
    return queryset.annotate(
        last_update_on=Subquery(last_update, output_field=DateField()),
        adopted_on=Subquery(adopted, output_field=DateField()),
    )


@dataclass(frozen=True)
class Reporting:
    last_update_on: date | None
    next_due_on: date
    state: str
    days_overdue: int

    @property
    def label(self):
        return Timeliness.LABELS[self.state]


def reporting_state(
    *, last_update_on: date | None, adopted_on: date | None, today: date, settings: MonitoringSettings | None = None
) -> Reporting:
    """Fresh, due or overdue against the reporting interval set by WEWIS."""
    settings = settings or MonitoringSettings.current()
    start = last_update_on or adopted_on or today
    due = add_months(start, settings.reporting_interval_months)
    if today > due:
        state = Timeliness.OVERDUE
    elif today >= due - timedelta(days=settings.due_soon_days):
        state = Timeliness.DUE
    else:
        state = Timeliness.FRESH
    return Reporting(last_update_on, due, state, max(0, (today - due).days))


def reporting_for(action: Action, today: date, settings: MonitoringSettings | None = None) -> Reporting:
    """For an action annotated by ``annotate_reporting``."""
    return reporting_state(
        last_update_on=action.last_update_on, adopted_on=action.adopted_on, today=today, settings=settings
    )


def overdue_actions(today: date, queryset: QuerySet[Action] | None = None) -> list[tuple[Action, Reporting]]:
    """Monitored actions whose progress report is overdue, with one query."""
    settings = MonitoringSettings.current()
    queryset = queryset if queryset is not None else Action.objects.all()
    rows = annotate_reporting(queryset.filter(status__in=MONITORED_STATUSES)).select_related("lead_domain")
    result = []
    for action in rows:
        reporting = reporting_for(action, today, settings)
        if reporting.state == Timeliness.OVERDUE:
            result.append((action, reporting))
    return result


def milestone_state(milestone: Milestone, today: date, due_soon_days: int = 14) -> str:
    if milestone.done_on:
        return MilestoneState.DONE
    if milestone.due_date < today:
        return MilestoneState.OVERDUE
    if milestone.due_date <= today + timedelta(days=due_soon_days):
        return MilestoneState.DUE_SOON
    return MilestoneState.OPEN


def overdue_milestones(today: date) -> QuerySet[Milestone]:
    return Milestone.objects.filter(
        done_on__isnull=True, due_date__lt=today, action__status__in=MONITORED_STATUSES
    ).select_related("action", "action__lead_domain")


def slippage_days(action: Action) -> int | None:
    """Days the planned end moved later than the baseline adopted in the final plan (None: no baseline)."""
    baseline = getattr(action, "baseline", None)
    if baseline is None or baseline.planned_end is None or action.planned_end is None:
        return None
    return (action.planned_end - baseline.planned_end).days
