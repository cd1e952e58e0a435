"""Timeliness of progress reports and milestones: computed from dates, never stored.

Shared by the dashboards, the cabinet report and the reminders, so that "overdue"
means the same thing everywhere.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, CharField, DateField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, TruncDate
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


def _reporting_dates() -> dict:
    last_update = (
        StatusUpdate.objects.filter(action_id=OuterRef("pk")).order_by("-date", "-id").values("date")[:1]
    )
    adopted = (
        StatusChange.objects.filter(action_id=OuterRef("pk"), to_status=Status.ADOPTED)
        .order_by("-at")
        .annotate(day=Cast(TruncDate("at"), DateField()))
        .values("day")[:1]
    )
    return {
        "last_update_on": Subquery(last_update, output_field=DateField()),
        "adopted_on": Subquery(adopted, output_field=DateField()),
    }


def annotate_reporting(queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Add ``last_update_on`` and ``adopted_on`` to each action with two subqueries (no per-row query)."""
    return queryset.annotate(**_reporting_dates())


def last_start_before(limit: date, months: int, *, inclusive: bool) -> date:
    """The latest start of a reporting cycle whose next report is due before ``limit`` (or on it).

    ``add_months`` never decreases as its day increases, so every earlier start is due
    before ``limit`` as well: one date splits the starts in two.
    """
    def fits(day: date) -> bool:
        due = add_months(day, months)
        return due <= limit if inclusive else due < limit

    day = add_months(limit, -months) + timedelta(days=4)
    while fits(day):
        day += timedelta(days=1)
    while not fits(day):
        day -= timedelta(days=1)
    return day


def reporting_thresholds(today: date, settings: MonitoringSettings) -> tuple[date, date]:
    """The latest cycle starts that are overdue today, and due (or overdue) today.

    The same rule as :func:`reporting_state`: overdue when ``today > due``, due when
    ``today >= due - due_soon_days``.
    """
    months = settings.reporting_interval_months
    overdue_until = last_start_before(today, months, inclusive=False)
    due_until = last_start_before(today + timedelta(days=settings.due_soon_days), months, inclusive=True)
    return overdue_until, due_until


def annotate_timeliness(queryset: QuerySet[Action], today: date, settings: MonitoringSettings, *,
                        with_dates: bool = True) -> QuerySet[Action]:
    """Add ``timeliness`` (fresh, due, overdue) in SQL, and ``last_update_on``/``adopted_on``.

    ``timeliness`` equals ``reporting_for(action, today, settings).state`` for every action,
    so lists can be filtered and dashboards counted in the database. ``with_dates=False``
    leaves the two dates out of the SELECT (for counts grouped by timeliness).
    """
    overdue_until, due_until = reporting_thresholds(today, settings)
    start = Coalesce("last_update_on", "adopted_on", Value(today), output_field=DateField())
    dates = _reporting_dates()
    queryset = queryset.annotate(**dates) if with_dates else queryset.alias(**dates)
    return queryset.alias(reporting_start=start).annotate(
        timeliness=Case(
            When(reporting_start__lte=overdue_until, then=Value(Timeliness.OVERDUE)),
            When(reporting_start__lte=due_until, then=Value(Timeliness.DUE)),
            default=Value(Timeliness.FRESH),
            output_field=CharField(),
        )
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


def milestone_overdue(due_date: date, today: date) -> bool:
    """The one rule: a milestone is late from the day after its due date (due today is not late)."""
    return due_date < today


def overdue_milestone_q(today: date, prefix: str = "") -> Q:
    """:func:`milestone_overdue` for open milestones, as a filter (``prefix``: the path to the milestone)."""
    return Q(**{f"{prefix}done_on__isnull": True, f"{prefix}due_date__lt": today})


def milestone_state(milestone: Milestone, today: date, due_soon_days: int = 14) -> str:
    if milestone.done_on:
        return MilestoneState.DONE
    if milestone_overdue(milestone.due_date, today):
        return MilestoneState.OVERDUE
    if milestone.due_date <= today + timedelta(days=due_soon_days):
        return MilestoneState.DUE_SOON
    return MilestoneState.OPEN


def overdue_milestones(today: date) -> QuerySet[Milestone]:
    return Milestone.objects.filter(
        overdue_milestone_q(today), action__status__in=MONITORED_STATUSES
    ).select_related("action", "action__lead_domain")


def slippage_days(action: Action) -> int | None:
    """Days the planned end moved later than the baseline adopted in the final plan (None: no baseline)."""
    baseline = getattr(action, "baseline", None)
    if baseline is None or baseline.planned_end is None or action.planned_end is None:
        return None
    return (action.planned_end - baseline.planned_end).days
