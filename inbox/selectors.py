"""What needs a person now: their open tasks per kind, computed from the data, never stored.

One registry (``KINDS``) names each kind of task once: who has it, which rows it holds,
how a row is shown and where it is done. The home page, the pages ``/te-doen/<slug>/`` and
``GET /api/v1/me/tasks/`` all read it, so a count on the home page is the length of the
list it links to.

Queries: ``tasks_for`` runs one query per kind the person has (a count and the oldest date
in one aggregate); ``task_items`` runs one query for the rows of one kind. Permissions
(``perms_for``) are read once per request and cached on the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

from django.db.models import Count, DateTimeField, F, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actieplan.alignment import similarity
from actieplan.models import (
    Action,
    Assignment,
    AssignmentState,
    Comment,
    ImportJob,
    ImportStatus,
    Milestone,
    PlanStatus,
    SignOff,
    SignOffState,
    Status,
    StatusChange,
)
from actieplan.permissions import Perms, perms_for
from inbox.models import Visit
from monitoring.models import MonitoringSettings
from monitoring.timeliness import MONITORED_STATUSES, Timeliness, annotate_timeliness, overdue_milestone_q

STALE_DRAFT_DAYS = 30
MILESTONE_HORIZON_DAYS = 30
# Without an earlier visit, news of the last this many days counts as new.
FIRST_VISIT_DAYS = 30
ITEM_LIMIT = 200


@dataclass(frozen=True)
class Task:
    kind: str
    slug: str
    label: str
    count: int
    oldest: date | None
    url: str


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    day: date | None
    note: str = ""


@dataclass(frozen=True)
class Kind:
    """One kind of open task.

    ``rows(user, perms, today)`` gives the queryset of open rows, annotated with ``since``
    (the date the row started waiting); ``item(row)`` shows one row with a link to where it
    is done; ``label(n)`` says what ``n`` rows are; ``visit`` names the visit that resets
    the kind when its list is opened (news since the last visit).
    """

    kind: str
    slug: str
    title: str
    applies: Callable[[Perms], bool]
    rows: Callable
    item: Callable
    label: Callable[[int], str]
    visit: str = ""
    related: tuple = ()


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _action_title(action: Action) -> str:
    return f"{action.code} – {action.title}" if action.code else action.title


def _last_seen(user, key: str):
    """The moment of the person's last visit to ``key`` as a subquery (news after it is new)."""
    default = timezone.now() - timedelta(days=FIRST_VISIT_DAYS)
    seen = Visit.objects.filter(user_id=user.pk, key=key).values("seen_at")[:1]
    return Coalesce(Subquery(seen, output_field=DateTimeField()), Value(default, output_field=DateTimeField()))


def _changed_to(status: str):
    """When the action last moved to ``status`` (a subquery)."""
    return Subquery(
        StatusChange.objects.filter(action_id=OuterRef("pk"), to_status=status).order_by("-at", "-id").values("at")[:1],
        output_field=DateTimeField(),
    )


def _own_proposals(perms: Perms) -> Q:
    """Actions the person proposes: of their working groups, or of their domain without a group."""
    q = Q(pk__in=[])
    if perms.member_group_ids:
        q |= Q(working_group_id__in=perms.member_group_ids)
    if perms.contact_domain_ids:
        q |= Q(working_group__isnull=True, proposing_domain_id__in=perms.contact_domain_ids)
    return q


def _settings_today(today):
    return today or timezone.localdate()


# --------------------------------------------------------------------------- coordinator
def _decisions(user, perms, today):
    return Action.objects.filter(status=Status.SUBMITTED).annotate(
        since=Coalesce(_changed_to(Status.SUBMITTED), F("created_at"))).select_related("working_group", "proposing_domain")


def _decision_item(action):
    return Item(_action_title(action), reverse("action_detail", args=[action.pk]), _day(action.since),
                str(action.working_group or action.proposing_domain or ""))


def _suggestions(user, perms, today):
    return similarity.with_suggestions(_decisions(user, perms, today)).filter(suggestion_count__gt=0)


def _suggestion_item(action):
    return Item(
        _action_title(action), reverse("alignment_compare", args=[action.pk, action.best_suggestion]),
        _day(action.since),
        ngettext("%(n)d mogelijke overlap", "%(n)d mogelijke overlappen", action.suggestion_count)
        % {"n": action.suggestion_count},
    )


def _open_assignments(user, perms, today):
    return (
        Assignment.objects.filter(state__in=[AssignmentState.PENDING, AssignmentState.DECLINED])
        .exclude(action__status__in=[Status.MERGED, Status.REJECTED, Status.DRAFT])
        .annotate(since=Coalesce("decided_at", "created_at"))
        .select_related("action", "domain")
    )


def _open_assignment_item(assignment):
    note = _("%(domain)s: %(state)s (%(role)s)") % {
        "domain": assignment.domain.abbreviation, "state": assignment.get_state_display(),
        "role": assignment.get_role_display()}
    return Item(_action_title(assignment.action), reverse("action_detail", args=[assignment.action_id]),
                _day(assignment.since), note)


def _missing_signoffs(user, perms, today):
    return (
        SignOff.objects.filter(state=SignOffState.PENDING).exclude(plan__status=PlanStatus.FINAL)
        .annotate(since=F("plan__updated_at")).select_related("plan", "domain")
    )


def _missing_signoff_item(signoff):
    return Item(str(signoff.domain), reverse("plan_signoffs", args=[signoff.plan_id]), _day(signoff.since),
                signoff.plan.title)


def _overdue_updates(user, perms, today):
    return _reporting_rows(Action.objects.all(), today, [Timeliness.OVERDUE])


def _reporting_rows(actions, today, states):
    today = _settings_today(today)
    return (
        annotate_timeliness(actions.filter(status__in=MONITORED_STATUSES), today, MonitoringSettings.current())
        .filter(timeliness__in=states)
        .annotate(since=Coalesce("last_update_on", "adopted_on"))
        .select_related("lead_domain")
    )


def _update_item(action):
    note = (_("laatste stand van zaken op %(day)s") % {"day": action.last_update_on.strftime("%d/%m/%Y")}
            if action.last_update_on else _("nog geen stand van zaken"))
    return Item(_action_title(action), reverse("action_progress", args=[action.pk]), _day(action.since), note)


def _overdue_milestones(user, perms, today):
    today = _settings_today(today)
    return (
        Milestone.objects.filter(overdue_milestone_q(today), action__status__in=MONITORED_STATUSES)
        .annotate(since=F("due_date")).select_related("action")
    )


def _milestone_item(milestone):
    return Item(milestone.title, reverse("action_progress", args=[milestone.action_id]), milestone.due_date,
                _action_title(milestone.action))


def _waiting_imports(user, perms, today):
    return ImportJob.objects.filter(created_by_id=user.pk, status=ImportStatus.PREVIEW).annotate(since=F("created_at"))


def _import_item(job):
    return Item(job.filename, reverse("import_detail", args=[job.pk]), _day(job.since))


# --------------------------------------------------------------------------- chair and member
def _group_drafts(user, perms, today):
    return (Action.objects.filter(status=Status.DRAFT, working_group_id__in=perms.chair_group_ids)
            .annotate(since=F("created_at")).select_related("working_group", "proposing_domain"))


def _draft_item(action):
    return Item(_action_title(action), reverse("action_detail", args=[action.pk]), _day(action.since),
                str(action.working_group or action.proposing_domain or ""))


def _sent_back(user, perms, today):
    last_from = Subquery(
        StatusChange.objects.filter(action_id=OuterRef("pk")).order_by("-at", "-id").values("from_status")[:1])
    return (
        Action.objects.filter(_own_proposals(perms), status=Status.DRAFT)
        .alias(last_from=last_from).filter(last_from=Status.SUBMITTED)
        .annotate(since=_changed_to(Status.DRAFT)).select_related("working_group", "proposing_domain")
    )


def _sent_back_item(action):
    return Item(_action_title(action), reverse("action_edit", args=[action.pk]), _day(action.since),
                str(action.working_group or action.proposing_domain or ""))


def _stale_drafts(user, perms, today):
    limit = timezone.now() - timedelta(days=STALE_DRAFT_DAYS)
    return (Action.objects.filter(status=Status.DRAFT, working_group_id__in=perms.chair_group_ids,
                                  updated_at__lt=limit).exclude(created_by_id=user.pk)
            .annotate(since=F("updated_at")).select_related("working_group", "created_by"))


def _stale_item(action):
    who = action.created_by.get_full_name() or action.created_by.username if action.created_by else ""
    return Item(_action_title(action), reverse("action_detail", args=[action.pk]), _day(action.since), who)


def _own_drafts(user, perms, today):
    return (Action.objects.filter(status=Status.DRAFT, created_by_id=user.pk)
            .filter(_own_proposals(perms)).annotate(since=F("updated_at"))
            .select_related("working_group", "proposing_domain"))


def _new_comments(user, perms, today):
    return (
        Comment.objects.filter(action__created_by_id=user.pk).exclude(author_id=user.pk)
        .alias(last_seen=_last_seen(user, "new_comments")).filter(created_at__gt=F("last_seen"))
        .annotate(since=F("created_at")).select_related("action", "author")
    )


def _comment_item(comment):
    who = comment.author.get_full_name() or comment.author.username if comment.author else ""
    return Item(_action_title(comment.action), reverse("action_detail", args=[comment.action_id]) + "#opmerkingen",
                _day(comment.since), _("opmerking van %(who)s") % {"who": who})


# --------------------------------------------------------------------------- domain contact
def _to_confirm(user, perms, today):
    return (Assignment.objects.filter(state=AssignmentState.PENDING, domain_id__in=perms.contact_domain_ids)
            .exclude(action__status__in=[Status.MERGED, Status.REJECTED])
            .annotate(since=F("created_at")).select_related("action", "domain"))


def _to_confirm_item(assignment):
    return Item(_action_title(assignment.action), reverse("assignment_respond", args=[assignment.pk]),
                _day(assignment.since), _("%(domain)s als %(role)s") % {
                    "domain": assignment.domain.abbreviation, "role": assignment.get_role_display()})


def _domain_signoffs(user, perms, today):
    return _missing_signoffs(user, perms, today).filter(domain_id__in=perms.contact_domain_ids)


def _domain_signoff_item(signoff):
    return Item(signoff.plan.title, reverse("plan_signoff", args=[signoff.plan_id, signoff.pk]), _day(signoff.since),
                str(signoff.domain))


def _domain_updates(user, perms, today):
    return _reporting_rows(Action.objects.filter(lead_domain_id__in=perms.contact_domain_ids), today,
                           [Timeliness.DUE, Timeliness.OVERDUE])


def _domain_milestones(user, perms, today):
    today = _settings_today(today)
    return (
        Milestone.objects.filter(done_on__isnull=True, due_date__lte=today + timedelta(days=MILESTONE_HORIZON_DAYS),
                                 action__status__in=MONITORED_STATUSES,
                                 action__lead_domain_id__in=perms.contact_domain_ids)
        .annotate(since=F("due_date")).select_related("action")
    )


# --------------------------------------------------------------------------- cabinet
def _portfolio(perms: Perms) -> Q:
    if perms.cabinet_all_domains or perms.is_coordinator:
        return Q()
    return Q(action__lead_domain_id__in=perms.cabinet_domain_ids)


def _changes(user, perms, today):
    return (
        StatusChange.objects.filter(_portfolio(perms)).exclude(to_status=Status.DRAFT)
        .exclude(action__status=Status.DRAFT)
        .alias(last_seen=_last_seen(user, "changes")).filter(at__gt=F("last_seen"))
        .annotate(since=F("at")).select_related("action")
    )


def _change_item(change):
    return Item(_action_title(change.action), reverse("action_detail", args=[change.action_id]), _day(change.since),
                _("van %(from)s naar %(to)s") % {"from": change.get_from_status_display(),
                                                 "to": change.get_to_status_display()})


def _plural(singular: str, plural: str):
    def label(n: int) -> str:
        return ngettext(singular, plural, n) % {"n": n}
    return label


def _is_plain_member(perms: Perms) -> bool:
    return bool(perms.member_group_ids - perms.chair_group_ids)


KINDS: list[Kind] = [
    # coordinator
    Kind("decisions", "beslissingen", _("Ingediende acties die op een beslissing wachten"),
         lambda p: p.is_coordinator, _decisions, _decision_item,
         _plural("%(n)d ingediende actie wacht op een beslissing", "%(n)d ingediende acties wachten op een beslissing")),
    Kind("overlap_suggestions", "overlap", _("Suggesties van overlap die nog niet behandeld zijn"),
         lambda p: p.is_coordinator, _suggestions, _suggestion_item,
         _plural("%(n)d actie met een onbehandelde suggestie van overlap",
                 "%(n)d acties met een onbehandelde suggestie van overlap")),
    Kind("open_assignments", "toewijzingen", _("Beleidsdomeinen die een toewijzing weigerden of nog niet antwoordden"),
         lambda p: p.is_coordinator, _open_assignments, _open_assignment_item,
         _plural("%(n)d toewijzing geweigerd of onbeantwoord", "%(n)d toewijzingen geweigerd of onbeantwoord")),
    Kind("missing_signoffs", "goedkeuringen", _("Beleidsdomeinen die het actieplan nog niet goedkeurden"),
         lambda p: p.is_coordinator, _missing_signoffs, _missing_signoff_item,
         _plural("%(n)d goedkeuring van een beleidsdomein ontbreekt", "%(n)d goedkeuringen van beleidsdomeinen ontbreken")),
    Kind("overdue_updates", "standen-te-laat", _("Acties waarvan de stand van zaken te laat is"),
         lambda p: p.is_coordinator, _overdue_updates, _update_item,
         _plural("%(n)d stand van zaken te laat", "%(n)d standen van zaken te laat")),
    Kind("overdue_milestones", "mijlpalen-te-laat", _("Mijlpalen die te laat zijn"),
         lambda p: p.is_coordinator, _overdue_milestones, _milestone_item,
         _plural("%(n)d mijlpaal te laat", "%(n)d mijlpalen te laat")),
    Kind("waiting_imports", "imports", _("Imports die op uw bevestiging wachten"),
         lambda p: p.is_coordinator or p.is_chair or p.is_domain_contact, _waiting_imports, _import_item,
         _plural("%(n)d import wacht op uw bevestiging", "%(n)d imports wachten op uw bevestiging")),
    # chair
    Kind("group_drafts", "in-te-dienen", _("Concepten van uw werkgroep om in te dienen"),
         lambda p: p.is_chair, _group_drafts, _draft_item,
         _plural("%(n)d concept om in te dienen", "%(n)d concepten om in te dienen")),
    # member (own drafts), chair, member and domain contact (sent back)
    Kind("own_drafts", "mijn-concepten", _("Uw eigen concepten"),
         _is_plain_member, _own_drafts, _draft_item,
         _plural("%(n)d eigen concept", "%(n)d eigen concepten")),
    Kind("sent_back", "teruggestuurd", _("Acties die teruggestuurd werden"),
         lambda p: p.is_member or p.is_domain_contact, _sent_back, _sent_back_item,
         _plural("%(n)d actie teruggestuurd", "%(n)d acties teruggestuurd")),
    Kind("stale_drafts", "stilgevallen-concepten",
         _("Concepten van leden die al 30 dagen niet gewijzigd werden"),
         lambda p: p.is_chair, _stale_drafts, _stale_item,
         _plural("%(n)d concept van een lid al 30 dagen onaangeroerd",
                 "%(n)d concepten van leden al 30 dagen onaangeroerd")),
    Kind("new_comments", "opmerkingen", _("Nieuwe opmerkingen bij uw acties"),
         lambda p: p.is_member, _new_comments, _comment_item,
         _plural("%(n)d nieuwe opmerking bij uw acties", "%(n)d nieuwe opmerkingen bij uw acties"),
         visit="new_comments"),
    # domain contact
    Kind("assignments_to_confirm", "te-bevestigen", _("Toewijzingen die uw beleidsdomein moet bevestigen"),
         lambda p: p.is_domain_contact, _to_confirm, _to_confirm_item,
         _plural("%(n)d toewijzing te bevestigen", "%(n)d toewijzingen te bevestigen")),
    Kind("signoff_waiting", "goedkeuren", _("Het actieplan wacht op de goedkeuring van uw beleidsdomein"),
         lambda p: p.is_domain_contact, _domain_signoffs, _domain_signoff_item,
         _plural("%(n)d actieplan wacht op uw goedkeuring", "%(n)d actieplannen wachten op uw goedkeuring")),
    Kind("updates_due", "standen-verwacht", _("Standen van zaken die verwacht worden of te laat zijn"),
         lambda p: p.is_domain_contact, _domain_updates, _update_item,
         _plural("%(n)d stand van zaken verwacht of te laat", "%(n)d standen van zaken verwacht of te laat")),
    Kind("milestones_due", "mijlpalen", _("Mijlpalen binnen 30 dagen of te laat"),
         lambda p: p.is_domain_contact, _domain_milestones, _milestone_item,
         _plural("%(n)d mijlpaal binnen 30 dagen of te laat", "%(n)d mijlpalen binnen 30 dagen of te laat")),
    # cabinet
    Kind("changes", "wijzigingen", _("Wat veranderde sinds uw vorig bezoek"),
         lambda p: p.is_cabinet, _changes, _change_item,
         _plural("%(n)d statuswijziging sinds uw vorig bezoek", "%(n)d statuswijzigingen sinds uw vorig bezoek"),
         visit="changes"),
]
BY_SLUG = {k.slug: k for k in KINDS}
TASK_KIND_CHOICES = [(k.kind, k.kind) for k in KINDS]
BY_KIND = {k.kind: k for k in KINDS}

def kinds_for(perms: Perms) -> list[Kind]:
    return [k for k in KINDS if perms.authenticated and k.applies(perms)]


def tasks_for(user, *, today: date | None = None) -> list[Task]:
    """The person's open tasks, one per kind with at least one row, the oldest first.

    Queries: one aggregate (count and oldest ``since``) per kind the person has, plus the
    monitoring settings once for each kind about progress reports.
    """
    perms = perms_for(user)
    tasks = []
    for kind in kinds_for(perms):
        found = kind.rows(user, perms, today).aggregate(n=Count("pk"), oldest=Min("since"))
        if found["n"]:
            tasks.append(Task(kind.kind, kind.slug, kind.label(found["n"]), found["n"], _day(found["oldest"]),
                              reverse("inbox_tasks", args=[kind.slug])))
    return sorted(tasks, key=lambda t: (t.oldest is None, t.oldest or date.max, t.kind))


def task_items(user, kind: Kind, *, today: date | None = None) -> list[Item]:
    """The open rows of one kind, the oldest first (at most ``ITEM_LIMIT``). One query."""
    rows = kind.rows(user, perms_for(user), today).order_by(F("since").asc(nulls_last=True), "pk")[:ITEM_LIMIT]
    return [kind.item(row) for row in rows]


# --------------------------------------------------------------------------- notifications
def notifications_for(user, *, unread_only: bool = False) -> QuerySet:
    """The person's notifications: what was mailed (or is queued) to them, newest first, with ``is_read``.

    One query (the read mark is an EXISTS subquery).
    """
    from django.db.models import Exists

    from inbox.models import NotificationRead
    from monitoring.models import SendState, SentReminder

    read = NotificationRead.objects.filter(user_id=user.pk, reminder_id=OuterRef("pk"))
    rows = (SentReminder.objects.filter(recipient_id=user.pk).exclude(state=SendState.FAILED)
            .annotate(is_read=Exists(read)).order_by("-created_at", "-id"))
    return rows.filter(is_read=False) if unread_only else rows


def unread_count(user) -> int:
    return notifications_for(user, unread_only=True).count()
