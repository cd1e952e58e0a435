"""API: token and session authentication."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.api.token_auth import hash_key
from actieplan.models import ApiToken
from tests import factories as f

TOKEN = reverse("api:token")
ACTIONS = reverse("api:action-list")


@pytest.fixture
def api():
    return APIClient()


def test_it_returns_a_token_for_good_credentials(api, member):
    response = api.post(TOKEN, {"username": "lid", "password": f.PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    # a login token of the member, stored as the hash of its key
    assert ApiToken.objects.get(key_hash=hash_key(token)).user == member
    assert not ApiToken.objects.filter(key_hash=token).exists()
    # each request hands out a new token; both keep working
    again = api.post(TOKEN, {"username": "lid", "password": f.PASSWORD}).json()["token"]
    assert again != token and ApiToken.objects.filter(user=member, kind=ApiToken.Kind.LOGIN).count() == 2


def test_the_token_authenticates_requests(api, member, draft_action):
    token = api.post(TOKEN, {"username": "lid", "password": f.PASSWORD}).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.get(ACTIONS)
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == [draft_action.code]


def test_a_wrong_token_is_401(api, member):
    api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = api.get(ACTIONS)
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "body",
    [
        {"username": "lid", "password": "fout-wachtwoord"},
        {"username": "bestaat-niet", "password": f.PASSWORD},
    ],
)
def test_bad_credentials_are_400_with_a_clear_detail(api, member, body):
    response = api.post(TOKEN, body, format="json")
    assert response.status_code == 400
    assert "onjuist" in response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_an_inactive_user_gets_no_token(api, member):
    member.is_active = False
    member.save()
    response = api.post(TOKEN, {"username": "lid", "password": f.PASSWORD}, format="json")
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_missing_fields_are_field_errors(api):
    response = api.post(TOKEN, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_the_token_endpoint_only_accepts_post(api):
    assert api.get(TOKEN).status_code == 405


def test_session_auth_works_and_needs_csrf_for_writes(member, group, barrier):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.get(ACTIONS).status_code == 200
    body = {"title": "T", "description": "D", "primary_barrier": barrier.pk, "working_group": group.pk}
    response = client.post(ACTIONS, body, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
