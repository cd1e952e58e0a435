"""Working-group pages: list, detail, membership management and the chair's group submit."""

import re

import pytest
from django.urls import reverse

from actieplan.models import Status, StatusChange
from tests import factories as f
from tests.conftest import ROLES, login
from werkgroepen.models import Membership

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- list and detail
@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_every_signed_in_role_sees_the_group_list_and_page(client, users, group, role):
    login(client, users[role])
    assert group.name in client.get(reverse("group_list")).content.decode()
    assert client.get(reverse("group_detail", args=[group.pk])).status_code == 200


def test_the_group_page_lists_members_with_role_and_domain(client, member, chair, group, domain):
    organisation = f.organisation(name="VDAB")
    Membership.objects.filter(user=member).update(policy_domain=domain)
    Membership.objects.filter(user=chair).update(organisation=organisation)
    html = login(client, member).get(reverse("group_detail", args=[group.pk])).content.decode()
    assert "Lotte Lid" in html and "Vera Voorzitter" in html
    assert "voorzitter" in html and domain.name in html and "VDAB" in html


def test_the_group_page_lists_actions_with_status(client, member, group, draft_action, submitted_action):
    html = login(client, member).get(reverse("group_detail", args=[group.pk])).content.decode()
    assert draft_action.code in html and submitted_action.code in html
    assert '<span class="badge badge--submitted">ingediend</span>' in html


def test_outsiders_do_not_see_the_groups_drafts(client, other_member, group, draft_action, submitted_action):
    html = login(client, other_member).get(reverse("group_detail", args=[group.pk])).content.decode()
    assert draft_action.code not in html and submitted_action.code in html


def test_the_buttons_follow_the_role(client, chair, member, cabinet, group):
    manage = reverse("group_members", args=[group.pk])
    submit = reverse("group_submit", args=[group.pk])
    create = reverse("action_create") + f"?working_group={group.pk}"
    html = login(client, chair).get(reverse("group_detail", args=[group.pk])).content.decode()
    assert manage in html and submit in html and create in html
    html = login(client, member).get(reverse("group_detail", args=[group.pk])).content.decode()
    assert manage not in html and submit not in html and create in html
    html = login(client, cabinet).get(reverse("group_detail", args=[group.pk])).content.decode()
    assert manage not in html and submit not in html and create not in html


def test_an_unknown_group_gives_404(client, member):
    assert login(client, member).get(reverse("group_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("rows", [1, 50])
def test_group_page_query_count_does_not_grow_with_actions(client, member, chair, group, barrier, domain, rows,
                                                           django_assert_num_queries):
    for n in range(rows):
        f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code=f"MOB-{n + 1:02d}")
        f.membership(f.user(), group)
    login(client, member)
    # 1 session, 2 user, 3 profile, 4 memberships, 5 profile domains (permissions), 6 the group,
    # 7 the filter's working-group check, 8 count, 9 one page of actions with barrier, group and
    # domains, 10 members with user, policy domain and organisation.
    with django_assert_num_queries(10):
        response = client.get(reverse("group_detail", args=[group.pk]))
    assert response.status_code == 200


def test_group_page_shows_its_actions_a_page_at_a_time(client, member, group, barrier):
    for n in range(30):
        f.action(working_group=group, primary_barrier=barrier, code=f"MOB-{n + 1:02d}", title=f"Actie nummer {n + 1}")
    login(client, member)
    rows = re.compile(r'<td><a href="/acties/\d+/">')
    first = client.get(reverse("group_detail", args=[group.pk])).content.decode()
    assert len(rows.findall(first)) == 25
    assert "Pagina 1 van 2" in first and 'rel="next"' in first
    assert "Alle 30 acties in de actielijst" in first
    assert f'href="/acties/?working_group={group.pk}"' in first
    second = client.get(reverse("group_detail", args=[group.pk]) + "?page=2").content.decode()
    assert len(rows.findall(second)) == 5
    assert "Actie nummer 30" in second and "Actie nummer 1<" not in second
    assert client.get(reverse("group_detail", args=[group.pk]) + "?page=xyz").status_code == 200  # first page


@pytest.mark.parametrize("rows", [1, 50])
def test_group_list_query_count_does_not_grow(client, member, rows, django_assert_num_queries):
    for _ in range(rows):
        g = f.working_group()
        g.barriers.set([f.barrier()])
        g.target_groups.set([f.target_group()])
    login(client, member)
    # 1 session, 2 user, 3 profile, 4 memberships, 5 profile domains, 6 groups with member count,
    # 7 their barriers, 8 their target groups.
    with django_assert_num_queries(8):
        response = client.get(reverse("group_list"))
    assert response.status_code == 200


# --------------------------------------------------------------------------- membership
class TestMembers:
    @pytest.mark.parametrize("role,status", [
        ("chair", 200), ("coordinator", 200),
        ("member", 403), ("other_member", 403), ("domain_contact", 403), ("cabinet", 403),
    ])
    def test_only_the_chair_and_coordinators_manage_members(self, client, users, group, role, status):
        login(client, users[role])
        assert client.get(reverse("group_members", args=[group.pk])).status_code == status
        newcomer = f.user("nieuw")
        response = client.post(reverse("group_members", args=[group.pk]), {"username": "nieuw", "role": "member"})
        assert response.status_code == (302 if status == 200 else 403)
        assert Membership.objects.filter(user=newcomer, working_group=group).exists() == (status == 200)

    def test_a_chair_adds_a_member_with_domain(self, client, chair, group, domain):
        newcomer = f.user("nieuw", first_name="Nina", last_name="Nieuw")
        login(client, chair)
        response = client.post(
            reverse("group_members", args=[group.pk]),
            {"username": "nieuw", "role": "member", "policy_domain": domain.pk},
            follow=True,
        )
        membership = Membership.objects.get(user=newcomer)
        assert membership.working_group == group and membership.policy_domain == domain
        assert "Nina Nieuw is toegevoegd als lid." in response.content.decode()

    @pytest.mark.parametrize("data,message", [
        ({"username": "", "role": "member"}, "Geef de gebruikersnaam van het nieuwe lid op."),
        ({"username": "bestaatniet", "role": "member"}, "Er is geen actieve gebruiker met gebruikersnaam"),
        ({"username": "lid", "role": "member"}, "is al lid van deze werkgroep"),
        ({"username": "nieuw", "role": "baas"}, "Selecteer een geldige keuze"),
        ({"username": "nieuw", "role": "member", "policy_domain": "999999"}, "Selecteer een geldige keuze"),
    ])
    def test_bad_input_gives_a_dutch_error(self, client, chair, member, group, data, message):
        f.user("nieuw")
        login(client, chair)
        before = Membership.objects.count()
        response = client.post(reverse("group_members", args=[group.pk]), data)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert Membership.objects.count() == before

    def test_removal_asks_for_confirmation_then_deletes(self, client, chair, member, group):
        membership = Membership.objects.get(user=member)
        url = reverse("membership_delete", args=[group.pk, membership.pk])
        login(client, chair)
        response = client.get(url)
        assert "Bent u zeker dat u Lotte Lid (lid) uit Werkgroep Mobiliteit wilt verwijderen?" in response.content.decode()
        assert Membership.objects.filter(pk=membership.pk).exists()
        response = client.post(url)
        assert response.status_code == 302
        assert not Membership.objects.filter(pk=membership.pk).exists()

    @pytest.mark.parametrize("role", ["member", "other_member", "domain_contact", "cabinet"])
    def test_others_cannot_remove(self, client, users, group, role):
        membership = Membership.objects.get(user=users["member"])
        login(client, users[role])
        url = reverse("membership_delete", args=[group.pk, membership.pk])
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
        assert Membership.objects.filter(pk=membership.pk).exists()

    def test_a_membership_of_another_group_gives_404(self, client, chair, other_member, group):
        membership = Membership.objects.get(user=other_member)
        login(client, chair)
        assert client.post(reverse("membership_delete", args=[group.pk, membership.pk])).status_code == 404
        assert Membership.objects.filter(pk=membership.pk).exists()


# --------------------------------------------------------------------------- group submit
class TestGroupSubmit:
    def url(self, group):
        return reverse("group_submit", args=[group.pk])

    def test_the_chair_ticks_confirms_and_submits(self, client, chair, group, barrier, draft_action, submitted_action):
        second = f.action(working_group=group, primary_barrier=barrier, code="MOB-03", title="Tweede actie")
        login(client, chair)
        html = client.get(self.url(group)).content.decode()
        assert draft_action.code in html and second.code in html
        assert submitted_action.code not in html  # only drafts can be submitted

        response = client.post(self.url(group), {"step": "choose", "actions": [draft_action.pk, second.pk]})
        html = response.content.decode()
        assert "Bent u zeker dat u deze 2 acties wilt indienen voor afstemming?" in html
        assert "Tweede actie" in html
        draft_action.refresh_from_db()
        assert draft_action.status == Status.DRAFT  # nothing happens before confirmation

        response = client.post(self.url(group), {"step": "confirm", "actions": [draft_action.pk, second.pk]},
                               follow=True)
        assert "2 acties ingediend voor afstemming" in response.content.decode()
        draft_action.refresh_from_db()
        second.refresh_from_db()
        assert draft_action.status == second.status == Status.SUBMITTED
        assert StatusChange.objects.filter(by=chair).count() == 2

    def test_choosing_nothing_gives_a_dutch_error(self, client, chair, group, draft_action):
        login(client, chair)
        response = client.post(self.url(group), {"step": "choose"})
        assert response.status_code == 400
        assert "Kies minstens één actie om in te dienen." in response.content.decode()

    def test_an_action_of_another_group_or_already_submitted_is_refused(
        self, client, chair, group, other_group, barrier, submitted_action
    ):
        foreign = f.action(working_group=other_group, primary_barrier=barrier, code="ZORG-01")
        login(client, chair)
        for pk in (foreign.pk, submitted_action.pk, 999999):
            response = client.post(self.url(group), {"step": "confirm", "actions": [pk]})
            assert response.status_code == 400
            assert "kan niet (meer) ingediend worden" in response.content.decode()
        foreign.refresh_from_db()
        assert foreign.status == Status.DRAFT
        assert not StatusChange.objects.exists()

    def test_it_says_so_when_there_is_nothing_to_submit(self, client, chair, group, submitted_action):
        html = login(client, chair).get(self.url(group)).content.decode()
        assert "Er zijn geen conceptacties om in te dienen." in html

    @pytest.mark.parametrize("role", ["member", "other_member", "domain_contact", "cabinet"])
    def test_others_get_403(self, client, users, group, draft_action, role):
        login(client, users[role])
        assert client.get(self.url(group)).status_code == 403
        assert client.post(self.url(group), {"step": "confirm", "actions": [draft_action.pk]}).status_code == 403
        draft_action.refresh_from_db()
        assert draft_action.status == Status.DRAFT

    def test_a_coordinator_may_submit_too(self, client, coordinator, group, draft_action):
        login(client, coordinator)
        client.post(self.url(group), {"step": "confirm", "actions": [draft_action.pk]})
        draft_action.refresh_from_db()
        assert draft_action.status == Status.SUBMITTED


def test_the_add_form_suggests_users_who_are_not_yet_members(client, chair, member, group):
    f.user("kandidaat")
    html = login(client, chair).get(reverse("group_members", args=[group.pk])).content.decode()
    assert '<datalist id="user-suggestions">' in html
    assert '<option value="kandidaat">' in html
    assert '<option value="lid">' not in html
