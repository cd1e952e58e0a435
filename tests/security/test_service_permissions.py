"""Every service that changes state refuses a user without the right, by itself.

The pages and the API hide what a user may not change, but they are not the only callers
(the importer, Celery tasks, management commands, a future view): the service is where the
rule must hold. Each case calls one service directly as every role; the roles that may not
do it get ``PermissionDenied`` and nothing changes, and one role that may do it succeeds
(so a case cannot pass because the call itself is broken).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from actieplan import api_tokens, lockouts
from actieplan.actions import services
from actieplan.alignment import services as alignment_services
from actieplan.exchange import importer
from actieplan.plan import services as svc
from actieplan.models import Action, Status
from monitoring import services as monitoring
from tests import matrix_objects
from tests.conftest import ROLES
from tests.importing import media_root  # noqa: F401  (fixture: uploads go to a temporary folder)

SIGNED_IN = [r for r in ROLES if r != "anonymous"]


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def _action_data(o):
    return {"title": "Vervoer op maat", "description": "Een busje.", "primary_barrier": o["barrier"],
            "working_group": o["group"], "level": "flemish", "instrument_type": "service",
            "budget_impact": "neutral"}


# name → (roles allowed, call(o, user)); every other signed-in role must be refused
CASES = {
    # phase 1: the actions of ``group`` (draft MOB-01)
    "action_create": ({"coordinator", "chair", "member"},
                      lambda o, u: services.action_create(user=u, data=_action_data(o))),
    "action_update": ({"coordinator", "chair", "member"},
                      lambda o, u: services.action_update(action=fresh(o["draft"]), user=u,
                                                          data={"title": "Gekaapt"},
                                                          expected_version=fresh(o["draft"]).version)),
    "action_transition (submit)": ({"coordinator", "chair"},
                                   lambda o, u: services.action_transition(action=fresh(o["draft"]),
                                                                           to=Status.SUBMITTED, user=u)),
    "actions_submit": ({"coordinator", "chair"},
                       lambda o, u: services.actions_submit(actions=[fresh(o["draft"])], user=u)),
    "comment_create (draft)": ({"coordinator", "chair", "member"},
                               lambda o, u: services.comment_create(action=fresh(o["draft"]), user=u, text="Goed.")),
    # phase 2: alignment
    "action_transition (merge)": ({"coordinator"}, lambda o, u: services.action_transition(
        action=fresh(o["submitted"]), to=Status.MERGED, user=u, into=fresh(o["other_submitted"]),
        reason="Zelfde aanpak.")),
    "action_unmerge": ({"coordinator"}, lambda o, u: alignment_services.action_unmerge(
        action=fresh(o["merged"]), user=u, reason="Toch verschillend.")),
    "link_create (other domains)": ({"coordinator"}, lambda o, u: alignment_services.link_create(
        user=u, from_action=fresh(o["other_submitted"]), to_action=fresh(o["other_adopted"]), type="overlaps")),
    "link_delete": ({"coordinator"}, lambda o, u: alignment_services.link_delete(user=u, link=o["link"])),
    "similarity_dismiss": ({"coordinator"}, lambda o, u: alignment_services.similarity_dismiss(
        user=u, action=fresh(o["submitted"]), other=fresh(o["other_submitted"]))),
    # phase 3: the plan
    "plan_create": ({"coordinator"}, lambda o, u: svc.plan_create(user=u, title="Actieplan 2030")),
    "plan_update": ({"coordinator"}, lambda o, u: svc.plan_update(plan=fresh(o["plan"]), user=u, title="Nieuw")),
    "chapter_create": ({"coordinator"}, lambda o, u: svc.chapter_create(plan=fresh(o["plan"]), user=u, title="X")),
    "chapter_update": ({"coordinator"}, lambda o, u: svc.chapter_update(chapter=fresh(o["chapter"]), user=u,
                                                                       title="Vervoer")),
    "chapter_move": ({"coordinator"}, lambda o, u: svc.chapter_move(chapter=fresh(o["chapter"]), user=u,
                                                                   direction="down")),
    "chapter_delete": ({"coordinator"}, lambda o, u: svc.chapter_delete(chapter=fresh(o["empty_chapter"]), user=u)),
    "item_add": ({"coordinator"}, lambda o, u: svc.item_add(plan=fresh(o["plan"]), chapter=fresh(o["chapter"]),
                                                           action=fresh(o["extra"]), user=u)),
    "item_move": ({"coordinator"}, lambda o, u: svc.item_move(item=fresh(o["item"]), user=u, direction="down")),
    "item_remove": ({"coordinator"}, lambda o, u: svc.item_remove(item=fresh(o["item"]), user=u)),
    "trajectory_update": ({"coordinator"}, lambda o, u: svc.trajectory_update(
        action=fresh(o["adopted"]), user=u, data={"planned_end": date(2028, 12, 31)}, m2m={},
        expected_version=fresh(o["adopted"]).version)),
    "milestone_create": ({"coordinator"}, lambda o, u: svc.milestone_create(
        action=fresh(o["adopted"]), user=u, title="Evaluatie", due_date=date(2027, 6, 1))),
    "milestone_update": ({"coordinator"}, lambda o, u: svc.milestone_update(milestone=fresh(o["milestone"]), user=u,
                                                                           title="Herzien")),
    "milestone_delete": ({"coordinator"}, lambda o, u: svc.milestone_delete(milestone=fresh(o["milestone"]), user=u)),
    "plan_consult": ({"coordinator"}, lambda o, u: svc.plan_consult(plan=fresh(o["draft_plan"]), user=u)),
    "plan_reopen": ({"coordinator"}, lambda o, u: svc.plan_reopen(plan=fresh(o["plan"]), user=u)),
    "plan_finalise": ({"coordinator"}, lambda o, u: svc.plan_finalise(
        plan=fresh(o["plan"]), user=u, vr_reference="VR 2026 1810 MED.0400/1", vr_date=date(2026, 10, 18),
        override_reason="Politiek akkoord.")),
    # only the contact of the domain answers for it (not even a coordinator)
    "assignment_respond (own domain)": ({"domain_contact"}, lambda o, u: svc.assignment_respond(
        assignment=fresh(o["assignment"]), user=u, decision="accept")),
    "assignment_respond (other domain)": (set(), lambda o, u: svc.assignment_respond(
        assignment=fresh(o["other_assignment"]), user=u, decision="decline", remark="Geen middelen.")),
    "signoff_sign (own domain)": ({"domain_contact"}, lambda o, u: svc.signoff_sign(
        signoff=fresh(o["signoff"]), user=u)),
    "signoff_sign (other domain)": (set(), lambda o, u: svc.signoff_sign(signoff=fresh(o["other_signoff"]), user=u)),
    # monitoring
    "status_update_create (led domain)": ({"coordinator", "domain_contact"},
                                          lambda o, u: monitoring.status_update_create(
        action=fresh(o["adopted"]), user=u, data={"date": date.today(), "progress_state": "on_track",
                                                  "percent_complete": 50, "done": "Piloot loopt."})),
    "status_update_create (other domain)": ({"coordinator"}, lambda o, u: monitoring.status_update_create(
        action=fresh(o["other_adopted"]), user=u, data={"date": date.today(), "progress_state": "on_track",
                                                        "percent_complete": 50, "done": "Piloot loopt."})),
    "status_update_edit (someone else's)": ({"coordinator"}, lambda o, u: monitoring.status_update_edit(
        update=fresh(o["coordinator_update"]), user=u, data={"percent_complete": 60})),
    "milestone_set_done (other domain)": ({"coordinator"}, lambda o, u: monitoring.milestone_set_done(
        milestone=fresh(o["other_milestone"]), user=u, done_on=date.today())),
    "action_outcome_save (led domain)": ({"coordinator", "domain_contact"}, lambda o, u: monitoring.action_outcome_save(
        action=fresh(o["adopted"]), user=u, outcome=fresh(o["outcome"]), data={"target_value": 80})),
    "action_outcome_save (other domain)": ({"coordinator"}, lambda o, u: monitoring.action_outcome_save(
        action=fresh(o["other_adopted"]), user=u, data={"indicator": fresh(o["indicator"]), "kind": "outcome",
                                                         "target_value": 10, "target_year": 2028})),
    "action_outcome_delete (led domain)": ({"coordinator", "domain_contact"}, lambda o, u: monitoring.action_outcome_delete(
        outcome=fresh(o["outcome"]), user=u)),
    "measurement_create": ({"coordinator"}, lambda o, u: monitoring.measurement_create(
        indicator=fresh(o["indicator"]), user=u, value="77.4", year=2025)),
    # data exchange and security
    "import_start (group)": ({"coordinator", "chair"}, lambda o, u: importer.import_start(
        user=u, upload=matrix_objects.import_file(), working_group=o["group"])),
    "import_confirm (someone else's upload)": ({"chair"}, lambda o, u: importer.import_confirm(
        job=fresh(o["job"]), user=u)),
    "api_token_revoke (the member's token)": ({"coordinator", "member"}, lambda o, u: api_tokens.api_token_revoke(
        token=fresh(o["token"]), user=u)),
    "lockout_release": ({"coordinator"}, lambda o, u: lockouts.lockout_release(lockout=o["lockout"], user=u)),
}


@pytest.fixture
def world(media_root, users, group, other_group, barrier, other_barrier, domain, other_domain,  # noqa: F811
          draft_action, submitted_action):
    o = matrix_objects.build(
        users=users, group=group, other_group=other_group, barrier=barrier, other_barrier=other_barrier,
        domain=domain, other_domain=other_domain, draft=draft_action, submitted=submitted_action,
    )
    for _part, keys in matrix_objects.PARTS:
        o[keys[0]]
    return o


def _attempt(call, o, user):
    """Run one service call in a savepoint that is rolled back; returns the exception or None."""
    try:
        with transaction.atomic():
            try:
                call(o, user)
            finally:
                transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - the test sorts them
        return error
    return None


@pytest.mark.parametrize("name", list(CASES))
def test_the_service_refuses_whoever_may_not(world, name, django_capture_on_commit_callbacks):
    allowed, call = CASES[name]
    problems = []
    for role in SIGNED_IN:
        before = Action.objects.order_by("pk").values_list("pk", "version", "title", "status")
        snapshot = list(before)
        error = _attempt(call, world, world["users"][role])
        if role in allowed:
            if error is not None:
                problems.append(f"{role} may, but got {type(error).__name__}: {error}")
        elif not isinstance(error, PermissionDenied):
            problems.append(f"{role} may not, but got {type(error).__name__ if error else 'no refusal'}")
        assert list(before) == snapshot  # the savepoint undid every write
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_every_public_service_with_a_user_has_a_case():
    """A new service that takes the acting ``user`` needs a case here (or a reason not to)."""
    import inspect

    not_checked = {
        # reads or helpers that answer a question, not writes
        "can_unmerge", "can_edit_status_update", "can_revoke", "tokens_visible_to", "jobs_visible_to",
        "can_view_job", "merge_prepare",  # called by action_transition after its own check
        # the user is the subject, not an actor with a right to check
        "api_token_create", "login_token_issue",  # every signed-in user makes their own tokens
        "action_changed", "on_action_changed",  # after a checked write; ``user`` only names who changed it
    }
    covered = {name.split(" ")[0] for name in CASES}
    missing = []
    for module in (services, svc, alignment_services, monitoring, importer, api_tokens, lockouts):
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ != module.__name__ or name.startswith("_"):
                continue
            if "user" in inspect.signature(func).parameters and name not in covered | not_checked:
                missing.append(f"{module.__name__}.{name}")
    assert not missing, f"services without a permission case: {missing}"
