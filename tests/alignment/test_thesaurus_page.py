"""/afstemming/thesaurus/: WEWIS maintains the synonym sets of overlap detection (issue 18)."""

import pytest

from actieplan.alignment import similarity
from actieplan.models import Status
from overlap.models import SynonymSet
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db
URL = "/afstemming/thesaurus/"


def test_the_seeded_domain_synonyms_are_listed(client, coordinator):
    html = login(client, coordinator).get(URL).content.decode()
    assert "woon-werkverkeer" in html and "pendel" in html and "OCMW-cliënt" in html


def test_a_new_set_makes_the_lexical_path_find_the_pair(client, coordinator, group, other_group, barrier,
                                                         django_capture_on_commit_callbacks):
    a = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED,
                 title="Deeltijds werk voor alleenstaande ouders", description="Banen van halve dagen.", intended_result="")
    b = f.action(working_group=other_group, primary_barrier=barrier, status=Status.SUBMITTED,
                 title="Parttime betrekkingen voor eenoudergezinnen", description="Parttime.", intended_result="")
    similarity.reindex_all()
    assert b.pk not in [s.action for s in similarity.similar_to(a)]
    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, coordinator).post(URL, {
            "set-terms": "deeltijds werk\nparttime\nhalve dagen", "set-note": "", "set-is_active": "on"})
    assert response.status_code == 302
    html = client.get(URL).content.decode()
    assert "deeltijds werk = parttime = halve dagen" in html
    assert SynonymSet.objects.latest("pk").updated_by == coordinator
    found = similarity.similar_to(a)  # re-indexed after the change (a Celery task, eager in the tests)
    assert found and found[0].action == b.pk


def test_a_set_of_one_term_is_refused_in_dutch(client, coordinator):
    before = SynonymSet.objects.count()
    response = login(client, coordinator).post(URL, {"set-terms": "alleen dit", "set-is_active": "on"})
    assert response.status_code == 400
    assert "minstens twee termen" in response.content.decode()
    assert SynonymSet.objects.count() == before


def test_editing_and_deleting_a_set(client, coordinator, django_capture_on_commit_callbacks):
    synonym_set = SynonymSet.objects.create(terms="fiets\nrijwiel")
    login(client, coordinator)
    page = client.get(f"{URL}?bewerk={synonym_set.pk}").content.decode()
    assert "rijwiel" in page and f'name="set" value="{synonym_set.pk}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"set": synonym_set.pk, "set-terms": "fiets, rijwiel, velo", "set-is_active": "on"})
    synonym_set.refresh_from_db()
    assert synonym_set.term_list() == ["fiets", "rijwiel", "velo"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL}{synonym_set.pk}/verwijderen/")
    assert not SynonymSet.objects.filter(pk=synonym_set.pk).exists()


@pytest.mark.parametrize("query", ["?bewerk=999999", "?bewerk=abc"])
def test_an_unknown_set_is_a_404_or_ignored(client, coordinator, query):
    response = login(client, coordinator).get(URL + query)
    assert response.status_code == (404 if query.endswith("999999") else 200)


def test_a_member_may_not_see_the_page(client, member):
    assert login(client, member).get(URL).status_code == 403
