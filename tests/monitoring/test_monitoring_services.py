"""Services of monitoring: progress transitions, reports and their 24-hour lock, milestones,
measurements, baselines; timeliness and slippage on fixed dates."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from actieplan.models import Action, Status, StatusChange
from actieplan.actions.services import TransitionNotAllowed, action_transition
from monitoring import services
from monitoring.models import ActionBaseline, Measurement, MonitoringSettings, StatusUpdate
from monitoring.selectors import annotate_progress, dashboard
from monitoring.timeliness import Timeliness, reporting_for, slippage_days
from tests import factories as f
from tests.monitoring_helpers import TZ, adopted_action, baseline, final_version, indicator, milestone, report

NOW = datetime(2026, 10, 1, 10, 0, tzinfo=TZ)
UPDATE = {"date": date(2026, 9, 30), "progress_state": "on_track", "percent_complete": 40,
          "done": "Pilootproject opgestart in drie gemeenten.", "next_steps": "Evaluatie.", "blockers": ""}


@pytest.fixture
def in_progress(group, barrier, domain):
    return adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-10")


@pytest.fixture
def adopted(group, barrier, domain):
    return adopted_action(group=group, barrier=barrier, domain=domain, status=Status.ADOPTED, code="MOB-11")


# --------------------------------------------------------------------------- progress transitions
@pytest.mark.parametrize("role", ["coordinator", "domain_contact"])
def test_it_lets_the_lead_contact_and_coordinator_run_the_implementation(role, users, adopted):
    action = action_transition(action=adopted, to=Status.IN_PROGRESS, user=users[role])
    assert action.status == Status.IN_PROGRESS
    action = action_transition(action=action, to=Status.COMPLETED, user=users[role])
    assert Action.objects.get(pk=adopted.pk).status == Status.COMPLETED
    assert list(StatusChange.objects.filter(action=adopted, by=users[role]).values_list("to_status", flat=True)
                .order_by("at", "id")) == [Status.IN_PROGRESS, Status.COMPLETED]


@pytest.mark.parametrize("role", ["chair", "member", "other_member", "cabinet"])
def test_it_refuses_implementation_steps_to_other_roles(role, users, adopted):
    with pytest.raises(PermissionDenied):
        action_transition(action=adopted, to=Status.IN_PROGRESS, user=users[role])
    assert Action.objects.get(pk=adopted.pk).status == Status.ADOPTED


def test_it_refuses_a_contact_of_another_domain(adopted, other_domain):
    contact = f.user("anderdomein", contact_domains=[other_domain])
    with pytest.raises(PermissionDenied):
        action_transition(action=adopted, to=Status.IN_PROGRESS, user=contact)


def test_stopping_needs_a_reason(in_progress, domain_contact):
    with pytest.raises(ValidationError) as error:
        action_transition(action=in_progress, to=Status.STOPPED, user=domain_contact, reason=" ")
    assert "reason" in error.value.message_dict
    assert Action.objects.get(pk=in_progress.pk).status == Status.IN_PROGRESS
    action_transition(action=in_progress, to=Status.STOPPED, user=domain_contact, reason="Budget geschrapt.")
    assert StatusChange.objects.get(action=in_progress, to_status=Status.STOPPED).reason == "Budget geschrapt."


def test_it_cannot_complete_an_action_that_never_started(adopted, coordinator):
    with pytest.raises(TransitionNotAllowed):
        action_transition(action=adopted, to=Status.COMPLETED, user=coordinator)


# --------------------------------------------------------------------------- status updates
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("role", ["coordinator", "domain_contact"])
def test_it_posts_a_report(role, users, in_progress):
    update = services.status_update_create(action=in_progress, user=users[role], data=UPDATE)
    assert update.created_by == users[role]
    assert StatusUpdate.objects.get(action=in_progress).done == UPDATE["done"]


@pytest.mark.parametrize("role", ["chair", "member", "other_member", "cabinet"])
def test_it_refuses_reports_from_other_roles(role, users, in_progress):
    with pytest.raises(PermissionDenied):
        services.status_update_create(action=in_progress, user=users[role], data=UPDATE)
    assert not StatusUpdate.objects.exists()


def test_it_refuses_a_report_before_adoption(submitted_action, coordinator):
    with pytest.raises(PermissionDenied):
        services.status_update_create(action=submitted_action, user=coordinator, data=UPDATE)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("field,value", [
    ("percent_complete", 101), ("date", date(2026, 10, 2)), ("done", "   "), ("progress_state", "fine"),
])
def test_it_refuses_bad_reports_with_a_clear_message(field, value, in_progress, coordinator):
    with pytest.raises(ValidationError) as error:
        services.status_update_create(action=in_progress, user=coordinator, data={**UPDATE, field: value})
    assert field in error.value.message_dict
    assert not StatusUpdate.objects.exists()


def test_a_report_can_be_corrected_within_24_hours_but_not_after(in_progress, domain_contact):
    with time_machine.travel(NOW, tick=False):
        update = services.status_update_create(action=in_progress, user=domain_contact, data=UPDATE)
    with time_machine.travel(NOW + timedelta(hours=23, minutes=59), tick=False):
        assert services.can_edit_status_update(update, domain_contact)
        services.status_update_edit(update=update, user=domain_contact, data={"percent_complete": 45})
    assert StatusUpdate.objects.get(pk=update.pk).percent_complete == 45
    with time_machine.travel(NOW + timedelta(hours=24), tick=False):
        assert not services.can_edit_status_update(update, domain_contact)
        with pytest.raises(services.StatusUpdateLocked) as error:
            services.status_update_edit(update=update, user=domain_contact, data={"percent_complete": 90})
    assert "24 uur" in str(error.value)
    assert StatusUpdate.objects.get(pk=update.pk).percent_complete == 45


def test_only_the_author_or_a_coordinator_corrects_a_report(in_progress, domain_contact, coordinator, domain):
    colleague = f.user("collega", contact_domains=[domain])
    with time_machine.travel(NOW, tick=False):
        update = services.status_update_create(action=in_progress, user=domain_contact, data=UPDATE)
        with pytest.raises(PermissionDenied):
            services.status_update_edit(update=update, user=colleague, data={"percent_complete": 50})
        services.status_update_edit(update=update, user=coordinator, data={"percent_complete": 50})
    assert StatusUpdate.objects.get(pk=update.pk).percent_complete == 50


# --------------------------------------------------------------------------- milestones
@time_machine.travel(NOW, tick=False)
def test_it_marks_a_milestone_done_and_refuses_a_future_date(in_progress, domain_contact, member):
    m = milestone(in_progress, due=date(2026, 9, 1))
    with pytest.raises(ValidationError):
        services.milestone_set_done(milestone=m, user=domain_contact, done_on=date(2026, 10, 5))
    with pytest.raises(PermissionDenied):
        services.milestone_set_done(milestone=m, user=member, done_on=date(2026, 9, 3))
    services.milestone_set_done(milestone=m, user=domain_contact, done_on=date(2026, 9, 3))
    m.refresh_from_db()
    assert m.done_on == date(2026, 9, 3)


# --------------------------------------------------------------------------- measurements
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("unit,value,message", [
    ("percent", "100.5", "Een percentage ligt tussen 0 en 100; 100,5 kan niet."),
    ("percent", "-1", "Een percentage ligt tussen 0 en 100"),
    ("count", "-3", "Een aantal personen kan niet negatief zijn."),
    ("count", "12.5", "Een aantal personen is een geheel getal"),
    ("number", "12.345", "twee cijfers"),
])
def test_it_refuses_implausible_measurements(unit, value, message, db, coordinator):
    ind = indicator(unit=unit, target_value=None, target_year=None)
    with pytest.raises(ValidationError) as error:
        services.measurement_create(indicator=ind, user=coordinator, value=value, year=2025)
    assert message in " ".join(error.value.message_dict["value"])
    assert not Measurement.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_it_adds_measurements_by_year_or_date_once(db, coordinator, cabinet):
    ind = indicator()
    services.measurement_create(indicator=ind, user=coordinator, value=Decimal("77.4"), year=2025)
    services.measurement_create(indicator=ind, user=coordinator, value="77.6", date=date(2026, 6, 30))
    assert [(m.year, m.value) for m in ind.measurements.order_by("year")] == [
        (2025, Decimal("77.40")), (2026, Decimal("77.60"))]
    with pytest.raises(ValidationError) as error:
        services.measurement_create(indicator=ind, user=coordinator, value="77.5", year=2025)
    assert "al een meting" in str(error.value)
    with pytest.raises(ValidationError):
        services.measurement_create(indicator=ind, user=coordinator, value="77.5", year=2027)  # future
    with pytest.raises(PermissionDenied):
        services.measurement_create(indicator=ind, user=cabinet, value="77.5", year=2023)


# --------------------------------------------------------------------------- baselines, timeliness, slippage
def test_capture_baselines_keeps_planned_end_and_milestones(in_progress, adopted):
    in_progress.planned_end = date(2027, 6, 30)
    in_progress.save()
    m = milestone(in_progress, due=date(2027, 1, 31))
    version = final_version([in_progress, adopted])
    assert services.capture_baselines(version) == 2
    kept = ActionBaseline.objects.get(action=in_progress)
    assert kept.planned_end == date(2027, 6, 30)
    assert kept.milestones == {str(m.pk): "2027-01-31"}
    # the action moves later: slippage counts the days against the baseline
    in_progress.planned_end = date(2027, 9, 30)
    in_progress.save()
    assert slippage_days(Action.objects.select_related("baseline").get(pk=in_progress.pk)) == 92
    assert services.capture_baselines(version) == 2  # idempotent: still one baseline per action
    assert ActionBaseline.objects.count() == 2


@pytest.mark.parametrize("today,state,days_overdue", [
    (date(2026, 9, 1), Timeliness.FRESH, 0),     # last report 15/07, next due 15/10
    (date(2026, 10, 1), Timeliness.DUE, 0),      # within 14 days of 15/10
    (date(2026, 10, 15), Timeliness.DUE, 0),     # the due date itself
    (date(2026, 10, 16), Timeliness.OVERDUE, 1),
    (date(2026, 11, 26), Timeliness.OVERDUE, 42),
])
def test_timeliness_on_fixed_dates(today, state, days_overdue, in_progress):
    report(in_progress, day=date(2026, 7, 15))
    action = annotate_progress(Action.objects.filter(pk=in_progress.pk)).get()
    reporting = reporting_for(action, today)
    assert (reporting.state, reporting.days_overdue, reporting.next_due_on) == (state, days_overdue, date(2026, 10, 15))


def test_without_reports_the_interval_runs_from_adoption(in_progress):
    settings = MonitoringSettings.objects.create(reporting_interval_months=2, due_soon_days=7)
    action = annotate_progress(Action.objects.filter(pk=in_progress.pk)).get()
    assert action.adopted_on == date(2026, 7, 3)
    reporting = reporting_for(action, date(2026, 9, 10), settings)
    assert (reporting.state, reporting.next_due_on, reporting.days_overdue) == (
        Timeliness.OVERDUE, date(2026, 9, 3), 7)


@time_machine.travel(NOW, tick=False)
def test_dashboard_counts_overdue_slipped_and_late_milestones(in_progress, adopted, coordinator):
    report(in_progress, day=date(2026, 5, 1), state="delayed")  # overdue since 01/08
    version = final_version([in_progress, adopted])
    in_progress.planned_end = date(2027, 3, 31)
    in_progress.save()
    baseline(in_progress, planned_end=date(2026, 12, 31), version=version)
    milestone(adopted, due=date(2026, 9, 15))
    milestone(adopted, due=date(2026, 9, 1), done_on=date(2026, 9, 2))
    board = dashboard(user=coordinator)
    assert [a.code for a in board.overdue_updates] == ["MOB-10"]
    assert [(a.code, a.slippage) for a in board.slipped] == [("MOB-10", 90)]
    assert [m.action.code for m in board.overdue_milestones] == ["MOB-11"]
    progress = {row["key"]: row["count"] for row in board.by_progress}
    assert progress["delayed"] == 1 and progress["none"] == 1
