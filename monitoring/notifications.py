"""Notifications of events: a decision on an action, a sign-off that must be given again.

They go through the reminder engine's pipeline (``monitoring.reminders``): one ``Due`` per
person, routed (delegates, unreachable people), recorded in the sent log exactly once
(period ``change-<id>`` / ``reset-<id>-<n>``), and delivered as one e-mail per recipient,
grouped by kind like every reminder; the rows are the recipient's log (``/herinneringen/``)
and the in-app notifications.

Who hears of a decision: the chairs of the action's working group, the action's creator and,
once the action has a lead domain, that domain's contacts; never the person who decided.
"""

from __future__ import annotations

import hashlib
import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.models import SignOff, SignOffState, Status, StatusChange
from monitoring.models import ReminderKind
from monitoring.reminders.engine import Audience, Due, _url, record, route
from werkgroepen.people import person_name

log = logging.getLogger(__name__)

#: The transitions that are decisions the people concerned must hear of.
DECISIONS = {Status.RETAINED, Status.REJECTED, Status.MERGED, Status.DRAFT}


def on_action_transitioned(sender, change_id: int, **kwargs) -> None:
    _queue("notify_decision", change_id)


def on_signoff_reset(sender, signoff_id: int, **kwargs) -> None:
    _queue("notify_signoff_reset", signoff_id)


def _queue(task_name: str, pk: int) -> None:
    """Written to the outbox in the change's transaction; handed to Celery when it commits."""
    from monitoring import tasks
    from outbox.services import enqueue

    enqueue(getattr(tasks, task_name).name, pk, key=f"{task_name}:{pk}")


def _decision_text(change: StatusChange) -> str:
    action, who = change.action, person_name(change.by) if change.by_id else _("een coördinator")
    values = {"code": action.code, "title": action.title, "who": who, "reason": change.reason}
    if change.to_status == Status.RETAINED:
        text = _("%(code)s ‘%(title)s’ is weerhouden door %(who)s.")
    elif change.to_status == Status.REJECTED:
        text = _("%(code)s ‘%(title)s’ is niet weerhouden door %(who)s.")
    elif change.to_status == Status.MERGED:
        text = _("%(code)s ‘%(title)s’ is samengevoegd door %(who)s.")
    else:
        text = _("%(code)s ‘%(title)s’ is teruggestuurd door %(who)s.")
    text = text % values
    if change.reason:
        text += " " + _("Reden: %(reason)s") % values
    return text


def decision_recipients(change: StatusChange, audience: Audience) -> list[int]:
    action = change.action
    people = []
    if action.working_group_id:
        people += audience.chairs.get(action.working_group_id, [])
    if action.created_by_id:
        people.append(action.created_by_id)
    if action.lead_domain_id:
        people += audience.contacts.get(action.lead_domain_id, [])
    return sorted({p for p in people if p != change.by_id})


def notify_decision(change_id: int) -> list:
    """Record and queue the notifications of one status change; the rows created (none twice)."""
    change = (StatusChange.objects.select_related("action", "by").filter(pk=change_id).first())
    if change is None or change.to_status not in DECISIONS or change.from_status == change.to_status:
        return []
    if change.to_status == Status.DRAFT and change.from_status != Status.SUBMITTED:
        return []  # only "teruggestuurd" is a decision; other ways back to draft are the group's own
    audience = Audience()
    url = _url("action_detail", change.action_id)
    dues = [Due(user_id=pk, kind=ReminderKind.DECISION, item_type="action", item_id=change.action_id,
                period=f"change-{change.pk}", reason=lambda: _decision_text(change), url=url)
            for pk in decision_recipients(change, audience)]
    return _record_and_deliver(dues, audience)


def _reset_text(signoff: SignOff) -> str:
    return _("Opnieuw ondertekenen: %(plan)s (%(domain)s). %(reason)s") % {
        "plan": signoff.plan.title, "domain": signoff.domain.name, "reason": signoff.reset_reason}


def notify_signoff_reset(signoff_id: int) -> list:
    signoff = SignOff.objects.select_related("plan", "domain").filter(pk=signoff_id).first()
    if signoff is None or signoff.state != SignOffState.PENDING:
        return []
    audience = Audience()
    url = reverse("plan_signoff", args=[signoff.plan_id, signoff.pk])
    # One notice per reset and day: a repeated delivery of the same event is not a second notice.
    digest = hashlib.sha1(signoff.reset_reason.encode()).hexdigest()[:10]
    period = f"reset-{signoff.pk}-{timezone.localdate():%Y%m%d}-{digest}"
    dues = [Due(user_id=pk, kind=ReminderKind.SIGNOFF_RESET, item_type="signoff", item_id=signoff.pk,
                period=period, reason=lambda: _reset_text(signoff), url=url)
            for pk in sorted(set(audience.contacts.get(signoff.domain_id, [])))]
    return _record_and_deliver(dues, audience)


def _record_and_deliver(dues: list[Due], audience: Audience) -> list:
    if not dues:
        return []
    batch, rows = record(route(dues, audience))
    from monitoring.tasks import deliver_batch

    from outbox.services import enqueue

    for recipient_id in sorted({r.recipient_id for r in rows}):
        enqueue(deliver_batch.name, str(batch), recipient_id, key=f"deliver:{batch}:{recipient_id}")
    return rows
