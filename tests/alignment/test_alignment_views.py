"""HTML pages of the alignment workspace: board, compare and merge, undo, links, decision log, coverage."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actieplan.alignment import services as alignment_services, similarity
from actieplan.models import ActionLink, Comment, Merge, SimilarityDismissal, Status
from actieplan.actions.services import action_transition
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(group, other_group, barrier, domain, other_domain):
    a = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-40",
                 status=Status.SUBMITTED, title="Pendelshuttles naar bedrijventerreinen",
                 description="Shuttles vanaf het station naar het bedrijventerrein, afgestemd op de ploegenuren.")
    b = f.action(working_group=other_group, primary_barrier=barrier, lead_domain=other_domain, code="ZORG-40",
                 status=Status.SUBMITTED, title="Pendelbussen naar bedrijventerreinen met ploegenarbeid",
                 description="Pendelbussen vanaf het station, afgestemd op de ploegenuren van de bedrijven.")
    b.target_groups.set([f.target_group(name="Kortgeschoolden 25-64")])
    similarity.reindex_all()
    return a, b


# --------------------------------------------------------------------------- board
def test_board_groups_submitted_actions_by_barrier_with_overlap_counts(client, coordinator, pair, barrier):
    a, b = pair
    login(client, coordinator)
    response = client.get(reverse("alignment_board"))
    html = response.content.decode()
    assert barrier.name in html
    assert "MOB-40" in html and "ZORG-40" in html
    assert reverse("alignment_compare", args=[a.pk, b.pk]) in html
    assert reverse("alignment_merge", args=[a.pk]) in html
    assert f"{reverse('action_transition', args=[a.pk])}?to=retained" in html


def test_board_shows_the_phase_deadline_as_passed(client, coordinator, pair):
    f.phase(2, name="Afstemming", deadline=timezone.localdate() - timedelta(days=30))
    login(client, coordinator)
    html = client.get(reverse("alignment_board")).content.decode()
    assert "30 dagen geleden verstreken" in html
    assert "2 acties zijn na de deadline van hun ronde nog niet beslist" in html


@pytest.mark.parametrize("rows", [1, 60])
def test_board_query_count(client, coordinator, group, barrier, domain, rows, django_assert_num_queries):
    for n in range(rows):
        f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status=Status.SUBMITTED,
                 title=f"Vervoer op maat {n}", description="Vervoer op maat naar het werk.")
    similarity.reindex_all()
    f.phase(2, name="Afstemming")
    login(client, coordinator)
    # 1 session, 2 user, 3-5 permissions, 6 count of the submitted actions, 7 one page of them
    # (+barrier, group, domains, suggestion count and best suggestion from the stored pairs),
    # 8 phase, 9 current round, 10 progress counts, 11-12 group and domain names
    with django_assert_num_queries(12):
        response = client.get(reverse("alignment_board"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Vergelijk ") == (25 if rows > 1 else 0)  # with look-alikes: every action on the page


def test_board_pages_through_the_submitted_actions_in_order(client, coordinator, group, barrier, other_barrier):
    barrier.is_priority = True
    barrier.save()
    for n in range(20):
        f.action(working_group=group, primary_barrier=other_barrier, status=Status.SUBMITTED, code=f"MOB-{n:02d}")
    for n in range(10):
        f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED, code=f"ZORG-{n:02d}")
    login(client, coordinator)
    page1 = client.get(reverse("alignment_board")).content.decode()
    assert "30 ingediende acties wachten op een beslissing" in page1
    assert "ZORG-00" in page1 and "MOB-14" in page1 and "MOB-15" not in page1  # priority barrier first, by code
    assert "Pagina 1 van 2" in page1 and "?page=2" in page1
    page2 = client.get(reverse("alignment_board"), {"page": 2}).content.decode()
    assert "MOB-15" in page2 and "MOB-19" in page2 and "ZORG-00" not in page2
    assert other_barrier.name in page2  # the barrier's heading again on the next page


def test_board_counts_and_best_suggestion_leave_dismissed_pairs_out(client, coordinator, pair, group, barrier):
    a, b = pair
    c = f.action(working_group=group, primary_barrier=barrier, code="MOB-41", status=Status.SUBMITTED,
                 title="Pendelbussen naar bedrijventerreinen vanaf het station",
                 description="Pendelbussen vanaf het station naar het bedrijventerrein, afgestemd op de ploegenuren.")
    similarity.reindex_all()
    summary = similarity.suggestion_summary([a.pk])
    assert summary[a.pk][0] == 2
    best = summary[a.pk][1]
    login(client, coordinator)
    assert reverse("alignment_compare", args=[a.pk, best]) in client.get(reverse("alignment_board")).content.decode()
    client.post(reverse("alignment_dismiss", args=[a.pk, best]))
    other = ({b.pk, c.pk} - {best}).pop()
    assert similarity.suggestion_summary([a.pk])[a.pk] == (1, other)
    html = client.get(reverse("alignment_board")).content.decode()
    assert reverse("alignment_compare", args=[a.pk, other]) in html
    assert reverse("alignment_compare", args=[a.pk, best]) not in html


# --------------------------------------------------------------------------- compare and merge
def test_compare_shows_fields_side_by_side_with_differences_marked(client, coordinator, pair):
    a, b = pair
    login(client, coordinator)
    html = client.get(reverse("alignment_compare", args=[a.pk, b.pk])).content.decode()
    assert "Pendelshuttles naar bedrijventerreinen" in html and "Pendelbussen naar bedrijventerreinen" in html
    assert "verschilt" in html and "gelijk" in html  # text marker, not colour only
    assert "bedrijventerreinen" in html and "Gedeelde woorden" in html
    assert "Kortgeschoolden 25-64" in html  # what would move is previewed


def test_compare_merges_with_ticked_carry_over(client, coordinator, pair):
    a, b = pair
    login(client, coordinator)
    response = client.post(reverse("alignment_compare", args=[a.pk, b.pk]),
                           {"survivor": a.pk, "carry_over": ["target_groups"], "reason": "Dubbel voorstel"})
    assert response.status_code == 302
    assert response["Location"] == reverse("action_detail", args=[a.pk])
    b.refresh_from_db()
    assert (b.status, b.merged_into_id) == (Status.MERGED, a.pk)
    assert [t.name for t in a.target_groups.all()] == ["Kortgeschoolden 25-64"]
    assert Merge.objects.get().reason == "Dubbel voorstel"


def test_compare_without_a_choice_shows_an_error(client, coordinator, pair):
    a, b = pair
    login(client, coordinator)
    response = client.post(reverse("alignment_compare", args=[a.pk, b.pk]), {"carry_over": []})
    assert response.status_code == 400
    assert "Kies welke actie blijft bestaan" in response.content.decode()
    assert not Merge.objects.exists()


@pytest.mark.parametrize("many", [False, True])
def test_compare_query_count(client, coordinator, pair, member, many, django_assert_num_queries):
    a, b = pair
    if many:
        for action in (a, b):
            action.secondary_barriers.set([f.barrier() for _n in range(3)])
            action.target_groups.set([f.target_group() for _n in range(4)])
            action.partner_domains.set([f.policy_domain() for _n in range(3)])
            action.partner_organisations.set([f.organisation() for _n in range(3)])
            action.linked_plans.set([f.linked_plan() for _n in range(3)])
            for n in range(5):
                Comment.objects.create(action=action, author=member, text=f"Opmerking {n}")
    login(client, coordinator)
    # 1 session, 2 user, 3-5 permissions, 6 both actions (+barrier, group, domains),
    # 7-11 their secondary barriers, target groups, partner domains, organisations and plans,
    # 12 their comments (+author), 13 both term vectors (the score; metadata comes with the actions)
    with django_assert_num_queries(13):
        response = client.get(reverse("alignment_compare", args=[a.pk, b.pk]))
    assert response.status_code == 200


def test_compare_previews_what_would_move_both_ways(client, coordinator, pair, domain, other_domain, member):
    a, b = pair
    shared, own = f.target_group(name="Nieuwkomers"), f.target_group(name="Ouderen")
    a.target_groups.set([shared, own])
    b.target_groups.add(shared)
    a.partner_domains.set([other_domain])  # b's lead domain: nothing new for b
    Comment.objects.create(action=a, author=member, text="Graag afstemmen")
    login(client, coordinator)
    response = client.get(reverse("alignment_compare", args=[a.pk, b.pk]))
    a_into_b, b_into_a = response.context["preview_a_into_b"], response.context["preview_b_into_a"]
    assert [t.name for t in a_into_b["target_groups"]] == ["Ouderen"]
    assert a_into_b["partner_domains"] == [domain]  # a's lead domain becomes a partner of b
    assert len(a_into_b["comments"]) == 1 and b_into_a["comments"] == []
    assert [t.name for t in b_into_a["target_groups"]] == ["Kortgeschoolden 25-64"]
    assert b_into_a["partner_domains"] == []  # other_domain: already a's partner
    for merged, into, preview in ((a, b, a_into_b), (b, a, b_into_a)):  # the same as the services would move
        for name in alignment_services.CARRY_M2M:
            assert [o.pk for o in preview[name]] == alignment_services._carry_values(merged, into, name)


def test_compare_an_unknown_action_is_404(client, coordinator, pair):
    login(client, coordinator)
    assert client.get(reverse("alignment_compare", args=[pair[0].pk, 999999])).status_code == 404


def test_compare_an_action_with_itself_is_404(client, coordinator, pair):
    login(client, coordinator)
    assert client.get(reverse("alignment_compare", args=[pair[0].pk, pair[0].pk])).status_code == 404


def test_merge_page_suggests_similar_actions_first_and_merges(client, coordinator, pair, group, barrier):
    a, b = pair
    f.action(working_group=group, primary_barrier=barrier, code="MOB-41", status=Status.RETAINED, title="Anders")
    login(client, coordinator)
    html = client.get(reverse("alignment_merge", args=[a.pk])).content.decode()
    assert html.index("ZORG-40") < html.index("MOB-41")
    response = client.post(reverse("alignment_merge", args=[a.pk]), {"into": b.pk, "carry_over": [], "reason": ""})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.merged_into == b


def test_merge_page_refuses_a_rejected_target(client, coordinator, pair):
    a, b = pair
    action_transition(action=b, to=Status.REJECTED, user=coordinator, reason="Neen")
    login(client, coordinator)
    response = client.post(reverse("alignment_merge", args=[a.pk]), {"into": b.pk})
    assert response.status_code == 400
    assert "ingediende of weerhouden actie" in response.content.decode()


def test_merge_page_for_a_draft_is_403(client, coordinator, draft_action):
    login(client, coordinator)
    assert client.get(reverse("alignment_merge", args=[draft_action.pk])).status_code == 403


# --------------------------------------------------------------------------- action page
def test_action_page_shows_merge_banner_lineage_and_undo(client, coordinator, pair):
    a, b = pair
    action_transition(action=a, to=Status.MERGED, user=coordinator, into=b, reason="Overlap")
    login(client, coordinator)
    merged_page = client.get(reverse("action_detail", args=[a.pk])).content.decode()
    assert "Samengevoegd in" in merged_page and reverse("action_detail", args=[b.pk]) in merged_page
    assert reverse("alignment_unmerge", args=[a.pk]) in merged_page
    survivor_page = client.get(reverse("action_detail", args=[b.pk])).content.decode()
    assert "Ontstaan uit" in survivor_page and "MOB-40" in survivor_page
    assert a.working_group.name in survivor_page


def test_unmerge_page_restores(client, coordinator, pair):
    a, b = pair
    action_transition(action=a, to=Status.MERGED, user=coordinator, into=b)
    login(client, coordinator)
    assert client.get(reverse("alignment_unmerge", args=[a.pk])).status_code == 200
    response = client.post(reverse("alignment_unmerge", args=[a.pk]), {"reason": "Toch apart"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == Status.SUBMITTED
    assert client.get(reverse("alignment_unmerge", args=[a.pk])).status_code == 409


def test_action_page_lists_suggestions_and_dismiss_removes_them(client, coordinator, pair):
    a, b = pair
    login(client, coordinator)
    html = client.get(reverse("action_detail", args=[a.pk])).content.decode()
    assert "Gelijkaardige acties" in html and "ZORG-40" in html
    response = client.post(reverse("alignment_dismiss", args=[a.pk, b.pk]),
                           {"next": reverse("action_detail", args=[a.pk])})
    assert response["Location"] == reverse("action_detail", args=[a.pk])
    assert SimilarityDismissal.objects.count() == 1
    html = client.get(reverse("action_detail", args=[a.pk])).content.decode()
    assert reverse("alignment_compare", args=[a.pk, b.pk]) not in html


def test_dismiss_ignores_foreign_next_urls(client, coordinator, pair):
    a, b = pair
    login(client, coordinator)
    response = client.post(reverse("alignment_dismiss", args=[a.pk, b.pk]), {"next": "https://example.com/"})
    assert response["Location"] == reverse("alignment_board")


# --------------------------------------------------------------------------- links
def test_link_is_shown_on_both_actions_and_can_be_deleted(client, coordinator, pair):
    a, b = pair
    login(client, coordinator)
    response = client.post(reverse("action_link_create", args=[a.pk]),
                           {"type": "depends_on", "to_action": b.pk, "reason": "Eerst de bussen"})
    assert response.status_code == 302
    assert "hangt af van" in client.get(reverse("action_detail", args=[a.pk])).content.decode()
    assert "is een voorwaarde voor" in client.get(reverse("action_detail", args=[b.pk])).content.decode()
    link = ActionLink.objects.get()
    assert client.get(reverse("action_link_delete", args=[link.pk])).status_code == 200
    client.post(reverse("action_link_delete", args=[link.pk]))
    assert not ActionLink.objects.exists()


def test_self_link_is_refused_with_a_message(client, coordinator, pair):
    a, _b = pair
    login(client, coordinator)
    response = client.post(reverse("action_link_create", args=[a.pk]), {"type": "overlaps", "to_action": a.pk})
    assert response.status_code == 400
    assert "niet aan zichzelf" in response.content.decode()
    assert not ActionLink.objects.exists()


def test_link_form_escapes_script_in_reason(client, coordinator, pair):
    a, b = pair
    login(client, coordinator)
    client.post(reverse("action_link_create", args=[a.pk]),
                {"type": "complements", "to_action": b.pk, "reason": "<script>alert(1)</script>"})
    html = client.get(reverse("action_detail", args=[a.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


# --------------------------------------------------------------------------- decision log
def test_decision_log_lists_and_filters(client, coordinator, cabinet, pair, other_group):
    a, b = pair
    action_transition(action=a, to=Status.MERGED, user=coordinator, into=b, reason="Dubbel")
    action_transition(action=b, to=Status.RETAINED, user=coordinator)
    login(client, cabinet)
    html = client.get(reverse("decision_log")).content.decode()
    assert "2 beslissingen" in html and "Dubbel" in html and "samengevoegd" in html
    html = client.get(reverse("decision_log"), {"type": "retained"}).content.decode()
    assert "1 beslissing" in html
    html = client.get(reverse("decision_log"), {"working_group": other_group.pk}).content.decode()
    assert "ZORG-40" in html and "MOB-40" not in html
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert "0 beslissingen" in client.get(reverse("decision_log"), {"date_from": tomorrow}).content.decode()
    bad = client.get(reverse("decision_log"), {"type": "onbekend"}).content.decode()
    assert "Controleer de filters" in bad


@pytest.mark.parametrize("rows", [1, 50])
def test_decision_log_query_count(client, coordinator, group, barrier, rows, django_assert_num_queries):
    for n in range(rows):
        action = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED)
        action_transition(action=action, to=Status.RETAINED, user=coordinator)
    login(client, coordinator)
    # 1 session, 2 user, 3-5 permissions, 6-9 filter choice lists (group, barrier, coordinator, meeting),
    # 10 count, 11 one page of decisions with action, group, domain, barrier, author, merge target, meeting
    with django_assert_num_queries(11):
        response = client.get(reverse("decision_log"))
    assert response.status_code == 200


# --------------------------------------------------------------------------- coverage
def test_coverage_matrix_marks_gaps_and_links_cells(client, coordinator, pair, barrier, domain, other_barrier):
    login(client, coordinator)
    html = client.get(reverse("coverage_matrix")).content.decode()
    assert "leemte" in html
    assert (f"?barrier={barrier.pk}&amp;lead_domain={domain.pk}&amp;status=submitted&amp;status=retained"
            "&amp;status=adopted&amp;status=in_progress") in html
    assert '<th scope="row"><bdi>' + other_barrier.name in html


@pytest.mark.parametrize("rows", [1, 50])
def test_coverage_query_count(client, coordinator, group, barrier, domain, rows, django_assert_num_queries):
    for n in range(rows):
        a = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status=Status.SUBMITTED)
        a.target_groups.set([f.target_group()])
        a.secondary_barriers.set([f.barrier()])
    login(client, coordinator)
    # 1 session, 2 user, 3-5 permissions, 6-9 counts (by primary barrier and by the other
    # barriers, per lead domain and per target group), 10 barriers, 11 policy domains,
    # 12 target-group columns
    with django_assert_num_queries(12):
        response = client.get(reverse("coverage_matrix"))
    assert response.status_code == 200


def test_coverage_counts_an_action_once_per_barrier(group, barrier, other_barrier, domain):
    groups = [f.target_group(name="Nieuwkomers"), f.target_group(name="Ouderen")]
    a = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status=Status.SUBMITTED)
    a.secondary_barriers.set([barrier, other_barrier])  # the primary one again: still counted once
    a.target_groups.set(groups)
    b = f.action(working_group=group, primary_barrier=other_barrier, lead_domain=domain, status=Status.RETAINED)
    b.target_groups.set(groups[:1])
    f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status=Status.DRAFT)
    data = alignment_services.coverage()
    by_domain = {(row["barrier"].pk, c["policy_domain"]): (c["submitted"], c["retained"])
                 for row in data["by_domain"] for c in row["cells"]}
    assert by_domain[(barrier.pk, domain.pk)] == (1, 0)
    assert by_domain[(other_barrier.pk, domain.pk)] == (1, 1)
    by_group = {(row["barrier"].pk, c["target_group"]): (c["submitted"], c["retained"])
                for row in data["by_target_group"] for c in row["cells"]}
    assert by_group[(barrier.pk, groups[0].pk)] == (1, 0) and by_group[(barrier.pk, groups[1].pk)] == (1, 0)
    assert by_group[(other_barrier.pk, groups[0].pk)] == (1, 1) and by_group[(other_barrier.pk, groups[1].pk)] == (1, 0)


def test_link_target_is_named_by_its_code(client, coordinator, pair):
    a, b = pair
    login(client, coordinator)
    response = client.post(reverse("action_link_create", args=[a.pk]),
                           {"type": "complements", "to_action": b.code.lower()})
    assert response.status_code == 302
    assert ActionLink.objects.get().to_action == b


def test_unknown_link_target_code_is_refused(client, coordinator, pair):
    a, _b = pair
    login(client, coordinator)
    response = client.post(reverse("action_link_create", args=[a.pk]), {"type": "overlaps", "to_action": "XYZ-99"})
    assert response.status_code == 400
    assert "geen ingediende actie" in response.content.decode()
    assert not ActionLink.objects.exists()
