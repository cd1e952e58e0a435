"""Decisions on an action and reset sign-offs really notify the people concerned (issue 16, defect 3).

Mailed through the reminder pipeline (one e-mail per recipient, grouped by kind) and kept in
the recipient's log at /herinneringen/.
"""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from actieplan.plan import services as svc
from actieplan.models import SignOff, Status
from actieplan.actions.services import action_transition
from monitoring.models import ReminderKind, SentReminder
from tests import factories as f
from tests.conftest import login
from tests.plan_factories import make_plan, retained_action


@pytest.fixture
def submitted(member, group, barrier, domain):
    return f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-80",
                    title="Pendelbus naar de bedrijventerreinen", status="submitted", created_by=member)


def _decide(action, to, user, reason, capture):
    with capture(execute=True):
        action_transition(action=action, to=to, user=user, reason=reason)


@pytest.mark.parametrize("to, word", [(Status.REJECTED, "niet weerhouden"), (Status.RETAINED, "weerhouden"),
                                      (Status.DRAFT, "teruggestuurd")])
def test_a_decision_reaches_chair_creator_and_lead_contacts(
        client, coordinator, chair, member, domain_contact, other_member, submitted, to, word,
        django_capture_on_commit_callbacks):
    _decide(submitted, to, coordinator, "Overlapt met MOB-03.", django_capture_on_commit_callbacks)
    rows = SentReminder.objects.filter(kind=ReminderKind.DECISION, item_id=submitted.pk)
    assert sorted(r.recipient_id for r in rows) == sorted([chair.pk, member.pk, domain_contact.pk])
    assert {m.to[0] for m in mail.outbox} == {chair.email, member.email, domain_contact.email}
    for message in mail.outbox:
        assert f"MOB-80 ‘Pendelbus naar de bedrijventerreinen’ is {word} door Cora Coördinator." in message.body
        assert "Reden: Overlapt met MOB-03." in message.body
        assert f"http://127.0.0.1:8000/acties/{submitted.pk}/" in message.body
    log = login(client, member).get(reverse("reminder_list")).content.decode()
    assert "MOB-80" in log and word in log


def test_the_decider_and_outsiders_hear_nothing(coordinator, chair, other_member, submitted,
                                                django_capture_on_commit_callbacks):
    _decide(submitted, Status.REJECTED, coordinator, "Buiten scope.",
            django_capture_on_commit_callbacks)
    recipients = set(SentReminder.objects.values_list("recipient_id", flat=True))
    assert coordinator.pk not in recipients and other_member.pk not in recipients


def test_a_decision_is_logged_once_even_if_delivered_twice(coordinator, chair, submitted,
                                                           django_capture_on_commit_callbacks):
    from monitoring.notifications import notify_decision

    _decide(submitted, Status.RETAINED, coordinator, "", django_capture_on_commit_callbacks)
    change = submitted.status_changes.latest("at")
    assert notify_decision(change.pk) == []  # the same event again records nothing
    assert SentReminder.objects.filter(recipient=chair, kind=ReminderKind.DECISION).count() == 1


def test_submitting_is_not_a_decision(chair, member, group, barrier, django_capture_on_commit_callbacks):
    draft = f.action(working_group=group, primary_barrier=barrier, code="MOB-81", created_by=member)
    _decide(draft, Status.SUBMITTED, chair, "", django_capture_on_commit_callbacks)
    assert not SentReminder.objects.filter(kind=ReminderKind.DECISION).exists()


def test_a_reset_sign_off_is_mailed_and_logged_for_the_domain(client, coordinator, domain_contact, group, barrier,
                                                              domain, django_capture_on_commit_callbacks):
    action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-82")
    plan = make_plan(coordinator, [action])
    svc.plan_consult(plan=plan, user=coordinator)
    svc.signoff_sign(signoff=SignOff.objects.get(plan=plan, domain=domain), user=domain_contact)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svc.milestone_create(action=action, user=coordinator, title="Evaluatie", due_date=date(2027, 6, 1))
    row = SentReminder.objects.get(kind=ReminderKind.SIGNOFF_RESET)
    assert row.recipient_id == domain_contact.pk
    assert [m.to for m in mail.outbox] == [[domain_contact.email]]
    assert "Opnieuw ondertekenen" in mail.outbox[0].subject
    assert "nieuwe mijlpaal ‘Evaluatie’" in mail.outbox[0].body
    log = login(client, domain_contact).get(reverse("reminder_list")).content.decode()
    assert "Opnieuw ondertekenen" in log


def test_the_daily_run_does_not_accept_event_kinds():
    from monitoring.reminders import engine as reminders

    with pytest.raises(ValueError):
        reminders.collect(date(2026, 12, 7), kinds=["decision"])
