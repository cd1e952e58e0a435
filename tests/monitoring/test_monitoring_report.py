"""The cabinet report: "as of" a past date from the history, and portfolio scoping for cabinets
in the page, the PDF and the API."""

import io
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from actieplan.models import Status
from actieplan.actions.services import action_transition, action_update
from monitoring import services
from monitoring.selectors import cabinet_report
from tests import factories as f
from tests.conftest import login
from tests.hostile_text import without_isolation
from tests.monitoring_helpers import TZ, indicator, milestone

TODAY = datetime(2026, 11, 26, 12, 0, tzinfo=TZ)


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ), tick=False)


def _report_data(coordinator, domain_contact, group, barrier, domain, other_domain):
    """A known history: MOB-20 (domain) goes from adopted to delayed to completed; ZZ-01 (other domain)."""
    with at(date(2026, 7, 3)):
        a = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-20",
                     title="Vervoer op maat naar de werkplek", status=Status.ADOPTED, planned_end=date(2027, 6, 30))
        b = f.action(working_group=group, primary_barrier=barrier, lead_domain=other_domain, code="MOB-21",
                     title="Geheime actie van een ander domein", status=Status.ADOPTED)
    with at(date(2026, 8, 1)):
        services.status_update_create(action=a, user=domain_contact, data={
            "date": date(2026, 8, 1), "progress_state": "on_track", "percent_complete": 20,
            "done": "Eerste stap gezet met de vervoerregio's."})
    with at(date(2026, 9, 15)):
        a = action_transition(action=a, to=Status.IN_PROGRESS, user=domain_contact)
    with at(date(2026, 9, 30)):
        services.status_update_create(action=a, user=domain_contact, data={
            "date": date(2026, 9, 30), "progress_state": "delayed", "percent_complete": 30,
            "done": "Aanbesteding opnieuw uitgeschreven.", "blockers": "Geen geschikte inschrijvers."})
    with at(date(2026, 10, 5)):
        c = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-22",
                     title="Later opgenomen actie", status=Status.ADOPTED)
        a = action_update(action=a, user=coordinator, data={"title": "Vervoer op maat (herzien)"},
                          expected_version=a.version)
    with at(date(2026, 11, 10)):
        services.status_update_create(action=a, user=domain_contact, data={
            "date": date(2026, 11, 10), "progress_state": "on_track", "percent_complete": 100,
            "done": "Vervoersdienst draait in alle pilootgemeenten."})
        action_transition(action=a, to=Status.COMPLETED, user=domain_contact)
    return a, b, c


@pytest.fixture
def history(coordinator, domain_contact, group, barrier, domain, other_domain):
    return _report_data(coordinator, domain_contact, group, barrier, domain, other_domain)


@pytest.fixture
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_as_of_a_past_date_reproduces_that_state(history, domain, frozen_today):
    a, _b, c = history
    before = cabinet_report(domain_ids=[domain.pk], as_of=date(2026, 8, 31))
    rows = {i["code"]: i for e in before["barriers"] for i in e["actions"]}
    assert set(rows) == {"MOB-20"}  # MOB-22 was not yet in the plan; MOB-21 is another domain
    assert rows["MOB-20"]["status"] == Status.ADOPTED
    assert rows["MOB-20"]["title"] == "Vervoer op maat naar de werkplek"
    assert (rows["MOB-20"]["progress_state"], rows["MOB-20"]["percent_complete"]) == ("on_track", 20)
    assert before["exceptions"] == []

    quarter = cabinet_report(domain_ids=[domain.pk], as_of=date(2026, 9, 30))
    exception = quarter["exceptions"][0]
    assert (exception["code"], exception["status"], exception["progress_state"]) == (
        "MOB-20", Status.IN_PROGRESS, "delayed")
    assert exception["update"].blockers == "Geen geschikte inschrijvers."
    assert "vertraagd" in exception["reasons"]
    assert quarter["headline"]["actions"] == 1

    now = cabinet_report(domain_ids=[domain.pk])
    rows = {i["code"]: i for e in now["barriers"] for i in e["actions"]}
    assert rows["MOB-20"]["status"] == Status.COMPLETED
    assert rows["MOB-20"]["title"] == "Vervoer op maat (herzien)"
    assert rows["MOB-22"]["status"] == Status.ADOPTED
    # a later report changes nothing in last quarter's report
    assert cabinet_report(domain_ids=[domain.pk], as_of=date(2026, 9, 30))["headline"] == quarter["headline"]


def test_as_of_ignores_reports_recorded_after_the_date(history, domain, domain_contact, frozen_today):
    a, _b, _c = history
    # A report dated in September but only posted now does not rewrite September's report.
    with at(date(2026, 7, 3)):
        late = f.action(working_group=a.working_group, primary_barrier=a.primary_barrier, lead_domain=domain,
                        code="MOB-23", status=Status.ADOPTED)
    services.status_update_create(action=late, user=domain_contact, data={
        "date": date(2026, 9, 20), "progress_state": "blocked", "percent_complete": 5, "done": "Achteraf gemeld."})
    quarter = cabinet_report(domain_ids=[domain.pk], as_of=date(2026, 9, 30))
    rows = {i["code"]: i for e in quarter["barriers"] for i in e["actions"]}
    assert rows["MOB-23"]["progress_state"] is None
    now = cabinet_report(domain_ids=[domain.pk])
    assert {i["code"] for i in now["exceptions"]} >= {"MOB-23"}


def test_measurements_as_of_a_date(db, coordinator, frozen_today):
    ind = indicator()
    with at(date(2026, 4, 1)):
        services.measurement_create(indicator=ind, user=coordinator, value="77.4", year=2025)
    services.measurement_create(indicator=ind, user=coordinator, value="77.9", year=2026)
    before = cabinet_report(domain_ids=None, as_of=date(2026, 6, 30))
    assert [float(m.value) for m in before["indicators"][0]["series"]] == [77.4]
    now = cabinet_report(domain_ids=None)
    assert [float(m.value) for m in now["indicators"][0]["series"]] == [77.4, 77.9]


# --------------------------------------------------------------------------- portfolio scoping
SECRET = "Geheime actie van een ander domein"


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_cabinet_sees_only_its_portfolio_in_the_page(client, cabinet, history, domain, other_domain, frozen_today):
    login(client, cabinet)
    response = client.get(reverse("cabinet_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vervoer op maat (herzien)" in html
    assert SECRET not in html
    assert client.get(reverse("cabinet_report"), {"domains": other_domain.pk}).status_code == 403
    assert client.get(reverse("cabinet_report"), {"domains": [domain.pk, other_domain.pk]}).status_code == 403


def test_a_cabinet_sees_only_its_portfolio_in_the_pdf(client, cabinet, history, domain, other_domain, frozen_today):
    login(client, cabinet)
    response = client.get(reverse("cabinet_report_pdf"), {"as_of": "2026-09-30"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Kabinetsrapport" in text and "30/09/2026" in text
    assert "MOB-20" in text and "Geen geschikte inschrijvers." in text
    assert "MOB-21" not in text and "Geheime actie" not in text
    assert client.get(reverse("cabinet_report_pdf"), {"domains": other_domain.pk}).status_code == 403


def test_a_cabinet_sees_only_its_portfolio_in_the_api(client, cabinet, history, domain, other_domain, frozen_today):
    login(client, cabinet)
    url = reverse("monitoring_api:cabinet-report")
    data = client.get(url).json()
    codes = {a["code"] for b in data["barriers"] for a in b["actions"]}
    assert codes == {"MOB-20", "MOB-22"}
    assert [d["id"] for d in data["domains"]] == [domain.pk]
    refused = client.get(url, {"domains": f"{domain.pk},{other_domain.pk}"})
    assert refused.status_code == 403
    assert "portefeuille" in refused.json()["detail"]
    pdf = client.get(reverse("monitoring_api:cabinet-report-pdf"), {"domains": str(other_domain.pk)})
    assert pdf.status_code == 403 and pdf["Content-Type"].startswith("application/json")
    ok = client.get(reverse("monitoring_api:cabinet-report-pdf"), {"domains": str(domain.pk), "as_of": "2026-08-31"})
    assert ok.status_code == 200
    text = _pdf_text(ok.content)
    assert "MOB-20" in text and "MOB-21" not in text


def test_a_cabinet_linked_to_all_domains_sees_the_whole_plan(client, history, other_domain, frozen_today):
    everything = f.user("kabinetalles", is_cabinet=True, cabinet_all_domains=True)
    login(client, everything)
    data = client.get(reverse("monitoring_api:cabinet-report")).json()
    assert data["all_domains"] is True
    assert {a["code"] for b in data["barriers"] for a in b["actions"]} == {"MOB-20", "MOB-21", "MOB-22"}
    assert client.get(reverse("cabinet_report"), {"domains": other_domain.pk}).status_code == 200


@pytest.mark.parametrize("params,field", [
    ({"as_of": "30-09-2026"}, "as_of"), ({"as_of": ""}, "as_of"), ({"domains": "x"}, "domains"),
    ({"domains": "999999"}, "domains"),
])
def test_bad_report_parameters_are_a_clear_400(client, coordinator, params, field, frozen_today):
    login(client, coordinator)
    response = client.get(reverse("monitoring_api:cabinet-report"), params)
    assert response.status_code == 400
    assert field in response.json()


def test_a_report_as_of_a_day_to_come_shows_today_and_says_so(client, coordinator, history, frozen_today):
    login(client, coordinator)
    today = client.get(reverse("monitoring_api:cabinet-report")).json()
    future = client.get(reverse("monitoring_api:cabinet-report"), {"as_of": "2030-01-01"})
    assert future.status_code == 200
    assert future.json()["as_of"] == today["as_of"] != "2030-01-01"
    assert future.json()["barriers"] == today["barriers"]
    # the page's form still tells the user to pick today or a day in the past
    page = client.get(reverse("cabinet_report"), {"as_of": "2030-01-01"})
    assert "Kies vandaag of een datum in het verleden." in page.content.decode()


# --------------------------------------------------------------------------- the page is a summary
def _many(group, barrier, domain, coordinator, *, actions: int, measurements: int):
    """``actions`` blocked actions of one barrier (each an exception), an indicator with ``measurements``."""
    from tests.monitoring_helpers import adopted_action, report

    for n in range(actions):
        action = adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{n + 1:02d}",
                                title=f"Actie nummer {n + 1:02d}")
        report(action, day=date(2026, 11, 2), state="blocked", percent=10, done=f"Gedaan {n + 1:02d}.")
    ind = indicator()
    for n in range(measurements):
        services.measurement_create(indicator=ind, user=coordinator, value=f"{70 + n}", date=date(2026, 1, n + 1))
    return ind


@pytest.fixture
def small_limits(monkeypatch):
    from monitoring import reports

    monkeypatch.setattr(reports, "REPORT_PAGE_ROWS", 3)
    monkeypatch.setattr(reports, "REPORT_PAGE_EXCEPTIONS", 2)
    monkeypatch.setattr(reports, "REPORT_PAGE_MEASUREMENTS", 4)


def test_the_page_shows_the_first_rows_and_links_to_the_rest(client, cabinet, coordinator, group, barrier, domain,
                                                             small_limits, frozen_today):
    ind = _many(group, barrier, domain, coordinator, actions=5, measurements=6)
    login(client, cabinet)
    html = without_isolation(client.get(reverse("cabinet_report")).content.decode())
    # per barrier: 3 of the 5 rows, then a link to the progress list on that barrier (and the cabinet's domain)
    rows = [f"MOB-{n:02d} Actie nummer {n:02d}</th>" for n in range(1, 6)]
    assert [row in html for row in rows] == [True, True, True, False, False]
    progress = reverse("progress_list")
    assert f'<a href="{progress}?barrier={barrier.pk}&amp;lead_domain={domain.pk}">… en nog 2 acties</a>' in html
    # exceptions: 2 of the 5, then the rest through the progress list's filters
    assert html.count('<article class="exception">') == 2
    assert "… en nog 3 uitzonderingen." in html
    assert f'href="{progress}?progress_state=blocked&amp;lead_domain={domain.pk}">geblokkeerd</a>' in html
    assert f'href="{progress}?reporting=overdue&amp;lead_domain={domain.pk}"' in html
    # measurements: the 4 latest of 6, then a link to the indicator's page
    assert "03/01/2026" in html and "06/01/2026" in html
    assert "01/01/2026" not in html and "02/01/2026" not in html
    assert f'<a href="{reverse("indicator_detail", args=[ind.pk])}">… en nog 2 oudere metingen</a>' in html
    # the headline still counts everything
    assert '<span class="headline__number">5</span> uitzonderingen' in html


def test_the_progress_list_behind_a_barrier_link_has_its_actions(client, cabinet, coordinator, group, barrier, domain,
                                                                small_limits, frozen_today):
    _many(group, barrier, domain, coordinator, actions=5, measurements=0)
    login(client, cabinet)
    response = client.get(reverse("progress_list"), {"barrier": barrier.pk, "lead_domain": domain.pk})
    assert response.status_code == 200
    assert response.context["count"] == 5


def test_the_pdf_and_the_api_keep_every_row(client, cabinet, coordinator, group, barrier, domain, small_limits,
                                            frozen_today):
    _many(group, barrier, domain, coordinator, actions=5, measurements=6)
    login(client, cabinet)
    data = client.get(reverse("monitoring_api:cabinet-report")).json()
    assert len(data["exceptions"]) == 5
    assert [len(b["actions"]) for b in data["barriers"]] == [5]
    assert len(data["indicators"][0]["measurements"]) == 6
    text = _pdf_text(client.get(reverse("cabinet_report_pdf")).content)
    assert all(f"MOB-{n:02d}" in text for n in range(1, 6))
    assert "en nog" not in text


def test_nothing_is_cut_at_the_size_of_the_demo(client, cabinet, coordinator, group, barrier, domain, frozen_today):
    ind = _many(group, barrier, domain, coordinator, actions=5, measurements=6)
    login(client, cabinet)
    html = without_isolation(client.get(reverse("cabinet_report")).content.decode())
    assert all(f"MOB-{n:02d} Actie nummer {n:02d}</th>" in html for n in range(1, 6))
    assert html.count('<article class="exception">') == 5
    assert "01/01/2026" in html and "06/01/2026" in html
    assert "en nog" not in html
    assert reverse("indicator_detail", args=[ind.pk]) in html  # the indicator table's own link, not a "more" link


# --------------------------------------------------------------------------- fast paths give the same report
def test_today_read_from_the_actions_equals_today_read_from_the_history(history, domain, frozen_today):
    from monitoring.selectors import actions_as_of, actions_from_history

    today = date(2026, 11, 26)
    # MOB-20 was renamed, moved on to completed; MOB-21 is another domain's; MOB-22 came later
    live = actions_as_of(today, None)
    assert [r.code for r in live] == ["MOB-20", "MOB-21", "MOB-22"]
    assert live == actions_from_history(today, None)
    assert actions_as_of(today, [domain.pk]) == actions_from_history(today, [domain.pk])
    assert live[0].title == "Vervoer op maat (herzien)" and live[0].status == Status.COMPLETED
    # a past date still comes from the history
    assert [(r.code, r.status) for r in actions_as_of(date(2026, 8, 31), None)] == [
        ("MOB-20", Status.ADOPTED), ("MOB-21", Status.ADOPTED)]


def test_the_api_report_is_exactly_what_its_serializer_gives(client, cabinet, coordinator, history, group, barrier,
                                                             domain, frozen_today):
    """The API builds its JSON directly (fast at thousands of actions); the documented serializer must agree."""
    import json

    from rest_framework.renderers import JSONRenderer

    from monitoring import reports
    from monitoring.api import CabinetReportSerializer

    milestone(history[2], due=date(2026, 11, 1), title="Vervoerregio's aangesproken")
    ind = indicator()
    services.measurement_create(indicator=ind, user=coordinator, value="71.5", date=date(2026, 3, 31))
    services.measurement_create(indicator=ind, user=coordinator, value="72", year=2025)
    for domain_ids in (None, [domain.pk]):
        report = cabinet_report(domain_ids=domain_ids)
        plain = reports.report_json(report)
        # the same fields, and nothing the serializer's fields would still convert
        documented = json.loads(JSONRenderer().render(CabinetReportSerializer(plain).data))
        assert json.loads(JSONRenderer().render(plain)) == documented
        assert documented["barriers"] and documented["indicators"]
    login(client, cabinet)
    data = client.get(reverse("monitoring_api:cabinet-report")).json()
    assert data["indicators"][0]["measurements"] == [{"year": 2025, "date": None, "value": 72.0},
                                                     {"year": 2026, "date": "2026-03-31", "value": 71.5}]
    assert data["generated_at"].startswith("2026-11-26T12:00:00")
    assert data["as_of"] == "2026-11-26"
    mob22 = next(a for b in data["barriers"] for a in b["actions"] if a["code"] == "MOB-22")
    assert mob22["overdue_milestones"] == [{"title": "Vervoerregio's aangesproken", "due_date": "2026-11-01"}]
    assert mob22["status"] == "adopted" and mob22["status_display"]
    mob20 = next(a for b in data["barriers"] for a in b["actions"] if a["code"] == "MOB-20")
    assert mob20["latest_update"]["date"] == "2026-11-10" and mob20["latest_update"]["percent_complete"] == 100


def test_the_page_shows_the_first_indicators_and_links_to_the_list(client, cabinet, coordinator, monkeypatch,
                                                                   frozen_today):
    from monitoring import reports

    monkeypatch.setattr(reports, "REPORT_PAGE_INDICATORS", 2)
    for n in range(3):
        indicator(name=f"Kerncijfer {n + 1}", slug=f"kerncijfer-{n + 1}", order=n)
    login(client, cabinet)
    html = client.get(reverse("cabinet_report")).content.decode()
    assert "<h3>Kerncijfer 1</h3>" in html and "<h3>Kerncijfer 2</h3>" in html
    assert "<h3>Kerncijfer 3</h3>" not in html
    assert f'<a href="{reverse("indicator_list")}">… en nog 1 indicator</a>' in html
    # the API keeps them all
    data = client.get(reverse("monitoring_api:cabinet-report")).json()
    assert [i["name"] for i in data["indicators"]] == ["Kerncijfer 1", "Kerncijfer 2", "Kerncijfer 3"]
