"""Reads of monitoring: dashboards, the progress list, the phase tracker and the cabinet report.

Every function runs a fixed number of queries whatever the number of actions (the query
budget tests run them with 1 and with 50 actions). Timeliness comes from
``monitoring.timeliness`` so "overdue" means the same everywhere.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actieplan.models import (
    Action,
    Barrier,
    Milestone,
    Phase,
    Round,
    PolicyDomain,
    Status,
    StatusChange,
)
from actieplan.actions.selectors import actions_visible_to
from monitoring.models import (
    LATEST_FIRST,
    SERIES_ORDER,
    TOTAL,
    ActionBaseline,
    ActionOutcome,
    Indicator,
    Measurement,
    MonitoringSettings,
    ProgressState,
    OutcomeValue,
    StatusUpdate,
    is_fictitious_note,
)
from monitoring.timeliness import (
    MONITORED_STATUSES,
    MilestoneState,
    Timeliness,
    annotate_reporting,
    annotate_timeliness,
    milestone_state,
    overdue_milestone_q,
    overdue_milestones,
    reporting_for,
    reporting_state,
    slippage_days,
)
from werkgroepen.models import WorkingGroup

# Actions in the plan: adopted and everything after.
PLAN_STATUSES = (Status.ADOPTED, Status.IN_PROGRESS, Status.COMPLETED, Status.STOPPED)
NO_UPDATE = "none"
EXCEPTION_STATES = (ProgressState.BLOCKED, ProgressState.DELAYED)


def progress_label(state: str | None) -> str:
    if not state or state == NO_UPDATE:
        return _("nog geen stand van zaken")
    return str(ProgressState(state).label)


def _url(name: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(name) + (f"?{query}" if query else "")


def _latest_update(field_name: str):
    return Subquery(
        StatusUpdate.objects.filter(action_id=OuterRef("pk")).order_by("-date", "-id").values(field_name)[:1]
    )


def annotate_progress(queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Add the latest report's state, percentage and date, and the last report/adoption dates."""
    return annotate_reporting(queryset).annotate(
        progress_state=_latest_update("progress_state"),
        percent_complete=_latest_update("percent_complete"),
    )


def dashboard_scope(user, *, domain=None, working_group=None, domain_ids=None) -> QuerySet[Action]:
    """The actions a dashboard counts: visible to the user, led by ``domain`` / of ``working_group``
    (``domain_ids``: led by one of these domains, a cabinet's portfolio)."""
    queryset = actions_visible_to(user)
    if domain_ids is not None:
        queryset = queryset.filter(lead_domain_id__in=domain_ids)
    if domain is not None:
        queryset = queryset.filter(lead_domain=domain)
    if working_group is not None:
        queryset = queryset.filter(working_group=working_group)
    return queryset


# --------------------------------------------------------------------------- dashboard
@dataclass
class Dashboard:
    today: date
    domain: PolicyDomain | None = None
    working_group: WorkingGroup | None = None
    total: int = 0
    by_status: list[dict] = field(default_factory=list)
    by_progress: list[dict] = field(default_factory=list)
    by_barrier: list[dict] = field(default_factory=list)
    by_lead_domain: list[dict] = field(default_factory=list)
    reporting: list[dict] = field(default_factory=list)
    # the lists hold every row, or the first ``limit`` rows; the counts are always complete
    overdue_updates: list = field(default_factory=list)
    overdue_milestones: list = field(default_factory=list)
    slipped: list = field(default_factory=list)
    overdue_updates_count: int = 0
    overdue_milestones_count: int = 0
    slipped_count: int = 0
    indicators: list[dict] = field(default_factory=list)
    links: dict = field(default_factory=dict)

    @property
    def scope_params(self) -> dict:
        return {
            "lead_domain": self.domain.pk if self.domain else None,
            "working_group": self.working_group.pk if self.working_group else None,
        }


SLIPPED = Q(baseline__planned_end__isnull=False, planned_end__gt=F("baseline__planned_end"))
# What the dashboards' lists (page, API, XLSX) show of an action: no long texts.
ROW_FIELDS = ("code", "title", "status", "planned_end", "lead_domain__name", "lead_domain__abbreviation")


def dashboard(*, user, domain=None, working_group=None, today: date | None = None,
              limit: int | None = None, domain_ids=None) -> Dashboard:
    """The numbers of the WEWIS dashboard (or of one policy domain or working group).

    Counted in the database, whatever the number of actions. ``limit``: keep only the
    first rows of the lists of overdue reports, overdue milestones and slipped actions
    (their counts stay complete); ``None`` keeps every row (API, XLSX).

    Queries (12, +1 with a ``limit``): settings, status and slipped counts, progress and
    timeliness counts, primary and secondary barrier counts, barrier names, lead-domain
    counts, domain names, overdue reports, overdue milestones (and their count), slipped
    actions, indicators; the latest measurements add 1 when there are indicators.
    """
    today = today or timezone.localdate()
    base = dashboard_scope(user, domain=domain, working_group=working_group, domain_ids=domain_ids)
    board = Dashboard(today=today, domain=domain, working_group=working_group)
    scope = board.scope_params
    settings = MonitoringSettings.current()

    # lifecycle states, and the slipped end dates among them
    per_status = {
        row["status"]: row
        for row in base.order_by().values("status").annotate(n=Count("pk"), slipped=Count("pk", filter=SLIPPED))
    }
    board.total = sum(row["n"] for row in per_status.values())
    board.slipped_count = sum(row["slipped"] for row in per_status.values())
    board.by_status = [
        {"key": value, "label": str(label), "count": per_status.get(value, {}).get("n", 0),
         "url": _url("action_list", status=value, **scope)}
        for value, label in Status.choices
    ]

    # progress state of the latest report and timeliness of reporting, for monitored actions
    monitored = base.filter(status__in=MONITORED_STATUSES)
    progress_counts: dict = defaultdict(int)
    per_state: dict = defaultdict(int)
    grouped = (
        annotate_timeliness(monitored, today, settings, with_dates=False)
        .annotate(state=_latest_update("progress_state"))
        .order_by().values_list("state", "timeliness").annotate(n=Count("pk"))
    )
    for state, timeliness, n in grouped:
        progress_counts[state] += n
        per_state[timeliness] += n
    board.by_progress = [
        {"key": value, "label": str(label), "count": progress_counts.get(value, 0),
         "url": _url("progress_list", progress_state=value, **scope)}
        for value, label in ProgressState.choices
    ] + [{"key": NO_UPDATE, "label": progress_label(None), "count": progress_counts.get(None, 0),
          "url": _url("progress_list", progress_state=NO_UPDATE, **scope)}]
    board.reporting = [
        {"key": key, "label": str(Timeliness.LABELS[key]), "count": per_state[key],
         "url": _url("progress_list", reporting=key, **scope)}
        for key in (Timeliness.OVERDUE, Timeliness.DUE, Timeliness.FRESH)
    ]

    # barriers: primary and secondary, as the action list's barrier filter counts them (an action
    # whose secondary barrier is also its primary one counts once)
    per_barrier: dict = defaultdict(int)
    for barrier_id, n in base.order_by().values_list("primary_barrier_id").annotate(n=Count("pk")):
        per_barrier[barrier_id] += n
    secondary = Action.secondary_barriers.through.objects.filter(action_id__in=base.values("pk")).filter(
        Q(action__primary_barrier_id__isnull=True) | ~Q(action__primary_barrier_id=F("barrier_id")))
    for barrier_id, n in secondary.order_by().values_list("barrier_id").annotate(n=Count("pk")):
        per_barrier[barrier_id] += n
    board.by_barrier = [
        {"key": b.pk, "label": b.name, "count": per_barrier[b.pk], "is_priority": b.is_priority,
         "url": _url("action_list", barrier=b.pk, **scope)}
        for b in Barrier.objects.order_by("order", "name") if per_barrier.get(b.pk)
    ]

    # lead domains
    lead_counts = dict(base.order_by().values_list("lead_domain_id").annotate(n=Count("pk")))
    board.by_lead_domain = [
        {"key": d.pk, "label": d.name, "abbreviation": d.abbreviation, "count": lead_counts.get(d.pk, 0),
         "url": _url("action_list", lead_domain=d.pk, working_group=scope["working_group"])}
        for d in PolicyDomain.objects.order_by("order", "name") if lead_counts.get(d.pk)
    ]

    # overdue progress reports: the longest overdue first
    overdue = (
        annotate_timeliness(monitored, today, settings).filter(timeliness=Timeliness.OVERDUE)
        .select_related("lead_domain").only(*ROW_FIELDS).order_by("code", "pk")
    )
    overdue_updates = []
    for action in overdue:
        action.reporting = reporting_for(action, today, settings)
        overdue_updates.append(action)
    overdue_updates.sort(key=lambda a: (-a.reporting.days_overdue, a.code))
    board.overdue_updates_count = len(overdue_updates)
    board.overdue_updates = overdue_updates[:limit]

    # milestones and slipped end dates
    milestones = overdue_milestones(today).filter(action__in=base.values("pk")).only(
        "title", "due_date", "action__code", "action__title", "action__lead_domain__name",
        "action__lead_domain__abbreviation").order_by("due_date", "pk")
    slipped = base.filter(SLIPPED).select_related("baseline", "lead_domain").only(
        *ROW_FIELDS, "baseline__planned_end").order_by("code", "pk")
    if limit is None:
        board.overdue_milestones = list(milestones)
        board.overdue_milestones_count = len(board.overdue_milestones)
        board.slipped = list(slipped)
    else:
        board.overdue_milestones_count = milestones.count()
        board.overdue_milestones = list(milestones[:limit])
        board.slipped = list(slipped[:limit])
    for action in board.slipped:
        action.slippage = slippage_days(action)
    board.links = {
        "overdue_updates": _url("progress_list", reporting=Timeliness.OVERDUE, **scope),
        "overdue_milestones": _url("progress_list", milestones=MilestoneState.OVERDUE, **scope),
        "slipped": _url("progress_list", slipped="1", **scope),
        "monitored": _url("progress_list", **scope),
    }

    # indicators with their distance to target
    indicators = Indicator.objects.all()
    if working_group is not None:
        indicators = indicators.filter(barriers__in=working_group.barriers.all()).distinct()
    elif domain is not None:
        # the barriers of the domain's actions first (a few ids), not a join over all its actions
        domain_barriers = Barrier.objects.filter(
            Exists(Action.objects.filter(primary_barrier_id=OuterRef("pk"), lead_domain=domain)))
        indicators = indicators.filter(Q(barriers__in=domain_barriers) | Q(barriers__isnull=True)).distinct()
    elif domain_ids is not None:
        domain_barriers = Barrier.objects.filter(
            Exists(Action.objects.filter(primary_barrier_id=OuterRef("pk"), lead_domain_id__in=domain_ids)))
        indicators = indicators.filter(Q(barriers__in=domain_barriers) | Q(barriers__isnull=True)).distinct()
    # every measurement: the sparkline of each row (one query, as the latest alone)
    board.indicators = indicator_rows(indicators, with_series=True)
    return board


def _latest_measurements(indicators: QuerySet[Indicator]) -> dict[int, Measurement]:
    """The latest measurement of each indicator (the last in the series order), one query."""
    latest_id = (
        Measurement.objects.filter(TOTAL, indicator_id=OuterRef("pk")).order_by(*LATEST_FIRST).values("id")[:1]
    )
    ids = indicators.order_by().annotate(latest_id=Subquery(latest_id)).values("latest_id")
    return {m.indicator_id: m for m in Measurement.objects.filter(id__in=ids)}


SERIES_FIELDS = ("id", "indicator_id", "year", "date", "value", "note")


def indicator_rows(indicators: QuerySet[Indicator], measurements: QuerySet[Measurement] | None = None, *,
                   with_series: bool = False) -> list[dict]:
    """Indicators with their latest measurement and distance to target (2 queries).

    ``with_series``: also every measurement (``measurements``, by default all) as ``series``,
    for charts and tables, as plain rows of ``SERIES_FIELDS`` (a report reads tens of
    thousands); else only the latest measurement is read.
    """
    indicators = list(indicators.order_by("order", "name"))
    if with_series:
        measurements = measurements if measurements is not None else Measurement.objects.all()
        series_of = defaultdict(list)
        for m in measurements.filter(TOTAL, indicator_id__in=[i.pk for i in indicators]).order_by(
                "indicator_id", *SERIES_ORDER).values_list(*SERIES_FIELDS, named=True):
            series_of[m.indicator_id].append(m)
        latest_of = {pk: series[-1] for pk, series in series_of.items()}
    else:
        latest_of = _latest_measurements(Indicator.objects.filter(pk__in=[i.pk for i in indicators])) \
            if indicators else {}
    rows = []
    for indicator in indicators:
        latest = latest_of.get(indicator.pk)
        value = latest.value if latest else indicator.baseline_value
        row = {"indicator": indicator, "latest": latest, "current": value, "distance": None, "progress": None,
               "fictitious": latest is not None and is_fictitious_note(latest.note)}
        if with_series:
            row["series"] = series_of.get(indicator.pk, [])
        if indicator.target_value is not None and value is not None:
            row["distance"] = indicator.target_value - value
            span = (indicator.target_value - indicator.baseline_value) if indicator.baseline_value is not None else 0
            if span:
                row["progress"] = round(float((value - indicator.baseline_value) / span * 100))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- progress list
def progress_queryset(*, user, params: dict, today: date | None = None,
                      settings: MonitoringSettings | None = None) -> QuerySet[Action]:
    """Monitored actions behind the dashboard numbers, filtered and annotated in the database.

    ``params``: ``progress_state`` (a state or ``none``), ``reporting`` (overdue, due, fresh),
    ``slipped`` (1), ``milestones`` (overdue), ``lead_domain``, ``working_group``, ``barrier``.
    Count it and take one page, then :func:`with_progress` adds what the page shows.
    """
    today = today or timezone.localdate()
    settings = settings or MonitoringSettings.current()
    base = dashboard_scope(user, domain=params.get("lead_domain"), working_group=params.get("working_group"))
    base = base.filter(status__in=MONITORED_STATUSES)
    if params.get("barrier"):
        secondary = Action.secondary_barriers.through.objects.filter(
            action_id=OuterRef("pk"), barrier_id=params["barrier"])
        base = base.filter(Q(primary_barrier_id=params["barrier"]) | Q(Exists(secondary)))
    overdue_ms = Milestone.objects.filter(overdue_milestone_q(today), action_id=OuterRef("pk"))
    queryset = (
        annotate_timeliness(base, today, settings)
        .annotate(
            progress_state=_latest_update("progress_state"),
            percent_complete=_latest_update("percent_complete"),
            overdue_milestones=Subquery(
                overdue_ms.order_by().values("action_id").annotate(n=Count("pk")).values("n")[:1]),
        )
        .select_related("lead_domain", "working_group", "baseline")
        .order_by("code", "pk")
    )
    state = params.get("progress_state")
    if state == NO_UPDATE:
        queryset = queryset.filter(progress_state__isnull=True)
    elif state:
        queryset = queryset.filter(progress_state=state)
    if params.get("reporting"):
        queryset = queryset.filter(timeliness=params["reporting"])
    if params.get("slipped"):
        queryset = queryset.filter(SLIPPED)
    if params.get("milestones") == MilestoneState.OVERDUE:
        queryset = queryset.filter(overdue_milestones__gt=0)
    return queryset


def with_progress(actions, *, today: date | None = None, settings: MonitoringSettings | None = None):
    """Add ``reporting``, ``slippage`` and ``progress_label`` to actions of :func:`progress_queryset`."""
    today = today or timezone.localdate()
    settings = settings or MonitoringSettings.current()
    for action in actions:
        action.reporting = reporting_for(action, today, settings)
        action.slippage = slippage_days(action)
        action.progress_label = progress_label(action.progress_state)
        yield action


def progress_list(*, user, params: dict, today: date | None = None) -> list[Action]:
    """Every row of :func:`progress_queryset`, ready to show (2 queries)."""
    today = today or timezone.localdate()
    settings = MonitoringSettings.current()
    queryset = progress_queryset(user=user, params=params, today=today, settings=settings)
    return list(with_progress(queryset, today=today, settings=settings))


# --------------------------------------------------------------------------- one action
def action_progress(action: Action, *, today: date | None = None, limit: int | None = None) -> dict:
    """Timeliness, slippage, milestones and reports of one action (5 queries)."""
    today = today or timezone.localdate()
    settings = MonitoringSettings.current()
    annotated = annotate_reporting(Action.objects.filter(pk=action.pk)).values("last_update_on", "adopted_on").first()
    reporting = None
    if action.status in MONITORED_STATUSES and annotated:
        reporting = reporting_state(today=today, settings=settings, **annotated)
    baseline = ActionBaseline.objects.filter(action=action).first()
    slippage = None
    if baseline and baseline.planned_end and action.planned_end:
        slippage = (action.planned_end - baseline.planned_end).days
    milestones = list(Milestone.objects.filter(action=action).order_by("due_date", "pk"))
    for m in milestones:
        m.state = milestone_state(m, today, settings.due_soon_days)
        m.state_label = MilestoneState.LABELS[m.state]
        planned = (baseline.milestones or {}).get(str(m.pk)) if baseline else None
        m.baseline_due = date.fromisoformat(planned) if planned else None
        m.slippage = (m.due_date - m.baseline_due).days if m.baseline_due else None
    updates = StatusUpdate.objects.filter(action=action).select_related("created_by").order_by("-date", "-id")
    if limit:
        updates = list(updates[:limit])
        # the timeline has every report: their dates, states and percentages (one more query)
        history = list(StatusUpdate.objects.filter(action=action).order_by("date", "id").values_list(
            "date", "progress_state", "percent_complete"))
    else:
        updates = list(updates)
        history = [(u.date, u.progress_state, u.percent_complete) for u in reversed(updates)]
    return {"reporting": reporting, "baseline": baseline, "slippage": slippage, "milestones": milestones,
            "updates": updates, "history": history, "settings": settings}


# --------------------------------------------------------------------------- phase tracker
PHASE_EVENTS = {
    # phase number -> (statuses that mark the step, label of the step, statuses still open)
    1: ((Status.SUBMITTED,), _("ingediend"), (Status.DRAFT,)),
    2: ((Status.RETAINED, Status.MERGED, Status.REJECTED), _("beslist na afstemming"), (Status.SUBMITTED,)),
    3: ((Status.ADOPTED,), _("opgenomen in het actieplan"), (Status.RETAINED,)),
}


def _first_steps() -> QuerySet[Action]:
    """Actions with ``first_1`` .. ``first_3``: when each phase's step first happened to them."""
    return Action.objects.annotate(**{
        f"first_{number}": Min("status_changes__at", filter=Q(status_changes__to_status__in=statuses))
        for number, (statuses, _label, _open) in PHASE_EVENTS.items()
    })


def _local_day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def phase_tracker(*, today: date | None = None) -> dict:
    """Per phase: on time, after the deadline, still open; per group and domain: counts by state.

    A step is on time when it happened before the deadline of the action's own round (the
    round in which it was proposed); an action without a round is measured against the phase.
    Counted in the database. Queries (7): phases, rounds, steps per phase (done, on time,
    first), steps at each month end (burn-up table), open actions per status, group counts,
    domain counts.
    """
    today = today or timezone.localdate()
    phases = list(Phase.objects.order_by("number"))
    rounds = list(Round.objects.order_by("number"))
    deadlines = {p.number: p.deadline for p in phases if p.number in PHASE_EVENTS}

    def on_time(n):
        """Count of the step done before its deadline: the action's round's, or the phase's without a round."""
        parts = [Q(proposed_round=r.pk, **{f"first_{n}__lt": cutoff_for(r.deadline_for_step(n))}) for r in rounds]
        if n in deadlines:
            parts.append(Q(proposed_round__isnull=True, **{f"first_{n}__lt": cutoff_for(deadlines[n])}))
        return Count(f"first_{n}", filter=reduce(operator.or_, parts)) if parts else None

    firsts = _first_steps()
    steps = firsts.aggregate(
        **{f"done_{n}": Count(f"first_{n}") for n in PHASE_EVENTS},
        **{f"on_time_{n}": count for n in PHASE_EVENTS if (count := on_time(n)) is not None},
        **{f"since_{n}": Min(f"first_{n}") for n in PHASE_EVENTS},
    )
    open_counts = dict(Action.objects.order_by().values_list("status").annotate(n=Count("pk")))
    rows = []
    for phase in phases:
        statuses, label, open_statuses = PHASE_EVENTS.get(phase.number, ((), "", ()))
        done = steps.get(f"done_{phase.number}", 0)
        on_time = steps.get(f"on_time_{phase.number}", 0)
        rows.append({
            "phase": phase,
            "event_label": label,
            "days_left": (phase.deadline - today).days,
            "passed": today > phase.deadline,
            "on_time": on_time,
            "late": done - on_time,
            "open": sum(open_counts.get(s, 0) for s in open_statuses),
            "open_label": ", ".join(str(Status(s).label) for s in open_statuses),
        })

    status_keys = [s for s, _l in Status.choices]
    group_counts = {s: Count("actions", filter=Q(actions__status=s)) for s in status_keys}
    groups = []
    for group in WorkingGroup.objects.annotate(**{f"n_{s}": c for s, c in group_counts.items()}).order_by("name"):
        counts = {s: getattr(group, f"n_{s}") for s in status_keys}
        groups.append({"object": group, "counts": _columns(counts), "total": sum(counts.values()),
                       "missing": _missing(counts), "url": _url("action_list", working_group=group.pk)})
    domain_counts = {s: Count("led_actions", filter=Q(led_actions__status=s)) for s in status_keys}
    domains = []
    for domain in PolicyDomain.objects.annotate(**{f"n_{s}": c for s, c in domain_counts.items()}).order_by(
            "order", "name"):
        counts = {s: getattr(domain, f"n_{s}") for s in status_keys}
        domains.append({"object": domain, "counts": _columns(counts), "total": sum(counts.values()),
                        "missing": _missing(counts), "url": _url("action_list", lead_domain=domain.pk)})

    first_days = [_local_day(steps[f"since_{n}"]) for n in PHASE_EVENTS]
    start, end = _burnup_span(phases, [d for d in first_days if d], today)
    checkpoints = _checkpoints(start, end)
    at_checkpoints = firsts.aggregate(**{
        f"c{i}_{n}": Count(f"first_{n}", filter=Q(**{f"first_{n}__lt": cutoff_for(checkpoint)}))
        for i, checkpoint in enumerate(checkpoints) for n in (1, 2, 3)
    })
    burnup = {
        "deadlines": _burnup_deadlines(phases), "start": start, "end": end, "names": _burnup_names(),
        "table": [{"day": checkpoint, "counts": [at_checkpoints[f"c{i}_{n}"] for n in (1, 2, 3)]}
                  for i, checkpoint in enumerate(checkpoints)],
    }
    return {"today": today, "phases": rows, "rounds": rounds, "groups": groups, "domains": domains,
            "columns": [{"key": key, "label": str(label)} for key, label, _s in TRACKER_COLUMNS], "burnup": burnup}


def phase_burnup(*, today: date | None = None) -> dict:
    """The burn-up chart's data: per phase, the cumulative count at every step (2 queries)."""
    today = today or timezone.localdate()
    phases = list(Phase.objects.order_by("number"))
    days: dict[int, list[date]] = {n: [] for n in PHASE_EVENTS}
    for row in _first_steps().values_list(*(f"first_{n}" for n in PHASE_EVENTS)):
        for n, moment in zip(PHASE_EVENTS, row):
            if moment is not None:
                days[n].append(_local_day(moment))
    start, end = _burnup_span(phases, [d for per_phase in days.values() for d in per_phase], today)
    series = []
    for number, name in zip((1, 2, 3), _burnup_names()):
        points = [(start, 0)]
        count = 0
        for day in sorted(days[number]):
            count += 1
            points.append((day, count))
        points.append((end, count))
        series.append((name, points))
    return {"series": series, "deadlines": _burnup_deadlines(phases), "start": start, "end": end}


# Columns of the tracker tables: a few lifecycle states, the later ones taken together.
TRACKER_COLUMNS = [
    ("draft", _("concept"), (Status.DRAFT,)),
    ("submitted", _("ingediend"), (Status.SUBMITTED,)),
    ("retained", _("weerhouden"), (Status.RETAINED,)),
    ("in_plan", _("in het actieplan"), PLAN_STATUSES),
    ("not_retained", _("samengevoegd of niet weerhouden"), (Status.MERGED, Status.REJECTED)),
]


def _columns(counts: dict) -> dict:
    return {key: sum(counts.get(s, 0) for s in statuses) for key, _label, statuses in TRACKER_COLUMNS}


def _missing(counts: dict) -> list[str]:
    missing = []
    if counts.get(Status.DRAFT):
        missing.append(_("%(n)s nog in concept (niet ingediend)") % {"n": counts[Status.DRAFT]})
    if counts.get(Status.SUBMITTED):
        missing.append(ngettext("%(n)s wacht op een beslissing na afstemming",
                                "%(n)s wachten op een beslissing na afstemming", counts[Status.SUBMITTED])
                       % {"n": counts[Status.SUBMITTED]})
    if counts.get(Status.RETAINED):
        missing.append(_("%(n)s weerhouden maar nog niet opgenomen in het actieplan") % {"n": counts[Status.RETAINED]})
    return missing


def _burnup_names() -> list[str]:
    return [str(_("ingediend")), str(_("beslist na afstemming")), str(_("opgenomen in het actieplan"))]


def _burnup_deadlines(phases) -> list:
    return [(str(_("deadline fase %(n)s") % {"n": p.number}), p.deadline) for p in phases]


def _burnup_span(phases, first_days: list[date], today: date) -> tuple[date, date]:
    """From the first phase start or step to today or the last deadline."""
    starts = [p.starts_on for p in phases] + first_days
    start = min(starts) if starts else today
    end = max([today] + [p.deadline for p in phases])
    return start, end


def _checkpoints(start: date, end: date) -> list[date]:
    """Every month end from ``start`` on, and ``end`` (the rows of the burn-up table)."""
    checkpoints = []
    year, month = start.year, start.month
    while True:
        next_first = date(year + (month == 12), month % 12 + 1, 1)
        checkpoint = min(next_first - timedelta(days=1), end)
        checkpoints.append(checkpoint)
        if checkpoint >= end:
            break
        year, month = next_first.year, next_first.month
    return checkpoints


# --------------------------------------------------------------------------- cabinet report
def cutoff_for(as_of: date) -> datetime:
    """The end of ``as_of`` in local time: everything recorded before it counts."""
    return timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))


def first_per(queryset: QuerySet, partition: str, *ordering: str) -> QuerySet:
    """The first row of ``queryset`` per value of ``partition`` in ``ordering`` (a window function).

    Filters on ``queryset`` apply before the first row is chosen; PostgreSQL and SQLite.
    """
    order_by = [F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in ordering]
    return queryset.annotate(
        first_rank=Window(RowNumber(), partition_by=[F(partition)], order_by=order_by)
    ).filter(first_rank=1)


# The columns of an action the cabinet report shows, as of a date.
AS_OF_FIELDS = ("id", "code", "title", "status", "planned_end", "lead_domain_id", "lead_domain__name",
                "lead_domain__abbreviation", "primary_barrier_id", "primary_barrier__name", "primary_barrier__order")


def actions_as_of(as_of: date, domain_ids: list[int] | None) -> list:
    """The plan's actions (adopted or later) as they were at the end of ``as_of`` (one query).

    Each item is a row of ``AS_OF_FIELDS`` from the action's latest historical record before
    the cut-off (status, lead domain, planned end, title ... as on that date), read as plain
    rows: a whole plan is thousands of them. For today (or later) that is the action as it is
    now, read from the actions themselves: every change to an action writes its history
    record, so the latest record and the action hold the same values, and the live table
    saves the search for the latest of every action's records.
    """
    if as_of >= timezone.localdate():
        return list(_plan_actions_now(domain_ids).order_by("code", "id").values_list(*AS_OF_FIELDS, named=True))
    return actions_from_history(as_of, domain_ids)


def _plan_actions_now(domain_ids: list[int] | None) -> QuerySet[Action]:
    actions = Action.objects.filter(status__in=PLAN_STATUSES)
    if domain_ids is not None:
        actions = actions.filter(lead_domain_id__in=domain_ids)
    return actions


def actions_from_history(as_of: date, domain_ids: list[int] | None) -> list:
    """:func:`actions_as_of` read from the history records, for any date."""
    cutoff = cutoff_for(as_of)
    Historical = Action.history.model
    latest = first_per(Historical.objects.filter(history_date__lt=cutoff), "id", "-history_date", "-history_id")
    records = Historical.objects.filter(history_id__in=latest.values("history_id")).exclude(
        history_type="-"
    ).filter(status__in=PLAN_STATUSES)
    if domain_ids is not None:
        records = records.filter(lead_domain_id__in=domain_ids)
    return list(records.order_by("code", "id").values_list(*AS_OF_FIELDS, named=True))


def _related(rows, model, prefix: str, *fields: str) -> dict:
    """One unsaved-but-identified ``model`` instance per id met in ``rows`` (joined columns ``prefix__field``)."""
    found = {}
    for row in rows:
        pk = getattr(row, f"{prefix}_id")
        if pk is not None and pk not in found:
            found[pk] = model(pk=pk, **{name: getattr(row, f"{prefix}__{name}") for name in fields})
    return found


def cabinet_report(*, domain_ids: list[int] | None, as_of: date | None = None) -> dict:
    """A cabinet's five-minute read: headline numbers, exceptions first, per barrier, indicators.

    ``domain_ids`` None means the whole plan. Reconstructs the state at the end of
    ``as_of`` from the history: actions' fields from simple-history, reports and
    measurements dated on or before the date and recorded before its end.
    Queries (9): domains, historical actions, latest reports, adoption dates, baselines,
    milestones, settings, indicators, measurements.
    """
    today = timezone.localdate()
    as_of = as_of or today
    cutoff = cutoff_for(as_of)
    domains = list(PolicyDomain.objects.filter(pk__in=domain_ids).order_by("order", "name")) if domain_ids else []
    records = actions_as_of(as_of, domain_ids)
    # the actions' other rows: through a subquery for today, else by id (thousands of parameters)
    ids = _plan_actions_now(domain_ids).values("pk") if as_of >= today else [r.id for r in records]

    domains_of = _related(records, PolicyDomain, "lead_domain", "name", "abbreviation")
    barriers_of = _related(records, Barrier, "primary_barrier", "name", "order")
    reports_then = StatusUpdate.objects.filter(action_id__in=ids, date__lte=as_of, created_at__lt=cutoff)
    latest_update = {u.action_id: u for u in first_per(reports_then, "action_id", "-date", "-id").values_list(
        "action_id", "date", "progress_state", "percent_complete", "done", "next_steps", "blockers", named=True)}
    adopted_on = {
        action_id: timezone.localtime(at).date()
        for action_id, at in StatusChange.objects.filter(action_id__in=ids, to_status=Status.ADOPTED, at__lt=cutoff)
        .order_by().values("action_id").annotate(at=Max("at")).values_list("action_id", "at")
    }
    baseline_end = dict(
        ActionBaseline.objects.filter(action_id__in=ids, plan_version__finalised_at__lt=cutoff)
        .values_list("action_id", "planned_end")
    )
    overdue_ms: dict[int, list] = defaultdict(list)
    for m in Milestone.objects.filter(action_id__in=ids, due_date__lt=as_of).filter(
            Q(done_on__isnull=True) | Q(done_on__gt=as_of)).order_by("due_date", "pk").values_list(
            "action_id", "title", "due_date", named=True):
        overdue_ms[m.action_id].append(m)
    settings = MonitoringSettings.current()
    status_labels = {status.value: str(status.label) for status in PLAN_STATUSES}
    progress_labels = {state: progress_label(state) for state in [None, *ProgressState.values]}

    items = []
    for record in records:
        update = latest_update.get(record.id)
        item = {
            "id": record.id,
            "code": record.code,
            "title": record.title,
            "status": record.status,
            "status_label": status_labels[record.status],
            "lead_domain": domains_of.get(record.lead_domain_id),
            "barrier": barriers_of.get(record.primary_barrier_id),
            "planned_end": record.planned_end,
            "update": update,
            "progress_state": update.progress_state if update else None,
            "progress_label": progress_labels.get(update.progress_state if update else None, ""),
            "percent_complete": update.percent_complete if update else None,
            "reporting": None,
            "slippage": None,
            "overdue_milestones": overdue_ms.get(record.id, []),
            "reasons": [],
        }
        if record.status in MONITORED_STATUSES:
            item["reporting"] = reporting_state(
                last_update_on=update.date if update else None, adopted_on=adopted_on.get(record.id),
                today=as_of, settings=settings,
            )
        planned_end = baseline_end.get(record.id)
        if planned_end and record.planned_end:
            item["slippage"] = (record.planned_end - planned_end).days
        items.append(item)

    for item in items:
        if item["status"] not in MONITORED_STATUSES:
            continue
        if item["progress_state"] == ProgressState.BLOCKED:
            item["reasons"].append(_("geblokkeerd"))
        elif item["progress_state"] == ProgressState.DELAYED:
            item["reasons"].append(_("vertraagd"))
        if item["reporting"] and item["reporting"].state == Timeliness.OVERDUE:
            item["reasons"].append(_("stand van zaken %(n)s dagen te laat") % {"n": item["reporting"].days_overdue})
        if item["slippage"] and item["slippage"] > 0:
            item["reasons"].append(_("einddatum %(n)s dagen verschoven") % {"n": item["slippage"]})
        if item["overdue_milestones"]:
            n = len(item["overdue_milestones"])
            item["reasons"].append(ngettext("%(n)s mijlpaal te laat", "%(n)s mijlpalen te laat", n) % {"n": n})

    severity = {ProgressState.BLOCKED: 0, ProgressState.DELAYED: 1}
    exceptions = sorted(
        (i for i in items if i["reasons"]),
        key=lambda i: (severity.get(i["progress_state"], 2), -len(i["reasons"]), i["code"]),
    )

    by_barrier: dict[int, dict] = {}
    for item in items:
        barrier = item["barrier"]
        key = barrier.pk if barrier else 0
        entry = by_barrier.setdefault(key, {"barrier": barrier, "actions": []})
        entry["actions"].append(item)
    barriers = sorted(by_barrier.values(), key=lambda e: ((e["barrier"].order, e["barrier"].name)
                                                          if e["barrier"] else (9999, "")))

    monitored = [i for i in items if i["status"] in MONITORED_STATUSES]
    percents = [i["percent_complete"] for i in monitored if i["percent_complete"] is not None]
    headline = {
        "actions": len(items),
        # One definition of "followed up": adopted or in progress (MONITORED_STATUSES); the
        # progress table counts exactly these, and so do the two status boxes that make it up.
        "monitored": len(monitored),
        "monitored_statuses": [str(Status(s).label) for s in PLAN_STATUSES if s in MONITORED_STATUSES],
        "by_status": [{"key": s, "label": str(Status(s).label), "count": sum(1 for i in items if i["status"] == s)}
                      for s in PLAN_STATUSES],
        "by_progress": [
            {"key": s, "label": str(l), "count": sum(1 for i in monitored if i["progress_state"] == s)}
            for s, l in ProgressState.choices
        ] + [{"key": NO_UPDATE, "label": progress_label(None),
              "count": sum(1 for i in monitored if not i["progress_state"])}],
        "overdue_updates": sum(1 for i in monitored if i["reporting"] and i["reporting"].state == Timeliness.OVERDUE),
        "slipped": sum(1 for i in items if i["slippage"] and i["slippage"] > 0),
        "overdue_milestones": sum(len(i["overdue_milestones"]) for i in monitored),
        "exceptions": len(exceptions),
        "average_percent": round(sum(percents) / len(percents)) if percents else None,
    }

    barrier_ids = {i["barrier"].pk for i in items if i["barrier"]}
    indicators = Indicator.objects.all()
    if domain_ids is not None:
        indicators = indicators.filter(Q(barriers__in=barrier_ids) | Q(barriers__isnull=True)).distinct()
    measurements = Measurement.objects.filter(created_at__lt=cutoff).filter(
        Q(date__lte=as_of) | Q(date__isnull=True, year__lte=as_of.year)
    )
    return {
        "as_of": as_of,
        "is_past": as_of < today,
        "generated_at": timezone.now(),
        "all_domains": domain_ids is None,
        "domains": domains,
        "headline": headline,
        "exceptions": exceptions,
        "barriers": barriers,
        "indicators": indicator_rows(indicators, measurements, with_series=True),
    }


def indicator_measurements(indicator: Indicator, as_of: date | None = None) -> list[Measurement]:
    measurements = indicator.measurements.filter(TOTAL).order_by(*SERIES_ORDER)
    if as_of is not None:
        measurements = measurements.filter(created_at__lt=cutoff_for(as_of)).filter(
            Q(date__lte=as_of) | Q(date__isnull=True, year__lte=as_of.year))
    return list(measurements)


# --------------------------------------------------------------------------- outcomes per action
def action_outcomes(action) -> list:
    """An action's expected outputs and outcomes, each with its measured values in time order as
    ``measured`` and the latest as ``latest`` (2 queries)."""
    outcomes = list(ActionOutcome.objects.filter(action=action).select_related("indicator").order_by("order", "id"))
    values = defaultdict(list)
    for value in (OutcomeValue.objects.filter(outcome__in=outcomes).select_related("status_update")
                  .order_by("status_update__date", "status_update_id")):
        values[value.outcome_id].append(value)
    for outcome in outcomes:
        outcome.measured = values.get(outcome.pk, [])
        outcome.latest = outcome.measured[-1] if outcome.measured else None
    return outcomes


def indicator_breakdowns(indicator: Indicator) -> list[Measurement]:
    """The measurements of an indicator by target group or region (1 query), beside its own series."""
    return list(indicator.measurements.exclude(TOTAL).select_related("target_group")
                .order_by("region", "target_group__order", "target_group__name", *SERIES_ORDER))


def indicator_outcome_actions(indicator: Indicator, *, user) -> list:
    """The actions the user may see that name this indicator as an expected output or outcome (1 query)."""
    return list(actions_visible_to(user).filter(outcomes__indicator=indicator).distinct().order_by("code", "pk")
                .only("id", "code", "title"))
