"""The cabinet's one screen (issue 19): summary in words, three charts, exceptions, what changed since a date."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from actieplan.models import Assignment, AssignmentState
from tests.conftest import login
from tests.monitoring.test_charts import NOW, figures, table_rows  # noqa: F401
from tests.monitoring_helpers import adopted_action, indicator, milestone, report

import time_machine


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan(frozen, group, barrier, domain, other_domain):
    actions = {}
    for i, state in enumerate(["on_track", "on_track", "at_risk", "delayed", "blocked"]):
        action = adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{i + 1}",
                                adopted_on=date(2026, 3, 1))
        report(action, day=date(2026, 9, 1), state="on_track", percent=10)
        report(action, day=date(2026, 11, 1), state=state, percent=10 * (i + 1))
        actions[state if state not in actions else "on_track_2"] = action
    Assignment.objects.create(action=actions["at_risk"], domain=other_domain, role="partner",
                              state=AssignmentState.DECLINED, remark="Geen budget.")
    milestone(actions["on_track"], due=date(2026, 10, 15), done_on=date(2026, 10, 10), title="Pilootgemeenten gekozen")
    ind = indicator(slug="werkzaamheidsgraad-20-64")
    ind.measurements.create(year=2025, value="77.3")
    return actions


def test_the_cabinet_sees_its_summary_on_its_home_page(client, cabinet, plan):
    login(client, cabinet)
    html = client.get(reverse("home") + "?since=2026-10-01").content.decode()
    assert ("Van de 5 acties in het actieplan zijn er 2 op schema, 1 met een aandachtspunt, 1 vertraagd en 1 "
            "geblokkeerd.") in html
    charts = figures(html)
    assert "Werkzaamheidsgraad 20-64 tegenover de doelstelling van 80 %" in charts
    progress = table_rows(charts["Voortgang per trekkend beleidsdomein"])
    assert [int(c) for c in progress[0][1:]] == [2, 1, 1, 1, 0, 5]  # the same numbers as the sentence
    # exceptions: the blocked action and the one a domain declined, each linked
    blocked = plan["blocked"]
    assert f'href="{reverse("action_detail", args=[blocked.pk])}"' in html
    assert "geblokkeerd" in html and "niet akkoord van" in html
    # what changed since 1 October: the four actions whose state or percentage moved, the milestone reached
    assert "Wat is er veranderd sinds 1 oktober 2026" in html
    assert "Pilootgemeenten gekozen" in html
    assert "op schema (10 %) → aandachtspunt (30 %)" in html


def test_the_cabinet_report_starts_with_the_same_summary(client, cabinet, plan):
    login(client, cabinet)
    html = client.get(reverse("cabinet_report") + "?since=2026-10-01").content.decode()
    assert html.index("Van de 5 acties in het actieplan") < html.index("Uitzonderingen") if "Uitzonderingen" in html \
        else "Van de 5 acties in het actieplan" in html
    assert "Pilootgemeenten gekozen" in html


@pytest.mark.parametrize("since", ["2099-01-01", "gisteren"])
def test_the_cabinet_report_refuses_a_bad_date(client, cabinet, plan, since):
    login(client, cabinet)
    assert client.get(reverse("cabinet_report") + f"?since={since}").status_code == 400


def test_others_see_no_cabinet_summary_at_home(client, member, plan):
    login(client, member)
    assert b"Van de 5 acties" not in client.get(reverse("home")).content


def test_the_cabinet_report_pdf_has_the_summary_and_its_charts(client, cabinet, plan):
    import io

    from pypdf import PdfReader

    login(client, cabinet)
    response = client.get(reverse("cabinet_report_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Van de 5 acties in het actieplan zijn er 2 op schema" in text
    assert "Voortgang per trekkend beleidsdomein" in text  # the chart (its title drawn in the SVG)
