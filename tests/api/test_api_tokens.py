"""Read-only API tokens: made on a page or in the API (key shown once, stored hashed), used
to read with the user's own rights, refused for any write, listed with last use, revoked by
their owner or a coordinator."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from actieplan.api_tokens import api_token_create, login_token_issue
from actieplan.models import ApiToken, Status
from tests import factories as f


def token_client(key: str, keyword: str = "Token") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {key}")
    return client


# --------------------------------------------------------------------------- making tokens
def test_a_user_makes_a_token_on_the_page_and_sees_the_key_once(client, member):
    client.force_login(member)
    response = client.post("/api-tokens/", {"name": "Rapportering"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=member)
    html = response.content.decode()
    key = html.split('id="new-token-key" type="text" readonly value="')[1].split('"')[0]
    assert key.startswith("dnw_") and len(key) > 40
    # Only a hash is stored; the key never shows again.
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest() and key not in str(token.__dict__)
    assert token.prefix == key[:8]
    again = client.get("/api-tokens/").content.decode()
    assert key not in again
    assert "Rapportering" in again and f"{token.prefix}…" in again and "nog niet" in again


def test_the_page_refuses_a_token_without_a_name(client, member):
    client.force_login(member)
    response = client.post("/api-tokens/", {"name": "  "})
    assert response.status_code == 400
    assert "Geef het token een naam." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_api_makes_a_token_and_returns_the_key_only_then(member):
    api = APIClient()
    api.force_authenticate(member)
    response = api.post("/api/v1/api-tokens/", {"name": "Koppeling VDAB"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["key"].startswith("dnw_") and body["name"] == "Koppeling VDAB" and body["is_active"] is True
    listed = api.get("/api/v1/api-tokens/").json()["results"]
    assert [t["name"] for t in listed] == ["Koppeling VDAB"] and "key" not in listed[0]
    assert api.post("/api/v1/api-tokens/", {"name": ""}, format="json").status_code == 400


# --------------------------------------------------------------------------- using tokens
def test_a_token_reads_with_the_users_rights_and_records_its_last_use(member, other_member, group, other_group,
                                                                     barrier):
    f.action(working_group=group, code="MOB-01")  # a draft of the member's group
    f.action(working_group=other_group, code="ZORG-01")  # a draft of another group
    token, key = api_token_create(user=member, name="Rapportering")
    response = token_client(key).get("/api/v1/actions/")
    assert response.status_code == 200
    assert [a["code"] for a in response.json()["results"]] == ["MOB-01"]
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token_client(key, "Bearer").get("/api/v1/barriers/").status_code == 200


def test_last_use_is_written_at_most_once_a_minute(member, django_assert_num_queries):
    token, key = api_token_create(user=member, name="x")
    client = token_client(key)
    client.get("/api/v1/barriers/")
    token.refresh_from_db()
    first = token.last_used_at
    client.get("/api/v1/barriers/")
    token.refresh_from_db()
    assert token.last_used_at == first  # no write within the minute
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    client.get("/api/v1/barriers/")
    token.refresh_from_db()
    assert token.last_used_at > first


@pytest.mark.parametrize("method,url", [
    ("post", "/api/v1/actions/"),
    ("patch", "/api/v1/actions/{id}/"),
    ("put", "/api/v1/actions/{id}/"),
    ("post", "/api/v1/actions/{id}/transition/"),
    ("post", "/api/v1/api-tokens/"),
    ("post", "/api/v1/imports/"),
    ("delete", "/api/v1/actions/{id}/"),
])
def test_a_token_can_never_write(method, url, chair, group, barrier):
    action = f.action(working_group=group, code="MOB-01")
    _token, key = api_token_create(user=chair, name="x")
    response = getattr(token_client(key), method)(url.format(id=action.pk), {"title": "Nieuw"}, format="json")
    assert response.status_code == 403
    assert "enkel leestoegang" in response.json()["detail"]
    action.refresh_from_db()
    assert action.title != "Nieuw" and action.status == Status.DRAFT


def test_revoked_unknown_and_inactive_tokens_are_refused(member, coordinator):
    token, key = api_token_create(user=member, name="x")
    token.revoked_at = timezone.now()
    token.save()
    response = token_client(key).get("/api/v1/barriers/")
    assert response.status_code == 401 and "ingetrokken" in response.json()["detail"]
    assert token_client("dnw_onbestaand").get("/api/v1/barriers/").status_code == 401
    _t, key2 = api_token_create(user=coordinator, name="y")
    coordinator.is_active = False
    coordinator.save()
    assert token_client(key2).get("/api/v1/barriers/").status_code == 401


def test_the_login_tokens_of_the_api_still_work(member):
    _token, key = login_token_issue(user=member)
    assert token_client(key).get("/api/v1/barriers/").status_code == 200
    assert token_client(key).post("/api/v1/api-tokens/", {"name": "z"}, format="json").status_code == 201


# --------------------------------------------------------------------------- revoking
def test_the_owner_revokes_a_token_with_a_confirmation_step(client, member):
    token, key = api_token_create(user=member, name="Oud systeem")
    client.force_login(member)
    page = client.get(f"/api-tokens/{token.pk}/intrekken/")
    assert page.status_code == 200 and "Oud systeem" in page.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None  # GET only asks
    response = client.post(f"/api-tokens/{token.pk}/intrekken/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == member
    assert "ingetrokken op" in client.get("/api-tokens/").content.decode()
    assert token_client(key).get("/api/v1/barriers/").status_code == 401


def test_coordinators_see_and_revoke_everybodys_tokens(client, coordinator, member, other_member):
    token, _key = api_token_create(user=member, name="Van Lotte")
    api_token_create(user=other_member, name="Van Ann")
    client.force_login(coordinator)
    html = client.get("/api-tokens/").content.decode()
    assert "Van Lotte" in html and "Van Ann" in html and "Lotte Lid" in html
    api = APIClient()
    api.force_authenticate(coordinator)
    assert {t["name"] for t in api.get("/api/v1/api-tokens/").json()["results"]} == {"Van Lotte", "Van Ann"}
    response = api.post(f"/api/v1/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 200 and response.json()["is_active"] is False
    token.refresh_from_db()
    assert token.revoked_by == coordinator


def test_others_neither_see_nor_revoke_a_token(client, member, other_member):
    token, _key = api_token_create(user=member, name="Van Lotte")
    client.force_login(other_member)
    assert "Van Lotte" not in client.get("/api-tokens/").content.decode()
    assert client.post(f"/api-tokens/{token.pk}/intrekken/").status_code == 404
    api = APIClient()
    api.force_authenticate(other_member)
    assert api.post(f"/api/v1/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_schema_documents_the_read_only_token(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    scheme = schema["components"]["securitySchemes"]["readOnlyTokenAuth"]
    assert scheme["type"] == "apiKey" and scheme["name"] == "Authorization"
