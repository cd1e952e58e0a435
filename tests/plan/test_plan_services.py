"""Services of the overarching plan: assembly, acceptance, sign-off, finalise, versions, diff."""

import json
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from actieplan.plan import selectors as sel
from actieplan.plan import services as svc
from actieplan.models import (
    Action,
    Assignment,
    AssignmentState,
    Milestone,
    PlanItem,
    PlanStatus,
    PlanVersion,
    SignOff,
    SignOffState,
    Status,
    StatusChange,
)
from actieplan.actions.services import TransitionNotAllowed, action_update
from tests import factories as f
from tests.plan_factories import make_plan, retained_action
from common.markdown import render


@pytest.fixture
def other_contact(db, other_domain):
    return f.user("contact-ov", first_name="Olga", last_name="Onderwijs", contact_domains=[other_domain])


@pytest.fixture
def actions(group, other_group, barrier, other_barrier, domain, other_domain):
    a1 = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-10",
                         partner_domains=[other_domain], title="Jobbus naar bedrijventerreinen")
    a2 = retained_action(working_group=other_group, primary_barrier=other_barrier, lead_domain=other_domain,
                         code="ZORG-10", title="Flexibele kinderopvang voor ploegenwerk")
    return a1, a2


@pytest.fixture
def plan(coordinator, actions):
    return make_plan(coordinator, actions)


def consult_and_sign(plan, coordinator, *contacts):
    svc.plan_consult(plan=plan, user=coordinator)
    for contact in contacts:
        for signoff in SignOff.objects.filter(plan=plan):
            if signoff.domain_id in contact.profile.contact_domains.values_list("pk", flat=True):
                svc.signoff_sign(signoff=signoff, user=contact)


def finalise(plan, coordinator, **kw):
    kw.setdefault("vr_reference", "VR 2026 0307 MED.0123/1")
    kw.setdefault("vr_date", date(2026, 7, 3))
    return svc.plan_finalise(plan=plan, user=coordinator, **kw)


# --------------------------------------------------------------------------- assembling
class TestAssembly:
    def test_a_new_plan_has_a_chapter_per_priority_barrier(self, coordinator, barrier, other_barrier):
        f.barrier(name="Huisvesting", slug="huisvesting", is_priority=False)
        plan = svc.plan_create(user=coordinator, title="Actieplan")
        assert [c.title for c in plan.chapters.order_by("order")] == ["Mobiliteit", "Zorgtaken"]
        assert plan.status == PlanStatus.DRAFT

    def test_only_coordinators_assemble(self, member, domain_contact, cabinet):
        for user in (member, domain_contact, cabinet):
            with pytest.raises(PermissionDenied):
                svc.plan_create(user=user, title="Actieplan")

    def test_retained_actions_go_in_a_chapter_in_order(self, plan, actions):
        chapter = plan.chapters.get(title="Mobiliteit")
        assert [i.action for i in chapter.items.all()] == [actions[0]]

    def test_an_action_sits_in_at_most_one_chapter(self, coordinator, plan, actions):
        other = plan.chapters.get(title="Zorgtaken")
        with pytest.raises(ValidationError) as error:
            svc.item_add(plan=plan, chapter=other, action=actions[0], user=coordinator)
        assert "staat al in hoofdstuk ‘Mobiliteit’" in str(error.value)
        assert PlanItem.objects.filter(action=actions[0]).count() == 1

    @pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "merged"])
    def test_only_retained_actions_can_be_added(self, coordinator, plan, group, barrier, status):
        action = f.action(working_group=group, primary_barrier=barrier, status=status)
        with pytest.raises(ValidationError) as error:
            svc.item_add(plan=plan, chapter=plan.chapters.first(), action=action, user=coordinator)
        assert "Alleen weerhouden acties" in str(error.value)

    def test_a_chapter_of_another_plan_is_refused(self, coordinator, plan, group, barrier):
        other_plan = svc.plan_create(user=coordinator, title="Ander plan")
        action = retained_action(working_group=group, primary_barrier=barrier)
        with pytest.raises(ValidationError):
            svc.item_add(plan=plan, chapter=other_plan.chapters.first(), action=action, user=coordinator)

    def test_chapters_and_actions_are_reordered(self, coordinator, plan, group, barrier):
        first, second = plan.chapters.order_by("order")
        assert svc.chapter_move(chapter=second, user=coordinator, direction="up")
        assert [c.title for c in plan.chapters.order_by("order")] == ["Zorgtaken", "Mobiliteit"]
        assert not svc.chapter_move(chapter=second, user=coordinator, direction="up")  # already first
        extra = retained_action(working_group=group, primary_barrier=barrier, code="MOB-11")
        item = svc.item_add(plan=plan, chapter=first, action=extra, user=coordinator)
        svc.item_move(item=item, user=coordinator, direction="up")
        assert [i.action.code for i in first.items.order_by("order")] == ["MOB-11", "MOB-10"]
        svc.item_move(item=item, user=coordinator, chapter=second)
        assert [i.action.code for i in second.items.order_by("order")] == ["ZORG-10", "MOB-11"]

    def test_a_chapter_with_actions_is_not_deleted(self, coordinator, plan):
        with pytest.raises(ValidationError):
            svc.chapter_delete(chapter=plan.chapters.get(title="Mobiliteit"), user=coordinator)
        empty = svc.chapter_create(plan=plan, user=coordinator, title="Transversaal")
        svc.chapter_delete(chapter=empty, user=coordinator)
        assert not plan.chapters.filter(title="Transversaal").exists()

    def test_formatted_text_is_stored_as_written_and_shown_without_script(self, coordinator, plan):
        source = ("Tekst **vet** <script>alert(1)</script>\r\n\r\n- a\n\n"
                  "![x](http://x/a.png) [x](javascript:alert(3)) [v](https://vlaanderen.be)")
        svc.plan_update(plan=plan, user=coordinator, title="Actieplan", introduction=source)
        plan.refresh_from_db()
        assert plan.introduction == source.replace("\r\n", "\n")  # the Markdown source, as written
        html = render(plan.introduction)
        assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
        assert "<strong>vet</strong>" in html and "<li>a</li>" in html
        assert 'href="https://vlaanderen.be"' in html

    def test_missing_lead_and_trajectory_are_flagged(self, coordinator, plan, group, barrier):
        bare = retained_action(working_group=group, primary_barrier=barrier, complete=False, code="MOB-12")
        svc.item_add(plan=plan, chapter=plan.chapters.first(), action=bare, user=coordinator)
        problems = sel.plan_problems(sel.plan_snapshot(plan))
        assert problems["incomplete"] == [{"id": bare.pk, "code": "MOB-12", "title": bare.title,
                                           "missing": ["trekker", "mijlpalen", "geplande start", "gepland einde"]}]


# --------------------------------------------------------------------------- acceptance
class TestAssignments:
    def test_lead_and_partners_are_asked_to_confirm(self, plan, actions, domain, other_domain):
        rows = set(Assignment.objects.filter(action=actions[0]).values_list("domain_id", "role", "state"))
        assert rows == {(domain.pk, "lead", "pending"), (other_domain.pk, "partner", "pending")}

    def test_the_contact_accepts_with_or_without_remark(self, plan, actions, domain, domain_contact):
        assignment = Assignment.objects.get(action=actions[0], domain=domain)
        svc.assignment_respond(assignment=assignment, user=domain_contact, decision="accept")
        assignment.refresh_from_db()
        assert assignment.state == AssignmentState.ACCEPTED and assignment.decided_by == domain_contact
        svc.assignment_respond(assignment=assignment, user=domain_contact, decision="accept", remark="Budget 2027")
        assignment.refresh_from_db()
        assert assignment.state == AssignmentState.ACCEPTED_WITH_REMARK and assignment.remark == "Budget 2027"

    def test_a_decline_needs_a_reason(self, plan, actions, domain, domain_contact, coordinator):
        assignment = Assignment.objects.get(action=actions[0], domain=domain)
        with pytest.raises(ValidationError):
            svc.assignment_respond(assignment=assignment, user=domain_contact, decision="decline", remark="  ")
        svc.assignment_respond(assignment=assignment, user=domain_contact, decision="decline", remark="Geen middelen")
        assert [a.action for a in sel.declined_assignments(plan)] == [actions[0]]
        assert sel.plan_problems(sel.plan_snapshot(plan))["declined"][0]["remark"] == "Geen middelen"

    def test_only_the_assigned_domains_contact_responds(self, plan, actions, domain, users):
        assignment = Assignment.objects.get(action=actions[0], domain=domain)
        for role in ("coordinator", "chair", "member", "other_member", "cabinet"):
            with pytest.raises(PermissionDenied):
                svc.assignment_respond(assignment=assignment, user=users[role], decision="accept")

    def test_assignments_follow_a_new_lead(self, coordinator, plan, actions, domain, other_domain):
        action = actions[0]
        action_update(action=action, user=coordinator, data={"lead_domain": other_domain},
                      m2m={"partner_domains": []}, expected_version=action.version)
        assert list(Assignment.objects.filter(action=action).values_list("domain_id", "role")) == [
            (other_domain.pk, "lead")]

    def test_removing_an_action_from_the_plan_drops_its_assignments(self, coordinator, plan, actions):
        svc.item_remove(item=PlanItem.objects.get(action=actions[0]), user=coordinator)
        assert not Assignment.objects.filter(action=actions[0]).exists()


# --------------------------------------------------------------------------- sign-off
class TestSignOff:
    def test_consultation_asks_each_lead_domain(self, coordinator, plan, domain, other_domain):
        svc.plan_consult(plan=plan, user=coordinator)
        plan.refresh_from_db()
        assert plan.status == PlanStatus.IN_CONSULTATION
        assert set(SignOff.objects.filter(plan=plan).values_list("domain_id", "state")) == {
            (domain.pk, "pending"), (other_domain.pk, "pending")}

    def test_the_domain_contact_signs_off(self, coordinator, plan, domain, domain_contact):
        svc.plan_consult(plan=plan, user=coordinator)
        signoff = SignOff.objects.get(plan=plan, domain=domain)
        svc.signoff_sign(signoff=signoff, user=domain_contact, remark="Akkoord van de administrateur-generaal")
        signoff.refresh_from_db()
        assert signoff.state == SignOffState.SIGNED and signoff.signed_by == domain_contact

    def test_sign_off_by_the_wrong_domain_is_refused(self, coordinator, plan, other_domain, domain_contact, users):
        svc.plan_consult(plan=plan, user=coordinator)
        signoff = SignOff.objects.get(plan=plan, domain=other_domain)
        for user in (domain_contact, users["coordinator"], users["cabinet"], users["member"]):
            with pytest.raises(PermissionDenied):
                svc.signoff_sign(signoff=signoff, user=user)
        assert SignOff.objects.get(pk=signoff.pk).state == SignOffState.PENDING

    def test_signing_needs_a_plan_in_consultation(self, plan, domain, domain_contact):
        svc.signoffs_sync(plan)
        with pytest.raises(TransitionNotAllowed):
            svc.signoff_sign(signoff=SignOff.objects.get(plan=plan, domain=domain), user=domain_contact)

    def test_a_change_after_sign_off_resets_it_and_mails_the_contact(
        self, coordinator, plan, actions, domain, other_domain, domain_contact, other_contact,
        django_capture_on_commit_callbacks,
    ):
        consult_and_sign(plan, coordinator, domain_contact, other_contact)
        action = actions[0]
        with django_capture_on_commit_callbacks(execute=True):
            action_update(action=action, user=coordinator, data={"title": "Jobbus naar bedrijventerreinen en zones"},
                          m2m={}, expected_version=action.version)
        mine = SignOff.objects.get(plan=plan, domain=domain)
        assert mine.state == SignOffState.PENDING
        assert "MOB-10 werd gewijzigd" in mine.reset_reason
        assert SignOff.objects.get(plan=plan, domain=other_domain).state == SignOffState.SIGNED
        assert [m.to for m in mail.outbox] == [[domain_contact.email]]
        assert "Opnieuw ondertekenen" in mail.outbox[0].subject  # through the reminders' sent log
        assert "MOB-10 werd gewijzigd" in mail.outbox[0].body

    def test_a_new_milestone_also_resets_the_sign_off(self, coordinator, plan, actions, domain, domain_contact,
                                                      other_contact):
        consult_and_sign(plan, coordinator, domain_contact, other_contact)
        svc.milestone_create(action=actions[0], user=coordinator, title="Evaluatie", due_date=date(2027, 5, 1))
        assert SignOff.objects.get(plan=plan, domain=domain).state == SignOffState.PENDING
        assert "nieuwe mijlpaal ‘Evaluatie’" in SignOff.objects.get(plan=plan, domain=domain).reset_reason


# --------------------------------------------------------------------------- finalise and versions
class TestFinalise:
    def test_an_incomplete_plan_needs_an_override_reason(self, coordinator, plan, domain_contact):
        svc.plan_consult(plan=plan, user=coordinator)
        with pytest.raises(ValidationError) as error:
            finalise(plan, coordinator)
        assert "override_reason" in error.value.message_dict
        assert "Nog niet ondertekend door" in error.value.message_dict["override_reason"][0]
        assert not PlanVersion.objects.exists()
        assert set(Action.objects.values_list("status", flat=True)) == {Status.RETAINED}

    def test_finalise_with_override_records_the_reason_and_adopts(self, coordinator, plan, actions):
        svc.plan_consult(plan=plan, user=coordinator)
        version = finalise(plan, coordinator, override_reason="Beslissing van de Vlaamse Regering gaat voor.")
        plan.refresh_from_db()
        assert plan.status == PlanStatus.FINAL
        assert version.number == 1 and version.override_reason.startswith("Beslissing")
        for action in actions:
            action.refresh_from_db()
            assert action.status == Status.ADOPTED
            change = StatusChange.objects.get(action=action, to_status=Status.ADOPTED)
            assert change.from_status == Status.RETAINED and change.by == coordinator
            assert "VR 2026 0307 MED.0123/1" in change.reason

    def test_finalising_keeps_the_adopted_end_dates_as_baseline(self, coordinator, plan, actions):
        from monitoring.models import ActionBaseline

        svc.plan_consult(plan=plan, user=coordinator)
        version = finalise(plan, coordinator, override_reason="Toch definitief.")
        baselines = {b.action_id: b for b in ActionBaseline.objects.filter(plan_version=version)}
        assert set(baselines) == {a.pk for a in actions}
        for action in actions:
            action.refresh_from_db()
            assert baselines[action.pk].planned_end == action.planned_end

    def test_a_complete_signed_plan_finalises_without_reason(self, coordinator, plan, domain_contact,
                                                             other_contact):
        consult_and_sign(plan, coordinator, domain_contact, other_contact)
        version = finalise(plan, coordinator)
        assert version.override_reason == ""
        assert version.snapshot["version"]["vr_reference"] == "VR 2026 0307 MED.0123/1"
        assert [s["state"] for s in version.snapshot["signoffs"]] == ["signed", "signed"]

    def test_finalise_needs_the_vr_reference_and_date(self, coordinator, plan):
        svc.plan_consult(plan=plan, user=coordinator)
        with pytest.raises(ValidationError) as error:
            svc.plan_finalise(plan=plan, user=coordinator, vr_reference=" ", vr_date=None, override_reason="x")
        assert {"vr_reference", "vr_date"} <= set(error.value.message_dict)

    def test_only_a_plan_in_consultation_finalises(self, coordinator, plan):
        with pytest.raises(TransitionNotAllowed):
            finalise(plan, coordinator, override_reason="x")

    def test_only_coordinators_finalise(self, coordinator, plan, users):
        svc.plan_consult(plan=plan, user=coordinator)
        for role in ("chair", "member", "domain_contact", "cabinet"):
            with pytest.raises(PermissionDenied):
                finalise(plan, users[role], override_reason="x")

    def test_the_snapshot_is_complete(self, coordinator, plan, actions, domain):
        svc.plan_consult(plan=plan, user=coordinator)
        snapshot = finalise(plan, coordinator, override_reason="x").snapshot
        assert snapshot["plan"]["title"] == plan.title and snapshot["plan"]["introduction"] == "<p>Inleiding.</p>"
        a = snapshot["chapters"][0]["actions"][0]
        assert a["code"] == "MOB-10" and a["status"] == "adopted"
        assert a["lead_domain"]["name"] == domain.name
        assert a["partner_domains"][0]["name"] == "Onderwijs en Vorming"
        assert a["planned_start"] == "2026-09-01" and a["milestones"][0]["title"] == "Startvergadering met de partners"
        assert {d["name"] for d in snapshot["domains"]} == {"Mobiliteit en Openbare Werken", "Onderwijs en Vorming"}
        assert {"description", "intended_result", "target_groups", "level", "budget_impact", "linked_plans",
                "assignments"} <= set(a)

    def test_edits_after_finalise_leave_the_version_byte_identical(self, coordinator, plan, actions):
        svc.plan_consult(plan=plan, user=coordinator)
        version = finalise(plan, coordinator, override_reason="x")
        before = json.dumps(PlanVersion.objects.get(pk=version.pk).snapshot, sort_keys=True)
        action = Action.objects.get(pk=actions[0].pk)
        action_update(action=action, user=coordinator, data={"title": "Nieuwe titel"}, m2m={},
                      expected_version=action.version)
        svc.plan_update(plan=plan, user=coordinator, title="Nieuwe titel van het plan", introduction="<p>Nieuw</p>")
        Milestone.objects.filter(action=action).update(title="Gewijzigd")
        after = json.dumps(PlanVersion.objects.get(pk=version.pk).snapshot, sort_keys=True)
        assert after == before
        plan.refresh_from_db()
        assert plan.status == PlanStatus.DRAFT  # the change made a new draft version
        assert sel.current_number(plan) == 2

    def test_a_second_finalise_makes_version_2(self, coordinator, plan, actions, group, barrier):
        svc.plan_consult(plan=plan, user=coordinator)
        finalise(plan, coordinator, override_reason="x")
        svc.plan_reopen(plan=plan, user=coordinator)
        extra = retained_action(working_group=group, primary_barrier=barrier, code="MOB-20", lead_domain=actions[0].lead_domain)
        svc.item_add(plan=plan, chapter=plan.chapters.first(), action=extra, user=coordinator)
        svc.plan_consult(plan=plan, user=coordinator)
        version = finalise(plan, coordinator, vr_reference="VR 2026 1810 MED.0400/1", override_reason="x")
        assert version.number == 2
        extra.refresh_from_db()
        assert extra.status == Status.ADOPTED
        assert StatusChange.objects.filter(action=actions[0], to_status=Status.ADOPTED).count() == 1

    def test_reopen_from_consultation_and_refuse_from_draft(self, coordinator, plan):
        with pytest.raises(TransitionNotAllowed):
            svc.plan_reopen(plan=plan, user=coordinator)
        svc.plan_consult(plan=plan, user=coordinator)
        svc.plan_reopen(plan=plan, user=coordinator)
        plan.refresh_from_db()
        assert plan.status == PlanStatus.DRAFT

    def test_an_empty_plan_cannot_go_into_consultation(self, coordinator):
        plan = svc.plan_create(user=coordinator, title="Leeg")
        with pytest.raises(ValidationError):
            svc.plan_consult(plan=plan, user=coordinator)


# --------------------------------------------------------------------------- diff
class TestDiff:
    def test_the_diff_of_a_known_pair_of_versions(self, coordinator, plan, actions, group, barrier, other_domain):
        a1, a2 = actions
        svc.plan_consult(plan=plan, user=coordinator)
        finalise(plan, coordinator, override_reason="x")
        mob, zorg = plan.chapters.get(title="Mobiliteit"), plan.chapters.get(title="Zorgtaken")
        # version 2: one added, one removed, one moved and changed, a chapter renamed, new introduction
        added = retained_action(working_group=group, primary_barrier=barrier, code="MOB-30", title="Deelfietsen")
        svc.item_add(plan=plan, chapter=mob, action=added, user=coordinator)
        svc.item_remove(item=PlanItem.objects.get(plan=plan, action=a2), user=coordinator)
        svc.item_move(item=PlanItem.objects.get(plan=plan, action=a1), user=coordinator, chapter=zorg)
        a1 = Action.objects.get(pk=a1.pk)
        action_update(action=a1, user=coordinator, data={"title": "Jobbus en deelfietsen", "planned_end": date(2027, 12, 31)},
                      m2m={}, expected_version=a1.version)
        svc.chapter_update(chapter=zorg, user=coordinator, title="Zorgtaken en mobiliteit")
        svc.plan_update(plan=plan, user=coordinator, title=plan.title, introduction="<p>Herwerkte inleiding.</p>")
        svc.plan_consult(plan=plan, user=coordinator)
        finalise(plan, coordinator, vr_reference="VR 2026 1810 MED.0400/1", override_reason="x")

        diff = sel.plan_diff(plan.versions.get(number=1).snapshot, plan.versions.get(number=2).snapshot)
        assert [(a["code"], a["chapter"]) for a in diff["added"]] == [("MOB-30", "Mobiliteit")]
        assert [(a["code"], a["chapter"]) for a in diff["removed"]] == [("ZORG-10", "Zorgtaken")]
        assert [(a["code"], a["from_chapter"], a["to_chapter"]) for a in diff["moved"]] == [
            ("MOB-10", "Mobiliteit", "Zorgtaken en mobiliteit")]
        changes = {c["label"]: (c["old"], c["new"]) for c in diff["changed"][0]["changes"]}
        assert changes["Titel"] == ("Jobbus naar bedrijventerreinen", "Jobbus en deelfietsen")
        assert changes["Gepland einde"] == ("30/06/2027", "31/12/2027")
        assert "Status" not in changes  # adopted in both versions
        assert diff["chapters"]["renamed"] == [{"old": "Zorgtaken", "new": "Zorgtaken en mobiliteit"}]
        assert [t["field"] for t in diff["texts"]] == ["introduction"]
        assert not diff["is_empty"]

    def test_a_version_against_itself_has_no_differences(self, coordinator, plan):
        svc.plan_consult(plan=plan, user=coordinator)
        snapshot = finalise(plan, coordinator, override_reason="x").snapshot
        assert sel.plan_diff(snapshot, snapshot)["is_empty"]
