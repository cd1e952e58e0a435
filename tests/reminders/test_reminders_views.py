"""The pages "Herinneringen" and "Voorkeuren herinneringen"."""

import re
import uuid

import pytest
from django.urls import reverse

from monitoring.models import ReminderKind, ReminderPreference, SendState, SentReminder
from tests import factories as f
from tests.conftest import ROLES, login

pytestmark = pytest.mark.django_db

LIST = reverse("reminder_list")
PREFS = reverse("reminder_preferences")


def sent(recipient, *, kind=ReminderKind.STATUS_DUE, reason="MOB-01 stand van zaken te laat", item_id=1,
         intended_for=None, state=SendState.SENT, period="due:2026-09-01:w0"):
    return SentReminder.objects.create(
        recipient=recipient, intended_for=intended_for, kind=kind, item_type="action", item_id=item_id,
        period=period, reason=reason, url="/acties/1/", state=state, batch=uuid.uuid4(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", [LIST, PREFS])
def test_permission_matrix(client, users, role, url):
    response = login(client, users[role]).get(url)
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    else:
        assert response.status_code == 200


def test_a_user_sees_only_what_was_sent_to_them(client, member, chair, domain_contact):
    sent(member, reason="Voor het lid")
    sent(chair, reason="Voor de voorzitter")

    html = login(client, member).get(LIST).content.decode()

    assert "Voor het lid" in html and "Voor de voorzitter" not in html
    assert "voorzitter@example.be" not in html


def test_a_user_sees_what_went_to_their_delegate(client, domain_contact, domain):
    colleague = f.user("collega", first_name="Cas", last_name="Collega", contact_domains=[domain])
    sent(colleague, intended_for=domain_contact, reason="Milestone in uw plaats")

    html = login(client, domain_contact).get(LIST).content.decode()

    assert "Milestone in uw plaats" in html
    assert "In uw plaats verstuurd naar Cas Collega." in re.sub(r"</?bdi>", "", html)


def test_a_coordinator_sees_what_was_sent_to_whom_with_the_reason(client, coordinator, member, chair):
    sent(member, reason="Voor het lid")
    sent(chair, reason="Voor de voorzitter", state=SendState.FAILED)

    html = login(client, coordinator).get(LIST).content.decode()

    assert "Voor het lid" in html and "Voor de voorzitter" in html
    assert "lid@example.be" in html and "voorzitter@example.be" in html
    assert "mislukt" in html


def test_a_coordinator_filters_by_recipient_kind_and_state(client, coordinator, member, chair):
    sent(member, reason="Voor het lid", kind=ReminderKind.MILESTONE)
    sent(chair, reason="Voor de voorzitter", kind=ReminderKind.PHASE_DEADLINE)

    html = login(client, coordinator).get(LIST, {"recipient": "voorzitter"}).content.decode()
    assert "Voor de voorzitter" in html and "Voor het lid" not in html
    html = client.get(LIST, {"kind": "milestone"}).content.decode()
    assert "Voor het lid" in html and "Voor de voorzitter" not in html
    html = client.get(LIST, {"state": "failed"}).content.decode()
    assert "Geen herinneringen gevonden met deze filters." in html


def test_the_recipient_filter_is_for_coordinators_only(client, member, chair):
    sent(member, reason="Voor het lid")
    html = login(client, member).get(LIST, {"recipient": "voorzitter"}).content.decode()
    assert 'name="recipient"' not in html
    assert "Voor het lid" in html


def test_a_reversed_date_range_is_explained(client, member):
    html = login(client, member).get(LIST, {"since": "2026-10-01", "until": "2026-09-01"}).content.decode()
    assert "De einddatum ligt vóór de begindatum." in html


def test_the_list_is_paginated(client, coordinator, member):
    for n in range(55):
        sent(member, item_id=n + 1, reason=f"Herinnering {n + 1}")
    html = login(client, coordinator).get(LIST).content.decode()
    assert "55 herinneringen" in html and "Pagina 1 van 2" in html
    assert "Herinnering 55" in html and "Herinnering 1<" not in html
    html = client.get(LIST, {"page": 2}).content.decode()
    assert "Herinnering 1<" in html


@pytest.mark.parametrize("role", ["coordinator", "member"])
@pytest.mark.parametrize("rows", [1, 50])
def test_list_query_count_does_not_grow(client, users, role, rows, django_assert_num_queries):
    member, other = users["member"], users["chair"]
    for n in range(rows):
        sent(member, item_id=n + 1, intended_for=other if n % 2 else None)
    login(client, users[role])
    # session, user, permissions (profile, memberships, profile domains), count, one page of rows
    with django_assert_num_queries(7):
        response = client.get(LIST)
    assert response.status_code == 200


# --------------------------------------------------------------------------- preferences
def test_mandatory_reminders_are_explained_not_switchable(client, domain_contact):
    html = login(client, domain_contact).get(PREFS).content.decode()
    assert "Deze herinneringen kunt u niet afzetten" in html
    assert "Stand van zaken verwacht" in html
    assert 'name="coordinator_digest"' not in html and 'name="group_digest"' not in html


def test_a_coordinator_switches_the_weekly_digest_off(client, coordinator):
    html = login(client, coordinator).get(PREFS).content.decode()
    assert 'name="coordinator_digest"' in html and "checked" in html

    response = client.post(PREFS, {"delegate": ""})

    assert response.status_code == 302
    assert ReminderPreference.objects.get(user=coordinator).coordinator_digest is False


def test_a_member_opts_in_to_the_group_digest(client, member):
    assert 'name="group_digest"' in login(client, member).get(PREFS).content.decode()
    client.post(PREFS, {"group_digest": "on"})
    assert ReminderPreference.objects.get(user=member).group_digest is True


def test_a_contact_delegates_to_a_colleague_of_the_same_domain(client, domain_contact, domain):
    colleague = f.user("collega", first_name="Cas", last_name="Collega", contact_domains=[domain])
    html = login(client, domain_contact).get(PREFS).content.decode()
    assert "Cas Collega (collega@example.be)" in html

    response = client.post(PREFS, {"delegate": colleague.pk}, follow=True)

    assert "Uw voorkeuren voor herinneringen zijn bewaard." in response.content.decode()
    assert ReminderPreference.objects.get(user=domain_contact).delegate == colleague


def test_a_member_delegates_to_a_colleague_of_their_membership_domain(client, group, domain):
    a = f.user("a-lid")
    b = f.user("b-lid")
    f.membership(a, group, policy_domain=domain)
    f.membership(b, group, policy_domain=domain)
    response = login(client, a).post(PREFS, {"delegate": b.pk})
    assert response.status_code == 302


def test_delegating_to_another_domain_is_refused_with_a_clear_message(client, domain_contact, other_domain):
    stranger = f.user("vreemde", first_name="Vic", last_name="Vreemd", contact_domains=[other_domain])

    response = login(client, domain_contact).post(PREFS, {"delegate": stranger.pk})

    assert response.status_code == 400
    assert "Vic Vreemd is geen collega van hetzelfde beleidsdomein." in response.content.decode()
    assert not ReminderPreference.objects.filter(user=domain_contact, delegate__isnull=False).exists()


def test_delegating_to_yourself_is_refused(client, domain_contact):
    response = login(client, domain_contact).post(PREFS, {"delegate": domain_contact.pk})
    assert response.status_code == 400
    assert "U kunt uw herinneringen niet naar uzelf doorsturen." in response.content.decode()


def test_someone_without_a_domain_cannot_delegate(client, member, chair):
    response = login(client, member).post(PREFS, {"delegate": chair.pk})
    assert response.status_code == 400
    assert "U bent aan geen beleidsdomein verbonden" in response.content.decode()


def test_a_coordinator_delegates_to_another_coordinator(client, coordinator):
    other = f.user("coord2", is_coordinator=True)
    response = login(client, coordinator).post(PREFS, {"delegate": other.pk, "coordinator_digest": "on"})
    assert response.status_code == 302
    assert ReminderPreference.objects.get(user=coordinator).delegate == other
