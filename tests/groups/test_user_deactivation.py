"""Users are deactivated, never deleted: what they wrote keeps its author (issue 13, finding 4a).

A deactivated author shows as "Naam (gedeactiveerd)" wherever the application names people;
the admin offers "Deactiveren" instead of "Verwijderen"; a user removed from the shell all the
same leaves their comments and status changes readable ("verwijderde gebruiker") and cannot be
removed at all while an import or a sent reminder names them.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models import ProtectedError
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.exchange import importer
from actieplan.models import ImportJob, Status, StatusChange
from actieplan.actions.services import action_create, action_transition, comment_create
from monitoring.models import SentReminder
from monitoring.services import status_update_create
from tests import factories as f
from tests.importing import media_root, upload, xlsx_bytes  # noqa: F401
from werkgroepen.services import user_deactivate

pytestmark = pytest.mark.usefixtures("media_root")

DEACTIVATED = "Vera Voorzitter (gedeactiveerd)"


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("beheerder", "beheer@example.be", "geheim-wachtwoord-1")


@pytest.fixture
def work_of_the_chair(chair, coordinator, group, barrier):
    """An action the chair created, commented on and submitted, and an import the chair uploaded."""
    action = action_create(user=chair, data={
        "title": "Deelfietsen aan stations", "description": "Fietsen voor de laatste kilometer.",
        "primary_barrier": barrier, "working_group": group,
    })
    comment_create(action=action, user=chair, text="Graag ook de kleine stations.")
    action_transition(action=action, to=Status.SUBMITTED, user=chair)
    job = importer.import_start(
        user=chair, upload=upload(xlsx_bytes([{"title": "Busje", "description": "Een busje.",
                                               "primary_barrier": barrier.name}])),
        working_group=group,
    )
    return {"action": action, "job": job}


def _admin_deactivate(client, admin_user, *users):
    client.force_login(admin_user)
    return client.post(reverse("admin:auth_user_changelist"), {
        "action": "deactivate_users", "_selected_action": [u.pk for u in users], "index": 0,
    }, follow=True)


def test_it_deactivates_through_the_admin_and_the_action_page_names_the_author(
        client, admin_user, chair, coordinator, work_of_the_chair):
    response = _admin_deactivate(client, admin_user, chair)
    assert response.status_code == 200
    assert "1 gebruiker gedeactiveerd." in response.content.decode()

    chair.refresh_from_db()
    assert chair.is_active is False
    action = work_of_the_chair["action"]
    client.force_login(coordinator)
    response = client.get(reverse("action_detail", args=[action.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    # comment, status change, history and "aangemaakt door" each name the deactivated author
    assert page.count(DEACTIVATED) >= 4, page
    assert "Graag ook de kleine stations." in page

    # nothing of the process was removed with them
    assert ImportJob.objects.filter(pk=work_of_the_chair["job"].pk, created_by=chair).exists()
    assert StatusChange.objects.filter(action=action, by=chair).exists()
    assert action.comments.get().author == chair

    detail = client.get(reverse("import_detail", args=[work_of_the_chair["job"].pk]))
    assert detail.status_code == 200 and DEACTIVATED in detail.content.decode()


def test_the_api_names_a_deactivated_author_as_such(coordinator, chair, work_of_the_chair):
    user_deactivate(user=chair, by=coordinator)
    api = APIClient()
    api.force_authenticate(coordinator)
    data = api.get(f"/api/v1/actions/{work_of_the_chair['action'].pk}/").json()
    assert data["created_by"] == DEACTIVATED


def test_deactivation_ends_the_persons_sessions(client, admin_user, chair, coordinator, group):
    client.force_login(chair)
    assert client.get(reverse("group_detail", args=[group.pk])).status_code == 200
    other = client.__class__()
    other.force_login(coordinator)
    assert Session.objects.count() == 2

    _admin_deactivate(other.__class__(), admin_user, chair)

    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(chair.pk) not in sessions
    assert str(coordinator.pk) in sessions  # the others stay signed in
    response = client.get(reverse("group_detail", args=[group.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_unticking_active_on_the_admin_form_also_ends_the_sessions(client, admin_user, member):
    member_client = client.__class__()
    member_client.force_login(member)
    client.force_login(admin_user)
    url = reverse("admin:auth_user_change", args=[member.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, (list, tuple))}
    data.update({
        "username": member.username, "first_name": member.first_name, "last_name": member.last_name,
        "email": member.email, "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00",
        "profile-TOTAL_FORMS": "1", "profile-INITIAL_FORMS": "1", "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1", "profile-0-id": member.profile.pk, "profile-0-user": member.pk,
        "profile-0-language": "nl-be",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0", "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    })
    data.pop("is_active", None)  # unticked
    data.pop("password", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    member.refresh_from_db()
    assert member.is_active is False
    assert str(member.pk) not in [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]


def test_the_admin_offers_no_way_to_delete_a_user(client, admin_user, chair, work_of_the_chair):
    client.force_login(admin_user)
    changelist = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert 'value="deactivate_users"' in changelist and "Deactiveren" in changelist
    assert 'value="delete_selected"' not in changelist
    assert client.get(reverse("admin:auth_user_delete", args=[chair.pk])).status_code == 403
    client.post(reverse("admin:auth_user_changelist"),
                {"action": "delete_selected", "_selected_action": [chair.pk], "post": "yes", "index": 0})
    client.post(reverse("admin:auth_user_delete", args=[chair.pk]), {"post": "yes"})
    assert get_user_model().objects.filter(pk=chair.pk).exists()
    assert ImportJob.objects.filter(pk=work_of_the_chair["job"].pk).exists()


def test_a_user_removed_from_the_shell_leaves_a_readable_action_page(client, coordinator, member, draft_action):
    comment_create(action=draft_action, user=member, text="Een opmerking van een vertrokken lid.")
    StatusChange.objects.create(action=draft_action, from_status="draft", to_status="draft", by=member)
    member.delete()

    client.force_login(coordinator)
    response = client.get(reverse("action_detail", args=[draft_action.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Een opmerking van een vertrokken lid." in page
    assert page.count("verwijderde gebruiker") >= 2  # the comment and the status change


def test_a_user_with_an_import_or_a_sent_reminder_cannot_be_removed(chair, member, work_of_the_chair):
    with pytest.raises(ProtectedError):
        chair.delete()
    assert ImportJob.objects.filter(pk=work_of_the_chair["job"].pk).exists()

    SentReminder.objects.create(recipient=member, kind="status_due", item_type="action", item_id=1,
                                period="2026-09", reason="Stand van zaken")
    with pytest.raises(ProtectedError):
        member.delete()
    assert SentReminder.objects.filter(recipient=member).exists()


def test_deactivated_people_are_marked_on_the_other_pages(client, coordinator, chair, member, domain_contact,
                                                           group, barrier, domain):
    decider = f.user("beslisser", first_name="Bert", last_name="Beslisser", is_coordinator=True)
    submitted = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status=Status.SUBMITTED)
    action_transition(action=submitted, to=Status.RETAINED, user=decider)
    adopted = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status=Status.IN_PROGRESS)
    status_update_create(action=adopted, user=domain_contact, data={
        "progress_state": "on_track", "percent_complete": 10, "done": "Gestart met de bussen."})
    for person in (decider, member, domain_contact):
        user_deactivate(user=person, by=coordinator)

    client.force_login(coordinator)
    pages = {
        "decision_log": (reverse("decision_log"), "Bert Beslisser (gedeactiveerd)"),
        "group_members": (reverse("group_members", args=[group.pk]), "Lotte Lid (gedeactiveerd)"),
        "status_update": (reverse("action_detail", args=[adopted.pk]), "Dirk Domein (gedeactiveerd)"),
    }
    for name, (url, expected) in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert expected in response.content.decode(), name


def test_deactivating_twice_changes_nothing(coordinator, member):
    assert user_deactivate(user=member, by=coordinator) is True
    assert user_deactivate(user=member, by=coordinator) is False
    member.refresh_from_db()
    assert member.is_active is False
