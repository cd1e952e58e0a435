"""The data-version cache: cached API list pages are never stale, never shared between users."""

import pytest
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.models import Action, Status
from common import datacache
from tests import factories as f

LIST = reverse("api:action-list")


@pytest.fixture
def api():
    return APIClient()


def titles(response):
    assert response.status_code == 200, response.content[:300]
    return sorted(row["title"] for row in response.json()["results"])


def test_an_edit_through_the_api_shows_in_the_next_list_page(api, member, draft_action):
    api.force_login(member)
    assert titles(api.get(LIST)) == [draft_action.title]
    assert titles(api.get(LIST)) == [draft_action.title]  # served from the cache

    response = api.patch(reverse("api:action-detail", args=[draft_action.pk]),
                         {"title": "Vervoer op maat, herwerkt", "version": draft_action.version}, format="json")
    assert response.status_code == 200, response.content

    assert titles(api.get(LIST)) == ["Vervoer op maat, herwerkt"]


def test_a_status_change_shows_in_the_filtered_list(api, chair, draft_action):
    api.force_login(chair)
    url = f"{LIST}?status=submitted"
    assert titles(api.get(url)) == []
    response = api.post(reverse("api:action-transition", args=[draft_action.pk]), {"to": "submitted"}, format="json")
    assert response.status_code == 200, response.content
    assert titles(api.get(url)) == [draft_action.title]


def test_leaving_the_group_hides_its_drafts_at_once(api, member, group, draft_action):
    api.force_login(member)
    assert titles(api.get(LIST)) == [draft_action.title]
    member.memberships.filter(working_group=group).delete()
    assert titles(api.get(LIST)) == []


def test_a_cached_page_is_not_served_to_another_user(api, member, other_member, draft_action):
    api.force_login(member)
    assert titles(api.get(LIST)) == [draft_action.title]
    other = APIClient()
    other.force_login(other_member)
    assert titles(other.get(LIST)) == []  # a draft of another group: not visible, not from the cache


def test_filters_and_pages_are_cached_apart(api, coordinator, group, barrier):
    for title in ("Fietsplan", "Busplan", "Treinplan"):
        f.action(working_group=group, primary_barrier=barrier, title=title, status=Status.SUBMITTED)
    api.force_login(coordinator)
    assert len(api.get(f"{LIST}?page_size=2").json()["results"]) == 2
    assert len(api.get(f"{LIST}?page_size=2&page=2").json()["results"]) == 1
    assert api.get(f"{LIST}?search=Fietsplan").json()["count"] == 1


def test_exports_and_errors_are_not_taken_from_the_cache(api, coordinator, draft_action):
    api.force_login(coordinator)
    api.get(LIST)
    csv = api.get(f"{LIST}?format=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert draft_action.title in csv.content.decode("utf-8-sig")
    bad = api.get(f"{LIST}?status=bestaat-niet")
    assert bad.status_code == 400


def test_a_cached_page_costs_the_same_few_queries_however_many_rows(
        api, coordinator, group, barrier, django_assert_max_num_queries):
    for n in range(30):
        f.action(working_group=group, primary_barrier=barrier, title=f"Actie {n}")
    api.force_login(coordinator)
    first = api.get(LIST)
    with django_assert_max_num_queries(3):  # session, user; nothing about actions
        again = api.get(LIST)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/json"


def test_a_write_that_bypasses_signals_is_visible_after_bump(api, coordinator, draft_action):
    api.force_login(coordinator)
    api.get(LIST)
    Action.objects.filter(pk=draft_action.pk).update(title="Bijgewerkt zonder signaal")
    datacache.bump()
    assert titles(api.get(LIST)) == ["Bijgewerkt zonder signaal"]


def test_cached_values_depend_on_their_parts_and_the_version(db):
    calls = []

    def compute(value):
        calls.append(value)
        return value

    assert datacache.cached("t", 1, compute=lambda: compute("a")) == "a"
    assert datacache.cached("t", 1, compute=lambda: compute("b")) == "a"
    assert datacache.cached("t", 2, compute=lambda: compute("c")) == "c"
    datacache.bump()
    assert datacache.cached("t", 1, compute=lambda: compute("d")) == "d"
    assert calls == ["a", "c", "d"]


@pytest.mark.django_db(transaction=True)
def test_a_transaction_moves_the_version_once_when_it_commits(group, barrier):
    before = datacache.version("actions")
    assert datacache.cached("t", compute=lambda: "old") == "old"
    with transaction.atomic():
        for _ in range(3):
            f.action(working_group=group, primary_barrier=barrier)
        assert datacache.version("actions") == before  # other requests still read the committed data
        assert datacache.cached("t", compute=lambda: "own") == "own"  # the writer reads past the cache
    assert datacache.version("actions") == before + 1  # one move for the whole transaction
    assert datacache.cached("t", compute=lambda: "new") == "new"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_moves_nothing(group, barrier):
    before = datacache.version("actions")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            f.action(working_group=group, primary_barrier=barrier)
            raise RuntimeError
    assert datacache.version("actions") == before
    assert not Action.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_write_in_a_rolled_back_savepoint_is_forgotten_but_later_writes_count(group, barrier):
    before = datacache.version("actions")
    with transaction.atomic():
        try:
            with transaction.atomic():
                f.action(working_group=group, primary_barrier=barrier)
                raise RuntimeError
        except RuntimeError:
            pass
        assert datacache.cached("t", compute=lambda: "cached") == "cached"  # nothing written any more
        f.action(working_group=group, primary_barrier=barrier)
    assert datacache.version("actions") == before + 1


# --------------------------------------------------------------------------- API tokens
def _token_client(user):
    from actieplan.api_tokens import login_token_issue

    token, key = login_token_issue(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client, token, key


def test_a_token_request_reads_nothing_from_the_database_when_cached(
        member, draft_action, django_assert_num_queries):
    client, _token, _key = _token_client(member)
    assert titles(client.get(LIST)) == [draft_action.title]
    with django_assert_num_queries(0):
        assert titles(client.get(LIST)) == [draft_action.title]


def test_a_deleted_token_is_refused_at_once(member, draft_action):
    client, token, _key = _token_client(member)
    assert client.get(LIST).status_code == 200
    token.delete()
    assert client.get(LIST).status_code == 401


def test_a_deactivated_user_is_refused_at_once(member, draft_action):
    client, _token, _key = _token_client(member)
    assert client.get(LIST).status_code == 200
    member.is_active = False
    member.save()
    assert client.get(LIST).status_code == 401


def test_a_wrong_token_is_refused_and_the_cached_user_has_no_password_hash(member):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.get(LIST).status_code == 401
    _client, token, key = _token_client(member)
    from actieplan.api.token_auth import CachedTokenAuthentication

    user, auth = CachedTokenAuthentication().authenticate_credentials(key)
    assert user.pk == member.pk and auth.pk == token.pk
    assert "password" in user.get_deferred_fields()


def test_within_a_request_the_version_is_read_once_and_a_write_is_seen(db):
    from django.core.signals import request_finished, request_started

    request_started.send(sender=None)
    try:
        first = datacache.version()
        datacache._cache().incr(datacache.VERSION_KEY)  # another process writes meanwhile
        assert datacache.version() == first  # one read per request
        datacache.bump()  # this request writes: its next read is fresh
        assert datacache.version() > first + 1
    finally:
        request_finished.send(sender=None)
    datacache._cache().incr(datacache.VERSION_KEY)
    assert datacache.version() == datacache._read_version()  # outside a request: always read


def test_signing_in_does_not_empty_the_cache(member, draft_action):
    from django.contrib.auth.models import update_last_login

    before = datacache.version()

    update_last_login(None, member)  # what Django does at every login
    assert datacache.version() == before
    users = datacache.version("users")
    member.first_name = "Lotte-Marie"
    member.save()  # a real change to the user moves the users' topic (not everything)
    assert datacache.version("users") > users
    assert datacache.version() == before


def test_large_derived_tables_keep_django_fast_delete(db):
    from django.db.models.deletion import Collector

    from actieplan.models import ActionTermVector, TermPosting

    collector = Collector(using="default")
    for model in (TermPosting, ActionTermVector, Action.history.model):
        assert collector.can_fast_delete(model.objects.all()), model
    assert not collector.can_fast_delete(Action.objects.all())  # actions do signal (and cascade)


def test_a_write_moves_only_its_topic(member, draft_action):
    """Issue 22: a comment leaves values about actions cached; an action edit does not."""
    from actieplan.actions import services

    calls = []

    def compute(tag):
        calls.append(tag)
        return tag

    def about_actions(tag):
        return datacache.cached("t-actions", compute=lambda: compute(tag), topics=("actions",))

    def about_everything(tag):
        return datacache.cached("t-all", compute=lambda: compute(tag))

    assert about_actions("a1") == "a1" and about_everything("e1") == "e1"
    services.comment_create(action=draft_action, user=member, text="Wie trekt dit?")
    assert about_actions("a2") == "a1"  # a comment is no action data: still cached
    assert about_everything("e2") == "e2"  # a value without topics depends on every write
    draft_action.title = "Vervoer op maat, herwerkt"
    draft_action.save()
    assert about_actions("a3") == "a3"
    datacache.bump()  # no topics: everything
    assert about_actions("a4") == "a4"
    assert calls == ["a1", "e1", "e2", "a3", "a4"]
