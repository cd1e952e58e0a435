"""Charts on the dashboards (issue 19): each chart agrees with the table behind it, labels stay inside the
chart, user text is escaped, and the cabinet opens the dashboard for its portfolio."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from actieplan.models import Status
from monitoring.svgcharts import CHAR_WIDTH
from tests import factories as f
from tests.conftest import login
from tests.monitoring_helpers import adopted_action, indicator, milestone, report

SVG = "{http://www.w3.org/2000/svg}"
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
LONG = "Welzijn, Volksgezondheid en Gezin — een bijzonder lange naam van een beleidsdomein <b>&amp;</b>"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def figures(html: str) -> dict[str, str]:
    """Each chart figure's html by the title of its SVG."""
    out = {}
    for block in re.findall(r'<figure class="chart-figure".*?</figure>', html, re.S):
        title = re.search(r"<title id=\"[^\"]+-title\">(.*?)</title>", block, re.S).group(1)
        out[title] = block
    return out


def table_rows(block: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", block, re.S).group(1)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def assert_texts_inside(svg: ET.Element):
    _x, _y, width, height = (float(v) for v in svg.get("viewBox").split())
    texts = list(svg.iter(f"{SVG}text"))
    for text in texts:
        size = float(text.get("font-size"))
        x, y = float(text.get("x")), float(text.get("y"))
        w = len(text.text or "") * size * CHAR_WIDTH
        left = {"start": x, "middle": x - w / 2, "end": x - w}[text.get("text-anchor", "start")]
        assert left >= 0 and left + w <= width, (text.text, left, left + w, width)
        assert y - size >= 0 and y + size * 0.3 <= height, (text.text, y, height)
    return texts


@pytest.fixture
def plan(frozen, group, barrier, domain, other_domain, domain_contact):
    domain.name = LONG
    domain.save()
    actions = []
    states = ["on_track", "on_track", "at_risk", "delayed", "blocked"]
    for i, state in enumerate(states):
        action = adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{i + 1}",
                                adopted_on=date(2026, 3, 1))
        report(action, day=date(2026, 11, 1), state=state, percent=10 * (i + 1))
        actions.append(action)
    adopted_action(group=group, barrier=barrier, domain=other_domain, code="ZORG-1", adopted_on=date(2026, 3, 1))
    f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED, lead_domain=domain)
    f.action(working_group=group, primary_barrier=barrier, status=Status.REJECTED, lead_domain=domain)
    milestone(actions[0], due=date(2026, 10, 15), done_on=date(2026, 10, 10))
    milestone(actions[1], due=date(2026, 11, 15))
    ind = indicator(slug="werkzaamheidsgraad-20-64")
    for year, value in ((2024, "76.9"), (2025, "77.3")):
        ind.measurements.create(year=year, value=value)
    return actions


def test_it_shows_five_charts_first_and_each_agrees_with_its_table(client, coordinator, plan):
    login(client, coordinator)
    html = client.get(reverse("dashboard")).content.decode()
    first_chart, first_table = html.index("<svg"), html.index('id="levenscyclus"')
    assert first_chart < first_table  # the charts come before the tables
    charts = figures(html)
    assert set(charts) >= {"Van voorstel tot realisatie", "Voortgang per trekkend beleidsdomein",
                           "Tijdigheid van de standen van zaken (12 maanden)",
                           "Mijlpalen per kwartaal: te halen en gehaald", "De vijf prioritaire drempels"}
    funnel = dict((row[0], int(row[1])) for row in table_rows(charts["Van voorstel tot realisatie"]))
    assert funnel["voorgesteld"] == 8 and funnel["ingediend"] == 8 and funnel["opgenomen"] == 6
    assert funnel["niet weerhouden"] == 1
    # the bar lengths follow the table
    svg = svgs(charts["Van voorstel tot realisatie"])[0]
    bars = {r.find(f"{SVG}title").text: float(r.get("width")) for r in svg.iter(f"{SVG}rect")
            if r.find(f"{SVG}title") is not None}
    assert bars["opgenomen"] / bars["voorgesteld"] == pytest.approx(6 / 8, rel=0.01)

    progress = table_rows(charts["Voortgang per trekkend beleidsdomein"])
    by_domain = {row[0]: [int(c) for c in row[1:]] for row in progress}
    assert by_domain[LONG.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")] == [2, 1, 1, 1, 0, 5]
    # the stacked parts carry the same numbers as the table
    svg = svgs(charts["Voortgang per trekkend beleidsdomein"])[0]
    parts = [r.find(f"{SVG}title").text for r in svg.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert f"{LONG}: op schema 2" in parts and f"{LONG}: geblokkeerd 1" in parts

    milestones = {row[0]: row[1:] for row in table_rows(charts["Mijlpalen per kwartaal: te halen en gehaald"])}
    assert milestones["K4 2026"] == ["2", "1", "0"]
    barriers = table_rows(charts["De vijf prioritaire drempels"])
    assert barriers[0][1:] == ["6", "6", "2", "33"]


def test_it_keeps_every_label_inside_the_chart(client, coordinator, plan):
    login(client, coordinator)
    html = client.get(reverse("dashboard")).content.decode()
    texts = []
    for svg in svgs(html):
        texts += [t.text for t in assert_texts_inside(svg)]
    assert not any("…" in (t or "") for t in texts if t and t.startswith("K"))
    assert any("K4 2026" == t for t in texts)


def test_it_escapes_user_text_in_the_charts(client, coordinator, plan):
    login(client, coordinator)
    html = client.get(reverse("dashboard")).content.decode()
    assert "<b>&amp;</b>" not in html
    assert "&lt;b&gt;" in html


def test_it_draws_a_sparkline_in_every_indicator_row(client, coordinator, plan):
    login(client, coordinator)
    html = client.get(reverse("dashboard")).content.decode()
    row = re.search(r'<td class="sparkline">(.*?)</td>', html, re.S).group(1)
    svg = ET.fromstring(row)
    assert svg.find(f"{SVG}title").text == "Trend Werkzaamheidsgraad 20-64 jaar"
    assert "streefwaarde 80,0 %" in svg.find(f"{SVG}desc").text
    assert len(list(svg.iter(f"{SVG}polyline"))) == 3  # measurements, baseline, target


def test_a_cabinet_opens_the_dashboard_for_its_portfolio(client, cabinet, plan):
    login(client, cabinet)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    charts = figures(response.content.decode())
    progress = table_rows(charts["Voortgang per trekkend beleidsdomein"])
    assert len(progress) == 1  # its one domain; ZORG-1 of the other domain is not counted
    assert b"Actie voorstellen" not in response.content


def test_a_domain_contact_still_may_not_open_the_whole_dashboard(client, domain_contact, plan):
    login(client, domain_contact)
    assert client.get(reverse("dashboard")).status_code == 403


def test_the_domain_dashboard_charts_only_its_actions(client, coordinator, plan, other_domain):
    login(client, coordinator)
    html = client.get(reverse("domain_dashboard", args=[other_domain.pk])).content.decode()
    charts = figures(html)
    funnel = dict((row[0], int(row[1])) for row in table_rows(charts["Van voorstel tot realisatie"]))
    assert funnel["voorgesteld"] == 1 and funnel["opgenomen"] == 1


def test_the_burn_up_and_indicator_charts_cut_no_label(client, coordinator, plan):
    """pygal's charts: every axis label whole (was "01/20…")."""
    login(client, coordinator)
    for url in (reverse("phase_burnup_chart"),
                reverse("indicator_chart", args=[plan[0].indicators.model.objects.first().pk])):
        svg = client.get(url).content.decode()
        labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert labels and not [t for t in labels if "…" in t], labels
    burnup = client.get(reverse("phase_burnup_chart")).content.decode()
    assert re.search(r">\d\d/20\d\d<", burnup)  # whole month labels


def test_the_action_page_shows_its_progress_timeline(client, domain_contact, plan):
    login(client, domain_contact)
    html = client.get(reverse("action_progress", args=[plan[4].pk])).content.decode()
    chart = figures(html)["Verloop van de voortgang"]
    assert table_rows(chart) == [["01/11/2026", "geblokkeerd", "50"]]
    for svg in svgs(chart):
        assert_texts_inside(svg)
