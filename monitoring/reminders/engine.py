"""The reminder engine: who must be reminded of what today, exactly once, in one e-mail each.

A run has three steps.

1. **Collect** (:func:`collect`): every rule (one function per :class:`ReminderKind`) reads the
   data it needs with a fixed number of queries, however many actions there are, and returns
   :class:`Due` items: *this person* should hear about *this item* for *this period*.
   The ``period`` is what throttles a reminder: the window it belongs to (the 14-day window
   of an overdue progress report, the stage "30 days before" of a phase deadline, the ISO
   week of a digest, ...). A rule states a window, not an exact day, so a run that was
   missed (beat down on the day) catches up the next day instead of losing the reminder.
2. **Decide** (:func:`record`): the items become ``SentReminder`` rows (state *pending*),
   inserted with ``bulk_create(ignore_conflicts=True)`` under one batch UUID. The database's
   uniqueness constraint (recipient, kind, item, period) decides: a row that already exists
   (an earlier run, or a concurrent run on another worker) is silently skipped, and only the
   rows carrying this run's batch id are this run's to send. Rows are inserted in one sorted
   order so two concurrent runs wait on each other instead of deadlocking.
3. **Deliver** (:func:`deliver`): one e-mail per recipient per run (text and HTML, grouped by
   kind, in the recipient's language). The rows are locked while sending, marked *sent*
   afterwards, or *failed* with the error; the Celery task retries failed deliveries with
   backoff, and every run re-queues rows left pending or failed (:func:`stale_deliveries`),
   so a reminder is never lost and never sent twice.

Mandatory kinds go to a delegate when the user chose one (``ReminderPreference.delegate``);
the digests follow the user's on/off choice and are never delegated.
"""

from __future__ import annotations

import functools
import html as html_lib
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actieplan.models import (
    Action,
    Assignment,
    AssignmentRole,
    AssignmentState,
    Comment,
    Phase,
    PlanStatus,
    SignOff,
    SignOffState,
    Status,
    StatusChange,
)
from monitoring.models import (
    EVENT_KINDS,
    MANDATORY_KINDS,
    MonitoringSettings,
    ReminderKind,
    ReminderPreference,
    SendState,
    SentReminder,
)
from monitoring.timeliness import (
    MONITORED_STATUSES,
    MilestoneState,
    milestone_state,
    overdue_actions,
    overdue_milestones,
)
from werkgroepen.models import Membership, Profile
from werkgroepen.people import person_name

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- the rules as data
#: Stages before a phase deadline: a reminder at 30, 14, 7 and 1 day(s) before.
PHASE_STAGES = (30, 14, 7, 1)
#: Phases whose deadline means "submit your drafts": phase 1 for the working groups,
#: phase 2 (alignment) also for the proposals of policy domains.
SUBMISSION_PHASES = {1: "groups", 2: "all"}
#: An overdue progress report is reminded at most once per window of this many days.
STATUS_REPEAT_DAYS = 14
#: The coordinators are told after this many reminders went unanswered.
ESCALATE_AFTER = 2
#: Milestones: "due in 14 days", "due tomorrow", then overdue at 1 and 7 days late and
#: every 30 days late after that (30, 60, 90 ...).
MILESTONE_SOON_DAYS = 14
MILESTONE_LATE_STAGES = (1, 7)
MILESTONE_LATE_REPEAT_DAYS = 30
#: Pending acceptance of an assignment or sign-off: every 7 days while pending.
PENDING_REPEAT_DAYS = 7
#: Deliveries left pending or failed for this long are retried by the next run.
STALE_AFTER = timedelta(minutes=15)

DAILY_KINDS = (
    ReminderKind.PHASE_DEADLINE,
    ReminderKind.STATUS_DUE,
    ReminderKind.STATUS_ESCALATION,
    ReminderKind.MILESTONE,
    ReminderKind.PENDING_CONFIRMATION,
)
DIGEST_KINDS = (ReminderKind.COORDINATOR_DIGEST, ReminderKind.GROUP_DIGEST)
KIND_ORDER = [k.value for k in ReminderKind]


def default_kinds(today: date) -> tuple[str, ...]:
    """The kinds of a run without ``--kind``: the daily ones, plus the digests on Mondays."""
    return DAILY_KINDS + DIGEST_KINDS if today.weekday() == 0 else DAILY_KINDS


# --------------------------------------------------------------------------- collected items
@dataclass(slots=True)
class Due:
    """One reminder to make: ``user_id`` is whom the rule names; routing sets ``recipient_id``."""

    user_id: int
    kind: str
    item_type: str
    item_id: int
    period: str
    reason: Callable[[], str]  # rendered in the recipient's language
    url: str
    recipient_id: int | None = None
    intended_for_id: int | None = None
    reason_text: str = ""

    @property
    def key(self) -> tuple:
        return (self.recipient_id, self.kind, self.item_type, self.item_id, self.period)


@dataclass
class Person:
    id: int
    email: str
    name: str
    language: str
    is_active: bool


class Audience:
    """Who is who, read once per run with one query per relation."""

    def __init__(self):
        from django.contrib.auth import get_user_model

        self.people: dict[int, Person] = {}

        users = get_user_model().objects.values_list(
            "id", "email", "first_name", "last_name", "username", "is_active", "profile__language"
        )
        for pk, email, first, last, username, active, language in users:
            name = f"{first} {last}".strip() or username
            self.people[pk] = Person(pk, email or "", name, language or settings.LANGUAGE_CODE, active)
        self.chairs: dict[int, list[int]] = defaultdict(list)
        self.members: dict[int, list[int]] = defaultdict(list)  # members and chairs
        for group_id, user_id, role in Membership.objects.values_list("working_group_id", "user_id", "role"):
            self.members[group_id].append(user_id)
            if role == Membership.Role.CHAIR:
                self.chairs[group_id].append(user_id)
        self.contacts: dict[int, list[int]] = defaultdict(list)
        through = Profile.contact_domains.through
        for user_id, domain_id in through.objects.values_list("profile__user_id", "policydomain_id"):
            self.contacts[domain_id].append(user_id)
        # Coordinators as the permission vocabulary defines them: the profile flag, or a superuser.
        self.coordinators: list[int] = list(
            get_user_model().objects.filter(Q(profile__is_coordinator=True) | Q(is_superuser=True))
            .values_list("id", flat=True).distinct().order_by("id")
        )
        self.preferences: dict[int, ReminderPreference] = {
            p.user_id: p for p in ReminderPreference.objects.all()
        }

    def reachable(self, user_id: int | None) -> bool:
        person = self.people.get(user_id)
        return bool(person and person.is_active and person.email)

    def coordinator_digest_on(self, user_id: int) -> bool:
        pref = self.preferences.get(user_id)
        return pref.coordinator_digest if pref else True

    def group_digest_on(self, user_id: int) -> bool:
        pref = self.preferences.get(user_id)
        return pref.group_digest if pref else False

    def delegate_of(self, user_id: int) -> int | None:
        pref = self.preferences.get(user_id)
        if pref and pref.delegate_id and pref.delegate_id != user_id and self.reachable(pref.delegate_id):
            return pref.delegate_id
        return None


@dataclass
class Context:
    today: date
    audience: Audience
    settings: MonitoringSettings = field(default_factory=MonitoringSettings.current)


# --------------------------------------------------------------------------- small helpers
_SENTINEL = 987654321


@functools.lru_cache(maxsize=32)
def _url_pattern(name: str) -> str:
    """``reverse`` once per URL name (with a placeholder id): a run makes thousands of links."""
    try:
        return reverse(name, args=[_SENTINEL])
    except NoReverseMatch:  # a page another part has not built yet: link to the start page
        return reverse("home")


def _url(name: str, pk: int) -> str:
    return _url_pattern(name).replace(str(_SENTINEL), str(pk))


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _days(n: int) -> str:
    return ngettext("%(n)d dag", "%(n)d dagen", n) % {"n": n}


def _stage(days_left: int, stages: Iterable[int]) -> int | None:
    """The smallest stage that ``days_left`` has reached (30 for 15..30 days left, ...)."""
    reached = [s for s in stages if 0 <= days_left <= s]
    return min(reached) if reached else None


def week_of(today: date) -> tuple[date, date]:
    """The calendar week (Monday..Sunday) before the week of ``today``: what a digest covers."""
    start = today - timedelta(days=today.weekday() + 7)
    return start, start + timedelta(days=6)


def week_period(start: date) -> tuple[str, int]:
    year, week, _weekday = start.isocalendar()
    return f"{year}-W{week:02d}", year * 100 + week


def _period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


# --------------------------------------------------------------------------- rule 1: phase deadline
def collect_phase_deadline(ctx: Context) -> list[Due]:
    """Draft actions not yet submitted, at 30, 14, 7 and 1 day(s) before a phase deadline.

    Queries: phases, draft actions.
    """
    today = ctx.today
    phases = list(
        Phase.objects.filter(
            number__in=SUBMISSION_PHASES, deadline__gte=today, deadline__lte=today + timedelta(days=max(PHASE_STAGES))
        )
    )
    if not phases:
        return []
    drafts = list(
        Action.objects.filter(status=Status.DRAFT).values_list(
            "id", "code", "title", "working_group_id", "proposing_domain_id"
        )
    )
    dues = []
    for phase in phases:
        days_left = (phase.deadline - today).days
        stage = _stage(days_left, PHASE_STAGES)
        if stage is None:
            continue
        period = f"phase{phase.number}:{phase.deadline.isoformat()}:d{stage}"
        for pk, code, title, group_id, domain_id in drafts:
            if SUBMISSION_PHASES[phase.number] == "groups" and not group_id:
                continue
            users = ctx.audience.chairs.get(group_id, []) if group_id else ctx.audience.contacts.get(domain_id, [])

            def reason(code=code, title=title, phase=phase, days_left=days_left):
                return _(
                    "%(code)s \u201c%(title)s\u201d is nog niet ingediend; de deadline van fase %(number)d "
                    "(%(phase)s) is %(date)s (nog %(days)s)."
                ) % {"code": code, "title": title, "number": phase.number, "phase": phase.name,
                     "date": _day(phase.deadline), "days": _days(days_left)}

            url = _url("action_detail", pk)
            dues += [Due(u, ReminderKind.PHASE_DEADLINE, "action", pk, period, reason, url) for u in users]
    return dues


# --------------------------------------------------------------------------- rule 2: status update due (+ escalation)
def collect_status_due(ctx: Context, *, escalate: bool = True, remind: bool = True) -> list[Due]:
    """Overdue progress reports: the lead domain's contacts once per 14-day window, and the
    coordinators once per overdue cycle after the second unanswered reminder (or at once when
    nobody can be reminded).

    Queries: monitoring settings, monitored actions with their last update, the sent log of
    this kind for those actions (in chunks of 5,000 ids).
    """
    today = ctx.today
    rows = overdue_actions(today, Action.objects.only("id", "code", "title", "status", "lead_domain"))
    if not rows:
        return []
    sent_windows: dict[tuple[int, str], set[int]] = defaultdict(set)
    if escalate:
        ids = [action.pk for action, _rep in rows]
        for chunk in range(0, len(ids), 5000):
            for item_id, period in SentReminder.objects.filter(
                kind=ReminderKind.STATUS_DUE, item_type="action", item_id__in=ids[chunk:chunk + 5000],
                state=SendState.SENT,
            ).values_list("item_id", "period"):
                cycle, _sep, window = period.rpartition(":w")
                if window.isdigit():
                    sent_windows[(item_id, cycle)].add(int(window))
    dues = []
    for action, rep in rows:
        window = (rep.days_overdue - 1) // STATUS_REPEAT_DAYS
        cycle = f"due:{rep.next_due_on.isoformat()}"
        contacts = ctx.audience.contacts.get(action.lead_domain_id, []) if action.lead_domain_id else []
        url = _url("action_detail", action.pk)
        if remind:
            def reason(action=action, rep=rep):
                return _(
                    "Voor %(code)s \u201c%(title)s\u201d werd een stand van zaken verwacht op %(date)s "
                    "(%(days)s te laat)."
                ) % {"code": action.code, "title": action.title, "date": _day(rep.next_due_on),
                     "days": _days(rep.days_overdue)}

            dues += [
                Due(u, ReminderKind.STATUS_DUE, "action", action.pk, f"{cycle}:w{window}", reason, url)
                for u in contacts
            ]
        if not escalate:
            continue
        earlier = {w for w in sent_windows.get((action.pk, cycle), ()) if w < window}
        nobody = not any(ctx.audience.reachable(u) or ctx.audience.delegate_of(u) for u in contacts)
        if len(earlier) >= ESCALATE_AFTER or nobody:
            def reason(action=action, rep=rep, nobody=nobody, count=len(earlier)):
                if nobody:
                    why = _("er is geen contactpersoon van het trekkende beleidsdomein om te herinneren")
                else:
                    why = ngettext(
                        "%(count)d herinnering bleef onbeantwoord",
                        "%(count)d herinneringen bleven onbeantwoord", count,
                    ) % {"count": count}
                return _(
                    "Escalatie: de stand van zaken van %(code)s \u201c%(title)s\u201d is %(days)s te laat; %(why)s."
                ) % {"code": action.code, "title": action.title, "days": _days(rep.days_overdue), "why": why}

            dues += [
                Due(u, ReminderKind.STATUS_ESCALATION, "action", action.pk, cycle, reason, url)
                for u in ctx.audience.coordinators
            ]
    return dues


def collect_status_escalation(ctx: Context) -> list[Due]:
    return collect_status_due(ctx, remind=False)


# --------------------------------------------------------------------------- rule 3: milestones
def milestone_stage(due_date: date, today: date) -> str | None:
    """The throttling stage of an open milestone (None: nothing to remind today)."""
    days = (due_date - today).days
    if 2 <= days <= MILESTONE_SOON_DAYS:
        return "soon"
    if days in (0, 1):
        return "tomorrow"
    if days < 0:
        late = -days
        if late >= MILESTONE_LATE_REPEAT_DAYS:
            return f"late{late // MILESTONE_LATE_REPEAT_DAYS * MILESTONE_LATE_REPEAT_DAYS}"
        return f"late{max(s for s in MILESTONE_LATE_STAGES if s <= late)}"
    return None


def collect_milestone(ctx: Context) -> list[Due]:
    """Open milestones of monitored actions: due within 14 days, due tomorrow, and overdue.

    Queries: milestones due soon, overdue milestones (``timeliness.overdue_milestones``).
    """
    from actieplan.models import Milestone

    today = ctx.today
    fields = ("id", "title", "due_date", "done_on", "action__id", "action__code", "action__title",
              "action__lead_domain_id")
    soon = Milestone.objects.filter(
        done_on__isnull=True, due_date__gte=today, due_date__lte=today + timedelta(days=MILESTONE_SOON_DAYS),
        action__status__in=MONITORED_STATUSES,
    ).select_related("action").only(*fields)
    overdue = overdue_milestones(today).select_related(None).select_related("action").only(*fields)
    dues = []
    for milestone in [*soon, *overdue]:
        state = milestone_state(milestone, today, MILESTONE_SOON_DAYS)
        stage = milestone_stage(milestone.due_date, today)
        if stage is None or state == MilestoneState.DONE:
            continue
        action = milestone.action
        contacts = ctx.audience.contacts.get(action.lead_domain_id, []) if action.lead_domain_id else []

        def reason(m=milestone, action=action):
            days = (m.due_date - today).days
            if days > 1:
                when = _("vervalt over %(days)s, op %(date)s") % {"days": _days(days), "date": _day(m.due_date)}
            elif days == 1:
                when = _("vervalt morgen, %(date)s") % {"date": _day(m.due_date)}
            elif days == 0:
                when = _("vervalt vandaag")
            else:
                when = _("is %(days)s te laat (vervaldatum %(date)s)") % {"days": _days(-days), "date": _day(m.due_date)}
            return _("Mijlpaal \u201c%(title)s\u201d van %(code)s %(when)s.") % {
                "title": m.title, "code": action.code, "when": when}

        url = _url("action_detail", action.pk)
        period = f"{milestone.due_date.isoformat()}:{stage}"
        dues += [Due(u, ReminderKind.MILESTONE, "milestone", milestone.pk, period, reason, url) for u in contacts]
    return dues


# --------------------------------------------------------------------------- rule 4: pending acceptance / sign-off
def collect_pending_confirmation(ctx: Context) -> list[Due]:
    """Assignments waiting for the domain's answer (from 7 days after the request) and sign-offs
    of a plan that is not final (from the first day they are seen pending), every 7 days.

    Queries: pending assignments, pending sign-offs, the first reminder of each sign-off.
    """
    today = ctx.today
    dues = []
    assignments = (
        Assignment.objects.filter(state=AssignmentState.PENDING)
        .exclude(action__status__in=[Status.MERGED, Status.REJECTED, Status.STOPPED, Status.COMPLETED])
        .values_list("id", "created_at", "domain_id", "role", "action_id", "action__code", "action__title")
    )
    for pk, created_at, domain_id, role, action_id, code, title in assignments:
        waiting = (today - timezone.localdate(created_at)).days
        window = waiting // PENDING_REPEAT_DAYS
        if window < 1:
            continue

        def reason(code=code, title=title, role=role, waiting=waiting):
            return _(
                "Uw beleidsdomein werd voorgesteld als %(role)s van %(code)s \u201c%(title)s\u201d; "
                "uw bevestiging wordt al %(days)s verwacht."
            ) % {"role": AssignmentRole(role).label, "code": code, "title": title, "days": _days(waiting)}

        url = _url("assignment_respond", pk)  # the page where the domain accepts or declines
        dues += [
            Due(u, ReminderKind.PENDING_CONFIRMATION, "assignment", pk, f"w{window}", reason, url)
            for u in ctx.audience.contacts.get(domain_id, [])
        ]

    signoffs = list(
        SignOff.objects.filter(state=SignOffState.PENDING).exclude(plan__status=PlanStatus.FINAL)
        .values_list("id", "plan_id", "plan__title", "domain_id")
    )
    if signoffs:
        first_seen = dict(
            SentReminder.objects.filter(
                kind=ReminderKind.PENDING_CONFIRMATION, item_type="signoff", item_id__in=[s[0] for s in signoffs]
            ).values("item_id").annotate(first=Min("created_at")).values_list("item_id", "first")
        )
        for pk, plan_id, plan_title, domain_id in signoffs:
            anchor = timezone.localdate(first_seen[pk]) if pk in first_seen else today
            window = max(0, (today - anchor).days) // PENDING_REPEAT_DAYS

            def reason(plan_title=plan_title):
                return _("Het actieplan \u201c%(plan)s\u201d wacht op de goedkeuring van uw beleidsdomein.") % {
                    "plan": plan_title}

            url = _url("plan_signoffs", plan_id)  # the plan's sign-off page
            dues += [
                Due(u, ReminderKind.PENDING_CONFIRMATION, "signoff", pk, f"w{window}", reason, url)
                for u in ctx.audience.contacts.get(domain_id, [])
            ]
    return dues


# --------------------------------------------------------------------------- rule 5 and 6: weekly digests
def collect_coordinator_digest(ctx: Context) -> list[Due]:
    """The coordinators' overview of last week (once per week, normally Monday morning)."""
    start, end = week_of(ctx.today)
    period, item_id = week_period(start)

    def reason():
        return _("Weekoverzicht van %(start)s tot %(end)s.") % {"start": _day(start), "end": _day(end)}

    url = reverse("home")
    return [
        Due(u, ReminderKind.COORDINATOR_DIGEST, "week", item_id, period, reason, url)
        for u in ctx.audience.coordinators if ctx.audience.coordinator_digest_on(u)
    ]


def active_group_ids(start: date, end: date, group_ids: Iterable[int] | None = None) -> set[int]:
    """Groups with any activity in the week. Queries: actions changed, status changes, comments."""
    since, until = _period_bounds(start, end)
    base = Action.objects.filter(working_group__isnull=False)
    if group_ids is not None:
        base = base.filter(working_group_id__in=list(group_ids))
    active = set(base.filter(updated_at__gte=since, updated_at__lt=until).values_list("working_group_id", flat=True))
    active |= set(
        StatusChange.objects.filter(at__gte=since, at__lt=until, action__in=base).values_list(
            "action__working_group_id", flat=True)
    )
    active |= set(
        Comment.objects.filter(created_at__gte=since, created_at__lt=until, action__in=base).values_list(
            "action__working_group_id", flat=True)
    )
    return active


def collect_group_digest(ctx: Context) -> list[Due]:
    """Opt-in: members and chairs hear about last week's activity in each of their groups that had any."""
    start, end = week_of(ctx.today)
    period, _week = week_period(start)
    subscribed = {u for u in ctx.audience.preferences if ctx.audience.group_digest_on(u)}
    if not subscribed:
        return []
    from werkgroepen.models import WorkingGroup

    groups = {g.pk: g.name for g in WorkingGroup.objects.only("id", "name")}
    active = active_group_ids(start, end)
    dues = []
    for group_id, users in ctx.audience.members.items():
        if group_id not in active:
            continue
        for u in users:
            if u not in subscribed:
                continue

            def reason(name=groups.get(group_id, "")):
                return _("Weekoverzicht van de werkgroep %(group)s, %(start)s tot %(end)s.") % {
                    "group": name, "start": _day(start), "end": _day(end)}

            dues.append(Due(u, ReminderKind.GROUP_DIGEST, "group", group_id, period, reason,
                            _url("group_detail", group_id)))
    return dues


COLLECTORS: dict[str, Callable[[Context], list[Due]]] = {
    ReminderKind.PHASE_DEADLINE: collect_phase_deadline,
    ReminderKind.STATUS_DUE: lambda ctx: collect_status_due(ctx, escalate=False),
    ReminderKind.STATUS_ESCALATION: collect_status_escalation,
    ReminderKind.MILESTONE: collect_milestone,
    ReminderKind.PENDING_CONFIRMATION: collect_pending_confirmation,
    ReminderKind.COORDINATOR_DIGEST: collect_coordinator_digest,
    ReminderKind.GROUP_DIGEST: collect_group_digest,
}


def _normalise_kinds(kinds: Iterable[str] | None, today: date) -> list[str]:
    if not kinds:
        return list(default_kinds(today))
    unknown = set(kinds) - set(COLLECTORS)  # event kinds (decisions, ...) are sent when they happen
    if unknown:
        raise ValueError(f"unknown reminder kind(s): {', '.join(sorted(unknown))}")
    return [k for k in KIND_ORDER if k in set(kinds)]


def collect(today: date, kinds: Iterable[str] | None = None) -> list[Due]:
    """Everything due on ``today``, routed to the final recipient, one item per (recipient, key)."""
    kinds = _normalise_kinds(kinds, today)
    ctx = Context(today=today, audience=Audience())
    if ReminderKind.STATUS_DUE in kinds and ReminderKind.STATUS_ESCALATION in kinds:
        dues = collect_status_due(ctx)  # one pass for both kinds
        kinds = [k for k in kinds if k not in (ReminderKind.STATUS_DUE, ReminderKind.STATUS_ESCALATION)]
    else:
        dues = []
    for kind in kinds:
        dues += COLLECTORS[kind](ctx)
    return route(dues, ctx.audience)


def route(dues: list[Due], audience: Audience) -> list[Due]:
    """Send mandatory kinds to the delegate if any; drop unreachable people and duplicates;
    render each reason in the recipient's language."""
    delegates = {u: audience.delegate_of(u) for u in {d.user_id for d in dues}}
    reachable = {u: audience.reachable(u) for u in set(delegates) | {v for v in delegates.values() if v}}
    for due in dues:
        delegate = delegates[due.user_id] if due.kind in MANDATORY_KINDS else None
        if delegate:
            due.recipient_id, due.intended_for_id = delegate, due.user_id
        else:
            due.recipient_id, due.intended_for_id = due.user_id, None
    # A delegate who is named by the rule themselves gets the item once, as their own.
    seen, routed = set(), []
    by_language: dict[str, list[Due]] = defaultdict(list)
    for due in sorted(dues, key=lambda d: d.intended_for_id is not None):
        if not reachable[due.recipient_id]:
            continue
        key = due.key
        if key in seen:
            continue
        seen.add(key)
        routed.append(due)
        by_language[audience.people[due.recipient_id].language].append(due)
    for language, items in by_language.items():
        texts: dict[int, str] = {}  # one rendering per item and language, shared by its recipients
        with translation.override(language):
            for due in items:
                key = id(due.reason)
                text = texts.get(key)
                if text is None:
                    text = texts[key] = str(due.reason())[:500]
                due.reason_text = text
    order = {kind: n for n, kind in enumerate(KIND_ORDER)}
    routed.sort(key=lambda d: (d.recipient_id, order[d.kind], d.item_type, d.item_id, d.period))
    return routed


# --------------------------------------------------------------------------- decide: the sent log
def already_logged(dues: list[Due]) -> set[tuple]:
    """The keys of ``dues`` that the sent log already holds: one query per kind and 1,000 periods."""
    found = set()
    periods: dict[str, set[str]] = defaultdict(set)
    for due in dues:
        periods[due.kind].add(due.period)
    for kind, values in periods.items():
        values = sorted(values)
        for chunk in range(0, len(values), 1000):
            found |= set(
                SentReminder.objects.filter(kind=kind, period__in=values[chunk:chunk + 1000]).values_list(
                    "recipient_id", "kind", "item_type", "item_id", "period")
            )
    return found


LOG_FIELDS = ("id", "recipient_id", "intended_for_id", "kind", "item_type", "item_id", "period", "reason", "url",
              "state")


def record(dues: list[Due]) -> tuple[uuid.UUID, list]:
    """Insert the pending rows; return the batch id and the rows this call created.

    Keys already in the log are left out first (cheap); the database's uniqueness
    constraint then decides between concurrent runs: a conflicting insert is skipped, so
    each (recipient, kind, item, period) belongs to exactly one batch. The rows are
    inserted in one sorted order so that concurrent runs wait for each other instead of
    deadlocking. The rows come back as named tuples (``LOG_FIELDS``).
    """
    batch = uuid.uuid4()
    logged = already_logged(dues)
    fresh = sorted((d for d in dues if d.key not in logged), key=lambda d: d.key)
    if fresh:
        _insert_ignoring_conflicts(batch, fresh)
    created = list(SentReminder.objects.filter(batch=batch).order_by("recipient_id", "id").values_list(
        *LOG_FIELDS, named=True))
    return batch, created


def _insert_ignoring_conflicts(batch: uuid.UUID, dues: list[Due]) -> None:
    """``INSERT … ON CONFLICT DO NOTHING`` for many rows with few statements.

    PostgreSQL: one ``INSERT … SELECT FROM unnest(arrays)`` per 10,000 rows; SQLite:
    ``INSERT OR IGNORE`` with ``executemany``; other databases: ``bulk_create``.
    """
    meta = SentReminder._meta
    now = timezone.now()
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        SentReminder.objects.bulk_create(
            [SentReminder(recipient_id=d.recipient_id, intended_for_id=d.intended_for_id, kind=d.kind,
                          item_type=d.item_type, item_id=d.item_id, period=d.period, reason=d.reason_text, url=d.url,
                          state=SendState.PENDING, batch=batch) for d in dues],
            batch_size=1000, ignore_conflicts=True,
        )
        return
    col = {f.name: connection.ops.quote_name(f.column) for f in meta.concrete_fields}
    per_row = ["recipient", "intended_for", "kind", "item_type", "item_id", "period", "reason", "url"]
    constant = ["state", "batch", "attempts", "last_error", "created_at", "is_generated"]
    columns = ", ".join(col[name] for name in per_row + constant)
    table = connection.ops.quote_name(meta.db_table)
    batch_value = meta.get_field("batch").get_db_prep_value(batch, connection)
    created_value = meta.get_field("created_at").get_db_prep_value(now, connection)
    constants = [SendState.PENDING.value, batch_value, 0, "", created_value, False]
    rows = [(d.recipient_id, d.intended_for_id, str(d.kind), d.item_type, d.item_id, d.period, d.reason_text, d.url)
            for d in dues]
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            sql = (
                f"INSERT INTO {table} ({columns}) "
                "SELECT r, i, k, t, n, p, re, u, %s, %s::uuid, %s, %s, %s::timestamptz, %s "
                "FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[], %s::bigint[], %s::text[], "
                "%s::text[], %s::text[]) AS x(r, i, k, t, n, p, re, u) "
                "ON CONFLICT DO NOTHING"
            )
            for start in range(0, len(rows), 10_000):
                chunk = rows[start:start + 10_000]
                cursor.execute(sql, [*constants, *(list(column) for column in zip(*chunk))])
        else:
            placeholders = ", ".join(["%s"] * (len(per_row) + len(constant)))
            cursor.executemany(
                f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({placeholders})",
                [(*row, *constants) for row in rows],
            )


# --------------------------------------------------------------------------- deliver
class DeliveryFailed(Exception):
    """Sending the e-mail of a batch failed; the rows are marked failed and will be retried."""


def coordinator_digest_content(period: str, created_on: date) -> dict:
    """What a coordinator digest shows for an ISO week (``2026-W47``), computed from the data.

    Queries: decisions, counts per new status, new actions, overdue updates, overdue
    milestones, new declines.
    """
    year, week = period.split("-W")
    start = date.fromisocalendar(int(year), int(week), 1)
    end = start + timedelta(days=6)
    since, until = _period_bounds(start, end)
    changes = StatusChange.objects.filter(at__gte=since, at__lt=until)
    counts = [
        {"status": Status(row["to_status"]).label, "count": row["n"]}
        for row in changes.values("to_status").annotate(n=Count("id")).order_by("to_status")
    ]
    decisions = list(
        changes.exclude(to_status__in=[Status.DRAFT, Status.SUBMITTED]).select_related("action", "by")[:20]
    )
    new_actions = Action.objects.filter(created_at__gte=since, created_at__lt=until).count()
    overdue = sorted(
        overdue_actions(created_on, Action.objects.only("id", "code", "title", "status", "lead_domain")),
        key=lambda pair: -pair[1].days_overdue,
    )
    milestones = list(overdue_milestones(created_on).order_by("due_date"))
    declines = list(
        Assignment.objects.filter(state=AssignmentState.DECLINED, decided_at__gte=since, decided_at__lt=until)
        .select_related("action", "domain")[:20]
    )
    return {
        "start": start, "end": end, "status_counts": counts, "decisions": decisions, "new_actions": new_actions,
        "overdue_count": len(overdue), "overdue": overdue[:10], "overdue_milestone_count": len(milestones),
        "overdue_milestones": milestones[:10], "declines": declines,
    }


def group_digest_content(group_id: int, period: str) -> dict:
    """Last week in one working group. Queries: group, new/changed actions, status changes, comments."""
    from werkgroepen.models import WorkingGroup

    year, week = period.split("-W")
    start = date.fromisocalendar(int(year), int(week), 1)
    end = start + timedelta(days=6)
    since, until = _period_bounds(start, end)
    group = WorkingGroup.objects.filter(pk=group_id).first()
    actions = Action.objects.filter(working_group_id=group_id)
    return {
        "start": start, "end": end, "group": group,
        "new_actions": list(actions.filter(created_at__gte=since, created_at__lt=until)[:20]),
        "changed_actions": list(
            actions.filter(updated_at__gte=since, updated_at__lt=until).exclude(created_at__gte=since)[:20]),
        "status_changes": list(
            StatusChange.objects.filter(action__in=actions, at__gte=since, at__lt=until).select_related("action")[:20]
        ),
        "comment_count": Comment.objects.filter(action__in=actions, created_at__gte=since, created_at__lt=until).count(),
    }


def _digest_content(row) -> dict:
    if row.kind == ReminderKind.COORDINATOR_DIGEST:
        created_at = SentReminder.objects.filter(pk=row.id).values_list("created_at", flat=True).first()
        return {"digest": coordinator_digest_content(row.period, timezone.localdate(created_at))}
    return {"group_digest": group_digest_content(row.item_id, row.period)}


def _sections(rows: list, names: dict[int, str]) -> list[dict]:
    """The e-mail's sections, one per kind in a fixed order.

    Ordinary items are rendered here to one text block and one HTML list (a reminder run
    can hold hundreds of items for one person; a template loop per item would dominate the
    run time); digests carry their content for the templates.
    """
    by_kind: dict[str, list] = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row)
    sections = []
    view = _("Bekijken")
    for kind in KIND_ORDER:
        items = by_kind.get(kind)
        if not items:
            continue
        # "entries", not "items": a template would resolve section.items to dict.items()
        section = {"kind": kind, "label": ReminderKind(kind).label, "count": len(items), "entries": []}
        if kind in DIGEST_KINDS:
            section["entries"] = [
                {"reason": r.reason, "url": settings.SITE_URL + r.url if r.url else "", **_digest_content(r)}
                for r in items
            ]
        else:
            text, html = [], []
            escape = html_lib.escape
            view_html = escape(view)
            for r in items:
                url = settings.SITE_URL + r.url if r.url else ""
                behalf = (_("(doorgestuurd namens %(name)s)") % {"name": names[r.intended_for_id]}
                          if r.intended_for_id in names else "")
                text.append(f"- {r.reason}" + (f"\n  {behalf}" if behalf else "") + (f"\n  {url}" if url else ""))
                html.append(
                    f'<li style="margin-bottom: 0.6rem;">{escape(r.reason)}'
                    + (f" <em>{escape(behalf)}</em>" if behalf else "")
                    + (f'<br><a href="{escape(url)}">{view_html}</a>' if url else "")
                    + "</li>"
                )
            section["text"] = "\n".join(text)
            section["html"] = mark_safe("\n".join(html))  # every value above is escaped
        sections.append(section)
    return sections


def render_email(person: Person, rows: list) -> EmailMultiAlternatives:
    """One message with all of ``rows`` (``LOG_FIELDS`` tuples) grouped by kind, in ``person``'s language."""
    names = {}
    delegated = {r.intended_for_id for r in rows if r.intended_for_id}
    if delegated:
        from django.contrib.auth import get_user_model

        for u in get_user_model().objects.filter(pk__in=delegated):
            names[u.pk] = person_name(u)
    with translation.override(person.language):
        sections = _sections(rows, names)
        context = {
            "person": person, "sections": sections, "count": len(rows), "site_url": settings.SITE_URL,
            # One event (a decision, a sign-off to give again) is its own subject.
            "event": rows[0].reason if len(rows) == 1 and rows[0].kind in EVENT_KINDS else "",
            "log_url": settings.SITE_URL + reverse("reminder_list"),
            "preferences_url": settings.SITE_URL + reverse("reminder_preferences"),
        }
        subject = " ".join(render_to_string("emails/reminder_digest_subject.txt", context).split())
        text = render_to_string("emails/reminder_digest.txt", context)
        html = render_to_string("emails/reminder_digest.html", context)
    message = EmailMultiAlternatives(subject, text, None, [person.email])
    message.attach_alternative(html, "text/html")
    return message


def deliver(*, batch: uuid.UUID | str, recipient_id: int) -> int:
    """Send the one e-mail of ``batch`` for ``recipient_id``; return the number of reminders sent.

    The rows are locked while the message is sent (a second worker delivering the same batch
    skips them); on failure they are marked failed with the error and :class:`DeliveryFailed`
    is raised so that the Celery task retries with backoff.
    """
    from django.contrib.auth import get_user_model

    error = None
    with transaction.atomic():
        # The rows of one batch and recipient are all inserted before any delivery is queued,
        # so "this batch, this recipient, not yet sent" is the same set when updated below.
        mine = SentReminder.objects.filter(
            batch=batch, recipient_id=recipient_id, state__in=[SendState.PENDING, SendState.FAILED]
        )
        rows = list(mine.select_for_update(skip_locked=True).order_by("id").values_list(*LOG_FIELDS, named=True))
        if not rows:
            return 0
        user = get_user_model().objects.filter(pk=recipient_id).select_related("profile").first()
        language = getattr(getattr(user, "profile", None), "language", None) or settings.LANGUAGE_CODE
        person = Person(user.pk, user.email, user.get_full_name() or user.username, language, user.is_active)
        try:
            render_email(person, rows).send()
        except Exception as exc:  # SMTP down, refused recipient, template error: record it, retry later
            error = exc
            mine.update(
                state=SendState.FAILED, attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
            )
        else:
            mine.update(
                state=SendState.SENT, attempts=F("attempts") + 1, sent_at=timezone.now()
            )
    if error is not None:
        log.warning("Reminder e-mail to user %s (batch %s) failed: %s", recipient_id, batch, error)
        raise DeliveryFailed(str(error)) from error
    return len(rows)


def stale_deliveries(now: datetime | None = None) -> list[tuple[str, int]]:
    """(batch, recipient) pairs whose rows were left pending or failed: retried by every run."""
    now = now or timezone.now()
    return list(
        SentReminder.objects.filter(state__in=[SendState.PENDING, SendState.FAILED], created_at__lt=now - STALE_AFTER)
        .values_list("batch", "recipient_id").distinct().order_by("batch", "recipient_id")
    )


# --------------------------------------------------------------------------- a run
@dataclass
class RunResult:
    today: date
    kinds: list[str]
    dry_run: bool
    reminders: list  # Due items (dry run) or the SentReminder rows this run created
    emails: dict = field(default_factory=dict)  # recipient id -> e-mail address, for the output
    sent: dict = field(default_factory=lambda: defaultdict(int))  # recipient id -> reminders sent
    failed: int = 0  # e-mails that failed (their rows are kept and retried)
    queued: int = 0  # e-mails handed to Celery
    retried: int = 0  # e-mails of earlier runs retried by this run
    batch: uuid.UUID | None = None

    @property
    def recipients(self) -> int:
        return len({r.recipient_id for r in self.reminders})

    def lines(self) -> list[str]:
        out = []
        for r in self.reminders:
            reason = r.reason_text if isinstance(r, Due) else r.reason
            on_behalf = f" (namens gebruiker {r.intended_for_id})" if r.intended_for_id else ""
            state = "" if isinstance(r, Due) else f" <{r.state}>"
            out.append(f"{r.kind} → {self.emails.get(r.recipient_id, r.recipient_id)}{on_behalf}: {reason} "
                       f"[{r.item_type} {r.item_id}, {r.period}]{state}")
        return out

    def summary(self) -> str:
        if self.dry_run:
            return f"would send {len(self.reminders)} reminders to {self.recipients} recipients"
        if self.queued:
            return f"queued {len(self.reminders)} reminders to {self.recipients} recipients"
        reached = [u for u, n in self.sent.items() if n]
        return f"sent {sum(self.sent.values())} reminders to {len(reached)} recipients"


def run(*, today: date, kinds: Iterable[str] | None = None, dry_run: bool = False,
        queue: Callable[[str, int], None] | None = None) -> RunResult:
    """Collect, decide and deliver.

    ``queue(batch, recipient_id)`` hands each e-mail to Celery (after commit); without it the
    e-mails are sent here, one after the other (the management command). Deliveries of
    earlier runs left pending or failed are retried too.
    """
    kinds = _normalise_kinds(kinds, today)
    dues = collect(today, kinds)
    if dry_run:
        logged = already_logged(dues)
        dues = [d for d in dues if d.key not in logged]
        return RunResult(today, kinds, True, dues, emails=_emails({d.recipient_id for d in dues}))
    stale = stale_deliveries()
    batch, created = record(dues)
    result = RunResult(today, kinds, False, created, batch=batch, emails=_emails({r.recipient_id for r in created}))
    pairs = [(str(batch), u) for u in sorted({r.recipient_id for r in created})]
    pairs += [(str(b), u) for b, u in stale if str(b) != str(batch)]
    for batch_id, recipient_id in pairs:
        is_retry = batch_id != str(batch)
        result.retried += is_retry
        if queue is not None:
            transaction.on_commit(lambda b=batch_id, u=recipient_id: queue(b, u))
            result.queued += 1
            continue
        try:
            result.sent[recipient_id] += deliver(batch=batch_id, recipient_id=recipient_id)
        except DeliveryFailed:
            result.failed += 1
    if queue is None and created:
        states = dict(SentReminder.objects.filter(batch=batch).values_list("id", "state"))
        result.reminders = [row._replace(state=states.get(row.id, row.state)) for row in created]
    return result


def _emails(user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    from django.contrib.auth import get_user_model

    return dict(get_user_model().objects.filter(pk__in=user_ids).values_list("id", "email"))
