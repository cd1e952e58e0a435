"""Phase 2 decisions through the one lifecycle service: retain, reject, merge, undo a merge."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actieplan.alignment import services as alignment
from actieplan.models import Action, Comment, Merge, Status, StatusChange
from actieplan.actions.services import TransitionNotAllowed, action_transition
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def survivor(other_group, other_barrier, other_domain):
    return f.action(working_group=other_group, primary_barrier=other_barrier, lead_domain=other_domain,
                    code="ZORG-01", status=Status.SUBMITTED)


@pytest.fixture
def rich_action(submitted_action, coordinator, member, domain):
    """A submitted action with target groups, partners, plans and comments to carry over."""
    submitted_action.target_groups.set([f.target_group(name="Kortgeschoolden"), f.target_group(name="NEET")])
    submitted_action.partner_domains.set([f.policy_domain(name="Welzijn")])
    submitted_action.partner_organisations.set([f.organisation(name="VDAB")])
    submitted_action.linked_plans.set([f.linked_plan(name="Vlaanderen Werkt!")])
    Comment.objects.create(action=submitted_action, author=member, text="Eerste opmerking")
    Comment.objects.create(action=submitted_action, author=coordinator, text="Tweede opmerking")
    return submitted_action


# --------------------------------------------------------------------------- retain / reject
def test_coordinator_retains_a_submitted_action(coordinator, submitted_action):
    action_transition(action=submitted_action, to=Status.RETAINED, user=coordinator)
    submitted_action.refresh_from_db()
    assert submitted_action.status == Status.RETAINED
    change = StatusChange.objects.get(action=submitted_action)
    assert (change.from_status, change.to_status, change.by) == ("submitted", "retained", coordinator)


def test_rejecting_requires_a_reason(coordinator, submitted_action):
    with pytest.raises(ValidationError) as exc:
        action_transition(action=submitted_action, to=Status.REJECTED, user=coordinator, reason=" ")
    assert "reason" in exc.value.message_dict
    submitted_action.refresh_from_db()
    assert submitted_action.status == Status.SUBMITTED


def test_rejecting_records_the_reason(coordinator, submitted_action):
    reason = "Valt buiten de scope van de prioritaire drempels; " * 10  # longer than a history reason
    action_transition(action=submitted_action, to=Status.REJECTED, user=coordinator, reason=reason)
    submitted_action.refresh_from_db()
    assert submitted_action.status == Status.REJECTED
    assert StatusChange.objects.get(action=submitted_action).reason == reason.strip()
    assert submitted_action.history.latest().history_change_reason.endswith("…")


@pytest.mark.parametrize("role", ["chair", "member", "other_member", "domain_contact", "cabinet"])
@pytest.mark.parametrize("to", [Status.RETAINED, Status.REJECTED, Status.MERGED])
def test_only_coordinators_decide(users, submitted_action, survivor, role, to):
    with pytest.raises(PermissionDenied):
        action_transition(action=submitted_action, to=to, user=users[role], reason="x", into=survivor)
    submitted_action.refresh_from_db()
    assert submitted_action.status == Status.SUBMITTED
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("to", [Status.RETAINED, Status.REJECTED, Status.MERGED])
def test_decisions_only_from_submitted(coordinator, draft_action, survivor, to):
    with pytest.raises(TransitionNotAllowed):
        action_transition(action=draft_action, to=to, user=coordinator, reason="x", into=survivor)
    draft_action.refresh_from_db()
    assert draft_action.status == Status.DRAFT


def test_a_retained_action_cannot_be_merged(coordinator, submitted_action, survivor):
    action_transition(action=submitted_action, to=Status.RETAINED, user=coordinator)
    with pytest.raises(TransitionNotAllowed):
        action_transition(action=submitted_action, to=Status.MERGED, user=coordinator, into=survivor)


# --------------------------------------------------------------------------- merge
def test_merge_carries_everything_over_by_default(coordinator, rich_action, survivor, domain):
    action_transition(action=rich_action, to=Status.MERGED, user=coordinator, reason="Zelfde aanpak", into=survivor)
    rich_action.refresh_from_db()
    survivor.refresh_from_db()
    assert rich_action.status == Status.MERGED
    assert rich_action.merged_into == survivor
    assert {t.name for t in survivor.target_groups.all()} == {"Kortgeschoolden", "NEET"}
    # partners of the merged action, and its lead domain, become partners of the survivor
    assert {d.name for d in survivor.partner_domains.all()} == {"Welzijn", domain.name}
    assert [o.name for o in survivor.partner_organisations.all()] == ["VDAB"]
    assert [p.name for p in survivor.linked_plans.all()] == ["Vlaanderen Werkt!"]
    assert sorted(c.text for c in survivor.comments.all()) == ["Eerste opmerking", "Tweede opmerking"]
    merge = Merge.objects.get()
    assert (merge.merged, merge.into, merge.by, merge.reason) == (rich_action, survivor, coordinator, "Zelfde aanpak")
    change = StatusChange.objects.get(action=rich_action)
    assert (change.to_status, change.reason) == ("merged", "Zelfde aanpak")
    assert survivor.version == 2  # an editor who loaded the survivor before must reload it
    assert "Samenvoeging" in survivor.history.latest().history_change_reason


def test_merge_carries_over_only_what_is_ticked(coordinator, rich_action, survivor):
    action_transition(action=rich_action, to=Status.MERGED, user=coordinator, into=survivor,
                      carry_over=["target_groups"])
    survivor.refresh_from_db()
    assert survivor.target_groups.count() == 2
    assert not survivor.partner_domains.exists()
    assert not survivor.linked_plans.exists()
    assert not survivor.comments.exists()
    assert rich_action.comments.count() == 2  # the merged action keeps its comments


def test_merge_into_a_retained_action(coordinator, submitted_action, survivor):
    action_transition(action=survivor, to=Status.RETAINED, user=coordinator)
    action_transition(action=submitted_action, to=Status.MERGED, user=coordinator, into=survivor.pk)
    submitted_action.refresh_from_db()
    assert submitted_action.merged_into_id == survivor.pk


@pytest.mark.parametrize("into_kind,message", [
    ("none", "Kies de actie"),
    ("self", "niet in zichzelf"),
    ("unknown", "bestaat niet"),
    ("rejected", "ingediende of weerhouden"),
    ("draft", "ingediende of weerhouden"),
    ("garbage", "bestaande actie"),
])
def test_merge_refuses_bad_targets(coordinator, submitted_action, survivor, draft_action, into_kind, message):
    if into_kind == "rejected":
        action_transition(action=survivor, to=Status.REJECTED, user=coordinator, reason="Neen")
    into = {"none": None, "self": submitted_action, "unknown": 999999, "rejected": survivor,
            "draft": draft_action, "garbage": "abc"}[into_kind]
    with pytest.raises(ValidationError) as exc:
        action_transition(action=submitted_action, to=Status.MERGED, user=coordinator, into=into)
    assert message in " ".join(exc.value.message_dict["into"])
    submitted_action.refresh_from_db()
    assert submitted_action.status == Status.SUBMITTED
    assert submitted_action.merged_into is None
    assert not Merge.objects.exists()
    assert not StatusChange.objects.filter(action=submitted_action).exists()


def test_merge_refuses_unknown_carry_over(coordinator, submitted_action, survivor):
    with pytest.raises(ValidationError) as exc:
        action_transition(action=submitted_action, to=Status.MERGED, user=coordinator, into=survivor,
                          carry_over=["budget"])
    assert "carry_over" in exc.value.message_dict


# --------------------------------------------------------------------------- undo
def _state(action):
    snap = alignment.snapshot(action)
    return snap


def test_undo_restores_both_actions_exactly(coordinator, rich_action, survivor):
    survivor.target_groups.set([rich_action.target_groups.first()])  # one shared target group stays
    before_merged, before_survivor = _state(rich_action), _state(survivor)
    action_transition(action=rich_action, to=Status.MERGED, user=coordinator, into=survivor, reason="Overlap")
    assert _state(survivor) != before_survivor

    alignment.action_unmerge(action=rich_action, user=coordinator, reason="Toch verschillend " * 20)

    assert _state(rich_action) == before_merged
    assert _state(survivor) == before_survivor
    rich_action.refresh_from_db()
    assert rich_action.status == Status.SUBMITTED and rich_action.merged_into is None
    assert Merge.objects.get().undone_by == coordinator
    change = StatusChange.objects.filter(action=rich_action).first()
    expected = ("merged", "submitted", ("Toch verschillend " * 20).strip())
    assert (change.from_status, change.to_status, change.reason) == expected


def test_undo_keeps_later_edits_of_the_survivor(coordinator, rich_action, survivor):
    action_transition(action=rich_action, to=Status.MERGED, user=coordinator, into=survivor)
    extra = f.target_group(name="Nieuw na samenvoeging")
    survivor.target_groups.add(extra)
    alignment.action_unmerge(action=rich_action, user=coordinator)
    assert list(survivor.target_groups.all()) == [extra]


@pytest.mark.parametrize("role", ["chair", "member", "other_member", "domain_contact", "cabinet"])
def test_only_coordinators_undo(users, coordinator, submitted_action, survivor, role):
    action_transition(action=submitted_action, to=Status.MERGED, user=coordinator, into=survivor)
    with pytest.raises(PermissionDenied):
        alignment.action_unmerge(action=submitted_action, user=users[role])
    submitted_action.refresh_from_db()
    assert submitted_action.status == Status.MERGED


def test_undo_of_an_action_that_is_not_merged_is_refused(coordinator, submitted_action):
    with pytest.raises(TransitionNotAllowed) as exc:
        alignment.action_unmerge(action=submitted_action, user=coordinator)
    assert "niet samengevoegd" in str(exc.value)


def test_undo_is_refused_when_the_survivor_moved_on(coordinator, submitted_action, survivor, group, barrier):
    third = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED)
    action_transition(action=submitted_action, to=Status.MERGED, user=coordinator, into=survivor)
    action_transition(action=survivor, to=Status.MERGED, user=coordinator, into=third)
    with pytest.raises(TransitionNotAllowed) as exc:
        alignment.action_unmerge(action=submitted_action, user=coordinator)
    assert survivor.code in str(exc.value)
    # undo in reverse order works
    alignment.action_unmerge(action=survivor, user=coordinator)
    alignment.action_unmerge(action=submitted_action, user=coordinator)
    assert set(Action.objects.values_list("status", flat=True)) == {Status.SUBMITTED}


def test_undo_marks_the_merge_undone_and_the_lineage_forgets_it(client, coordinator, submitted_action, survivor):
    action_transition(action=submitted_action, to=Status.MERGED, user=coordinator, into=survivor, reason="Overlap")
    merged_lineage = alignment.lineage(survivor)
    assert [p["code"] for p in merged_lineage["proposals"]] == [survivor.code, submitted_action.code]

    alignment.action_unmerge(action=submitted_action, user=coordinator, reason="Toch verschillend")

    merge = Merge.objects.get()
    assert merge.undone_at is not None and merge.undone_by == coordinator
    assert alignment.active_merge(submitted_action) is None
    lineage = alignment.lineage(survivor)
    assert [p["code"] for p in lineage["proposals"]] == [survivor.code]
    assert lineage["tree"]["merged_from"] == []
    assert {g["id"] for g in lineage["working_groups"]} == {survivor.working_group_id}
    upward = alignment.lineage(submitted_action)
    assert upward["merged_into_chain"] == [] and upward["tree"]["merged_at"] is None
    # the API answers the same
    client.force_login(coordinator)
    data = client.get(f"/api/v1/actions/{survivor.pk}/lineage/").json()
    assert [p["code"] for p in data["proposals"]] == [survivor.code]


def test_a_second_merge_after_an_undo_is_the_one_shown_and_undone(coordinator, submitted_action, survivor,
                                                                     group, barrier):
    third = f.action(working_group=group, primary_barrier=barrier, code="MOB-30", status=Status.SUBMITTED)
    action_transition(action=submitted_action, to=Status.MERGED, user=coordinator, into=survivor, reason="Eerst")
    alignment.action_unmerge(action=submitted_action, user=coordinator)
    action_transition(action=submitted_action, to=Status.MERGED, user=coordinator, into=third, reason="Dan")

    assert alignment.active_merge(submitted_action).into_id == third.pk
    assert [p["code"] for p in alignment.lineage(survivor)["proposals"]] == [survivor.code]
    shown = alignment.lineage(third)["tree"]["merged_from"]
    assert [(n["code"], n["merge_reason"]) for n in shown] == [(submitted_action.code, "Dan")]
    alignment.action_unmerge(action=submitted_action, user=coordinator)
    assert Merge.objects.filter(undone_at__isnull=True).count() == 0


# --------------------------------------------------------------------------- lineage
def test_lineage_follows_chains_of_merges(coordinator, group, other_group, barrier, other_barrier):
    third_group = f.working_group(name="Werkgroep Taal", code_prefix="TAAL")
    a = f.action(working_group=group, primary_barrier=barrier, code="MOB-10", status=Status.SUBMITTED)
    b = f.action(working_group=other_group, primary_barrier=other_barrier, code="ZORG-10", status=Status.SUBMITTED)
    c = f.action(working_group=third_group, primary_barrier=barrier, code="TAAL-10", status=Status.SUBMITTED)
    action_transition(action=a, to=Status.MERGED, user=coordinator, into=b, reason="A in B")
    action_transition(action=b, to=Status.MERGED, user=coordinator, into=c, reason="B in C")

    lineage = alignment.lineage(c)
    assert [p["code"] for p in lineage["proposals"]] == ["TAAL-10", "ZORG-10", "MOB-10"]
    assert [n["code"] for n in lineage["tree"]["merged_from"]] == ["ZORG-10"]
    assert [n["code"] for n in lineage["tree"]["merged_from"][0]["merged_from"]] == ["MOB-10"]
    assert {g["name"] for g in lineage["working_groups"]} == {group.name, other_group.name, third_group.name}
    assert {b["name"] for b in lineage["barriers"]} == {barrier.name, other_barrier.name}
    assert lineage["tree"]["merged_from"][0]["merge_reason"] == "B in C"

    upward = alignment.lineage(a)
    assert [n["code"] for n in upward["merged_into_chain"]] == ["ZORG-10", "TAAL-10"]


def test_lineage_uses_a_constant_number_of_queries(coordinator, group, barrier, django_assert_num_queries):
    actions = [f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED) for _ in range(6)]
    for child, parent in zip(actions, actions[1:]):
        action_transition(action=child, to=Status.MERGED, user=coordinator, into=parent)
    actions[0].secondary_barriers.set([f.barrier(name="Zorgtaken (secundair)")])
    # merge edges, actions (+group, domain, barrier), secondary barriers (+name), active merges
    with django_assert_num_queries(4):
        lineage = alignment.lineage(actions[-1])
    assert len(lineage["proposals"]) == 6


# --------------------------------------------------------------------------- links
def test_links_refuse_self_duplicates_and_loops(coordinator, submitted_action, survivor, group, barrier):
    third = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED)
    with pytest.raises(ValidationError, match="zichzelf"):
        alignment.link_create(user=coordinator, from_action=survivor, to_action=survivor, type="overlaps")
    alignment.link_create(user=coordinator, from_action=submitted_action, to_action=survivor, type="overlaps")
    with pytest.raises(ValidationError, match="bestaat al"):
        alignment.link_create(user=coordinator, from_action=submitted_action, to_action=survivor, type="overlaps")
    with pytest.raises(ValidationError, match="bestaat al"):  # overlaps is symmetric
        alignment.link_create(user=coordinator, from_action=survivor, to_action=submitted_action, type="overlaps")
    alignment.link_create(user=coordinator, from_action=submitted_action, to_action=survivor, type="depends_on")
    alignment.link_create(user=coordinator, from_action=survivor, to_action=third, type="depends_on")
    with pytest.raises(ValidationError, match="kringloop"):
        alignment.link_create(user=coordinator, from_action=third, to_action=submitted_action, type="depends_on")
    with pytest.raises(ValidationError, match="kringloop"):
        alignment.link_create(user=coordinator, from_action=survivor, to_action=submitted_action, type="depends_on")
    with pytest.raises(ValidationError):
        alignment.link_create(user=coordinator, from_action=third, to_action=survivor, type="lijkt op")


def test_domain_contacts_link_actions_of_their_domain(domain_contact, submitted_action, survivor, other_domain):
    # submitted_action is led by the contact's domain
    link = alignment.link_create(user=domain_contact, from_action=survivor, to_action=submitted_action,
                                 type="shared_opportunity", reason="Samen uitrollen")
    assert link.created_by == domain_contact
    other = f.action(working_group=survivor.working_group, primary_barrier=survivor.primary_barrier,
                     lead_domain=other_domain, status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        alignment.link_create(user=domain_contact, from_action=survivor, to_action=other, type="complements")
    with pytest.raises(PermissionDenied):
        alignment.link_delete(user=domain_contact, link=link)


def test_dismissal_is_stored_once_per_pair(coordinator, submitted_action, survivor):
    alignment.similarity_dismiss(user=coordinator, action=survivor, other=submitted_action)
    alignment.similarity_dismiss(user=coordinator, action=submitted_action, other=survivor)
    from actieplan.models import SimilarityDismissal

    pair = SimilarityDismissal.objects.get()
    assert (pair.action_low_id, pair.action_high_id) == tuple(sorted([submitted_action.pk, survivor.pk]))


def test_dismissal_by_others_is_refused(member, submitted_action, survivor):
    with pytest.raises(PermissionDenied):
        alignment.similarity_dismiss(user=member, action=survivor, other=submitted_action)
