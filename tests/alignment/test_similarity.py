"""Overlap detection: Dutch analysis, the index kept current by the services, and the suggestions."""

import pytest
from django.db.models import Q

from actieplan.alignment import similarity
from actieplan.models import ActionTermVector, SimilarityDismissal, SimilarityPair, Status, TermPosting
from actieplan.actions.services import action_create, action_transition, action_update
from tests import factories as f


def test_analysis_stems_dutch_folds_accents_and_drops_stop_words():
    terms = dict(similarity.analyse("De werkzoekenden en een werkzoekende krijgen coördinatie van de VDAB"))
    assert "werkzoek" in terms and terms["werkzoek"] in ("werkzoekenden", "werkzoekende")
    assert similarity.analyse("coördinatie")[0][0] == similarity.analyse("coordinatie")[0][0]
    words = {word for _stem, word in similarity.analyse("de en een van voor met 2026 tot in op")}
    assert words == set()


@pytest.mark.django_db  # the thesaurus that expands the text is in the database
def test_title_words_weigh_double():
    tf = similarity.term_frequencies("Kinderopvang", "Kinderopvang en vervoer", "")
    stem = similarity.analyse("kinderopvang")[0][0]
    assert tf[stem][0] == 3.0


@pytest.mark.django_db
def test_services_keep_the_index_current(member, group, barrier, coordinator):
    """Edits re-index the text; transitions make an action a candidate or not."""
    action = action_create(user=member, data={"working_group": group, "primary_barrier": barrier,
                                              "title": "Pendelbus naar het bedrijventerrein",
                                              "description": "Een pendelbus vanaf het station."})
    vector = ActionTermVector.objects.get(action=action)
    assert any(word == "pendelbus" for _w, word, *_idf in vector.terms.values())
    assert not TermPosting.objects.filter(action=action).exists()  # a draft is no candidate
    action_update(action=action, user=member, data={"title": "Deelfietsen aan het station"},
                  expected_version=action.version)
    words = {word for _w, word, *_idf in ActionTermVector.objects.get(action=action).terms.values()}
    assert "deelfietsen" in words and "bedrijventerrein" not in words
    assert abs(sum(w * w for w, *_rest in ActionTermVector.objects.get(action=action).terms.values()) - 1) < 1e-6
    action = action_transition(action=action, to=Status.SUBMITTED, user=coordinator)
    assert TermPosting.objects.filter(action=action).count() == len(ActionTermVector.objects.get(action=action).terms)
    action = action_transition(action=action, to=Status.REJECTED, user=coordinator, reason="Neen")
    assert not TermPosting.objects.filter(action=action).exists()


@pytest.fixture
def actions(db, group, other_group, barrier, other_barrier, domain):
    def make(code_group, title, status=Status.SUBMITTED, **kw):
        return f.action(working_group=code_group, primary_barrier=kw.pop("primary_barrier", barrier), title=title,
                        description=kw.pop("description", title), status=status, lead_domain=domain, **kw)

    made = {
        "bus": make(group, "Pendelbus van het station naar het bedrijventerrein voor ploegenarbeid"),
        "bus2": make(other_group, "Pendelbussen naar bedrijventerreinen met ploegenarbeid vanaf het station"),
        "bus_draft": make(other_group, "Pendelbus naar het bedrijventerrein vanaf het station", status=Status.DRAFT),
        "bus_rejected": make(other_group, "Pendelbus bedrijventerrein station ploegenarbeid", status=Status.REJECTED),
        "crib": make(other_group, "Kinderopvang met ruime openingsuren", primary_barrier=other_barrier),
    }
    similarity.reindex_all()
    return made


def test_only_submitted_and_retained_actions_are_suggested(actions):
    ids = [s.action for s in similarity.similar_to(actions["bus"])]
    assert ids == [actions["bus2"].pk]


def test_suggestions_for_a_draft_show_submitted_look_alikes(actions):
    ids = [s.action for s in similarity.similar_to(actions["bus_draft"])]
    assert actions["bus"].pk in ids and actions["bus2"].pk in ids


def test_retained_actions_stay_suggestions(actions, coordinator):
    action_transition(action=actions["bus2"], to=Status.RETAINED, user=coordinator)
    assert [s.action for s in similarity.similar_to(actions["bus"])] == [actions["bus2"].pk]


def test_dismissed_pairs_are_left_out_both_ways(actions, coordinator):
    low, high = sorted([actions["bus"].pk, actions["bus2"].pk])
    SimilarityDismissal.objects.create(action_low_id=low, action_high_id=high, by=coordinator)
    assert similarity.similar_to(actions["bus"]) == []
    assert similarity.similar_to(actions["bus2"]) == []
    assert [s.action for s in similarity.similar_to(actions["bus"], include_dismissed=True)] == [actions["bus2"].pk]


def test_metadata_boost_raises_but_does_not_create_similarity(actions, target_group, group, barrier, domain):
    bike = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED,
                    title="Deelfietsen aan het station", description="Deelfietsen voor de laatste kilometer.")
    similarity.reindex_all()
    before = similarity.pair_score(actions["bus"], bike).score
    assert 0 < before < 1
    for action in (actions["bus"], bike):
        action.target_groups.set([target_group])
    assert similarity.pair_score(actions["bus"], bike).score > before
    assert similarity.pair_score(actions["bus"], actions["crib"]).score < similarity.THRESHOLD


def test_board_counts_agree_with_the_suggestions(actions):
    summary = similarity.suggestion_summary([actions["bus"].pk, actions["bus2"].pk, actions["crib"].pk])
    assert summary[actions["bus"].pk] == (1, actions["bus2"].pk)
    assert summary[actions["crib"].pk] == (0, None)
    for key in ("bus", "bus2"):
        assert summary[actions[key].pk][0] == len(similarity.similar_to(actions[key]))


def test_pair_score_matches_the_suggestion_score(actions):
    suggestion = similarity.similar_to(actions["bus"])[0]
    assert similarity.pair_score(actions["bus"], actions["bus2"]).score == suggestion.score


def test_scores_are_between_zero_and_one_and_identical_copies_score_one(db, group, barrier):
    a = f.action(working_group=group, primary_barrier=barrier, title="Taalcoach op de werkvloer",
                 description="Nederlands leren tijdens de werkuren.", status=Status.SUBMITTED)
    b = f.action(working_group=group, primary_barrier=barrier, title=a.title, description=a.description,
                 intended_result=a.intended_result, status=Status.SUBMITTED)
    similarity.reindex_all()
    assert similarity.similar_to(a)[0].score == pytest.approx(1.0)
    assert similarity.similar_to(b)[0].action == a.pk


def test_an_action_without_words_has_no_suggestions(db, group, barrier):
    a = f.action(working_group=group, primary_barrier=barrier, title="de en", description="van het",
                 intended_result="", status=Status.SUBMITTED)
    similarity.reindex_all()
    assert similarity.similar_to(a) == []
    assert ActionTermVector.objects.get(action=a).terms == {}


@pytest.mark.parametrize("rows", [1, 50])
def test_similar_to_query_count(db, group, barrier, rows, django_assert_num_queries):
    made = [f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED,
                     title=f"Vervoer op maat {n}", description="Vervoer op maat naar het werk.")
            for n in range(rows + 1)]
    similarity.reindex_all()
    # vector, postings, candidates' vectors, dismissals, metadata (actions, secondary barriers, target groups)
    with django_assert_num_queries(7):
        suggestions = similarity.similar_to(made[0], limit=100)
    assert len(suggestions) == rows


# --------------------------------------------------------------------------- stored pairs (the board)
def _stored_pairs():
    return sorted(SimilarityPair.objects.values_list("action_id", "other_id", "score", "text"))


def _rebuilt_pairs():
    """What a full rebuild stores, leaving the current rows in place."""
    current = _stored_pairs()
    similarity.rebuild_pairs()
    rebuilt = _stored_pairs()
    SimilarityPair.objects.all().delete()
    SimilarityPair.objects.bulk_create(
        [SimilarityPair(action_id=a, other_id=o, score=s, text=t) for a, o, s, t in current])
    return rebuilt


def test_stored_pairs_hold_every_suggestion_both_ways_with_its_score(actions):
    bus, bus2 = actions["bus"], actions["bus2"]
    score = similarity.pair_score(bus, bus2)
    assert _stored_pairs() == sorted([(bus.pk, bus2.pk, score.score, score.text_score),
                                      (bus2.pk, bus.pk, score.score, score.text_score)])


def test_services_keep_the_stored_pairs_current(actions, coordinator):
    """Edits, transitions, merges and their undo give the same pairs as a full rebuild."""
    bus, bus2, crib = actions["bus"], actions["bus2"], actions["crib"]
    assert _stored_pairs() == _rebuilt_pairs() != []
    action_update(action=crib, user=coordinator, data={"title": "Pendelbus naar het bedrijventerrein"},
                  expected_version=crib.version)
    assert _stored_pairs() == _rebuilt_pairs()
    assert similarity.suggestion_summary([crib.pk])[crib.pk][0] == 2
    action_transition(action=bus2, to=Status.REJECTED, user=coordinator, reason="Neen")
    assert not SimilarityPair.objects.filter(Q(action=bus2) | Q(other=bus2)).exists()
    action_update(action=actions["bus_draft"], user=coordinator, data={"title": "Deelfietsen"},
                  expected_version=actions["bus_draft"].version)
    action_transition(action=actions["bus_draft"], to=Status.SUBMITTED, user=coordinator)
    assert _stored_pairs() == _rebuilt_pairs()
    action_transition(action=bus, to=Status.MERGED, user=coordinator, into=crib, carry_over=["target_groups"])
    assert _stored_pairs() == _rebuilt_pairs()
    from actieplan.alignment.services import action_unmerge

    action_unmerge(action=bus, user=coordinator)
    assert _stored_pairs() == _rebuilt_pairs()
    assert {a for a, _o, _s, _t in _stored_pairs()} >= {bus.pk, crib.pk}


def test_a_merge_that_carries_target_groups_over_rescores_the_survivor(actions, coordinator, target_group,
                                                                       other_barrier, other_group):
    bus2, crib = actions["bus2"], actions["crib"]
    shuttle = f.action(working_group=other_group, primary_barrier=other_barrier, status=Status.SUBMITTED,
                       title="Pendelbus aan het station", description="Een pendelbus voor ploegenarbeid.")
    for action in (bus2, crib):
        action.target_groups.set([target_group])
    similarity.reindex_all()
    before = SimilarityPair.objects.get(action=shuttle, other=bus2).score
    action_transition(action=crib, to=Status.MERGED, user=coordinator, into=shuttle, carry_over=["target_groups"])
    after = SimilarityPair.objects.get(action=bus2, other=shuttle).score
    assert before < after < 1  # they now share a target group
    assert after == similarity.pair_score(shuttle, bus2).score


@pytest.mark.parametrize("rows", [1, 30])
def test_suggestion_summary_is_one_query(db, group, barrier, rows, django_assert_num_queries):
    made = [f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED,
                     title=f"Vervoer op maat {n}", description="Vervoer op maat naar het werk.")
            for n in range(rows + 1)]
    similarity.reindex_all()
    with django_assert_num_queries(1):  # the actions with their count and best suggestion
        summary = similarity.suggestion_summary([a.pk for a in made])
    assert all(count == rows for count, _best in summary.values())


def test_stored_pairs_start_at_the_threshold(actions):
    with pytest.raises(ValueError):
        similarity.suggestion_summary([actions["bus"].pk], min_score=0.1)
