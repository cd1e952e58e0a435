"""Query parameters the API cannot read unambiguously are refused, in every format (issue 17): a repeated
single-valued parameter, paging nonsense on a download, an empty ``format``, a malformed domain list."""

import pytest
from rest_framework.test import APIClient

from tests import factories as f


@pytest.fixture
def api(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    return client


@pytest.mark.parametrize("query", [
    "page=1&page=2", "page_size=10&page_size=20", "format=json&format=csv", "ordering=name&ordering=-name",
])
def test_a_single_valued_parameter_given_twice_is_refused(api, query):
    f.barrier()
    response = api.get(f"/api/v1/barriers/?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert response.json()[name] == ["Geef deze parameter één keer op."]


def test_a_list_filter_may_be_repeated(api, submitted_action):
    response = api.get("/api/v1/actions/?status=submitted&status=retained")
    assert response.status_code == 200
    assert [a["id"] for a in response.json()["results"]] == [submitted_action.pk]


def test_a_repeated_id_outside_a_filterset_is_refused(api, group):
    response = api.get(f"/api/v1/imports/template.xlsx?working_group={group.pk}&working_group={group.pk}")
    assert response.status_code == 400 and "working_group" in response.json()


@pytest.mark.parametrize("query", ["page_size=0", "page_size=1000", "page_size=false", "page=null", "page_size=2.5"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_download_refuses_paging_nonsense_too(api, query, fmt):
    f.barrier()
    response = api.get(f"/api/v1/barriers/?format={fmt}&{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_a_download_with_good_paging_parameters_has_every_row(api):
    for _ in range(3):
        f.barrier()
    response = api.get("/api/v1/barriers/?format=csv&page_size=1&page=1")
    assert response.status_code == 200
    assert len(response.content.decode("utf-8-sig").strip().splitlines()) == 4  # header and every row


def test_an_empty_format_is_not_found(api):
    barrier = f.barrier()
    assert api.get(f"/api/v1/barriers/{barrier.pk}/?format=").status_code == 404
    assert api.get("/api/v1/barriers/?format=").status_code == 404
    assert api.get(f"/api/v1/barriers/{barrier.pk}/").status_code == 200


@pytest.mark.parametrize("domains", ["3,", " 3", "a", ",3", "3,,5", "99999999999"])
def test_a_malformed_domain_list_is_refused(api, domains):
    response = api.get("/api/v1/reports/cabinet/", {"domains": domains})
    assert response.status_code == 400 and "domains" in response.json()
