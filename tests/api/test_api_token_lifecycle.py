"""The tokens of ``POST /api/v1/auth/token/`` have the lifecycle of the read-only tokens:
listed on /api-tokens/ with their last use, revocable by the owner and coordinators, revoked
on a password change and on deactivation, and expired after ``API_TOKEN_TTL_DAYS``.
A revoked or expired token stops working at once, also when its look-up was cached."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from actieplan.api.token_auth import hash_key
from actieplan.api_tokens import api_token_create
from actieplan.models import ApiToken
from tests import factories as f

TOKEN = "/api/v1/auth/token/"
LIST = "/api/v1/actions/"


def obtain(username="lid", password=f.PASSWORD) -> str:
    response = APIClient().post(TOKEN, {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def login_token(key: str) -> ApiToken:
    return ApiToken.objects.get(key_hash=hash_key(key))


# --------------------------------------------------------------------------- listed
def test_the_owner_sees_the_login_token_on_the_page_with_its_last_use(client, member):
    key = obtain()
    token = login_token(key)
    assert token.kind == ApiToken.Kind.LOGIN and token.user == member
    client.force_login(member)
    html = client.get("/api-tokens/").content.decode()
    assert "<td>aanmelding via de API</td>" in html and f"{key[:8]}…" in html and "nog niet" in html
    assert key not in html
    assert token_client(key).get(LIST).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    html = client.get("/api-tokens/").content.decode()
    assert "nog niet" not in html
    assert timezone.localtime(token.expires_at).strftime("%Y") in html


def test_the_api_lists_login_tokens_with_kind_and_expiry(member):
    key = obtain()
    api = APIClient()
    api.force_authenticate(member)
    [row] = api.get("/api/v1/api-tokens/").json()["results"]
    assert row["kind"] == "login" and row["prefix"] == key[:8] and row["is_active"] is True
    assert row["expires_at"] and row["revoked_reason"] is None
    assert "key" not in row


def test_others_do_not_see_a_users_login_token(client, member, other_member):
    key = obtain()
    client.force_login(other_member)
    html = client.get("/api-tokens/").content.decode()
    assert f"{key[:8]}…" not in html and "<td>aanmelding via de API</td>" not in html


# --------------------------------------------------------------------------- revoked
def test_the_owner_revokes_a_login_token_and_it_stops_at_once(client, member, draft_action):
    key = obtain()
    api = token_client(key)
    assert api.get(LIST).status_code == 200  # now cached
    assert api.get(LIST).status_code == 200
    client.force_login(member)
    token = login_token(key)
    assert client.post(f"/api-tokens/{token.pk}/intrekken/").status_code == 302
    response = api.get(LIST)
    assert response.status_code == 401
    assert response.json()["detail"] == "Dit API-token is ongeldig of ingetrokken."


def test_a_coordinator_revokes_a_users_login_token(member, coordinator):
    key = obtain()
    api = token_client(key)
    assert api.get(LIST).status_code == 200
    admin = APIClient()
    admin.force_authenticate(coordinator)
    response = admin.post(f"/api/v1/api-tokens/{login_token(key).pk}/revoke/")
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert api.get(LIST).status_code == 401


def test_a_password_change_revokes_every_token_of_the_user(client, member, coordinator):
    key = obtain()
    _read_only, read_key = api_token_create(user=member, name="Rapportering")
    other_key = obtain("coordinator")
    api = token_client(key)
    assert api.get(LIST).status_code == 200
    assert token_client(read_key).get(LIST).status_code == 200
    member.set_password("een-nieuw-wachtwoord-456")
    member.save()
    assert api.get(LIST).status_code == 401
    assert token_client(read_key).get(LIST).status_code == 401
    assert token_client(other_key).get(LIST).status_code == 200  # another user's token is untouched
    assert set(ApiToken.objects.filter(user=member).values_list("revoked_reason", flat=True)) == {"password_changed"}
    client.force_login(member)
    assert "wachtwoord gewijzigd" in client.get("/api-tokens/").content.decode()
    # with the new password a new token works
    assert token_client(obtain(password="een-nieuw-wachtwoord-456")).get(LIST).status_code == 200


def test_a_password_changed_in_the_admin_revokes_the_tokens(client, member, db):
    admin = f.user("beheerder")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    key = obtain()
    client.force_login(admin)
    response = client.post(f"/admin/auth/user/{member.pk}/password/",
                           {"password1": "een-nieuw-wachtwoord-456", "password2": "een-nieuw-wachtwoord-456",
                            "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert token_client(key).get(LIST).status_code == 401


def test_logging_in_does_not_revoke_tokens(client, member):
    key = obtain()
    assert client.post("/accounts/login/", {"username": "lid", "password": f.PASSWORD}).status_code == 302
    obtain()
    assert token_client(key).get(LIST).status_code == 200


def test_deactivation_revokes_the_tokens_for_good(member):
    key = obtain()
    _read_only, read_key = api_token_create(user=member, name="Rapportering")
    api = token_client(key)
    assert api.get(LIST).status_code == 200
    member.is_active = False
    member.save()
    assert api.get(LIST).status_code == 401
    member.is_active = True
    member.save()
    assert api.get(LIST).status_code == 401  # reactivating does not bring the tokens back
    assert token_client(read_key).get(LIST).status_code == 401
    assert set(ApiToken.objects.filter(user=member).values_list("revoked_reason", flat=True)) == {"deactivated"}


def test_deactivating_through_the_service_revokes_the_tokens(member, coordinator):
    from werkgroepen.services import user_deactivate

    key = obtain()
    assert token_client(key).get(LIST).status_code == 200
    assert user_deactivate(user=member, by=coordinator)
    assert token_client(key).get(LIST).status_code == 401
    assert login_token(key).revoked_reason == "deactivated"


# --------------------------------------------------------------------------- expired
def test_a_login_token_expires_after_ninety_days(member):
    key = obtain()
    api = token_client(key)
    assert api.get(LIST).status_code == 200  # cached from here on
    with time_machine.travel(timezone.now() + timedelta(days=89, hours=23)):
        assert api.get(LIST).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=90, minutes=1)):
        response = api.get(LIST)
        assert response.status_code == 401
        assert response.json()["detail"].startswith("Dit API-token is verlopen op ")
        assert "Vraag een nieuw token aan." in response.json()["detail"]


def test_a_read_only_token_expires_too(member):
    _token, key = api_token_create(user=member, name="Rapportering")
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        response = token_client(key).get(LIST)
    assert response.status_code == 401 and "verlopen" in response.json()["detail"]


@override_settings(API_TOKEN_TTL_DAYS=7)
def test_the_lifetime_follows_the_setting(member):
    key = obtain()
    token = login_token(key)
    assert timedelta(days=6, hours=23) < token.expires_at - token.created_at <= timedelta(days=7)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert token_client(key).get(LIST).status_code == 401


def test_an_expired_token_is_shown_as_expired(client, member):
    obtain()
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        client.force_login(member)
        html = client.get("/api-tokens/").content.decode()
    assert "<td>verlopen</td>" in html and "Intrekken<span" not in html


# --------------------------------------------------------------------------- many
def test_past_ten_active_login_tokens_the_oldest_is_replaced(member):
    keys = [obtain() for _ in range(11)]
    assert token_client(keys[0]).get(LIST).status_code == 401
    assert login_token(keys[0]).revoked_reason == "replaced"
    assert all(token_client(key).get(LIST).status_code == 200 for key in keys[1:])


def test_a_revoked_login_token_can_be_followed_by_a_new_one(client, member):
    token = login_token(obtain())
    client.force_login(member)
    client.post(f"/api-tokens/{token.pk}/intrekken/")
    assert token_client(obtain()).get(LIST).status_code == 200


# --------------------------------------------------------------------------- the old DRF tokens
@pytest.mark.django_db(transaction=False)
def test_the_migration_turns_drf_tokens_into_hashed_login_tokens(member):
    """Databases of before this change hold DRF's plain tokens; the migration keeps them working."""
    import importlib

    migration = importlib.import_module("actieplan.migrations.0011_api_token_lifecycle")
    key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp with time zone,"
                       " user_id integer NOT NULL)" if connection.vendor == "postgresql" else
                       "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created datetime,"
                       " user_id integer NOT NULL)")
        cursor.execute("INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
                       [key, timezone.now() - timedelta(days=400), member.pk])
    migration.forwards(apps, SimpleNamespace(connection=connection))
    token = login_token(key)
    assert token.kind == "login" and token.user == member and token.prefix == key[:8]
    assert token.expires_at > timezone.now() + timedelta(days=89)  # counted from the migration
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0  # no plain key left
        cursor.execute("DROP TABLE authtoken_token")
    assert token_client(key).get(LIST).status_code == 200
