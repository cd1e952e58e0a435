"""Inviting a person: the e-mail with a one-time link, setting a password, expiry, reuse, resend, revoke."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.accounts.helpers import events, last_link

PASSWORD = "Zomerreces-2026!"


@pytest.fixture
def invite(client, coordinator, group, domain):
    def do(email="nina.nieuw@vlaanderen.be", **extra):
        client.force_login(coordinator)
        data = {"first_name": "Nina", "last_name": "Nieuw", "email": email, "role": "member",
                f"group_{group.pk}": "chair", **extra}
        response = client.post(reverse("user_invite"), data)
        client.logout()
        return response
    return do


def _accept(client, link, password=PASSWORD):
    return client.post(link, {"new_password1": password, "new_password2": password})


def test_it_invites_and_the_person_sets_a_password_and_is_signed_in(client, invite, coordinator, group,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite()
    assert response.status_code == 302
    person = get_user_model().objects.get(email="nina.nieuw@vlaanderen.be")
    assert mail.outbox[-1].to == ["nina.nieuw@vlaanderen.be"]
    assert "Uitnodiging" in mail.outbox[-1].subject
    link = last_link()

    client.force_login(coordinator)
    listing = client.get(reverse("user_list"), {"status": "invited"}).content.decode()
    assert "Nina Nieuw" in listing and "uitgenodigd" in listing
    client.logout()

    page = client.get(link)
    assert "Welkom, Nina Nieuw" in page.content.decode()
    response = _accept(client, link)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert home.wsgi_request.user == person
    assert client.login(username=person.username, password=PASSWORD)
    assert person.memberships.get().working_group == group and person.memberships.get().role == "chair"
    assert events(person) == ["roles_changed", "invitation_sent", "invitation_accepted", "login", "login"]


def test_a_used_link_is_refused(client, invite, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite()
    link = last_link()
    _accept(client, link)
    client.logout()
    again = _accept(client, link, "Ander-wachtwoord-77")
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    person = get_user_model().objects.get(email="nina.nieuw@vlaanderen.be")
    assert person.check_password(PASSWORD)


def test_an_expired_link_is_refused(client, invite, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite()
    link = last_link()
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client.get(link)
        assert response.status_code == 410
        assert "verlopen" in response.content.decode()
        assert _accept(client, link).status_code == 410
    assert not get_user_model().objects.get(email="nina.nieuw@vlaanderen.be").has_usable_password()


def test_a_resent_invitation_replaces_the_old_link_and_a_revoked_one_stops_working(
        client, invite, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite()
    first = last_link()
    person = get_user_model().objects.get(email="nina.nieuw@vlaanderen.be")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("user_invitation_send", args=[person.pk]))
    second = last_link()
    assert first != second
    client.post(reverse("user_invitation_revoke", args=[person.pk]))
    client.logout()
    assert client.get(first).status_code == 410
    revoked = client.get(second)
    assert revoked.status_code == 410 and "ingetrokken" in revoked.content.decode()
    assert client.get(reverse("invitation_accept", args=["onbestaande-sleutel"])).status_code == 404
    assert events(person).count("invitation_revoked") == 1


def test_an_address_that_exists_is_refused_in_dutch(client, invite, member):
    response = invite(email=member.email.upper())
    assert response.status_code == 200
    assert "Er bestaat al een gebruiker met dit e-mailadres." in response.content.decode()
    assert not mail.outbox
