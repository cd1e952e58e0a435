"""The cabinet's one screen: a generated summary in plain Dutch, the three charts that matter, the
exceptions that need the minister's attention and what changed since a date. Its numbers are the
cabinet report's own (the same selector, the same portfolio and date)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.models import Assignment, AssignmentState, Milestone, Status, StatusChange
from monitoring import chart_data, selectors
from monitoring.models import ProgressState, StatusUpdate
from monitoring.summary import summary_text
from monitoring.timeliness import MONITORED_STATUSES

QUARTER_DAYS = 91


def default_since(user, today: date) -> date:
    """The previous approved progress report's date, else the user's last visit, else three months ago."""
    from django.apps import apps

    if apps.is_installed("reporting"):
        ProgressReport = apps.get_model("reporting", "ProgressReport")
        last = ProgressReport.objects.filter(status="approved", as_of__lt=today).aggregate(day=Max("as_of"))["day"]
        if last:
            return last
    if user.last_login and timezone.localtime(user.last_login).date() < today:
        return timezone.localtime(user.last_login).date()
    return today - timedelta(days=QUARTER_DAYS)


def cabinet_summary(*, domain_ids, as_of: date | None = None, since: date | None = None, user=None) -> dict:
    today = timezone.localdate()
    as_of = as_of or today
    report = selectors.cabinet_report(domain_ids=domain_ids, as_of=as_of)
    items = [item for entry in report["barriers"] for item in entry["actions"]]
    ids = [item["id"] for item in items]
    since = since or (default_since(user, today) if user is not None else today - timedelta(days=QUARTER_DAYS))
    since_cutoff = selectors.cutoff_for(since)
    as_of_cutoff = selectors.cutoff_for(as_of)
    by_id = {item["id"]: item for item in items}

    # what changed since: reports then against reports now, new in the plan, realised, milestones reached
    then = {u.action_id: u for u in selectors.first_per(
        StatusUpdate.objects.filter(action_id__in=ids, date__lte=since, created_at__lt=since_cutoff),
        "action_id", "-date", "-id").values_list("action_id", "progress_state", "percent_complete", named=True)}
    changed = []
    for item in items:
        if item["progress_state"] is None:
            continue
        before = then.get(item["id"])
        if before is None or before.progress_state != item["progress_state"] or \
                before.percent_complete != item["percent_complete"]:
            changed.append({"item": item, "before": before,
                            "before_label": selectors.progress_label(before.progress_state) if before else ""})
    steps = StatusChange.objects.filter(action_id__in=ids, at__gte=since_cutoff, at__lt=as_of_cutoff,
                                        to_status__in=[Status.ADOPTED, Status.COMPLETED]).values_list(
        "action_id", "to_status")
    new_ids, completed_ids = set(), set()
    for action_id, to_status in steps:
        (new_ids if to_status == Status.ADOPTED else completed_ids).add(action_id)
    milestones = list(Milestone.objects.filter(action_id__in=ids, done_on__gt=since, done_on__lte=as_of)
                      .order_by("done_on", "pk").values_list("action_id", "title", "done_on", named=True))

    # exceptions for the minister: blocked, delayed for more than a quarter, declined by a domain
    declined = {}
    for a in Assignment.objects.filter(action_id__in=ids, state=AssignmentState.DECLINED).select_related(
            "domain").order_by("pk"):
        declined.setdefault(a.action_id, []).append(a.domain.name)
    exceptions = []
    for item in items:
        reasons = []
        if item["status"] in MONITORED_STATUSES and item["progress_state"] == ProgressState.BLOCKED:
            reasons.append(_("geblokkeerd"))
        if item["status"] in MONITORED_STATUSES and item["progress_state"] == ProgressState.DELAYED:
            late = [m for m in item["overdue_milestones"] if (as_of - m.due_date).days > QUARTER_DAYS]
            if (item["slippage"] or 0) > QUARTER_DAYS or late:
                reasons.append(_("meer dan een kwartaal vertraagd"))
        for name in declined.get(item["id"], []):
            reasons.append(_("niet akkoord van %(domain)s") % {"domain": name})
        if reasons:
            exceptions.append({"item": item, "reasons": reasons})

    text = summary_text(report["headline"], since=since, completed_since=len(completed_ids),
                        new_since=len(new_ids))
    return {
        "report": report, "as_of": as_of, "since": since, "text": text,
        "charts": chart_data.report_charts(report, ids=ids),
        "exceptions": exceptions,
        "changes": {
            "changed": changed,
            "new": [by_id[i] for i in sorted(new_ids, key=lambda i: by_id[i]["code"]) if i in by_id],
            "completed": [by_id[i] for i in sorted(completed_ids, key=lambda i: by_id[i]["code"]) if i in by_id],
            "milestones": [{"title": m.title, "done_on": m.done_on, "item": by_id.get(m.action_id)}
                           for m in milestones],
        },
    }
