"""``manage.py send_reminders`` and ``manage.py setup_schedule``."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask

from monitoring.models import SentReminder
from monitoring.reminders.schedule import DEFAULTS
from tests import factories as f
from tests.reminder_helpers import monitored_action

pytestmark = pytest.mark.django_db


def command(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip().splitlines()


@pytest.fixture
def due_items(domain_contact, chair, group, domain, barrier):
    f.phase(1, deadline=date(2026, 9, 3))
    f.action(working_group=group, primary_barrier=barrier, code="MOB-50")
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 1), code="MOB-51")


def test_it_prints_one_line_per_reminder_and_the_summary(due_items):
    lines = command("--today", "2026-09-02")

    assert lines[-1] == "sent 2 reminders to 2 recipients"
    assert len(lines) == 3
    assert any(line.startswith("phase_deadline → voorzitter@example.be:") and "MOB-50" in line for line in lines)
    assert any(line.startswith("status_due → domeincontact@example.be:") and "MOB-51" in line for line in lines)
    assert len(mail.outbox) == 2


def test_a_dry_run_sends_and_records_nothing(due_items):
    lines = command("--dry-run", "--today", "2026-09-02")

    assert lines[-1] == "would send 2 reminders to 2 recipients"
    assert len(lines) == 3
    assert not mail.outbox and not SentReminder.objects.exists()


def test_kind_limits_the_run(due_items):
    lines = command("--kind", "status_due", "--today", "2026-09-02")
    assert lines[-1] == "sent 1 reminders to 1 recipients"
    assert command("--today", "2026-09-02")[-1] == "sent 1 reminders to 1 recipients"  # the phase deadline
    assert command("--today", "2026-09-02")[-1] == "sent 0 reminders to 0 recipients"


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        command("--today", "2-9-2026")


def test_setup_schedule_creates_the_defaults_in_brussels_time():
    call_command("setup_schedule", stdout=StringIO())

    tasks = {t.name: t for t in PeriodicTask.objects.select_related("crontab")}
    assert set(tasks) == {d.name for d in DEFAULTS}
    daily = tasks["Herinneringen: dagelijks"]
    assert (daily.crontab.hour, daily.crontab.minute, daily.crontab.day_of_week) == ("7", "0", "*")
    assert str(daily.crontab.timezone) == "Europe/Brussels"
    assert daily.task == "monitoring.tasks.send_reminders"
    assert "status_due" in json.loads(daily.kwargs)["kinds"]
    coordinators = tasks["Herinneringen: weekoverzicht coördinatoren"]
    assert (coordinators.crontab.hour, coordinators.crontab.minute, coordinators.crontab.day_of_week) == ("7", "30", "1")
    groups = tasks["Herinneringen: weekoverzicht werkgroepen"]
    assert (groups.crontab.hour, groups.crontab.minute, groups.crontab.day_of_week) == ("8", "0", "1")


def test_setup_schedule_is_idempotent_and_keeps_edits_by_staff():
    call_command("setup_schedule", stdout=StringIO())
    daily = PeriodicTask.objects.get(name="Herinneringen: dagelijks")
    daily.crontab.hour = "6"  # WEWIS moved it in the admin
    daily.crontab.save()
    daily.enabled = False
    daily.save()

    out = StringIO()
    call_command("setup_schedule", stdout=out)

    daily.refresh_from_db()
    assert daily.crontab.hour == "6" and not daily.enabled
    assert PeriodicTask.objects.count() == len(DEFAULTS)
    assert "ongewijzigd" in out.getvalue()

    call_command("setup_schedule", "--reset", stdout=StringIO())
    daily.refresh_from_db()
    assert daily.crontab.hour == "7" and daily.enabled
