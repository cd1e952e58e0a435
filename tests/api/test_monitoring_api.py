"""API of monitoring: status updates, indicators and measurements, dashboard, cabinet report.
Permission rows for every endpoint (generated from the URL conf), the contract, query budgets."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from monitoring import api_urls
from monitoring.models import Measurement, StatusUpdate
from tests.conftest import ROLES
from tests.monitoring_helpers import (
    TZ,
    adopted_action,
    baseline,
    final_version,
    indicator,
    milestone,
    report,
)

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=TZ)
ALL = set(ROLES) - {"anonymous"}
REPORT_ROLES = {"coordinator", "domain_contact", "cabinet"}
CREATE = {"date": "2026-11-20", "progress_state": "at_risk", "percent_complete": 30,
          "done": "Overleg met De Lijn afgerond.", "next_steps": "Pilootlijnen kiezen.", "blockers": "Budget."}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(frozen, group, barrier, domain, domain_contact):
    action = adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-40")
    update = StatusUpdate.objects.create(action=action, date=date(2026, 11, 25), progress_state="on_track",
                                         percent_complete=20, done="Gestart.", created_by=domain_contact)
    return {"action": action, "update": update, "indicator": indicator(), "domain": domain, "group": group}


def _client(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


# name -> (method, url builder, body, roles allowed, status when allowed)
MATRIX = {
    "status-update-list": ("get", lambda w: reverse("monitoring_api:status-update-list"), None, ALL, 200),
    "status-update-list#post": ("post", lambda w: reverse("monitoring_api:status-update-list"),
                                lambda w: {**CREATE, "action": w["action"].pk}, {"coordinator", "domain_contact"}, 201),
    "status-update-detail": ("get", lambda w: reverse("monitoring_api:status-update-detail", args=[w["update"].pk]),
                             None, ALL, 200),
    "status-update-detail#patch": (
        "patch", lambda w: reverse("monitoring_api:status-update-detail", args=[w["update"].pk]),
        lambda w: {"percent_complete": 25}, {"coordinator", "domain_contact"}, 200),
    "action-outcomes": ("get", lambda w: reverse("monitoring_api:action-outcomes", args=[w["action"].pk]), None,
                        ALL, 200),
    "indicator-list": ("get", lambda w: reverse("monitoring_api:indicator-list"), None, ALL, 200),
    "indicator-detail": ("get", lambda w: reverse("monitoring_api:indicator-detail", args=[w["indicator"].pk]),
                         None, ALL, 200),
    "indicator-measurements": (
        "get", lambda w: reverse("monitoring_api:indicator-measurements", args=[w["indicator"].pk]), None, ALL, 200),
    "indicator-measurements#post": (
        "post", lambda w: reverse("monitoring_api:indicator-measurements", args=[w["indicator"].pk]),
        lambda w: {"year": 2025, "value": 77.4}, {"coordinator"}, 201),
    "dashboard": ("get", lambda w: reverse("monitoring_api:dashboard"), None, {"coordinator"}, 200),
    "dashboard#domain": ("get", lambda w: reverse("monitoring_api:dashboard") + f"?domain={w['domain'].pk}", None,
                         REPORT_ROLES, 200),
    "dashboard#group": ("get", lambda w: reverse("monitoring_api:dashboard") + f"?working_group={w['group'].pk}",
                        None, {"coordinator", "chair", "member"}, 200),
    "cabinet-report": ("get", lambda w: reverse("monitoring_api:cabinet-report"), None, REPORT_ROLES, 200),
    "cabinet-report-pdf": ("get", lambda w: reverse("monitoring_api:cabinet-report-pdf"), None, REPORT_ROLES, 200),
}


def test_every_endpoint_has_a_row_in_the_matrix():
    names = {p.name for p in api_urls.urlpatterns}
    assert names == {key.split("#")[0] for key in MATRIX}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", list(MATRIX))
def test_permission_matrix(key, role, users, world):
    method, build, body, allowed, ok = MATRIX[key]
    client = _client(users[role])
    kwargs = {"format": "json"} if body else {}
    response = getattr(client, method)(build(world), body(world) if body else None, **kwargs)
    if role == "anonymous":
        assert response.status_code in (401, 403)
        assert response.status_code == 401 or "authentication" in response.content.decode().lower()
    elif role in allowed:
        assert response.status_code == ok, response.content[:400]
    else:
        assert response.status_code == 403, response.content[:400]


# --------------------------------------------------------------------------- contract
def test_a_contact_posts_a_status_update(users, world):
    response = _client(users["domain_contact"]).post(reverse("monitoring_api:status-update-list"),
                                                     {**CREATE, "action": world["action"].pk}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in CREATE} == CREATE
    assert body["action"] == world["action"].pk and body["progress_state_display"] == "aandachtspunt"


def test_status_updates_filter_by_action_state_and_domain(users, world, other_domain, group, barrier):
    other = adopted_action(group=group, barrier=barrier, domain=other_domain, code="MOB-41")
    report(other, day=date(2026, 11, 1), state="blocked")
    client = _client(users["coordinator"])
    url = reverse("monitoring_api:status-update-list")
    assert [r["action"] for r in client.get(url, {"domain": other_domain.pk}).json()["results"]] == [other.pk]
    assert [r["progress_state"] for r in client.get(url, {"progress_state": "blocked"}).json()["results"]] == [
        "blocked"]
    assert client.get(url, {"action": world["action"].pk}).json()["count"] == 1
    assert client.get(url, {"progress_state": "wonderful"}).status_code == 400


@pytest.mark.parametrize("body,field", [
    ({"percent_complete": 120}, "percent_complete"), ({"progress_state": "fine"}, "progress_state"),
    ({"date": "2026-12-31"}, "date"), ({"done": ""}, "done"), ({"date": "gisteren"}, "date"),
])
def test_bad_status_updates_are_refused(body, field, users, world):
    response = _client(users["coordinator"]).post(reverse("monitoring_api:status-update-list"),
                                                  {**CREATE, "action": world["action"].pk, **body}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert StatusUpdate.objects.count() == 1


def test_a_status_update_is_locked_after_24_hours(users, world):
    url = reverse("monitoring_api:status-update-detail", args=[world["update"].pk])
    with time_machine.travel(NOW + timedelta(days=1, minutes=1), tick=False):
        response = _client(users["domain_contact"]).patch(url, {"percent_complete": 90}, format="json")
    assert response.status_code == 403
    assert "24 uur" in response.json()["detail"]


def test_indicators_expose_the_contract_fields(users, world):
    body = _client(users["member"]).get(reverse("monitoring_api:indicator-list")).json()["results"][0]
    assert {"name", "unit", "source", "baseline_value", "baseline_year", "target_value", "target_year"} <= set(body)
    assert (body["baseline_value"], body["target_value"], body["target_year"]) == (76.9, 80.0, 2029)


@pytest.mark.parametrize("body,message", [
    ({"year": 2025, "value": 104}, "Een percentage ligt tussen 0 en 100; 104 kan niet."),
    ({"year": 2025, "value": -2}, "Een percentage ligt tussen 0 en 100"),
    ({"value": 70}, "Geef het jaar of de datum van de meting op."),
])
def test_implausible_measurements_are_a_clear_400(body, message, users, world):
    url = reverse("monitoring_api:indicator-measurements", args=[world["indicator"].pk])
    response = _client(users["coordinator"]).post(url, body, format="json")
    assert response.status_code == 400
    assert message in str(response.json())
    assert not Measurement.objects.exists()


def test_a_measurement_by_date(users, world):
    url = reverse("monitoring_api:indicator-measurements", args=[world["indicator"].pk])
    response = _client(users["coordinator"]).post(url, {"date": "2026-06-30", "value": 77.6}, format="json")
    assert response.status_code == 201
    assert response.json()["year"] == 2026 and response.json()["value"] == 77.6
    assert _client(users["cabinet"]).get(url).json()[0]["value"] == 77.6


def test_the_dashboard_filters_by_domain_and_group(users, world, other_domain, group, barrier, other_group):
    adopted_action(group=other_group, barrier=barrier, domain=other_domain, code="ZORG-40")
    client = _client(users["coordinator"])
    url = reverse("monitoring_api:dashboard")
    assert client.get(url).json()["total"] == 2
    mine = client.get(url, {"domain": world["domain"].pk}).json()
    assert mine["total"] == 1 and mine["domain"] == world["domain"].pk
    in_progress = next(r for r in mine["by_status"] if r["key"] == "in_progress")
    assert in_progress["count"] == 1
    assert in_progress["url"] == f"/acties/?status=in_progress&lead_domain={world['domain'].pk}"
    assert client.get(url, {"working_group": other_group.pk}).json()["total"] == 1
    assert client.get(url, {"domain": "abc"}).status_code == 400
    unknown = client.get(url, {"domain": "999999"})
    assert unknown.status_code == 404 and unknown.json() == {"detail": "Niet gevonden."}
    assert _client(users["cabinet"]).get(url, {"domain": other_domain.pk}).status_code == 403


def test_the_dashboard_json_is_exactly_what_its_serializer_gives(users, world, group, barrier, domain, frozen):
    """The API builds the dashboard's JSON directly (thousands of overdue rows); the documented serializer agrees."""
    import json

    from rest_framework.renderers import JSONRenderer

    from monitoring.api import DashboardSerializer

    late = adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-41", planned_end=date(2027, 9, 30))
    report(late, day=date(2026, 3, 2), state="delayed")
    milestone(late, due=date(2026, 10, 1), title="Pilootlijnen gekozen")
    baseline(late, planned_end=date(2027, 3, 31), version=final_version([late]))
    for measured in ("2024", "2025"):
        Measurement.objects.create(indicator=world["indicator"], year=int(measured), value="77.5")
    data = _client(users["coordinator"]).get(reverse("monitoring_api:dashboard")).json()
    assert data["overdue_updates"] == [{"id": late.pk, "code": "MOB-41", "title": late.title, "lead_domain": domain.pk,
                                        "last_update_on": "2026-03-02", "next_due_on": "2026-06-02",
                                        "days_overdue": 177}]
    assert data["overdue_milestones"][0]["due_date"] == "2026-10-01"
    assert data["slipped"] == [{"id": late.pk, "code": "MOB-41", "title": late.title,
                                "baseline_planned_end": "2027-03-31", "planned_end": "2027-09-30",
                                "slippage_days": 183}]
    assert data["indicators"][0]["current_value"] == 77.5
    # the serializer reads the objects' ids from "key"
    as_input = {**data, **{name: [{**{k: v for k, v in row.items() if k != "id"}, "key": row["id"]}
                                  for row in data[name]] for name in ("by_barrier", "by_lead_domain")}}
    documented = json.loads(JSONRenderer().render(DashboardSerializer(as_input).data))
    assert documented == data


# --------------------------------------------------------------------------- query budgets
def _seed(n, group, barrier, domain):
    for i in range(n):
        action = adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{200 + i}")
        report(action, day=date(2026, 9, 1), state="delayed")
        milestone(action, due=date(2026, 10, 1))
        ind = indicator(name=f"Indicator {i}", slug=f"indicator-{i}")
        for year in range(2020, 2020 + n):
            Measurement.objects.create(indicator=ind, year=year, value="77.5")


ENDPOINTS = {
    # permissions for the visible actions (3), count, one page of reports with action and author
    "status-update-list": (lambda: reverse("monitoring_api:status-update-list"), 5),
    # count, indicators, their barriers, actions and latest measurements (a read asks no permission question)
    "indicator-list": (lambda: reverse("monitoring_api:indicator-list"), 5),
    # permissions (3) + the dashboard selector (13): settings, status and slipped counts, progress and timeliness
    # counts, primary and secondary barrier counts, barrier names, lead-domain counts, domain names, overdue
    # reports, overdue milestones, slipped actions, indicators and their latest measurements (all rows: no count)
    "dashboard": (lambda: reverse("monitoring_api:dashboard"), 16),
    # permissions (3) + the report for the whole plan (8)
    "cabinet-report": (lambda: reverse("monitoring_api:cabinet-report"), 11),
}


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize("rows", [1, 50])
def test_endpoints_keep_their_query_budget(endpoint, rows, frozen, coordinator, group, barrier, domain,
                                           django_assert_num_queries):
    _seed(rows, group, barrier, domain)
    build, budget = ENDPOINTS[endpoint]
    client = _client(coordinator)
    with django_assert_num_queries(budget):
        response = client.get(build())
    assert response.status_code == 200
