"""The data of the charts on dashboards and reports: each chart and the table behind it come from
one query result, so the picture and the numbers cannot disagree.

``dashboard_charts`` gives the five charts of the WEWIS dashboard (and of a domain or group
dashboard, through the scope of the actions passed in); ``report_charts`` the three of the
cabinet summary, built from a cabinet report.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actieplan.models import Action, Barrier, Milestone, Status, StatusChange
from monitoring import svgcharts
from monitoring.models import ActionBaseline, MonitoringSettings, ProgressState, StatusUpdate
from monitoring.svgcharts import PROGRESS_SERIES, Series
from monitoring.templatetags.monitoring_tags import format_measure
from monitoring.timeliness import MONITORED_STATUSES, Timeliness, add_months, reporting_state

PLAN_STATUSES = (Status.ADOPTED, Status.IN_PROGRESS, Status.COMPLETED, Status.STOPPED)
NO_UPDATE = "none"
HEADLINE_INDICATOR = "werkzaamheidsgraad-20-64"
MONTHS = 12


def progress_series() -> list[Series]:
    labels = dict(ProgressState.choices)
    labels[NO_UPDATE] = _("geen stand van zaken")
    return [Series(key, str(labels[key]), *PROGRESS_SERIES[key]) for key in PROGRESS_SERIES]


def _pct(part: int, whole: int) -> int | None:
    return round(part * 100 / whole) if whole else None


# --------------------------------------------------------------------------- funnel
FUNNEL = [
    (_("voorgesteld"), tuple(Status.values)),
    (_("ingediend"), tuple(s for s in Status.values if s != Status.DRAFT)),
    (_("weerhouden"), (Status.RETAINED, *PLAN_STATUSES)),
    (_("opgenomen"), PLAN_STATUSES),
    (_("in uitvoering"), (Status.IN_PROGRESS, Status.COMPLETED)),
    (_("gerealiseerd"), (Status.COMPLETED,)),
]
BESIDE = (Status.MERGED, Status.REJECTED, Status.STOPPED)


def funnel_chart(status_counts: dict[str, int]) -> svgcharts.Chart:
    """The process from proposal to realisation: actions that reached at least each step; beside it the
    merged, rejected and stopped ones."""
    step = Series("step", _("bereikte deze stap"), svgcharts.BLUE)
    aside = Series("aside", _("samengevoegd, niet weerhouden of stopgezet"), svgcharts.GREY, "diagonal")
    rows = [{"label": str(label), "value": sum(status_counts.get(s, 0) for s in statuses), "series": step}
            for label, statuses in FUNNEL]
    rows += [{"label": str(Status(s).label), "value": status_counts.get(s, 0), "series": aside} for s in BESIDE]
    desc = _("Van de %(n)s voorgestelde acties werden er %(sub)s ingediend, %(ret)s weerhouden, %(plan)s opgenomen "
             "in het actieplan, %(run)s in uitvoering genomen en %(done)s gerealiseerd; %(merged)s samengevoegd, "
             "%(rej)s niet weerhouden en %(stop)s stopgezet.") % {
        "n": rows[0]["value"], "sub": rows[1]["value"], "ret": rows[2]["value"], "plan": rows[3]["value"],
        "run": rows[4]["value"], "done": rows[5]["value"], "merged": rows[6]["value"], "rej": rows[7]["value"],
        "stop": rows[8]["value"]}
    return svgcharts.hbar(title=_("Van voorstel tot realisatie"), desc=desc, rows=rows, series=step,
                          headers=[_("Stap"), _("Aantal acties")])


# --------------------------------------------------------------------------- progress per domain
def progress_by_domain_chart(rows: list[tuple], *, title: str | None = None) -> svgcharts.Chart:
    """``rows``: (domain name or None, domain order, progress state or None, count) of monitored actions."""
    series = progress_series()
    per_domain: dict = {}
    for name, order, state, n in rows:
        key = (order if name else 10**6, name or "")
        entry = per_domain.setdefault(key, defaultdict(int))
        entry[state or NO_UPDATE] += n
    categories = [name or _("zonder trekker") for (_o, name) in sorted(per_domain)]
    values = [[per_domain[key][s.key] for s in series] for key in sorted(per_domain)]
    totals = [sum(col) for col in zip(*values)] if values else [0] * len(series)
    total = sum(totals)
    parts = [f"{n} {s.label}" for s, n in zip(series, totals)]
    desc = _("%(n)s acties in uitvoering volgens hun laatste stand van zaken: %(parts)s.") % {
        "n": total, "parts": ", ".join(parts)}
    return svgcharts.stacked_hbar(
        title=title or _("Voortgang per trekkend beleidsdomein"), desc=desc, categories=categories, series=series,
        values=values, headers=[_("Beleidsdomein"), *[s.label for s in series], _("Totaal")])


# --------------------------------------------------------------------------- priority barriers
def priority_barriers_chart(barriers: list[Barrier], rows: list[tuple]) -> svgcharts.Chart:
    """``rows``: (barrier id, action status, progress state, count) of the plan's actions."""
    in_plan, monitored, on_track = defaultdict(int), defaultdict(int), defaultdict(int)
    for barrier_id, status, state, n in rows:
        in_plan[barrier_id] += n
        if status in MONITORED_STATUSES:
            monitored[barrier_id] += n
            if state == ProgressState.ON_TRACK:
                on_track[barrier_id] += n
    items = []
    for b in barriers:
        share = _pct(on_track[b.pk], monitored[b.pk])
        note = _(" (%(p)s %% op schema)") % {"p": share} if share is not None else _(" (nog niet in uitvoering)")
        items.append({"label": b.name, "value": in_plan[b.pk], "note": note, "on_track": on_track[b.pk],
                      "monitored": monitored[b.pk], "share": share})
    desc = "; ".join(
        _("%(name)s: %(n)s acties in het plan, %(share)s op schema") % {
            "name": i["label"], "n": i["value"],
            "share": f"{i['share']} %" if i["share"] is not None else _("geen in uitvoering")}
        for i in items) + "."
    return svgcharts.hbar(
        title=_("De vijf prioritaire drempels"), desc=desc, rows=items,
        series=Series("plan", _("acties in het actieplan"), svgcharts.BLUE),
        headers=[_("Drempel"), _("Acties in het actieplan"), _("In uitvoering"), _("Op schema"),
                 _("Aandeel op schema (%)")],
        extra_cols=lambda i: [i["monitored"], i["on_track"], "—" if i["share"] is None else i["share"]])


# --------------------------------------------------------------------------- timeliness
def _month_ends(today: date, months: int = MONTHS) -> list[date]:
    ends = []
    first = today.replace(day=1)
    for back in range(months - 1, -1, -1):
        start = add_months(first, -back)
        end = add_months(start, 1) - timedelta(days=1)
        ends.append(min(end, today))
    return ends


def timeliness_chart(updates: list[tuple], adopted: dict[int, date], today: date,
                     settings: MonitoringSettings) -> svgcharts.Chart:
    """Per month of the last twelve: of the actions in the plan then, how many had reported on time at its end.

    ``updates``: (action id, report date); ``adopted``: action id → adoption day.
    """
    dates = defaultdict(list)
    for action_id, day in updates:
        dates[action_id].append(day)
    for days in dates.values():
        days.sort()
    x_labels, on_time, late, share = [], [], [], []
    for end in _month_ends(today):
        ok = overdue = 0
        for action_id, adopted_on in adopted.items():
            if adopted_on is None or adopted_on > end:
                continue
            days = dates.get(action_id, [])
            i = bisect_right(days, end)
            last = days[i - 1] if i else None
            state = reporting_state(last_update_on=last, adopted_on=adopted_on, today=end, settings=settings).state
            if state == Timeliness.OVERDUE:
                overdue += 1
            else:
                ok += 1
        x_labels.append(date_format(end, "M Y"))
        on_time.append(ok)
        late.append(overdue)
        share.append(_pct(ok, ok + overdue))
    last_share = share[-1] if share else None
    desc = _("Aandeel van de acties in uitvoering met een tijdige stand van zaken, aan het einde van elke maand: "
             "%(first)s in %(m0)s, %(last)s in %(m1)s.") % {
        "first": "—" if share[0] is None else f"{share[0]} %", "m0": x_labels[0],
        "last": "—" if last_share is None else f"{last_share} %", "m1": x_labels[-1]}
    chart = svgcharts.line_chart(
        title=_("Tijdigheid van de standen van zaken (12 maanden)"), desc=desc, x_labels=x_labels,
        lines=[(Series("share", _("% op tijd"), svgcharts.BLUE), share)],
        headers=[_("Maand"), _("Op tijd"), _("Te laat"), _("% op tijd")], y_suffix=" %", y_max=100)
    chart.rows = [[m, a, b, "—" if s is None else s] for m, a, b, s in zip(x_labels, on_time, late, share)]
    return chart


# --------------------------------------------------------------------------- milestones
def _quarter(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def milestones_chart(milestones: list[tuple], baselines: list[dict], today: date, *,
                     title: str | None = None) -> svgcharts.Chart:
    """Per quarter: milestones due, milestones done and the plan's baseline of due milestones.

    ``milestones``: (due date, done on); ``baselines``: the baselines' ``milestones`` maps (id → ISO date).
    Shows at most the last six quarters and the next two with data.
    """
    due, done, planned = defaultdict(int), defaultdict(int), defaultdict(int)
    for due_date, done_on in milestones:
        due[_quarter(due_date)] += 1
        if done_on:
            done[_quarter(done_on)] += 1
    for mapping in baselines:
        for value in (mapping or {}).values():
            try:
                planned[_quarter(date.fromisoformat(str(value)))] += 1
            except ValueError:
                continue
    now = _quarter(today)
    index = now[0] * 4 + now[1] - 1
    quarters = [divmod(i, 4) for i in range(index - 5, index + 3)]
    quarters = [(y, q + 1) for y, q in quarters]
    labels = [f"K{q} {y}" for y, q in quarters]
    due_v = [due[q] for q in quarters]
    done_v = [done[q] for q in quarters]
    plan_v = [planned[q] for q in quarters]
    current = quarters.index(now)
    desc = _("Mijlpalen per kwartaal: in %(q)s %(due)s te halen en %(done)s gehaald, tegenover %(plan)s volgens de "
             "basislijn van het actieplan. Over de getoonde kwartalen: %(tdue)s te halen, %(tdone)s gehaald.") % {
        "q": labels[current], "due": due_v[current], "done": done_v[current], "plan": plan_v[current],
        "tdue": sum(due_v), "tdone": sum(done_v)}
    return svgcharts.columns(
        title=title or _("Mijlpalen per kwartaal: te halen en gehaald"), desc=desc, x_labels=labels,
        bars=[(Series("due", _("te halen"), svgcharts.GREY, "diagonal"), due_v),
              (Series("done", _("gehaald"), svgcharts.GREEN), done_v)],
        lines=[(Series("baseline", _("basislijn actieplan"), svgcharts.BLUE, "dashed"), plan_v)],
        headers=[_("Kwartaal"), _("Te halen"), _("Gehaald"), _("Basislijn actieplan")])


# --------------------------------------------------------------------------- indicator
def indicator_chart(row: dict, *, title: str | None = None) -> svgcharts.Chart:
    """An indicator's measurements against its baseline and target, one column per measurement."""
    indicator = row["indicator"]
    unit = indicator.unit
    series = list(row.get("series") or [])
    has_base = indicator.baseline_value is not None
    labels = [str(m.date.strftime("%d/%m/%Y") if m.date else m.year) for m in series]
    values = [float(m.value) for m in series]
    if not values and has_base:
        labels, values = [str(indicator.baseline_year)], [float(indicator.baseline_value)]
    if not values:  # only a target (no baseline, no measurement yet)
        labels, values = [str(indicator.target_year or "")], [None]
    lines = [(Series("measured", _("gemeten"), svgcharts.BLUE), values)]
    if has_base:
        lines.append((Series("baseline", _("basiswaarde %(y)s") % {"y": indicator.baseline_year}, svgcharts.GREY,
                             "dashed"), [float(indicator.baseline_value)] * len(values)))
    if indicator.target_value is not None:
        lines.append((Series("target", _("streefwaarde"), svgcharts.GREEN, "dashed"),
                      [float(indicator.target_value)] * len(values)))
    top = max([v for _s, vs in lines for v in vs if v is not None] + [0])
    y_max = 100 if unit == "percent" else None
    if has_base:
        desc = _("%(name)s: basiswaarde %(base)s (%(year)s)") % {
            "name": indicator.name, "base": format_measure(indicator.baseline_value, unit),
            "year": indicator.baseline_year}
    else:
        desc = _("%(name)s: geen basiswaarde") % {"name": indicator.name}
    if values[-1] is not None:
        desc += _(", laatste meting %(last)s (%(when)s)") % {"last": format_measure(values[-1], unit),
                                                            "when": labels[-1]}
    if indicator.target_value is not None:
        desc += _(", streefwaarde %(target)s") % {"target": format_measure(indicator.target_value, unit)}
    chart = svgcharts.line_chart(
        title=title or indicator.name, desc=desc + ".", x_labels=labels, lines=lines,
        headers=[_("Periode"), _("Gemeten"), *([_("Basiswaarde")] if has_base else []),
                 *([_("Streefwaarde")] if indicator.target_value is not None else [])],
        y_max=y_max if top <= 100 else None, y_suffix=" %" if unit == "percent" else "")
    return chart


def indicator_sparkline(row: dict) -> svgcharts.Chart:
    indicator = row["indicator"]
    values = [float(m.value) for m in row.get("series") or []]
    desc = _("Trend van %(name)s: %(n)s metingen; basiswaarde %(base)s") % {
        "name": indicator.name, "n": len(values), "base": format_measure(indicator.baseline_value, indicator.unit)}
    if indicator.target_value is not None:
        desc += _(", streefwaarde %(t)s") % {"t": format_measure(indicator.target_value, indicator.unit)}
    return svgcharts.sparkline(
        title=_("Trend %(name)s") % {"name": indicator.name}, desc=desc + ".", values=values,
        baseline=float(indicator.baseline_value) if indicator.baseline_value is not None else None,
        target=float(indicator.target_value) if indicator.target_value is not None else None)


def add_sparklines(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["sparkline"] = indicator_sparkline(row)
    return rows


# --------------------------------------------------------------------------- the dashboards
def _latest_state():
    return Subquery(StatusUpdate.objects.filter(action_id=OuterRef("pk")).order_by("-date", "-id")
                    .values("progress_state")[:1])


def dashboard_charts(board, base: QuerySet[Action], *, today: date | None = None) -> dict:
    """The five charts of a dashboard over the actions of ``base`` (its scope).

    Queries (6): the plan's actions by lead domain, barrier, status and latest state; the priority
    barriers; settings; report dates; adoption dates; milestones; baselines (7).
    """
    today = today or timezone.localdate()
    status_counts = {row["key"]: row["count"] for row in board.by_status}
    grouped = list(
        base.filter(status__in=PLAN_STATUSES).annotate(state=_latest_state()).order_by()
        .values_list("lead_domain__name", "lead_domain__order", "primary_barrier_id", "status", "state")
        .annotate(n=Count("pk"))
    )
    by_domain = [(name, order, state, n) for name, order, _b, status, state, n in grouped
                 if status in MONITORED_STATUSES]
    by_barrier = [(barrier, status, state, n) for _n, _o, barrier, status, state, n in grouped]
    priority = list(Barrier.objects.filter(is_priority=True).order_by("order", "name"))

    settings = MonitoringSettings.current()
    monitored = base.filter(status__in=MONITORED_STATUSES).values("pk")
    updates = list(StatusUpdate.objects.filter(action_id__in=monitored).values_list("action_id", "date"))
    adopted = {
        action_id: timezone.localtime(at).date()
        for action_id, at in StatusChange.objects.filter(action_id__in=monitored, to_status=Status.ADOPTED)
        .order_by().values("action_id").annotate(at=Max("at")).values_list("action_id", "at")
    }
    in_plan = base.filter(status__in=PLAN_STATUSES).values("pk")
    milestones = list(Milestone.objects.filter(action_id__in=in_plan).values_list("due_date", "done_on"))
    baselines = list(ActionBaseline.objects.filter(action_id__in=in_plan).values_list("milestones", flat=True))
    return {
        "funnel": funnel_chart(status_counts),
        "progress": progress_by_domain_chart(by_domain),
        "timeliness": timeliness_chart(updates, adopted, today, settings),
        "milestones": milestones_chart(milestones, baselines, today),
        "barriers": priority_barriers_chart(priority, by_barrier),
    }


# --------------------------------------------------------------------------- the cabinet summary
def report_charts(report: dict, *, ids) -> dict:
    """The three charts of the cabinet summary, from a cabinet report (``ids``: its actions; 2 queries)."""
    counts: dict = defaultdict(int)
    for entry in report["barriers"]:
        for item in entry["actions"]:
            if item["status"] in MONITORED_STATUSES:
                domain = item["lead_domain"]
                counts[(domain.name if domain else None, getattr(domain, "order", 0) if domain else 0,
                        item["progress_state"])] += 1
    rows = [(name, order, state, n) for (name, order, state), n in counts.items()]
    as_of = report["as_of"]
    milestones = list(Milestone.objects.filter(action_id__in=ids).values_list("due_date", "done_on"))
    milestones = [(due, done if done and done <= as_of else None) for due, done in milestones]
    baselines = list(ActionBaseline.objects.filter(action_id__in=ids).values_list("milestones", flat=True))
    charts = {
        "progress": progress_by_domain_chart(rows),
        "milestones": milestones_chart(milestones, baselines, as_of,
                                       title=_("Mijlpalen: te halen en gehaald per kwartaal")),
    }
    headline = next((row for row in report["indicators"] if row["indicator"].slug == HEADLINE_INDICATOR), None)
    if headline is not None:
        charts["indicator"] = indicator_chart(
            headline, title=_("Werkzaamheidsgraad 20-64 tegenover de doelstelling van 80 %"))
    return charts


# --------------------------------------------------------------------------- one action
SHORT_STATE = {"on_track": "OK", "at_risk": "!", "delayed": "V", "blocked": "X"}


def progress_timeline(history: list[tuple]) -> svgcharts.Chart | None:
    """An action's reports as a small timeline: percentage per report, each marked with its state."""
    if not history:
        return None
    labels = dict(ProgressState.choices)
    points = [{"label": day.strftime("%d/%m/%Y"), "percent": percent, "state": state,
               "state_label": str(labels.get(state, state)), "state_short": SHORT_STATE.get(state, "")}
              for day, state, percent in history[-12:]]
    last = points[-1]
    desc = _("%(n)s standen van zaken; de laatste op %(day)s: %(state)s, %(p)s %% gerealiseerd.") % {
        "n": len(history), "day": last["label"], "state": last["state_label"], "p": last["percent"]}
    return svgcharts.timeline(title=_("Verloop van de voortgang"), desc=desc, points=points,
                              headers=[_("Datum"), _("Voortgang"), _("% gerealiseerd")], height=220)


# --------------------------------------------------------------------------- outcomes per action
def outcome_chart(outcome) -> svgcharts.Chart:
    """An action's output or outcome: the baseline and the values measured in its progress reports against
    the target (``outcome`` from ``selectors.action_outcomes``)."""
    unit = outcome.unit
    labels, values = [], []
    if outcome.baseline_value is not None:
        labels.append(_("basis %(y)s") % {"y": outcome.baseline_year})
        values.append(float(outcome.baseline_value))
    for measured in outcome.measured:
        label = measured.status_update.date.strftime("%d/%m/%Y")
        labels.append(f"{label} ({_('fictief')})" if measured.is_fictitious else label)
        values.append(float(measured.value))
    lines = [(Series("measured", _("gemeten"), svgcharts.BLUE), values),
             (Series("target", _("streefwaarde %(y)s") % {"y": outcome.target_year}, svgcharts.GREEN, "dashed"),
              [float(outcome.target_value)] * len(values))]
    top = max([v for _s, vs in lines for v in vs] + [0])
    parts = {"name": outcome.indicator.name, "target": format_measure(outcome.target_value, unit),
             "year": outcome.target_year}
    if outcome.latest is not None:
        desc = _("%(name)s: laatste gemeten waarde %(last)s (%(when)s), streefwaarde %(target)s in %(year)s") % {
            **parts, "last": format_measure(outcome.latest.value, unit),
            "when": outcome.latest.status_update.date.strftime("%d/%m/%Y")}
    else:
        desc = _("%(name)s: nog geen gemeten waarde, streefwaarde %(target)s in %(year)s") % parts
    if any(m.is_fictitious for m in outcome.measured):
        desc += _("; de gemeten waarden zijn fictieve demogegevens")
    chart = svgcharts.line_chart(
        title=outcome.indicator.name, desc=desc + ".", x_labels=labels, lines=lines,
        headers=[_("Periode"), _("Gemeten"), _("Streefwaarde")],
        y_max=100 if unit == "percent" and top <= 100 else None, y_suffix=" %" if unit == "percent" else "")
    chart.rows = [[label, format_measure(value, unit), format_measure(outcome.target_value, unit)]
                  for label, value in zip(labels, values)]
    return chart
