"""Action pages: list, create, edit (with lost-update protection), detail, comments, transitions."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actieplan.actions import services
from actieplan.models import Action, Comment, Status, StatusChange
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _form_data(barrier, **overrides):
    data = {
        "code": "",
        "title": "Vervoer op maat naar opleiding en werk",
        "description": "Werkzoekenden zonder rijbewijs krijgen vervoer op maat.",
        "intended_result": "Minder uitval door mobiliteitsproblemen.",
        "primary_barrier": barrier.pk,
        "level": "flemish",
        "instrument_type": "service",
        "budget_impact": "neutral",
        "budget_estimate": "",
        "planned_start": "2026-07-01",
        "planned_end": "2026-12-31",
    }
    data.update(overrides)
    return data


def _edit_data(action, **overrides):
    data = _form_data(action.primary_barrier, code=action.code, title=action.title,
                      description=action.description, version=action.version)
    data.update(overrides)
    return data


# --------------------------------------------------------------------------- list
class TestActionList:
    def test_it_shows_visible_actions_with_dutch_status_labels(self, client, member, draft_action, submitted_action):
        html = login(client, member).get(reverse("action_list")).content.decode()
        assert draft_action.code in html
        assert submitted_action.code in html
        assert '<span class="badge badge--draft">concept</span>' in html
        assert '<span class="badge badge--submitted">ingediend</span>' in html

    def test_it_hides_drafts_of_other_groups(self, client, other_member, draft_action, submitted_action):
        html = login(client, other_member).get(reverse("action_list")).content.decode()
        assert draft_action.code not in html
        assert submitted_action.code in html

    def test_cabinet_reads_the_list(self, client, cabinet, submitted_action):
        response = login(client, cabinet).get(reverse("action_list"))
        assert response.status_code == 200
        assert submitted_action.code in response.content.decode()

    def test_it_filters_by_status_and_search(self, client, coordinator, group, barrier):
        f.action(working_group=group, primary_barrier=barrier, code="MOB-01", title="Deelfietsen voor werkzoekenden")
        f.action(working_group=group, primary_barrier=barrier, code="MOB-02", title="Busabonnement", status="submitted")
        login(client, coordinator)
        html = client.get(reverse("action_list"), {"status": "submitted"}).content.decode()
        assert "MOB-02" in html and "MOB-01" not in html
        html = client.get(reverse("action_list"), {"search": "deelfiets"}).content.decode()
        assert "MOB-01" in html and "MOB-02" not in html
        assert "1 actie gevonden" in html

    def test_filtering_on_several_statuses_lists_each_action_once_without_distinct(
            self, client, coordinator, group, barrier, target_group):
        for n, status in enumerate(["draft", "submitted", "retained"], start=1):
            f.action(working_group=group, primary_barrier=barrier, code=f"MOB-0{n}", status=status,
                     target_groups=[target_group])
        login(client, coordinator)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("action_list"), {"status": ["submitted", "retained"]}).content.decode()
        assert html.count(">MOB-02<") == 1 and html.count(">MOB-03<") == 1 and ">MOB-01<" not in html
        assert "2 acties gevonden" in html
        assert not any("SELECT DISTINCT" in q["sql"] for q in queries.captured_queries)

    def test_it_shows_an_empty_state(self, client, coordinator):
        html = login(client, coordinator).get(reverse("action_list"), {"search": "bestaatniet"}).content.decode()
        assert "Geen acties gevonden met deze filters." in html

    def test_it_sorts_by_column_and_marks_the_sorted_column(self, client, coordinator, group, barrier):
        f.action(working_group=group, primary_barrier=barrier, code="MOB-01", title="Bbbb")
        f.action(working_group=group, primary_barrier=barrier, code="MOB-02", title="Aaaa")
        login(client, coordinator)
        html = client.get(reverse("action_list"), {"ordering": "title"}).content.decode()
        assert html.index("Aaaa") < html.index("Bbbb")
        assert 'aria-sort="ascending"' in html
        assert "ordering=-title" in html  # the link to reverse the order
        html = client.get(reverse("action_list"), {"ordering": "-title"}).content.decode()
        assert html.index("Bbbb") < html.index("Aaaa")
        assert 'aria-sort="descending"' in html

    def test_it_paginates_25_per_page_keeping_the_filters(self, client, coordinator, group, barrier):
        for n in range(30):
            f.action(working_group=group, primary_barrier=barrier, code=f"MOB-{n + 1:02d}")
        login(client, coordinator)
        html = client.get(reverse("action_list"), {"status": "draft"}).content.decode()
        assert "MOB-25" in html and "MOB-26" not in html
        assert "Pagina 1 van 2" in html
        assert "status=draft&amp;page=2" in html
        html = client.get(reverse("action_list"), {"status": "draft", "page": 2}).content.decode()
        assert "MOB-26" in html and "MOB-25" not in html

    def test_it_renders_the_status_filter_as_labelled_checkboxes(self, client, coordinator):
        html = login(client, coordinator).get(reverse("action_list")).content.decode()
        assert '<legend class="field__label">Status</legend>' in html
        assert 'type="checkbox" name="status" value="submitted"' in html
        assert '<label class="field__label" for="id_search">Zoeken</label>' in html

    @pytest.mark.parametrize("rows", [1, 50])
    def test_query_count_does_not_grow_with_rows(self, client, member, group, barrier, domain, rows,
                                                  django_assert_num_queries):
        for n in range(rows):
            a = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code=f"MOB-{n + 1:02d}")
            a.target_groups.set([f.target_group()])
        login(client, member)
        # 1 session, 2 user, 3 profile, 4 memberships, 5 profile domains (permissions),
        # 6-9 the four choice lists of the filter form (barrier, target group, working group, lead domain),
        # 10 count, 11 one page of actions with barrier, group, proposing and lead domain.
        with django_assert_num_queries(11):
            response = client.get(reverse("action_list"))
        assert response.status_code == 200


# --------------------------------------------------------------------------- create
class TestActionCreate:
    def url(self, group):
        return reverse("action_create") + f"?working_group={group.pk}"

    @pytest.mark.parametrize("role", ["member", "chair", "coordinator"])
    def test_group_members_chairs_and_coordinators_create(self, client, users, group, barrier, role):
        login(client, users[role])
        assert client.get(self.url(group)).status_code == 200
        response = client.post(self.url(group), _form_data(barrier))
        action = Action.objects.get()
        assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
        assert action.code == "MOB-01"  # generated by the service
        assert action.status == Status.DRAFT
        assert action.created_by == users[role]
        assert action.planned_start == date(2026, 7, 1)

    @pytest.mark.parametrize("role", ["other_member", "domain_contact", "cabinet"])
    def test_others_get_403(self, client, users, group, barrier, role):
        login(client, users[role])
        assert client.get(self.url(group)).status_code == 403
        assert client.post(self.url(group), _form_data(barrier)).status_code == 403
        assert not Action.objects.exists()

    def test_a_domain_contact_proposes_for_their_domain(self, client, domain_contact, domain, barrier):
        login(client, domain_contact)
        url = reverse("action_create") + f"?domain={domain.pk}"
        response = client.post(url, _form_data(barrier))
        action = Action.objects.get()
        assert response.status_code == 302
        assert action.proposing_domain == domain and action.working_group is None
        assert action.code == "MOW-01"

    def test_without_a_proposer_it_offers_a_choice(self, client, member, group):
        html = login(client, member).get(reverse("action_create")).content.decode()
        assert f"?working_group={group.pk}" in html

    def test_cabinet_cannot_even_choose(self, client, cabinet):
        assert login(client, cabinet).get(reverse("action_create")).status_code == 403

    def test_it_stores_many_to_many_choices(self, client, member, group, barrier, other_barrier, target_group):
        login(client, member)
        data = _form_data(barrier, secondary_barriers=[other_barrier.pk], target_groups=[target_group.pk])
        client.post(self.url(group), data)
        action = Action.objects.get()
        assert list(action.secondary_barriers.all()) == [other_barrier]
        assert list(action.target_groups.all()) == [target_group]

    def test_the_form_labels_every_field_and_uses_date_inputs(self, client, member, group, target_group):
        html = login(client, member).get(self.url(group)).content.decode()
        for name in ("code", "title", "description", "primary_barrier", "lead_domain", "budget_estimate",
                     "planned_start", "planned_end", "instrument_type"):
            assert f'for="id_{name}"' in html, name
        assert 'type="date" name="planned_start"' in html
        assert 'type="checkbox" name="target_groups"' in html
        assert "<legend" in html

    @pytest.mark.parametrize(
        "overrides,field,message",
        [
            ({"title": ""}, "title", "Geef de actie een titel."),
            ({"title": "   "}, "title", "Geef de actie een titel."),
            ({"title": "x" * 201}, "title", "niet meer dan 200 tekens bevat (het zijn er nu 201)"),
            ({"description": ""}, "description", "Beschrijf de actie."),
            ({"primary_barrier": ""}, "primary_barrier", "Kies de drempel die de actie aanpakt."),
            ({"primary_barrier": "999999"}, "primary_barrier", "Selecteer een geldige keuze"),
            ({"primary_barrier": "abc"}, "primary_barrier", "Selecteer een geldige keuze"),
            ({"secondary_barriers": ["999999"]}, "secondary_barriers", "Selecteer een geldige keuze"),
            ({"planned_start": "morgen"}, "planned_start", "Voer een geldige datum in."),
            ({"budget_estimate": "-5"}, "budget_estimate", "Zorg ervoor dat deze waarde minstens 0 is."),
            ({"planned_start": "2027-01-01", "planned_end": "2026-01-01"}, "planned_end", "vóór de geplande start"),
            ({"code": "mob 3"}, "code", "hoofdletters of cijfers"),
        ],
    )
    def test_bad_input_gives_a_dutch_error_and_stores_nothing(self, client, member, group, barrier,
                                                               overrides, field, message):
        login(client, member)
        response = client.post(self.url(group), _form_data(barrier, **overrides))
        html = response.content.decode()
        assert response.status_code == 400
        assert message in html
        assert f'id="id_{field}_error"' in html  # the error is tied to its field
        assert "Er is iets mis met uw invoer" in html
        assert not Action.objects.exists()

    def test_errors_are_announced_on_the_input(self, client, member, group, barrier):
        login(client, member)
        html = client.post(self.url(group), _form_data(barrier, title="")).content.decode()
        assert 'aria-describedby="id_title_helptext id_title_error"' in html
        assert 'aria-invalid="true"' in html

    def test_a_duplicate_code_is_refused(self, client, member, group, barrier, draft_action):
        login(client, member)
        response = client.post(self.url(group), _form_data(barrier, code=draft_action.code))
        assert response.status_code == 400
        assert "bestaat al in deze werkgroep" in response.content.decode()
        assert Action.objects.count() == 1

    def test_a_script_tag_in_the_title_is_shown_escaped(self, client, member, group, barrier):
        login(client, member)
        client.post(self.url(group), _form_data(barrier, title="<script>alert('x')</script> Jobbus"))
        action = Action.objects.get()
        html = client.get(action.get_absolute_url()).content.decode()
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Jobbus" in html
        assert "<script>alert" not in html
        html = client.get(reverse("action_list")).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;" in html

    def test_an_unknown_group_gives_404(self, client, coordinator):
        response = login(client, coordinator).get(reverse("action_create") + "?working_group=999999")
        assert response.status_code == 404


# --------------------------------------------------------------------------- edit
class TestActionEdit:
    @pytest.mark.parametrize("role", ["member", "chair", "coordinator"])
    def test_a_draft_is_edited_by_its_group_and_coordinators(self, client, users, draft_action, role):
        login(client, users[role])
        url = reverse("action_edit", args=[draft_action.pk])
        html = client.get(url).content.decode()
        assert f'name="version" value="{draft_action.version}"' in html
        response = client.post(url, _edit_data(draft_action, title="Nieuwe titel"))
        assert response.status_code == 302
        draft_action.refresh_from_db()
        assert draft_action.title == "Nieuwe titel"
        assert draft_action.version == 2

    @pytest.mark.parametrize("role", ["other_member", "domain_contact", "cabinet"])
    def test_others_get_404_on_a_draft_like_on_a_missing_id(self, client, users, draft_action, role):
        login(client, users[role])
        url = reverse("action_edit", args=[draft_action.pk])
        assert client.get(url).status_code == 404
        assert client.get(reverse("action_edit", args=[draft_action.pk + 1000])).status_code == 404
        assert client.post(url, _edit_data(draft_action, title="Gekaapt")).status_code == 404
        draft_action.refresh_from_db()
        assert draft_action.title != "Gekaapt"

    @pytest.mark.parametrize("role,status", [("member", 403), ("chair", 403), ("cabinet", 403), ("coordinator", 200)])
    def test_a_submitted_action_is_edited_by_coordinators_only(self, client, users, submitted_action, role, status):
        login(client, users[role])
        assert client.get(reverse("action_edit", args=[submitted_action.pk])).status_code == status

    def test_bad_input_stores_nothing(self, client, member, draft_action):
        login(client, member)
        old_title = draft_action.title
        response = client.post(reverse("action_edit", args=[draft_action.pk]), _edit_data(draft_action, title=""))
        assert response.status_code == 400
        assert "Geef de actie een titel." in response.content.decode()
        draft_action.refresh_from_db()
        assert draft_action.title == old_title and draft_action.version == 1

    def test_a_lost_update_is_refused_and_keeps_the_users_input(self, client, member, chair, draft_action):
        # The chair saves first, while the member still has version 1 open.
        services.action_update(action=draft_action, user=chair, data={"title": "Titel van de voorzitter"},
                               expected_version=1)
        login(client, member)
        url = reverse("action_edit", args=[draft_action.pk])
        response = client.post(url, _edit_data(draft_action, title="Titel van het lid", version=1,
                                               description="Mijn nieuwe beschrijving"))
        html = response.content.decode()
        assert response.status_code == 409
        assert "iemand anders wijzigde deze actie intussen" in html
        assert "Vera Voorzitter" in html  # by whom
        assert "Titel" in html and "Titel van de voorzitter" in html  # what changed: label, old → new
        assert 'value="Titel van het lid"' in html  # the member's input is kept
        assert "Mijn nieuwe beschrijving" in html
        assert 'name="version" value="2"' in html  # a second save overwrites knowingly
        draft_action.refresh_from_db()
        assert draft_action.title == "Titel van de voorzitter"

        response = client.post(url, _edit_data(draft_action, title="Titel van het lid", version=2))
        assert response.status_code == 302
        draft_action.refresh_from_db()
        assert draft_action.title == "Titel van het lid" and draft_action.version == 3

    def test_a_missing_version_is_refused(self, client, member, draft_action):
        login(client, member)
        data = _edit_data(draft_action)
        del data["version"]
        response = client.post(reverse("action_edit", args=[draft_action.pk]), data)
        assert response.status_code == 400
        assert "De versie van de actie ontbreekt" in response.content.decode()


# --------------------------------------------------------------------------- detail
class TestActionDetail:
    def test_it_shows_fields_in_belgian_format(self, client, member, group, barrier, domain, target_group):
        action = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-07",
                          planned_start=date(2026, 7, 1), planned_end=date(2027, 3, 31),
                          target_groups=[target_group], budget_impact="extra", budget_estimate=250000)
        html = login(client, member).get(action.get_absolute_url()).content.decode()
        assert "2026 K3 (01/07/2026)" in html
        assert "2027 K1 (31/03/2027)" in html
        assert target_group.name in html
        assert domain.name in html
        assert "extra middelen" in html

    @pytest.mark.parametrize("role,status", [
        ("member", 200), ("chair", 200), ("coordinator", 200),
        ("other_member", 404), ("domain_contact", 404), ("cabinet", 404),
    ])
    def test_drafts_are_seen_by_their_group_and_coordinators(self, client, users, draft_action, role, status):
        """Others get the 404 of a missing id, so the ids of drafts cannot be enumerated."""
        assert login(client, users[role]).get(draft_action.get_absolute_url()).status_code == status

    @pytest.mark.parametrize("role", ["other_member", "domain_contact", "cabinet"])
    def test_a_hidden_draft_answers_exactly_like_a_missing_id(self, client, users, draft_action, role):
        login(client, users[role])
        hidden = client.get(draft_action.get_absolute_url())
        missing = client.get(reverse("action_detail", args=[draft_action.pk + 1000]))
        assert hidden.status_code == missing.status_code == 404
        assert draft_action.title not in hidden.content.decode() and draft_action.code not in hidden.content.decode()

    @pytest.mark.parametrize("role", ["member", "other_member", "domain_contact", "cabinet", "coordinator"])
    def test_submitted_actions_are_seen_by_everybody(self, client, users, submitted_action, role):
        assert login(client, users[role]).get(submitted_action.get_absolute_url()).status_code == 200

    def test_it_shows_the_history_of_who_changed_what(self, client, member, chair, draft_action):
        services.action_update(action=draft_action, user=chair, data={"title": "Betere titel"}, expected_version=1)
        html = login(client, member).get(draft_action.get_absolute_url()).content.decode()
        assert "Geschiedenis" in html
        assert "Vera Voorzitter" in html
        assert "Betere titel" in html

    def test_it_offers_the_allowed_transitions_only(self, client, chair, member, draft_action):
        url = reverse("action_transition", args=[draft_action.pk]) + "?to=submitted"
        assert url in login(client, chair).get(draft_action.get_absolute_url()).content.decode()
        client.logout()
        assert url not in login(client, member).get(draft_action.get_absolute_url()).content.decode()

    def test_cabinet_sees_no_edit_button_or_comment_form(self, client, cabinet, submitted_action):
        html = login(client, cabinet).get(submitted_action.get_absolute_url()).content.decode()
        assert reverse("action_edit", args=[submitted_action.pk]) not in html
        assert reverse("comment_create", args=[submitted_action.pk]) not in html

    def test_status_changes_show_their_reason(self, client, coordinator, submitted_action):
        services.action_transition(action=submitted_action, to="draft", user=coordinator, reason="Te vaag")
        html = login(client, coordinator).get(submitted_action.get_absolute_url()).content.decode()
        assert "ingediend → concept" in html
        assert "Te vaag" in html


# --------------------------------------------------------------------------- comments
class TestComments:
    @pytest.mark.parametrize("role", ["member", "chair", "coordinator", "domain_contact"])
    def test_the_allowed_roles_comment(self, client, users, submitted_action, role):
        login(client, users[role])
        response = client.post(reverse("comment_create", args=[submitted_action.pk]), {"text": "Goed <b>idee</b>"})
        assert response.status_code == 302
        assert Comment.objects.get().author == users[role]
        html = client.get(submitted_action.get_absolute_url()).content.decode()
        assert "Goed &lt;b&gt;idee&lt;/b&gt;" in html

    @pytest.mark.parametrize("role", ["other_member", "cabinet"])
    def test_others_get_403(self, client, users, submitted_action, role):
        login(client, users[role])
        response = client.post(reverse("comment_create", args=[submitted_action.pk]), {"text": "Hallo"})
        assert response.status_code == 403
        assert not Comment.objects.exists()

    def test_an_empty_comment_gives_a_dutch_error(self, client, member, draft_action):
        login(client, member)
        response = client.post(reverse("comment_create", args=[draft_action.pk]), {"text": "  "})
        assert response.status_code == 400
        assert "Schrijf eerst een opmerking." in response.content.decode()
        assert not Comment.objects.exists()

    def test_a_too_long_comment_is_refused(self, client, member, draft_action):
        login(client, member)
        response = client.post(reverse("comment_create", args=[draft_action.pk]), {"text": "x" * 5001})
        assert response.status_code == 400
        assert "niet meer dan 5000 tekens" in response.content.decode()
        assert not Comment.objects.exists()

    def test_comments_need_post(self, client, member, draft_action):
        assert login(client, member).get(reverse("comment_create", args=[draft_action.pk])).status_code == 405


# --------------------------------------------------------------------------- transitions
class TestTransition:
    def url(self, action, to):
        return reverse("action_transition", args=[action.pk]) + f"?to={to}"

    def test_the_chair_submits_after_confirmation(self, client, chair, draft_action):
        login(client, chair)
        html = client.get(self.url(draft_action, "submitted")).content.decode()
        assert "Indienen voor afstemming" in html
        assert 'for="id_reason"' in html
        response = client.post(self.url(draft_action, "submitted"), {"to": "submitted", "reason": ""})
        assert response.status_code == 302
        draft_action.refresh_from_db()
        assert draft_action.status == Status.SUBMITTED
        assert StatusChange.objects.get().by == chair

    @pytest.mark.parametrize("role,status", [("member", 403), ("other_member", 404), ("domain_contact", 404),
                                             ("cabinet", 404)])
    def test_others_may_not_submit(self, client, users, draft_action, role, status):
        """A member sees the draft but may not submit it (403); others do not see it (404)."""
        login(client, users[role])
        assert client.get(self.url(draft_action, "submitted")).status_code == status
        response = client.post(self.url(draft_action, "submitted"), {"to": "submitted"})
        assert response.status_code == status
        draft_action.refresh_from_db()
        assert draft_action.status == Status.DRAFT

    def test_sending_back_requires_a_reason(self, client, coordinator, submitted_action):
        login(client, coordinator)
        html = client.get(self.url(submitted_action, "draft")).content.decode()
        assert "Terugsturen" in html and "Verplicht" in html
        response = client.post(self.url(submitted_action, "draft"), {"to": "draft", "reason": " "})
        assert response.status_code == 400
        assert "Geef een reden op." in response.content.decode()
        submitted_action.refresh_from_db()
        assert submitted_action.status == Status.SUBMITTED
        response = client.post(self.url(submitted_action, "draft"), {"to": "draft", "reason": "Graag concreter"})
        assert response.status_code == 302
        submitted_action.refresh_from_db()
        assert submitted_action.status == Status.DRAFT

    def test_a_transition_that_does_not_exist_is_refused_in_dutch(self, client, coordinator, draft_action):
        login(client, coordinator)
        response = client.post(self.url(draft_action, "completed"), {"to": "completed"})
        html = response.content.decode()
        assert response.status_code == 409
        assert "kan niet naar ‘gerealiseerd’" in html
        assert "Er is niets gewijzigd." in html
        draft_action.refresh_from_db()
        assert draft_action.status == Status.DRAFT

    def test_an_unknown_status_is_refused(self, client, coordinator, draft_action):
        response = login(client, coordinator).get(self.url(draft_action, "<b>x</b>"))
        assert response.status_code == 400
        assert "Onbekende status ‘&lt;b&gt;x&lt;/b&gt;’" in response.content.decode()

    def test_submitting_twice_is_refused_without_change(self, client, chair, draft_action):
        login(client, chair)
        client.post(self.url(draft_action, "submitted"), {"to": "submitted"})
        response = client.post(self.url(draft_action, "submitted"), {"to": "submitted"})
        assert response.status_code == 409
        assert StatusChange.objects.count() == 1
