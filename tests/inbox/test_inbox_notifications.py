"""Notifications in the application (/meldingen/, the bell) and through the API (/api/v1/me/…)."""

import uuid

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from inbox.models import NotificationRead
from monitoring.models import ReminderKind, SendState, SentReminder
from tests.conftest import login


def _notification(user, *, reason="MOB-10: stand van zaken te laat", url="/acties/", period="p1",
                  state=SendState.SENT):
    return SentReminder.objects.create(
        recipient=user, kind=ReminderKind.STATUS_DUE, item_type="action", item_id=1, period=period,
        reason=reason, url=url, state=state, batch=uuid.uuid4())


@pytest.fixture
def api():
    return APIClient()


# --------------------------------------------------------------------------- pages
def test_it_lists_what_was_mailed_to_me_newest_first_with_the_unread_marked(client, member):
    _notification(member, reason="Eerste melding", period="p1")
    _notification(member, reason="Tweede melding", period="p2")
    html = login(client, member).get(reverse("notification_list")).content.decode()
    assert html.index("Tweede melding") < html.index("Eerste melding")
    assert html.count("notification--unread") == 2
    assert "2 meldingen" in html


def test_opening_a_notification_marks_it_read_and_goes_where_it_points(client, member, draft_action):
    n = _notification(member, url=reverse("action_detail", args=[draft_action.pk]))
    response = login(client, member).get(reverse("notification_open", args=[n.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("action_detail", args=[draft_action.pk])
    assert NotificationRead.objects.filter(user=member, reminder=n).exists()
    html = client.get(reverse("notification_list")).content.decode()
    assert "notification--unread" not in html


def test_a_notification_pointing_elsewhere_stays_in_the_application(client, member):
    n = _notification(member, url="//evil.example/phish")
    response = login(client, member).get(reverse("notification_open", args=[n.pk]))
    assert response["Location"] == reverse("notification_list")


def test_someone_elses_notification_is_not_found(client, member, chair):
    n = _notification(member)
    assert login(client, chair).get(reverse("notification_open", args=[n.pk])).status_code == 404
    assert not NotificationRead.objects.exists()


def test_mark_all_read(client, member):
    _notification(member, period="p1")
    _notification(member, period="p2")
    response = login(client, member).post(reverse("notifications_read_all"), follow=True)
    assert "2 meldingen als gelezen gemarkeerd." in response.content.decode()
    assert NotificationRead.objects.filter(user=member).count() == 2


def test_the_header_has_a_bell_linking_to_the_notifications(client, member):
    html = login(client, member).get(reverse("home")).content.decode()
    assert 'data-inbox-bell' in html and reverse("notification_list") in html
    assert "js/inbox_bell" in html and "cdn" not in html.lower()


def test_anonymous_users_are_sent_to_the_login_page(client):
    assert client.get(reverse("notification_list")).status_code == 302


def test_the_list_query_count_does_not_grow(client, member, django_assert_num_queries):
    _notification(member, period="p0")
    login(client, member).get(reverse("notification_list"))
    # session, user, profile, memberships, profile domains (permissions in the header); count; one page
    with django_assert_num_queries(7):
        assert client.get(reverse("notification_list")).status_code == 200
    for i in range(1, 30):
        _notification(member, period=f"p{i}")
    with django_assert_num_queries(7):
        assert client.get(reverse("notification_list")).status_code == 200


# --------------------------------------------------------------------------- API
def test_api_lists_my_notifications_with_their_read_state(api, member, chair):
    mine = _notification(member, reason="Voor mij")
    _notification(chair, reason="Voor de voorzitter")
    api.force_authenticate(member)
    data = api.get("/api/v1/me/notifications/").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["id"] == mine.pk and row["reason"] == "Voor mij" and row["is_read"] is False
    assert row["open_url"] == reverse("notification_open", args=[mine.pk])


def test_api_marks_a_notification_read(api, member):
    n = _notification(member, period="p1")
    _notification(member, period="p2")
    api.force_authenticate(member)
    response = api.post(f"/api/v1/me/notifications/{n.pk}/read/")
    assert response.status_code == 200
    assert response.json() == {"id": n.pk, "is_read": True, "unread_count": 1}
    assert api.get("/api/v1/me/notifications/?unread=true").json()["count"] == 1
    assert api.post(f"/api/v1/me/notifications/{n.pk}/read/").status_code == 200  # twice is fine


def test_api_refuses_someone_elses_notification_and_bad_ids(api, member, chair):
    n = _notification(member)
    api.force_authenticate(chair)
    assert api.post(f"/api/v1/me/notifications/{n.pk}/read/").status_code == 404
    assert api.post("/api/v1/me/notifications/abc/read/").status_code == 404
    assert api.post("/api/v1/me/notifications/99999999999999999999999/read/").status_code == 404
    assert not NotificationRead.objects.exists()


def test_api_refuses_a_bad_unread_flag(api, member):
    api.force_authenticate(member)
    response = api.get("/api/v1/me/notifications/?unread=misschien")
    assert response.status_code == 400 and "true of false" in response.content.decode()


def test_api_read_mark_answers_post_only(api, member):
    n = _notification(member)
    api.force_authenticate(member)
    assert api.get(f"/api/v1/me/notifications/{n.pk}/read/").status_code == 405


@pytest.mark.parametrize("url,method", [("/api/v1/me/tasks/", "get"), ("/api/v1/me/notifications/", "get"),
                                        ("/api/v1/me/notifications/1/read/", "post")])
def test_api_needs_a_signed_in_user(api, url, method):
    assert getattr(api, method)(url).status_code in (401, 403)
