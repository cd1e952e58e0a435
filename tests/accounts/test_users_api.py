"""/api/v1/users/: provisioning from another system (coordinators only)."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from accounts.models import AuditEntry
from tests.accounts.helpers import last_link

URL = "/api/v1/users/"


@pytest.fixture
def api(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    return client


def test_it_creates_lists_changes_and_invites(api, group, domain, django_capture_on_commit_callbacks):
    created = api.post(URL, {"name": "Nina Van Nieuw", "email": "nina@vlaanderen.be", "role": "member",
                             "memberships": [{"working_group": group.pk, "role": "chair"}]}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["username"] == "nina@vlaanderen.be" and body["name"] == "Nina Van Nieuw"
    assert body["memberships"] == [{"working_group": group.pk, "role": "chair"}]
    assert body["is_active"] is True and body["status"] == "active"
    pk = body["id"]

    with django_capture_on_commit_callbacks(execute=True):
        invited = api.post(f"{URL}{pk}/invite/")
    assert invited.status_code == 202 and invited.json()["status"] == "invited"
    assert mail.outbox[-1].to == ["nina@vlaanderen.be"]
    assert last_link().startswith("/account/uitnodiging/")

    listed = api.get(URL, {"status": "invited"}).json()
    assert [u["id"] for u in listed["results"]] == [pk]

    changed = api.patch(f"{URL}{pk}/", {"role": "contact", "policy_domains": [domain.pk]}, format="json").json()
    assert changed["role"] == "contact" and changed["policy_domains"] == [domain.pk]
    assert changed["memberships"] == [{"working_group": group.pk, "role": "chair"}]  # untouched
    entry = AuditEntry.objects.filter(event="roles_changed", subject_id=pk).first()  # the newest
    assert entry.before["role"] == "member" and entry.after["role"] == "contact"

    gone = api.patch(f"{URL}{pk}/", {"is_active": False}, format="json").json()
    assert gone["is_active"] is False and gone["status"] == "deactivated"
    assert api.get(URL).json()["count"] == 1  # the coordinator; deactivated people only with status=deactivated


def test_bad_input_is_refused_in_dutch(api, member, group):
    duplicate = api.post(URL, {"name": "Lotte Lid", "email": member.email}, format="json")
    assert duplicate.status_code == 400
    assert duplicate.json()["email"] == ["Er bestaat al een gebruiker met dit e-mailadres."]
    no_domain = api.patch(f"{URL}{member.pk}/", {"role": "contact", "policy_domains": []}, format="json")
    assert no_domain.status_code == 400
    twice = api.post(URL, {"name": "X Y", "email": "xy@vlaanderen.be", "memberships": [
        {"working_group": group.pk, "role": "member"}, {"working_group": group.pk, "role": "chair"}]}, format="json")
    assert twice.status_code == 400
    assert api.get(URL, {"working_group": "abc"}).status_code == 400
    half = api.patch(f"{URL}{member.pk}/", {"memberships": [{"role": "chair"}]}, format="json")
    assert half.status_code == 400
    assert half.json()["memberships"] == {"0": {"working_group": ["Dit veld is verplicht."]}}
    assert api.get(f"{URL}99999999999999999999/").status_code == 404


def test_only_coordinators(member, cabinet):
    for user in (member, cabinet):
        client = APIClient()
        client.force_authenticate(user)
        assert client.get(URL).status_code == 403
    assert APIClient().get(URL).status_code in (401, 403)
