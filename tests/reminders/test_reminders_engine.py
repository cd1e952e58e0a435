"""The reminder rules on fixed dates: each kind, throttling, escalation, digests."""

from datetime import date, timedelta

import pytest
from django.core import mail

from actieplan.models import (
    Assignment,
    AssignmentRole,
    AssignmentState,
    Milestone,
    Plan,
    PlanStatus,
    SignOff,
    Status,
    StatusChange,
)
from monitoring.reminders import engine as reminders
from monitoring.models import ReminderKind, ReminderPreference, SendState, SentReminder
from tests import factories as f
from tests.reminder_helpers import at, log_rows, monitored_action, report

pytestmark = pytest.mark.django_db

K = ReminderKind


def run(day, *kinds):
    return reminders.run(today=day, kinds=list(kinds) or None)


def sent_on(days, kind, *, recipient=None):
    """Run every day of ``days`` for ``kind``; return the days on which ``recipient`` got one."""
    hits = []
    for day in days:
        result = run(day, kind)
        rows = [r for r in result.reminders if recipient is None or r.recipient_id == recipient.pk]
        if rows:
            hits.append(day)
    return hits


def daterange(start, end):
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


# --------------------------------------------------------------------------- phase deadline
def test_phase_deadline_reminds_chairs_at_30_14_7_and_1_days(chair, member, group, barrier):
    f.phase(1, deadline=date(2026, 3, 27))
    draft = f.action(working_group=group, primary_barrier=barrier, code="MOB-01")
    f.action(working_group=group, primary_barrier=barrier, code="MOB-02", status=Status.SUBMITTED)

    hits = sent_on(daterange(date(2026, 2, 1), date(2026, 3, 31)), K.PHASE_DEADLINE, recipient=chair)

    assert hits == [date(2026, 2, 25), date(2026, 3, 13), date(2026, 3, 20), date(2026, 3, 26)]
    rows = log_rows(kind=K.PHASE_DEADLINE)
    assert {r.item_id for r in rows} == {draft.pk}  # the submitted action is not reminded
    assert {r.recipient_id for r in rows} == {chair.pk}  # members are not reminded, chairs are
    assert "MOB-01" in rows[0].reason and "27 maart 2026" in rows[0].reason and "30 dagen" in rows[0].reason
    assert rows[-1].reason.endswith("(nog 1 dag).")


def test_a_missed_day_is_caught_up_the_next_day(chair, group, barrier):
    f.phase(1, deadline=date(2026, 3, 27))
    f.action(working_group=group, primary_barrier=barrier)

    assert run(date(2026, 2, 25), K.PHASE_DEADLINE).reminders
    # no run on 13 March (14 days before): the next day's run sends the 14-day reminder
    assert run(date(2026, 3, 14), K.PHASE_DEADLINE).reminders
    assert not run(date(2026, 3, 15), K.PHASE_DEADLINE).reminders
    assert "(nog 13 dagen)" in log_rows()[-1].reason


def test_domain_proposals_are_reminded_to_domain_contacts_before_the_alignment_deadline(
    domain_contact, domain, chair, group, barrier
):
    f.phase(1, deadline=date(2026, 3, 27))
    f.phase(2, deadline=date(2026, 5, 22))
    proposal = f.action(proposing_domain=domain, primary_barrier=barrier, code="MOW-01")

    assert not run(date(2026, 3, 20), K.PHASE_DEADLINE).reminders  # phase 1 is for the groups
    result = run(date(2026, 5, 15), K.PHASE_DEADLINE)

    assert [(r.recipient_id, r.item_id) for r in result.reminders] == [(domain_contact.pk, proposal.pk)]


def test_a_moved_deadline_starts_the_stages_again(chair, group, barrier):
    phase = f.phase(1, deadline=date(2026, 3, 27))
    f.action(working_group=group, primary_barrier=barrier)
    assert run(date(2026, 3, 26), K.PHASE_DEADLINE).reminders
    phase.deadline = date(2026, 4, 3)
    phase.save()
    assert run(date(2026, 3, 27), K.PHASE_DEADLINE).reminders  # 7 days before the new deadline


# --------------------------------------------------------------------------- status update due + escalation
def test_an_overdue_report_is_repeated_every_14_days_and_escalated_after_two(
    domain_contact, coordinator, domain
):
    action = monitored_action(lead_domain=domain, last_update=date(2026, 6, 1), code="MOB-07")  # due 1 Sept
    days = daterange(date(2026, 8, 20), date(2026, 10, 20))
    contact_days, coordinator_days = [], []
    for day in days:
        result = run(day, K.STATUS_DUE, K.STATUS_ESCALATION)
        if any(r.recipient_id == domain_contact.pk and r.kind == K.STATUS_DUE for r in result.reminders):
            contact_days.append(day)
        if any(r.recipient_id == coordinator.pk and r.kind == K.STATUS_ESCALATION for r in result.reminders):
            coordinator_days.append(day)

    assert contact_days == [date(2026, 9, 2), date(2026, 9, 16), date(2026, 9, 30), date(2026, 10, 14)]
    assert coordinator_days == [date(2026, 9, 30)]  # once, after the second unanswered reminder
    escalation = log_rows(kind=K.STATUS_ESCALATION)[0]
    assert "MOB-07" in escalation.reason and "2 herinneringen bleven onbeantwoord" in escalation.reason
    assert escalation.item_id == action.pk


def test_a_new_report_stops_the_reminders_and_starts_a_new_cycle(domain_contact, coordinator, domain):
    action = monitored_action(lead_domain=domain, last_update=date(2026, 6, 1))
    assert run(date(2026, 9, 2), K.STATUS_DUE).reminders
    assert run(date(2026, 9, 16), K.STATUS_DUE).reminders
    report(action, date(2026, 9, 20))

    hits = sent_on(daterange(date(2026, 9, 21), date(2026, 12, 31)), K.STATUS_DUE)
    escalations = sent_on(daterange(date(2026, 9, 21), date(2026, 12, 31)), K.STATUS_ESCALATION)

    assert hits == [date(2026, 12, 21)]  # the next report is due 20 December
    assert escalations == []


def test_no_contact_to_remind_escalates_at_once(coordinator, domain):
    monitored_action(lead_domain=domain, adopted=date(2026, 6, 1))  # nobody is contact of the domain

    result = run(date(2026, 9, 2))

    assert [(r.kind, r.recipient_id) for r in result.reminders] == [(K.STATUS_ESCALATION, coordinator.pk)]
    assert "geen contactpersoon" in result.reminders[0].reason


def test_actions_not_yet_adopted_are_not_monitored(domain_contact, domain, group, barrier):
    f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status=Status.RETAINED)
    assert not run(date(2026, 12, 1), K.STATUS_DUE).reminders


# --------------------------------------------------------------------------- milestones
def test_milestones_at_14_days_tomorrow_and_1_7_30_60_days_late(domain_contact, domain):
    action = monitored_action(lead_domain=domain, last_update=date(2026, 9, 20))
    Milestone.objects.create(action=action, title="Eerste trajecten gestart", due_date=date(2026, 10, 15))

    hits = sent_on(daterange(date(2026, 9, 20), date(2026, 12, 31)), K.MILESTONE, recipient=domain_contact)

    assert hits == [date(2026, 10, 1), date(2026, 10, 14), date(2026, 10, 16), date(2026, 10, 22),
                    date(2026, 11, 14), date(2026, 12, 14)]
    reasons = [r.reason for r in log_rows(kind=K.MILESTONE)]
    assert "vervalt over 14 dagen" in reasons[0]
    assert "vervalt morgen" in reasons[1]
    assert "is 1 dag te laat" in reasons[2]
    assert "is 60 dagen te laat" in reasons[-1]


def test_a_milestone_that_is_done_is_not_reminded(domain_contact, domain):
    action = monitored_action(lead_domain=domain, last_update=date(2026, 9, 20))
    Milestone.objects.create(action=action, title="Klaar", due_date=date(2026, 10, 15), done_on=date(2026, 10, 10))
    assert not run(date(2026, 10, 14), K.MILESTONE).reminders
    assert not run(date(2026, 10, 20), K.MILESTONE).reminders


# --------------------------------------------------------------------------- pending confirmation
def test_a_pending_assignment_is_reminded_every_7_days(domain_contact, domain, group, barrier):
    action = f.action(working_group=group, primary_barrier=barrier, status=Status.RETAINED, code="MOB-03")
    assignment = Assignment.objects.create(action=action, domain=domain, role=AssignmentRole.LEAD)
    start = assignment.created_at.astimezone().date()

    hits = sent_on(daterange(start, start + timedelta(days=22)), K.PENDING_CONFIRMATION)

    assert hits == [start + timedelta(days=7), start + timedelta(days=14), start + timedelta(days=21)]
    assert "trekker van MOB-03" in log_rows()[0].reason
    assert log_rows()[0].url == f"/ter-bevestiging/{assignment.pk}/"  # where the domain answers
    Assignment.objects.filter(pk=assignment.pk).update(state=AssignmentState.ACCEPTED)
    assert not run(start + timedelta(days=28), K.PENDING_CONFIRMATION).reminders


def test_a_pending_sign_off_is_reminded_weekly_until_signed(domain_contact, domain):
    plan = Plan.objects.create(title="Overkoepelend actieplan", status=PlanStatus.IN_CONSULTATION)
    signoff = SignOff.objects.create(plan=plan, domain=domain)
    day = date(2026, 6, 1)

    assert run(day, K.PENDING_CONFIRMATION).reminders
    assert log_rows()[0].url == f"/plannen/{plan.pk}/goedkeuringen/"
    assert not run(day + timedelta(days=6), K.PENDING_CONFIRMATION).reminders
    # the anchor is the first reminder's creation day (today in real time): run a week after it
    first = log_rows()[0].created_at.astimezone().date()
    assert run(first + timedelta(days=7), K.PENDING_CONFIRMATION).reminders
    SignOff.objects.filter(pk=signoff.pk).update(state="signed")
    assert not run(first + timedelta(days=14), K.PENDING_CONFIRMATION).reminders


def test_sign_offs_of_a_final_plan_are_not_reminded(domain_contact, domain):
    plan = Plan.objects.create(title="Plan", status=PlanStatus.FINAL)
    SignOff.objects.create(plan=plan, domain=domain)
    assert not run(date(2026, 8, 1), K.PENDING_CONFIRMATION).reminders


# --------------------------------------------------------------------------- digests
MONDAY = date(2026, 11, 23)


def test_coordinators_get_a_weekly_digest_of_last_week(coordinator, domain, group, barrier):
    action = f.action(working_group=group, primary_barrier=barrier, code="MOB-09", status=Status.REJECTED)
    change = StatusChange.objects.create(action=action, from_status=Status.SUBMITTED, to_status=Status.REJECTED,
                                         reason="Federale bevoegdheid")
    StatusChange.objects.filter(pk=change.pk).update(at=at(date(2026, 11, 18)))
    declined = f.action(working_group=group, primary_barrier=barrier, code="MOB-10", status=Status.RETAINED)
    Assignment.objects.create(action=declined, domain=domain, role=AssignmentRole.PARTNER,
                              state=AssignmentState.DECLINED, remark="Geen middelen", decided_at=at(date(2026, 11, 19)))

    result = run(MONDAY, K.COORDINATOR_DIGEST)

    assert [r.recipient_id for r in result.reminders] == [coordinator.pk]
    assert result.reminders[0].period == "2026-W47"
    message = mail.outbox[0]
    assert message.subject == "Weekoverzicht Actieplan Drempels naar Werk"
    assert "16 november 2026 tot 22 november 2026" in message.body
    assert "MOB-09" in message.body and "niet weerhouden" in message.body
    assert "MOB-10" in message.body and "Geen middelen" in message.body
    assert not run(MONDAY + timedelta(days=2), K.COORDINATOR_DIGEST).reminders  # once per week


def test_the_daily_run_sends_digests_only_on_monday(coordinator):
    assert not run(MONDAY + timedelta(days=1)).reminders
    assert [r.kind for r in run(MONDAY).reminders] == [K.COORDINATOR_DIGEST]


def test_a_coordinator_can_switch_the_digest_off(coordinator):
    ReminderPreference.objects.create(user=coordinator, coordinator_digest=False)
    assert not run(MONDAY, K.COORDINATOR_DIGEST).reminders


def test_the_group_digest_is_opt_in_and_only_for_groups_with_activity(chair, member, other_member, group, barrier):
    ReminderPreference.objects.create(user=member, group_digest=True)
    ReminderPreference.objects.create(user=other_member, group_digest=True)  # their group was quiet
    action = f.action(working_group=group, primary_barrier=barrier, code="MOB-11")
    type(action).objects.filter(pk=action.pk).update(created_at=at(date(2026, 11, 17)), updated_at=at(date(2026, 11, 17)))

    result = run(MONDAY, K.GROUP_DIGEST)

    assert [(r.recipient_id, r.item_id) for r in result.reminders] == [(member.pk, group.pk)]  # chair did not opt in
    assert "MOB-11" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Weekoverzicht van uw werkgroepen"


# --------------------------------------------------------------------------- routing, grouping, language
def test_all_items_of_a_run_go_in_one_mail_per_recipient_grouped_by_kind(
    domain_contact, chair, group, domain, barrier
):
    f.phase(1, deadline=date(2026, 10, 2))
    f.action(working_group=group, primary_barrier=barrier, code="MOB-21")
    f.action(working_group=group, primary_barrier=barrier, code="MOB-22")
    first = monitored_action(lead_domain=domain, last_update=date(2026, 6, 1), code="MOB-23")
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 1), code="MOB-24")
    Milestone.objects.create(action=first, title="Pilot in drie provincies", due_date=date(2026, 9, 3))

    result = run(date(2026, 9, 2))

    assert result.summary() == "sent 5 reminders to 2 recipients"
    assert sorted(m.to[0] for m in mail.outbox) == ["domeincontact@example.be", "voorzitter@example.be"]
    contact_mail = next(m for m in mail.outbox if m.to == ["domeincontact@example.be"])
    body = contact_mail.body
    assert contact_mail.subject == "Actieplan Drempels naar Werk: 3 herinneringen"
    assert body.index("Stand van zaken verwacht (2)") < body.index("Mijlpaal (1)")
    assert "MOB-23" in body and "MOB-24" in body and "Pilot in drie provincies" in body
    assert f"http://127.0.0.1:8000/acties/{first.pk}/" in body
    assert [line for line in body.splitlines() if line.startswith("- ")] == [
        line for line in body.splitlines() if line.startswith("- ") and "MOB-2" in line]  # 3 items, no empty ones
    assert len([line for line in body.splitlines() if line.startswith("- ")]) == 3
    html = contact_mail.alternatives[0][0]
    assert f'href="http://127.0.0.1:8000/acties/{first.pk}/"' in html
    chair_mail = next(m for m in mail.outbox if m.to == ["voorzitter@example.be"])
    assert "MOB-21" in chair_mail.body and "MOB-22" in chair_mail.body and "MOB-23" not in chair_mail.body
    assert SentReminder.objects.filter(state=SendState.SENT).count() == 5


def test_mandatory_reminders_go_to_the_delegate_of_the_same_domain(domain_contact, domain):
    colleague = f.user("collega", first_name="Cas", last_name="Collega", contact_domains=[domain])
    ReminderPreference.objects.create(user=domain_contact, delegate=colleague)
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 1), code="MOB-31")

    result = run(date(2026, 9, 2), K.STATUS_DUE)

    # Both were contacts: the colleague gets it once (for themselves), the absent contact not at all.
    assert [(r.recipient_id, r.intended_for_id) for r in result.reminders] == [(colleague.pk, None)]
    assert [m.to for m in mail.outbox] == [["collega@example.be"]]


def test_a_delegated_reminder_says_on_whose_behalf(domain_contact, domain, other_domain):
    colleague = f.user("collega", first_name="Cas", last_name="Collega", contact_domains=[other_domain])
    ReminderPreference.objects.create(user=domain_contact, delegate=colleague)
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 1), code="MOB-32")

    result = run(date(2026, 9, 2), K.STATUS_DUE)

    assert [(r.recipient_id, r.intended_for_id) for r in result.reminders] == [(colleague.pk, domain_contact.pk)]
    assert "doorgestuurd namens Dirk Domein" in mail.outbox[0].body


def test_digests_are_not_delegated(coordinator):
    other = f.user("coord2", is_coordinator=True)
    ReminderPreference.objects.create(user=coordinator, delegate=other, coordinator_digest=True)
    ReminderPreference.objects.create(user=other, coordinator_digest=False)
    result = run(MONDAY, K.COORDINATOR_DIGEST)
    assert [(r.recipient_id, r.intended_for_id) for r in result.reminders] == [(coordinator.pk, None)]


def test_inactive_users_and_users_without_email_get_nothing(domain_contact, domain):
    domain_contact.email = ""
    domain_contact.save()
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 1))
    assert not run(date(2026, 9, 2), K.STATUS_DUE).reminders


def test_every_mail_is_dutch(domain_contact, chair, group, domain, barrier):
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 1))
    f.phase(1, deadline=date(2026, 9, 3))
    f.action(working_group=group, primary_barrier=barrier)

    run(date(2026, 9, 2))

    html = {m.to[0]: m.alternatives[0][0] for m in mail.outbox}
    assert '<html lang="nl-be">' in html["domeincontact@example.be"]
    assert '<html lang="nl-be">' in html["voorzitter@example.be"]


# --------------------------------------------------------------------------- exactly once
def test_running_twice_sends_nothing_the_second_time(domain_contact, chair, group, domain, barrier):
    f.phase(1, deadline=date(2026, 9, 3))
    f.action(working_group=group, primary_barrier=barrier)
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 1))

    first = run(date(2026, 9, 2))
    second = run(date(2026, 9, 2))

    assert first.summary() == "sent 2 reminders to 2 recipients"
    assert second.summary() == "sent 0 reminders to 0 recipients"
    assert len(mail.outbox) == 2
    assert SentReminder.objects.count() == 2


def test_a_dry_run_changes_nothing_and_skips_what_was_sent(domain_contact, domain):
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 1))
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 10))
    dry = reminders.run(today=date(2026, 9, 2), dry_run=True)
    assert dry.summary() == "would send 1 reminders to 1 recipients"
    assert not SentReminder.objects.exists() and not mail.outbox
    run(date(2026, 9, 2))
    assert reminders.run(today=date(2026, 9, 12), dry_run=True).summary() == "would send 1 reminders to 1 recipients"


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError):
        reminders.run(today=MONDAY, kinds=["birthday"])
