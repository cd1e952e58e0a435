"""Reads of the governance app: bodies, meetings (with agenda and decisions), escalation candidates."""

from __future__ import annotations

from datetime import date

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actieplan.models import Action, StatusChange
from actieplan.permissions import perms_for
from common.ids import IdFilter, IdModelChoiceFilter
from governance.models import AgendaItem, Body, BodyKind, Decision, Meeting
from monitoring.models import ProgressState, StatusUpdate
from monitoring.timeliness import add_months

#: The progress states that can be escalated, and for how long they must have lasted (months).
ESCALATION_STATES = (ProgressState.DELAYED, ProgressState.BLOCKED)
ESCALATION_MONTHS = 3


def require_reader(user) -> None:
    """Every logged-in user reads meetings (minutes included)."""
    if not perms_for(user).authenticated:
        raise PermissionDenied(_("Meld u aan om het overleg te bekijken."))


def can_manage(user) -> bool:
    return perms_for(user).is_coordinator


class MeetingFilter(django_filters.FilterSet):
    """Filters of the meeting list; shared by the page and the API."""

    body = IdModelChoiceFilter(label=gettext_lazy("Overlegorgaan"), queryset=Body.objects.all())
    date_from = django_filters.DateFilter(label=gettext_lazy("Vanaf (datum)"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=gettext_lazy("Tot en met (datum)"), field_name="date", lookup_expr="lte")
    action = IdFilter(label=gettext_lazy("Actie (id)"), field_name="agenda_items__action", distinct=True)

    class Meta:
        model = Meeting
        fields = ["body", "date_from", "date_to", "action"]


def bodies() -> QuerySet[Body]:
    return Body.objects.annotate(meeting_count=Count("meetings"))


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("body").annotate(item_count=Count("agenda_items", distinct=True))


def meeting_list(*, params=None):
    """The FilterSet and its meetings, newest first."""
    queryset = meetings().order_by("-date", "-id")
    filterset = MeetingFilter(params or None, queryset=queryset)
    if params and not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs if params else queryset


def upcoming_meetings(today: date | None = None) -> QuerySet[Meeting]:
    today = today or timezone.localdate()
    return meetings().filter(date__gte=today).order_by("date", "id")


def meeting_detail_queryset() -> QuerySet[Meeting]:
    """A meeting with its body, attendees, agenda (actions, decisions) and the action decisions it took."""
    items = AgendaItem.objects.select_related("action").prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.order_by("id")))
    return Meeting.objects.select_related("body", "created_by").prefetch_related(
        "attendees",
        Prefetch("agenda_items", queryset=items),
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("action", "by").order_by("at", "id")),
    )


def next_steering_meeting(today: date | None = None) -> Meeting | None:
    today = today or timezone.localdate()
    return (Meeting.objects.select_related("body").filter(body__kind=BodyKind.STEERING_GROUP, date__gte=today)
            .order_by("date", "id").first())


def escalation(action: Action, today: date | None = None) -> dict:
    """Whether ``action`` may go to the steering group: its latest progress reports have said "vertraagd" or
    "geblokkeerd" without interruption for more than a quarter (the first such report lies three months or
    more before ``today``). Returns ``{"eligible", "since", "state"}``."""
    today = today or timezone.localdate()
    since, state = None, None
    for update in StatusUpdate.objects.filter(action=action).order_by("-date", "-id").only(
            "date", "progress_state"):
        if update.progress_state not in ESCALATION_STATES:
            break
        state = state or update.progress_state
        since = update.date
    eligible = since is not None and since <= add_months(today, -ESCALATION_MONTHS)
    return {"eligible": eligible, "since": since, "state": state,
            "state_display": dict(ProgressState.choices).get(state, "") if state else ""}


def open_escalation(action: Action, meeting: Meeting | None) -> AgendaItem | None:
    if meeting is None:
        return None
    return AgendaItem.objects.filter(meeting=meeting, action=action).first()


def decisions_of_action(action: Action) -> QuerySet[Decision]:
    return (Decision.objects.filter(agenda_item__action=action)
            .select_related("agenda_item", "agenda_item__meeting", "agenda_item__meeting__body")
            .order_by("-agenda_item__meeting__date", "-id"))


def linkable_status_changes(action: Action | None) -> QuerySet[StatusChange]:
    """The action's status changes not yet linked to a meeting (to record where they were decided)."""
    if action is None:
        return StatusChange.objects.none()
    return StatusChange.objects.filter(action=action, meeting__isnull=True).order_by("-at", "-id")
