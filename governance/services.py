"""Writes of the governance app; each checks that the user is a coordinator (WEWIS)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.models import Action, StatusChange
from actieplan.permissions import perms_for
from governance import selectors
from governance.models import AgendaItem, Body, Decision, Meeting

BODY_FIELDS = ("name", "kind", "description", "composition", "working_group", "order")
MEETING_FIELDS = ("body", "date", "location", "minutes")


def _check_coordinator(user) -> None:
    if not perms_for(user).is_coordinator:
        raise PermissionDenied(_("Enkel coördinatoren van WEWIS beheren het overleg."))


def _apply(obj, data: dict, fields) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


# --------------------------------------------------------------------------- bodies
def body_create(*, user, data: dict) -> Body:
    _check_coordinator(user)
    body = Body()
    _apply(body, data, BODY_FIELDS)
    body.full_clean()
    body.save()
    return body


def body_update(*, body: Body, user, data: dict) -> Body:
    _check_coordinator(user)
    _apply(body, data, BODY_FIELDS)
    body.full_clean()
    body.save()
    return body


# --------------------------------------------------------------------------- meetings
def meeting_create(*, user, data: dict, attendees=None) -> Meeting:
    _check_coordinator(user)
    meeting = Meeting(created_by=user)
    _apply(meeting, data, MEETING_FIELDS)
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        if attendees is not None:
            meeting.attendees.set(attendees)
    return meeting


def meeting_update(*, meeting: Meeting, user, data: dict, attendees=None) -> Meeting:
    _check_coordinator(user)
    _apply(meeting, data, MEETING_FIELDS)
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        if attendees is not None:
            meeting.attendees.set(attendees)
    return meeting


def meeting_delete(*, meeting: Meeting, user) -> None:
    """Delete a meeting with its agenda and decisions; action decisions taken in it lose the link only."""
    _check_coordinator(user)
    meeting.delete()


# --------------------------------------------------------------------------- agenda and decisions
def _next_order(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(top=Max("order"))["top"] or 0) + 1


def agenda_item_create(*, meeting: Meeting, user, title: str, action: Action | None = None, notes: str = "",
                       is_escalation: bool = False) -> AgendaItem:
    _check_coordinator(user)
    item = AgendaItem(meeting=meeting, title=title, action=action, notes=notes, is_escalation=is_escalation,
                      order=_next_order(meeting), created_by=user)
    item.full_clean()
    item.save()
    return item


def agenda_item_delete(*, item: AgendaItem, user) -> None:
    _check_coordinator(user)
    item.delete()


def decision_create(*, item: AgendaItem, user, text: str, responsible: str = "", due_date: date | None = None,
                    status_change: StatusChange | None = None) -> Decision:
    """Record a decision on an agenda item; a status change of the item's action (an alignment or plan
    decision) can be recorded as taken in this meeting."""
    _check_coordinator(user)
    with transaction.atomic():
        decision = Decision(agenda_item=item, text=text, responsible=responsible, due_date=due_date,
                            created_by=user)
        decision.full_clean()
        decision.save()
        if status_change is not None:
            if item.action_id is None or status_change.action_id != item.action_id:
                raise ValidationError({"status_change": _("Kies een statuswijziging van de actie van dit agendapunt.")})
            StatusChange.objects.filter(pk=status_change.pk).update(meeting=item.meeting)
    return decision


def decision_delete(*, decision: Decision, user) -> None:
    _check_coordinator(user)
    decision.delete()


def status_change_set_meeting(*, change: StatusChange, meeting: Meeting | None, user) -> StatusChange:
    """Record in which meeting an alignment or plan decision was taken (or clear it)."""
    _check_coordinator(user)
    StatusChange.objects.filter(pk=change.pk).update(meeting=meeting)
    change.meeting = meeting
    return change


# --------------------------------------------------------------------------- escalation
def action_escalate(*, action: Action, user, today: date | None = None) -> AgendaItem:
    """Put an action that has been delayed or blocked for more than a quarter on the agenda of the next
    steering-group meeting (once)."""
    _check_coordinator(user)
    today = today or timezone.localdate()
    state = selectors.escalation(action, today)
    if not state["eligible"]:
        raise ValidationError(_("Enkel een actie die al meer dan een kwartaal vertraagd of geblokkeerd is, "
                                "kan naar de stuurgroep."))
    meeting = selectors.next_steering_meeting(today)
    if meeting is None:
        raise ValidationError(_("Er is geen volgende vergadering van de stuurgroep gepland. "
                                "Plan er eerst een in bij Overleg."))
    if AgendaItem.objects.filter(meeting=meeting, action=action).exists():
        raise ValidationError(_("%(code)s staat al op de agenda van de stuurgroep van %(day)s.") % {
            "code": action.code, "day": meeting.date.strftime("%d/%m/%Y")})
    latest = action.status_updates.order_by("-date", "-id").first()
    notes = _("%(state)s sinds %(day)s.") % {
        "state": latest.get_progress_state_display().capitalize() if latest else "",
        "day": state["since"].strftime("%d/%m/%Y")}
    if latest and latest.blockers:
        notes += " " + _("Knelpunt: %(blockers)s") % {"blockers": latest.blockers}
    title = _("Escalatie: %(code)s %(title)s") % {"code": action.code, "title": action.title}
    return agenda_item_create(meeting=meeting, user=user, title=title[:300], action=action, notes=notes,
                              is_escalation=True)
