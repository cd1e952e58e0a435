"""Ids that are not ids never reach the database (issue 13, finding 4c).

Every URL pattern with an id takes it through the ``<id:…>`` converter (``common.ids``), and
every filter on an id is an ``IdFilter``/``IdModelChoiceFilter``: a number beyond 64 bits,
text, a fraction or 0 gives a 404 (``{"detail": "Niet gevonden."}`` under ``/api/``) or a clear
400, never a server error ("Python int too large to convert to SQLite INTEGER"). The patterns
and FilterSets are collected from the URL conf, so a new URL or filter cannot be forgotten.
Runs on SQLite and on PostgreSQL (``DATABASE_URL``).
"""

from __future__ import annotations

import re

import django_filters
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from rest_framework.test import APIClient

from common.ids import MAX_ID, IdFilter, IdModelChoiceFilter, parse_id

pytestmark = pytest.mark.django_db

BEYOND_64_BITS = str(2**64)
NOT_IDS = [BEYOND_64_BITS, str(MAX_ID + 1), "abc", "0.5", "0"]
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# converters of path parameters that are not ids, with a value that matches them
OTHER_CONVERTERS = {"drf_format_suffix": ".json", "plan_export_format": "pdf"}
# Path parameters that are not database ids: an invitation's one-time key, Django's password-reset
# pair and the kind of task in the "Te doen" inbox.
NOT_ID_PARAMETERS = {"key", "uidb64", "token", "slug"}
EXCLUDED_NAMESPACES = {"admin"}


def _routes(resolver=None, prefix=""):
    """(route, name) of every URL pattern of the application, its prefixes joined."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, entry.pattern


ROUTES = list(_routes())
ID_ROUTES = sorted({route for route, _name, _pattern in ROUTES
                    if any(m["converter"] == "id" for m in CONVERTER.finditer(route))})


def _url(route: str, bad_param: str, value: str) -> str:
    def fill(match):
        converter, name = match["converter"], match["name"]
        if converter == "id":
            return value if name == bad_param else "1"
        return OTHER_CONVERTERS[converter]

    return "/" + CONVERTER.sub(fill, route)


def _cases():
    for route in ID_ROUTES:
        for param in [m["name"] for m in CONVERTER.finditer(route) if m["converter"] == "id"]:
            for value in NOT_IDS:
                yield pytest.param(route, param, value, id=f"{route} {param}={value}")


def test_every_path_parameter_uses_a_known_converter():
    """No ``<int:…>``, no untyped ``<pk>`` and no regex group for an id: only ``<id:…>``."""
    wrong = []
    for route, name, pattern in ROUTES:
        if isinstance(pattern, RoutePattern):
            wrong += [f"{route} ({name})" for m in CONVERTER.finditer(route)
                      if m["converter"] != "id" and m["converter"] not in OTHER_CONVERTERS
                      and m["name"] not in NOT_ID_PARAMETERS]
        elif "[0-9]" in route or r"\d" in route:
            wrong.append(f"{route} ({name}): a regex group for a number")
    assert not wrong, "use <id:…> for ids:\n" + "\n".join(wrong)
    assert len(ID_ROUTES) > 60  # the collection found the application's routes


@pytest.mark.parametrize("route,param,value", list(_cases()))
def test_an_impossible_id_in_a_path_is_a_404(route, param, value, client, coordinator):
    client.force_login(coordinator)
    url = _url(route, param, value)
    response = client.get(url)
    assert response.status_code == 404, url
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/json", url
        assert response.json() == {"detail": "Niet gevonden."}
    else:
        assert "Pagina niet gevonden" in response.content.decode(), url


def test_an_unknown_id_in_the_api_is_the_same_dutch_404(coordinator):
    api = APIClient()
    api.force_authenticate(coordinator)
    for url in ("/api/v1/actions/999999/", "/api/v1/plans/999999/", "/api/v1/indicators/999999/measurements/",
                "/api/v1/plans/999999/chapters/", "/api/v1/actions/999999/similar/"):
        response = api.get(url)
        assert response.status_code == 404 and response.json() == {"detail": "Niet gevonden."}, url


# --------------------------------------------------------------------------- filters
def _list_views():
    """(url, view class, FilterSet) of every list in the URL conf that filters with a FilterSet."""
    for route, name, _pattern in ROUTES:
        if CONVERTER.search(route) or not name:
            continue
        callback = get_resolver().resolve("/" + route).func
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        filterset = getattr(view, "filterset_class", None)
        if filterset is not None:
            yield "/" + route, filterset


LIST_FILTERS = sorted({(url, name) for url, filterset in _list_views()
                       for name, flt in filterset.base_filters.items()
                       if isinstance(flt, (django_filters.NumberFilter, django_filters.ModelChoiceFilter))})


def test_every_filter_on_an_id_is_an_id_filter():
    filtersets = {filterset for _url, filterset in _list_views()}
    wrong = [f"{filterset.__name__}.{name}: {type(flt).__name__}"
             for filterset in filtersets for name, flt in filterset.base_filters.items()
             if isinstance(flt, (django_filters.NumberFilter, django_filters.ModelChoiceFilter,
                                 django_filters.ModelMultipleChoiceFilter))
             and not isinstance(flt, (IdFilter, IdModelChoiceFilter))]
    assert not wrong, "use common.ids.IdFilter / IdModelChoiceFilter:\n" + "\n".join(wrong)
    assert {url for url, _name in LIST_FILTERS} >= {
        "/api/v1/assignments/", "/api/v1/signoffs/", "/api/v1/milestones/", "/api/v1/actions/",
        "/api/v1/status-updates/", "/api/v1/action-links/", "/api/v1/decisions/"}


@pytest.mark.parametrize("value", [BEYOND_64_BITS, "²", "0.5"])
@pytest.mark.parametrize("url,name", LIST_FILTERS, ids=[f"{u}?{n}" for u, n in LIST_FILTERS])
def test_an_impossible_id_in_an_api_filter_is_a_400(url, name, value, coordinator):
    api = APIClient()
    api.force_authenticate(coordinator)
    response = api.get(url, {name: value})
    assert response.status_code == 400, (url, name, response.content[:300])
    assert name in response.json()


@pytest.mark.parametrize("value", [BEYOND_64_BITS, "²"])
def test_ids_read_from_the_query_string_by_hand_are_checked(value, client, coordinator, domain, group):
    """The few views that read an id themselves use ``parse_id``: never a server error."""
    api = APIClient()
    api.force_authenticate(coordinator)
    assert api.get("/api/v1/reports/cabinet/", {"domains": value}).status_code == 400
    assert api.get("/api/v1/dashboard/", {"domain": value}).status_code == 400
    assert api.get("/api/v1/imports/template.xlsx", {"working_group": value}).status_code == 400
    client.force_login(coordinator)
    assert client.get("/import/sjabloon.xlsx", {"working_group": value}).status_code == 404
    assert client.get("/acties/nieuw/", {"working_group": value}).status_code == 200  # the choice of a proposer


def test_parse_id_accepts_only_ids():
    assert [parse_id(v) for v in ("1", " 42 ", str(MAX_ID))] == [1, 42, MAX_ID]
    assert [parse_id(v) for v in (None, "", "0", "-1", "1.0", "²", "١", str(MAX_ID + 1), "abc")] == [None] * 9
