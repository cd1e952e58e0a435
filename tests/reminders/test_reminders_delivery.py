"""Delivery: a mail server that fails is recorded and retried with backoff, never lost or duplicated."""

import smtplib
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from monitoring.reminders import engine as reminders
from monitoring import tasks
from monitoring.models import ReminderKind, SendState, SentReminder
from tests.reminder_helpers import monitored_action

pytestmark = pytest.mark.django_db

DAY = date(2026, 9, 2)


class FailingBackend(LocmemBackend):
    """Refuses the first ``failures`` messages like an SMTP server that is down, then delivers."""

    failures = 0

    def send_messages(self, messages):
        if FailingBackend.failures > 0:
            FailingBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = "tests.reminders.test_reminders_delivery.FailingBackend"

    def fail(times):
        FailingBackend.failures = times

    yield fail
    FailingBackend.failures = 0


@pytest.fixture
def overdue(domain_contact, domain):
    return monitored_action(lead_domain=domain, last_update=date(2026, 6, 1), code="MOB-40")


def test_a_failed_send_is_recorded_with_the_error(overdue, failing_mail):
    failing_mail(1)

    result = reminders.run(today=DAY, kinds=[ReminderKind.STATUS_DUE])

    row = SentReminder.objects.get()
    assert row.state == SendState.FAILED
    assert row.attempts == 1
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in row.last_error
    assert result.failed == 1 and result.summary() == "sent 0 reminders to 0 recipients"
    assert not mail.outbox


def test_the_next_run_retries_a_failed_send_once(overdue, failing_mail):
    failing_mail(1)
    reminders.run(today=DAY, kinds=[ReminderKind.STATUS_DUE])

    with time_machine.travel(reminders.timezone.now() + timedelta(minutes=20)):
        result = reminders.run(today=DAY + timedelta(days=1), kinds=[ReminderKind.STATUS_DUE])
        again = reminders.run(today=DAY + timedelta(days=2), kinds=[ReminderKind.STATUS_DUE])

    row = SentReminder.objects.get()
    assert (row.state, row.attempts) == (SendState.SENT, 2)
    assert result.retried == 1 and result.summary() == "sent 1 reminders to 1 recipients"
    assert again.summary() == "sent 0 reminders to 0 recipients"
    assert len(mail.outbox) == 1 and "MOB-40" in mail.outbox[0].body


def test_the_celery_task_retries_with_backoff_until_the_mail_goes_out(
    overdue, failing_mail, django_capture_on_commit_callbacks
):
    failing_mail(2)  # the first attempt and the first retry fail

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminders.delay(today=DAY.isoformat(), kinds=[ReminderKind.STATUS_DUE])

    row = SentReminder.objects.get()
    assert row.state == SendState.SENT
    assert row.attempts == 3
    assert "SMTPServerDisconnected" in row.last_error  # the last failure stays visible
    assert len(mail.outbox) == 1


def test_the_delivery_task_is_configured_to_back_off():
    task = tasks.deliver_batch
    assert reminders.DeliveryFailed in task.autoretry_for
    assert task.retry_backoff and task.retry_backoff_max <= 3600 and task.max_retries >= 5
    assert task.acks_late


def test_delivering_a_batch_twice_sends_one_mail(overdue, django_capture_on_commit_callbacks):
    queued = []
    result = reminders.run(today=DAY, kinds=[ReminderKind.STATUS_DUE], queue=lambda b, u: queued.append((b, u)))
    # on_commit callbacks run at once outside a transaction; in this test they are captured
    assert result.summary() == "queued 1 reminders to 1 recipients"
    row = SentReminder.objects.get()
    assert row.state == SendState.PENDING

    assert reminders.deliver(batch=row.batch, recipient_id=row.recipient_id) == 1
    assert reminders.deliver(batch=row.batch, recipient_id=row.recipient_id) == 0  # a redelivered task
    assert len(mail.outbox) == 1
