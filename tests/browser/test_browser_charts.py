"""End to end in headless Chromium (issue 19): the charts of the dashboards and reports, the cabinet's
summary and the progress report, for the coordinator, a domain contact and the cabinet; each page
scanned with axe-core (serious or critical violations fail)."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from monitoring.models import StatusUpdate
from reporting.models import ReportingPeriod
from tests.browser.test_browser_monitoring import assert_accessible, log_in, log_out, world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE", "viewport": {"width": 1366, "height": 900}}


def test_charts_for_coordinator_contact_and_cabinet(page, live_server, world):
    action = world["action"]
    StatusUpdate.objects.create(action=action, date=date.today(), progress_state="blocked", percent_complete=20,
                                done="Overleg gestart.", next_steps="Budget vragen.")
    ReportingPeriod.objects.create(name="Lopend semester", starts_on=date.today() - timedelta(days=60),
                                   ends_on=date.today() + timedelta(days=60))  # a transactional test has none
    # the coordinator: the WEWIS dashboard with its five charts first, a chart's table on demand
    log_in(page, live_server, "coordinator")
    page.goto(live_server.url + reverse("dashboard"))
    charts = page.locator("figure.chart-figure svg[role=img]")
    expect(charts).to_have_count(5)
    first = page.locator("figure.chart-figure").nth(1)
    first.get_by_text("toon als tabel").click()
    expect(first.locator("table")).to_be_visible()
    assert_accessible(page, "WEWIS-dashboard met grafieken")
    # a progress report: draft, read, approve
    page.goto(live_server.url + reverse("progress_report_list"))
    page.get_by_label("Periode").select_option(label="Lopend semester")
    page.get_by_role("button", name="Ontwerp aanmaken").click()
    expect(page.get_by_role("heading", name=re.compile("Samenvatting"))).to_be_visible()
    assert_accessible(page, "voortgangsrapport (ontwerp)")
    page.get_by_role("button", name="Goedkeuren en vastleggen").click()
    expect(page.get_by_text("dit rapport ligt vast")).to_be_visible()
    log_out(page)

    # the domain contact: the action page with its timeline
    log_in(page, live_server, "domeincontact")
    page.goto(live_server.url + reverse("action_progress", args=[action.pk]))
    expect(page.locator("figure.chart-figure")).to_have_count(1)
    assert_accessible(page, "voortgang van een actie met tijdlijn")
    page.goto(live_server.url + reverse("domain_dashboard", args=[world["domain"].pk]))
    expect(page.locator("figure.chart-figure svg[role=img]")).to_have_count(5)
    assert_accessible(page, "dashboard van een beleidsdomein")
    log_out(page)

    # the cabinet: its summary at home, its portfolio's dashboard, the report, the approved progress report
    log_in(page, live_server, "kabinet")
    page.goto(live_server.url + reverse("home"))
    expect(page.get_by_text(re.compile(r"Van de 1 actie in het actieplan"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("MOB-01"))).to_have_count(2)  # exception and change
    assert_accessible(page, "startpagina van het kabinet")
    page.goto(live_server.url + reverse("dashboard"))
    expect(page.locator("figure.chart-figure svg[role=img]")).to_have_count(5)
    expect(page.get_by_text("Actie van een ander domein")).to_have_count(0)
    assert_accessible(page, "dashboard van de portefeuille")
    page.goto(live_server.url + reverse("cabinet_report"))
    expect(page.get_by_role("heading", name=re.compile("Samenvatting op"))).to_be_visible()
    assert_accessible(page, "kabinetsrapport met samenvatting")
    page.goto(live_server.url + reverse("progress_report_list"))
    page.get_by_role("link", name=re.compile("Voortgangsrapport")).first.click()
    assert_accessible(page, "goedgekeurd voortgangsrapport")
