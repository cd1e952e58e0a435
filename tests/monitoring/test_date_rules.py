"""Every date rule on its boundaries: the day before, the day itself and the day after.

A milestone due today is not late (it is late from tomorrow); a progress report is due from
``due_soon_days`` before its due date and late the day after it; the pages, the dashboards,
the inbox and the reminders all say the same on those days.
"""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from actieplan.models import Milestone
from monitoring.reminders import engine as reminders
from monitoring.reminders.engine import milestone_stage
from monitoring.models import MonitoringSettings, ReminderKind
from monitoring.timeliness import (
    MilestoneState,
    Timeliness,
    add_months,
    annotate_timeliness,
    milestone_overdue,
    milestone_state,
    overdue_milestones,
    reporting_state,
    slippage_days,
)
from tests.reminder_helpers import log_rows, monitored_action

TODAY = date(2026, 11, 16)


# --------------------------------------------------------------------------- milestones (no database)
@pytest.mark.parametrize("due, expected", [
    (TODAY - timedelta(days=1), MilestoneState.OVERDUE),
    (TODAY, MilestoneState.DUE_SOON),  # due today: not late yet
    (TODAY + timedelta(days=14), MilestoneState.DUE_SOON),
    (TODAY + timedelta(days=15), MilestoneState.OPEN),
])
def test_milestone_state_on_its_boundaries(due, expected):
    assert milestone_state(Milestone(due_date=due), TODAY, 14) == expected
    assert milestone_overdue(due, TODAY) is (expected == MilestoneState.OVERDUE)


def test_the_default_window_of_a_milestone_due_soon_is_14_days():
    """(Found by mutation testing: the default was never exercised.)"""
    assert milestone_state(Milestone(due_date=TODAY + timedelta(days=14)), TODAY) == MilestoneState.DUE_SOON
    assert milestone_state(Milestone(due_date=TODAY + timedelta(days=15)), TODAY) == MilestoneState.OPEN


@pytest.mark.parametrize("baseline_end, planned_end, expected", [
    (date(2027, 6, 30), date(2027, 7, 10), 10),
    (date(2027, 6, 30), date(2027, 6, 20), -10),
    (date(2027, 6, 30), date(2027, 6, 30), 0),
    (None, date(2027, 6, 30), None),
    (date(2027, 6, 30), None, None),
])
def test_slippage_is_the_days_the_planned_end_moved_since_the_baseline(baseline_end, planned_end, expected):
    action = SimpleNamespace(baseline=SimpleNamespace(planned_end=baseline_end), planned_end=planned_end)
    assert slippage_days(action) == expected
    assert slippage_days(SimpleNamespace(planned_end=planned_end)) is None  # no baseline at all


def test_a_milestone_done_is_done_whatever_its_date():
    assert milestone_state(Milestone(due_date=TODAY - timedelta(days=400), done_on=TODAY), TODAY) == MilestoneState.DONE


@pytest.mark.parametrize("days, stage", [
    (15, None), (14, "soon"), (2, "soon"), (1, "tomorrow"), (0, "tomorrow"),
    (-1, "late1"), (-6, "late1"), (-7, "late7"), (-29, "late7"), (-30, "late30"), (-59, "late30"), (-60, "late60"),
])
def test_milestone_reminder_stages_on_their_boundaries(days, stage):
    assert milestone_stage(TODAY + timedelta(days=days), TODAY) == stage


# --------------------------------------------------------------------------- progress reports (no database)
SETTINGS = MonitoringSettings(reporting_interval_months=3, due_soon_days=14)
START = date(2026, 8, 16)
DUE = date(2026, 11, 16)  # three months after START


@pytest.mark.parametrize("today, state, days_overdue", [
    (DUE - timedelta(days=15), Timeliness.FRESH, 0),
    (DUE - timedelta(days=14), Timeliness.DUE, 0),
    (DUE, Timeliness.DUE, 0),  # due today: not late yet
    (DUE + timedelta(days=1), Timeliness.OVERDUE, 1),
])
def test_reporting_state_on_its_boundaries(today, state, days_overdue):
    reporting = reporting_state(last_update_on=START, adopted_on=None, today=today, settings=SETTINGS)
    assert (reporting.next_due_on, reporting.state, reporting.days_overdue) == (DUE, state, days_overdue)


def test_the_last_update_counts_before_the_adoption_and_the_adoption_before_today():
    adopted = date(2026, 1, 1)
    assert reporting_state(last_update_on=START, adopted_on=adopted, today=DUE, settings=SETTINGS).next_due_on == DUE
    assert reporting_state(last_update_on=None, adopted_on=adopted, today=DUE,
                           settings=SETTINGS).next_due_on == date(2026, 4, 1)
    assert reporting_state(last_update_on=None, adopted_on=None, today=DUE,
                           settings=SETTINGS).state == Timeliness.FRESH


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
])
def test_add_months_stays_in_the_month_it_lands_in(day, months, expected):
    assert add_months(day, months) == expected


# --------------------------------------------------------------------------- the same rule in SQL and everywhere
@pytest.mark.django_db
@pytest.mark.parametrize("offset, late", [(-1, True), (0, False), (1, False)])
def test_overdue_milestones_agree_with_milestone_state(domain, offset, late):
    action = monitored_action(lead_domain=domain, last_update=TODAY)
    milestone = Milestone.objects.create(action=action, title="Start", due_date=TODAY + timedelta(days=offset))
    assert (milestone in overdue_milestones(TODAY)) is late
    assert (milestone_state(milestone, TODAY) == MilestoneState.OVERDUE) is late


@pytest.mark.django_db
@pytest.mark.parametrize("today, state", [
    (DUE - timedelta(days=15), Timeliness.FRESH), (DUE - timedelta(days=14), Timeliness.DUE),
    (DUE, Timeliness.DUE), (DUE + timedelta(days=1), Timeliness.OVERDUE),
])
def test_the_database_rule_of_timeliness_agrees_on_the_boundaries(domain, today, state):
    settings = MonitoringSettings.current()
    settings.reporting_interval_months, settings.due_soon_days = 3, 14
    settings.save()
    action = monitored_action(lead_domain=domain, last_update=START)
    row = annotate_timeliness(type(action).objects.filter(pk=action.pk), today, settings).get()
    assert row.timeliness == state


@pytest.mark.django_db
def test_a_milestone_due_today_is_reminded_as_due_today_and_late_from_tomorrow(domain_contact, domain):
    action = monitored_action(lead_domain=domain, last_update=TODAY)
    Milestone.objects.create(action=action, title="Eerste trajecten", due_date=TODAY)
    reminders.run(today=TODAY, kinds=[ReminderKind.MILESTONE])
    reminders.run(today=TODAY + timedelta(days=1), kinds=[ReminderKind.MILESTONE])
    reasons = [r.reason for r in log_rows(kind=ReminderKind.MILESTONE, recipient=domain_contact)]
    assert len(reasons) == 2
    assert "vervalt vandaag" in reasons[0] and "te laat" not in reasons[0]
    assert "is 1 dag te laat" in reasons[1]


@pytest.mark.django_db
def test_the_dashboard_counts_a_milestone_due_today_as_not_late(client, coordinator, domain):
    from django.urls import reverse

    action = monitored_action(lead_domain=domain, last_update=TODAY)
    Milestone.objects.create(action=action, title="Vandaag-mijlpaal", due_date=date.today())
    Milestone.objects.create(action=action, title="Gisteren-mijlpaal", due_date=date.today() - timedelta(days=1))
    client.force_login(coordinator)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Gisteren-mijlpaal" in html and "Vandaag-mijlpaal" not in html
