"""Coordinators see the logins locked after too many wrong passwords and unlock one, with a
confirmation step, on /beveiliging/vergrendelingen/."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from actieplan import lockouts
from tests import factories as f
from tests.lockout_helpers import lock_out

LIST = "/beveiliging/vergrendelingen/"


def _lock_by_wrong_passwords(username="lid", remote_addr="127.0.0.1"):
    client = Client(REMOTE_ADDR=remote_addr)
    for _ in range(5):
        client.post("/accounts/login/", {"username": username, "password": "fout"})
    return client


def test_a_coordinator_sees_the_current_lockouts(client, coordinator, member):
    _lock_by_wrong_passwords()
    lock_out("onbekend", "198.51.100.9", failures=3)  # below the limit: not locked
    client.force_login(coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<bdi>lid</bdi>" in html and "<bdi>127.0.0.1</bdi>" in html
    assert "onbekend" not in html
    [lockout] = lockouts.current_lockouts()
    assert lockout.failures == 5 and lockout.until - lockout.last_attempt == timedelta(minutes=15)
    assert f'href="/beveiliging/vergrendelingen/{lockout.attempt_id}/ontgrendelen/"' in html


def test_the_list_says_so_when_nobody_is_locked(client, coordinator):
    client.force_login(coordinator)
    assert "Er is op dit moment niemand vergrendeld." in client.get(LIST).content.decode()


def test_a_lockout_past_its_cool_off_is_not_listed(client, coordinator, member):
    _lock_by_wrong_passwords()
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        client.force_login(coordinator)
        assert "<bdi>lid</bdi>" not in client.get(LIST).content.decode()


def test_unlocking_asks_first_then_the_user_signs_in_at_once(client, coordinator, member):
    locked = _lock_by_wrong_passwords()
    assert locked.post("/accounts/login/", {"username": "lid", "password": f.PASSWORD}).status_code == 429
    [lockout] = lockouts.current_lockouts()
    client.force_login(coordinator)
    url = f"{LIST}{lockout.attempt_id}/ontgrendelen/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Ja, ontgrendelen" in page.content.decode() and "<bdi>lid</bdi>" in page.content.decode()
    assert lockouts.current_lockouts()  # GET only asks
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "‘lid’ kan zich opnieuw aanmelden vanaf 127.0.0.1." in response.content.decode()
    assert not AccessAttempt.objects.filter(username="lid").exists()
    assert locked.post("/accounts/login/", {"username": "lid", "password": f.PASSWORD}).status_code == 302


def test_unlocking_one_pair_leaves_the_others_locked(client, coordinator, member):
    _lock_by_wrong_passwords(remote_addr="127.0.0.1")
    _lock_by_wrong_passwords(remote_addr="198.51.100.20")
    first = next(lock for lock in lockouts.current_lockouts() if lock.ip_address == "127.0.0.1")
    client.force_login(coordinator)
    client.post(f"{LIST}{first.attempt_id}/ontgrendelen/")
    assert [lock.ip_address for lock in lockouts.current_lockouts()] == ["198.51.100.20"]


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999999"])
def test_an_unknown_lockout_is_404(client, coordinator, pk):
    client.force_login(coordinator)
    assert client.get(f"{LIST}{pk}/ontgrendelen/").status_code == 404
    assert client.post(f"{LIST}{pk}/ontgrendelen/").status_code == 404


def test_an_attempt_below_the_limit_cannot_be_unlocked(client, coordinator):
    attempt = lock_out("lid", "127.0.0.1", failures=2)
    client.force_login(coordinator)
    assert client.post(f"{LIST}{attempt.pk}/ontgrendelen/").status_code == 404
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


@pytest.mark.parametrize("role", ["chair", "member", "domain_contact", "cabinet"])
def test_others_may_not_see_or_unlock(client, users, role, member):
    _lock_by_wrong_passwords()
    [lockout] = lockouts.current_lockouts()
    client.force_login(users[role])
    assert client.get(LIST).status_code == 403
    assert client.post(f"{LIST}{lockout.attempt_id}/ontgrendelen/").status_code == 403
    assert lockouts.current_lockouts()


def test_the_menu_links_the_page_for_coordinators_only(client, coordinator, member):
    client.force_login(coordinator)
    assert f'href="{LIST}"' in client.get("/").content.decode()
    client.force_login(member)
    assert f'href="{LIST}"' not in client.get("/").content.decode()


def test_the_list_costs_one_query_however_many_are_locked(client, coordinator, django_assert_num_queries):
    client.force_login(coordinator)
    client.get(LIST)
    lock_out("een", "192.0.2.1")
    with django_assert_num_queries(QUERIES):
        assert client.get(LIST).status_code == 200
    for n in range(30):
        lock_out(f"gebruiker{n}", f"192.0.2.{n + 2}")
    with django_assert_num_queries(QUERIES):
        assert client.get(LIST).status_code == 200


# session, user, the permission vocabulary (profile, memberships, domains), the lockouts (one grouped query)
QUERIES = 6
