"""The home page per role."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_a_member_sees_my_working_groups(client, member, group, draft_action):
    html = login(client, member).get(reverse("home")).content.decode()
    assert "Mijn werkgroepen" in html
    assert group.name in html
    assert "U bent lid." in html
    assert reverse("group_submit", args=[group.pk]) not in html


def test_a_chair_gets_the_submit_link_when_there_are_drafts(client, chair, group, draft_action):
    html = login(client, chair).get(reverse("home")).content.decode()
    assert "U bent voorzitter." in html
    assert reverse("group_submit", args=[group.pk]) in html


def test_a_coordinator_sees_the_overview(client, coordinator, group, draft_action, submitted_action):
    html = login(client, coordinator).get(reverse("home")).content.decode()
    assert "Overzicht van alle acties" in html
    assert group.name in html
    assert f"{reverse('action_list')}?status=submitted" in html


def test_a_domain_contact_sees_my_policy_domain(client, domain_contact, domain, submitted_action, draft_action):
    html = login(client, domain_contact).get(reverse("home")).content.decode()
    assert "Mijn beleidsdomein" in html
    assert f"?domain={domain.pk}" in html
    assert submitted_action.code in html  # led by the contact's domain
    assert draft_action.code not in html  # drafts of a group are not theirs to see


def test_cabinet_gets_reading_links_and_no_create_link(client, cabinet, submitted_action):
    html = login(client, cabinet).get(reverse("home")).content.decode()
    assert "Raadplegen" in html
    assert reverse("action_list") in html
    assert reverse("action_create") not in html


def test_the_navigation_follows_the_role(client, member, cabinet):
    html = login(client, member).get(reverse("home")).content.decode()
    assert 'aria-label="Hoofdnavigatie"' in html and "Nieuwe actie" in html
    client.logout()
    html = login(client, cabinet).get(reverse("home")).content.decode()
    assert "Nieuwe actie" not in html


@pytest.mark.parametrize("rows", [1, 50])
def test_home_query_count_does_not_grow(client, users, group, barrier, domain, rows, django_assert_num_queries):
    for n in range(rows):
        f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code=f"MOB-{n + 1:02d}",
                 status="submitted")
        f.working_group()
    coordinator, chair, contact = users["coordinator"], users["chair"], users["domain_contact"]
    # Coordinator: 1 session, 2 user, 3 profile, 4 memberships, 5 profile domains, 6 status counts, 7 groups,
    # 8-15 "Te doen" (one aggregate per kind, inbox.selectors: 7 kinds + the monitoring settings),
    # 16-17 where the process stands (phases, rounds).
    login(client, coordinator)
    with django_assert_num_queries(17):
        assert client.get(reverse("home")).status_code == 200
    client.logout()
    # Chair: 1-5 as above, 6 own groups with counts, 7 their barriers, 8-12 "Te doen" (5 kinds), 13-14 process.
    login(client, chair)
    with django_assert_num_queries(14):
        assert client.get(reverse("home")).status_code == 200
    client.logout()
    # Domain contact: 1-5 as above, 6 domains, 7 actions of the domain, 8-14 "Te doen" (6 kinds + settings),
    # 15-16 process (phases, rounds).
    login(client, contact)
    with django_assert_num_queries(16):
        assert client.get(reverse("home")).status_code == 200
