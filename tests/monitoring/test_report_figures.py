"""The figures of the cabinet report add up: one definition per figure (issue 16, defect 5)."""

import re
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from actieplan.models import Status
from monitoring.selectors import MONITORED_STATUSES, cabinet_report
from tests.conftest import login
from tests.monitoring_helpers import TZ, adopted_action, report

TODAY = datetime(2026, 11, 26, 12, 0, tzinfo=TZ)


@pytest.fixture
def plan_actions(group, barrier, other_barrier, domain, other_domain, domain_contact):
    with time_machine.travel(TODAY, tick=False):
        made = []
        for n, (status, state) in enumerate([
            (Status.ADOPTED, None), (Status.ADOPTED, "on_track"), (Status.ADOPTED, "delayed"),
            (Status.IN_PROGRESS, "on_track"), (Status.IN_PROGRESS, "blocked"), (Status.IN_PROGRESS, None),
            (Status.COMPLETED, "on_track"), (Status.STOPPED, None),
        ]):
            action = adopted_action(group=group, barrier=barrier if n % 2 else other_barrier,
                                    domain=domain if n % 3 else other_domain, status=status, code=f"MOB-{90 + n}")
            if state:
                report(action, day=date(2026, 11, 1), state=state, user=domain_contact)
            made.append(action)
        yield made


def _check_adds_up(r: dict):
    h = r["headline"]
    status = {row["key"]: row["count"] for row in h["by_status"]}
    assert sum(status.values()) == h["actions"]
    assert sum(row["count"] for row in h["by_progress"]) == h["monitored"] == sum(status[s] for s in MONITORED_STATUSES)
    assert sum(len(entry["actions"]) for entry in r["barriers"]) == h["actions"]
    assert h["exceptions"] == len(r["exceptions"])


def test_the_headline_boxes_and_tables_add_up(plan_actions):
    with time_machine.travel(TODAY, tick=False):
        for scope in (None, [plan_actions[1].lead_domain_id]):
            _check_adds_up(cabinet_report(domain_ids=scope))


def test_the_page_names_what_the_progress_table_counts(client, coordinator, plan_actions):
    with time_machine.travel(TODAY, tick=False):
        html = login(client, coordinator).get(reverse("cabinet_report")).content.decode()
    boxes = dict((label.strip(), int(n)) for n, label in
                 re.findall(r'<span class="headline__number">(\d+)</span>\s*([^<]+)</li>', html))
    monitored = boxes["opgenomen in actieplan"] + boxes["in uitvoering"]
    assert monitored == 6
    assert (f"De {monitored} acties met status opgenomen in actieplan of in uitvoering, "
            "volgens hun laatste stand van zaken") in html
    table = re.search(r"<caption>De \d+ acties met status .*?</table>", html, re.S).group(0)
    rows = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', table)]
    assert sum(rows[:-1]) == rows[-1] == monitored  # the rows, then the total
