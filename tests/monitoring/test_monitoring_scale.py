"""Monitoring at scale: numbers counted in the database agree with the Python rules, long
lists are cut or paginated with complete counts, and cached pages follow every write."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.models import Action
from monitoring import services
from monitoring.models import Measurement, MonitoringSettings
from monitoring.selectors import dashboard, indicator_rows, progress_list
from monitoring.timeliness import (
    Timeliness,
    annotate_timeliness,
    reporting_for,
    reporting_state,
    reporting_thresholds,
)
from tests.conftest import login
from tests.monitoring_helpers import TZ, adopted_action, indicator, report

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=TZ)
TODAYS = [date(2026, 11, 26), date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 1), date(2027, 3, 31),
          date(2028, 2, 29), date(2028, 3, 30), date(2026, 12, 31), date(2027, 5, 1)]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


# --------------------------------------------------------------------------- timeliness in SQL
@pytest.mark.parametrize("months", [1, 2, 3, 6, 12])
@pytest.mark.parametrize("due_soon_days", [0, 14, 45])
def test_the_thresholds_split_starts_as_reporting_state_does(months, due_soon_days):
    settings = MonitoringSettings(reporting_interval_months=months, due_soon_days=due_soon_days)
    for today in TODAYS:
        overdue_until, due_until = reporting_thresholds(today, settings)
        for offset in range(0, 420):
            start = today - timedelta(days=offset)
            expected = reporting_state(last_update_on=start, adopted_on=None, today=today, settings=settings).state
            if start <= overdue_until:
                state = Timeliness.OVERDUE
            elif start <= due_until:
                state = Timeliness.DUE
            else:
                state = Timeliness.FRESH
            assert state == expected, (today, start)


@pytest.mark.parametrize("months,due_soon_days", [(3, 14), (1, 0), (2, 40)])
def test_timeliness_counted_in_sql_is_the_one_shown(months, due_soon_days, group, barrier, domain):
    settings = MonitoringSettings.objects.create(reporting_interval_months=months, due_soon_days=due_soon_days)
    days = [date(2026, 1, 31), date(2026, 5, 31), date(2026, 8, 29), date(2026, 8, 31), date(2026, 9, 1),
            date(2026, 10, 31), date(2026, 11, 11), date(2026, 11, 26)]
    for n, day in enumerate(days):
        report(adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{n}"), day=day)
    adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-90", adopted_on=date(2026, 8, 30))
    queryset = Action.objects.filter(code__startswith="MOB-")
    for today in (date(2026, 11, 26), date(2026, 11, 30), date(2026, 12, 1), date(2027, 2, 28)):
        shown = {a.code: reporting_for(a, today, settings).state
                 for a in annotate_timeliness(queryset, today, settings)}
        counted = dict(annotate_timeliness(queryset, today, settings).values_list("code", "timeliness"))
        assert counted == shown, today
        assert len(set(counted.values())) > 1 or today == date(2027, 2, 28)


# --------------------------------------------------------------------------- dashboards and lists
@time_machine.travel(NOW, tick=False)
def test_a_cut_dashboard_keeps_complete_counts(coordinator, group, barrier, domain):
    for n in range(3):
        report(adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{n}"),
               day=date(2026, 5, 1) + timedelta(days=n), state="blocked")
    full = dashboard(user=coordinator)
    cut = dashboard(user=coordinator, limit=2)
    assert [a.code for a in full.overdue_updates] == ["MOB-0", "MOB-1", "MOB-2"]  # the longest overdue first
    assert [a.code for a in cut.overdue_updates] == ["MOB-0", "MOB-1"]
    assert cut.overdue_updates_count == full.overdue_updates_count == 3
    assert cut.by_progress == full.by_progress and cut.reporting == full.reporting


def test_the_dashboard_page_links_to_all_overdue_reports_beyond_its_table(client, coordinator, frozen, group, barrier,
                                                                          domain):
    for n in range(22):
        report(adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{100 + n}"),
               day=date(2026, 5, 1))
    login(client, coordinator)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Alle 22 acties bekijken" in html
    assert html.count('/voortgang/">MOB-') == 20  # 20 rows link to the progress of their action


def test_the_progress_list_counts_every_row_and_shows_one_page(client, coordinator, frozen, group, barrier, domain):
    for n in range(30):
        action = adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{100 + n}")
        report(action, day=date(2026, 5, 1) if n % 3 == 0 else date(2026, 11, 1), state="on_track")
    login(client, coordinator)
    response = client.get(reverse("progress_list"), {"page": 2})
    assert response.context["count"] == 30
    assert [a.code for a in response.context["actions"]] == [f"MOB-{n}" for n in range(125, 130)]
    assert response.context["actions"][0].reporting.state == Timeliness.FRESH
    overdue = client.get(reverse("progress_list"), {"reporting": "overdue"}).context
    assert overdue["count"] == 10
    assert {a.reporting.state for a in overdue["actions"]} == {Timeliness.OVERDUE}
    csv = client.get(reverse("progress_list"), {"reporting": "overdue", "format": "csv"}).content.decode()
    assert csv.count("MOB-1") == 10


def test_indicator_rows_read_only_the_latest_measurement(db, django_assert_num_queries):
    first = indicator(name="Werkzaamheidsgraad", slug="wzg")
    for year, value in ((2024, "70"), (2026, "72.5"), (2025, "71")):
        Measurement.objects.create(indicator=first, year=year, value=value)
    Measurement.objects.create(indicator=first, year=2026, date=date(2026, 6, 30), value="73")
    indicator(name="Zonder metingen", slug="zonder")
    with django_assert_num_queries(2):  # indicators, their latest measurements
        rows = {row["indicator"].slug: row for row in indicator_rows(first.__class__.objects.all())}
    with_series = {row["indicator"].slug: row for row in indicator_rows(first.__class__.objects.all(),
                                                                        with_series=True)}
    assert rows["wzg"]["latest"].pk == with_series["wzg"]["series"][-1].id
    assert [m.value for m in with_series["wzg"]["series"]] == [Decimal("70"), Decimal("71"), Decimal("72.5"),
                                                                Decimal("73")]
    assert with_series["zonder"]["series"] == [] and with_series["zonder"]["latest"] is None
    assert rows["zonder"]["latest"] is None and rows["zonder"]["current"] == rows["zonder"]["indicator"].baseline_value


# --------------------------------------------------------------------------- caches follow the data
def test_cached_pages_show_a_new_report_at_once(client, coordinator, domain_contact, frozen, group, barrier, domain):
    action = adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-1")
    login(client, coordinator)
    api = APIClient()
    api.force_authenticate(coordinator)
    pages = {
        "dashboard": lambda: client.get(reverse("dashboard")).context["dashboard_body"],
        "report": lambda: client.get(reverse("cabinet_report")).context["report_body"],
        "api_dashboard": lambda: str(api.get(reverse("monitoring_api:dashboard")).json()["by_progress"]),
        "api_report": lambda: str(api.get(reverse("monitoring_api:cabinet-report")).json()["headline"]),
    }
    before = {name: page() for name, page in pages.items()}
    assert before == {name: page() for name, page in pages.items()}  # served again, from the cache
    services.status_update_create(action=action, user=domain_contact, data={
        "date": date(2026, 11, 26), "progress_state": "blocked", "percent_complete": 10,
        "done": "Overleg met de vervoerregio.", "next_steps": "", "blockers": "Geen budget."})
    after = {name: page() for name, page in pages.items()}
    for name in pages:
        assert after[name] != before[name], name
    assert "Geen budget." in after["report"]


def test_the_cached_indicator_list_shows_a_new_measurement(client, coordinator, frozen):
    ind = indicator()
    login(client, coordinator)
    assert "80,5 %" not in client.get(reverse("indicator_list")).content.decode()
    services.measurement_create(indicator=ind, user=coordinator, value="80.5", year=2026)
    assert "80,5 %" in client.get(reverse("indicator_list")).content.decode()


def test_the_progress_list_matches_the_dashboard_numbers(coordinator, frozen, group, barrier, domain):
    for n, (day, state) in enumerate([(date(2026, 5, 1), "blocked"), (date(2026, 8, 20), "delayed"),
                                      (date(2026, 11, 1), "on_track")]):
        report(adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{n}"), day=day, state=state)
    adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-9")
    board = dashboard(user=coordinator)
    for row in board.reporting:
        assert len(progress_list(user=coordinator, params={"reporting": row["key"]})) == row["count"], row["key"]
    for row in board.by_progress:
        assert len(progress_list(user=coordinator, params={"progress_state": row["key"]})) == row["count"], row["key"]


def test_the_dashboard_shows_twenty_indicators_and_links_to_all(client, coordinator):
    for n in range(21):
        indicator(name=f"Indicator nummer {n:02d}", slug=f"indicator-{n:02d}", order=n)
    html = login(client, coordinator).get(reverse("dashboard")).content.decode()
    assert "Indicator nummer 19" in html and "Indicator nummer 20" not in html
    assert "Alle 21 indicatoren bekijken" in html and f'href="{reverse("indicator_list")}"' in html
    api = APIClient()
    api.force_login(coordinator)
    assert len(api.get(reverse("monitoring_api:dashboard")).json()["indicators"]) == 21  # the API keeps all
