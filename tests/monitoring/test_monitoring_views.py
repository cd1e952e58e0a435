"""Monitoring pages: the permission matrix (generated from the URL conf), the report form and
the milestone and measurement forms, dashboard links and the XLSX export, query budgets."""

import io
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from actieplan.models import Status
from monitoring import urls as monitoring_urls
from monitoring.models import ActionOutcome, Measurement, StatusUpdate
from tests import factories as f
from tests.conftest import ROLES, login
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
REPORT_ROLES = {"coordinator", "domain_contact", "cabinet"}
ALL = set(ROLES) - {"anonymous"}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(frozen, users, group, barrier, domain, domain_contact):
    action = adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-30",
                            title="Vervoer op maat naar de werkplek")
    ms = milestone(action, due=date(2026, 10, 1), title="Pilootgemeenten gekozen")
    update = StatusUpdate.objects.create(action=action, date=date(2026, 11, 26), progress_state="on_track",
                                         percent_complete=40, done="Piloot gestart.", created_by=domain_contact)
    ind = indicator()
    outcome = ActionOutcome.objects.create(action=action, indicator=ind, kind="output", unit="percent",
                                           target_value="80", target_year=2029)
    return {"action": action, "milestone": ms, "update": update, "indicator": ind, "domain": domain, "group": group,
            "outcome": outcome}


STATUS_POST = {"date": "2026-11-25", "progress_state": "delayed", "percent_complete": "35",
               "done": "Overleg met de vervoerregio.", "next_steps": "", "blockers": "", "link": ""}

# name -> (method, url builder, data, roles that may, expected status when allowed)
MATRIX = {
    "action_progress": ("get", lambda w: reverse("action_progress", args=[w["action"].pk]), None, ALL, 200),
    "action_progress#post": ("post", lambda w: reverse("action_progress", args=[w["action"].pk]), STATUS_POST,
                             {"coordinator", "domain_contact"}, 302),
    "milestone_done": ("post", lambda w: reverse("milestone_done", args=[w["action"].pk, w["milestone"].pk]),
                       {"done_on": "2026-10-02"}, {"coordinator", "domain_contact"}, 302),
    # the outcomes of an action (issue 20 §4): its lead domain's contact and coordinators
    "action_outcomes": ("get", lambda w: reverse("action_outcomes", args=[w["action"].pk]), None,
                        {"coordinator", "domain_contact"}, 200),
    "action_outcomes#post": ("post", lambda w: reverse("action_outcomes", args=[w["action"].pk]),
                             {"kind": "outcome", "indicator": "", "unit": "", "target_value": "80",
                              "target_year": "2029"}, {"coordinator", "domain_contact"}, 400),  # no indicator
    "action_outcome_edit": ("get", lambda w: reverse("action_outcome_edit", args=[w["action"].pk, w["outcome"].pk]),
                            None, {"coordinator", "domain_contact"}, 200),
    "action_outcome_delete": ("post",
                              lambda w: reverse("action_outcome_delete", args=[w["action"].pk, w["outcome"].pk]),
                              None, {"coordinator", "domain_contact"}, 302),
    "status_update_edit": ("get", lambda w: reverse("status_update_edit", args=[w["update"].pk]), None,
                           {"coordinator", "domain_contact"}, 200),
    # the report has no attachment: the permission passes, then 404 (the file: test_status_update_attachment.py)
    "status_update_attachment": ("get", lambda w: reverse("status_update_attachment", args=[w["update"].pk]), None,
                                 ALL, 404),
    # a cabinet opens it for its portfolio (issue 19)
    "dashboard": ("get", lambda w: reverse("dashboard"), None, {"coordinator", "cabinet"}, 200),
    "dashboard_xlsx": ("get", lambda w: reverse("dashboard_xlsx"), None, {"coordinator", "cabinet"}, 200),
    "domain_dashboard": ("get", lambda w: reverse("domain_dashboard", args=[w["domain"].pk]), None, REPORT_ROLES, 200),
    "domain_dashboard_xlsx": ("get", lambda w: reverse("domain_dashboard_xlsx", args=[w["domain"].pk]), None,
                              REPORT_ROLES, 200),
    "group_dashboard": ("get", lambda w: reverse("group_dashboard", args=[w["group"].pk]), None,
                        {"coordinator", "chair", "member"}, 200),
    "group_dashboard_xlsx": ("get", lambda w: reverse("group_dashboard_xlsx", args=[w["group"].pk]), None,
                             {"coordinator", "chair", "member"}, 200),
    "progress_list": ("get", lambda w: reverse("progress_list"), None, {"coordinator"}, 200),
    "progress_list#domain": ("get", lambda w: reverse("progress_list") + f"?lead_domain={w['domain'].pk}", None,
                             REPORT_ROLES, 200),
    "phase_tracker": ("get", lambda w: reverse("phase_tracker"), None, {"coordinator"}, 200),
    "phase_burnup_chart": ("get", lambda w: reverse("phase_burnup_chart"), None, {"coordinator"}, 200),
    "indicator_list": ("get", lambda w: reverse("indicator_list"), None, ALL, 200),
    "indicator_detail": ("get", lambda w: reverse("indicator_detail", args=[w["indicator"].pk]), None, ALL, 200),
    "indicator_detail#post": ("post", lambda w: reverse("indicator_detail", args=[w["indicator"].pk]),
                              {"year": "2025", "value": "77.4", "note": ""}, {"coordinator"}, 302),
    "indicator_chart": ("get", lambda w: reverse("indicator_chart", args=[w["indicator"].pk]), None, ALL, 200),
    "cabinet_report": ("get", lambda w: reverse("cabinet_report"), None, REPORT_ROLES, 200),
    "cabinet_report_pdf": ("get", lambda w: reverse("cabinet_report_pdf"), None, REPORT_ROLES, 200),
}


def test_every_monitoring_url_has_a_row_in_the_matrix():
    names = {p.name for p in monitoring_urls.urlpatterns}
    assert names == {key.split("#")[0] for key in MATRIX}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", list(MATRIX))
def test_permission_matrix(key, role, client, users, world):
    method, build, data, allowed, ok = MATRIX[key]
    login(client, users[role])
    response = getattr(client, method)(build(world), data or {})
    if role == "anonymous":
        assert response.status_code == 302 and reverse("login") in response["Location"]
    elif role in allowed:
        assert response.status_code == ok, response.content[:500]
    else:
        assert response.status_code == 403


# --------------------------------------------------------------------------- pages
def test_a_contact_posts_a_report_and_sees_it(client, domain_contact, world):
    login(client, domain_contact)
    response = client.post(reverse("action_progress", args=[world["action"].pk]), STATUS_POST, follow=True)
    assert "De stand van zaken is geplaatst." in response.content.decode()
    assert "Overleg met de vervoerregio." in response.content.decode()
    assert StatusUpdate.objects.filter(action=world["action"], progress_state="delayed").exists()


def test_a_bad_report_keeps_the_input_and_says_why(client, domain_contact, world):
    login(client, domain_contact)
    response = client.post(reverse("action_progress", args=[world["action"].pk]),
                           {**STATUS_POST, "percent_complete": "150", "done": "<script>x</script>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Het percentage ligt tussen 0 en 100." in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x</script>" not in html
    assert StatusUpdate.objects.count() == 1


def test_a_report_cannot_be_corrected_after_24_hours(client, domain_contact, world):
    login(client, domain_contact)
    with time_machine.travel(NOW + timedelta(hours=25), tick=False):
        response = client.get(reverse("status_update_edit", args=[world["update"].pk]))
    assert response.status_code == 403


def test_a_milestone_done_in_the_future_is_refused(client, domain_contact, world):
    login(client, domain_contact)
    response = client.post(reverse("milestone_done", args=[world["action"].pk, world["milestone"].pk]),
                           {"done_on": "2026-12-31"})
    assert response.status_code == 400
    assert "niet in de toekomst" in response.content.decode()
    world["milestone"].refresh_from_db()
    assert world["milestone"].done_on is None


def test_an_implausible_measurement_is_refused_in_the_form(client, coordinator, world):
    login(client, coordinator)
    response = client.post(reverse("indicator_detail", args=[world["indicator"].pk]), {"year": "2025",
                                                                                       "value": "104"})
    assert response.status_code == 400
    assert "Een percentage ligt tussen 0 en 100; 104 kan niet." in response.content.decode()
    assert not Measurement.objects.exists()


def test_the_action_page_include_shows_progress_and_transitions(client, domain_contact, world):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from monitoring.views import action_progress_context

    request = RequestFactory().get("/")
    request.user = domain_contact
    context = {"action": world["action"], **action_progress_context(request, world["action"])}
    html = render_to_string("monitoring/_action_progress.html", context, request=request)
    assert "Piloot gestart." in html
    assert "Pilootgemeenten gekozen" in html and "te laat" in html
    assert "?to=completed" in html and "?to=stopped" in html


def test_dashboard_numbers_link_to_the_list_behind_them(client, coordinator, world, domain):
    login(client, coordinator)
    html = client.get(reverse("dashboard")).content.decode()
    assert f'href="/acties/?status=in_progress"' in html
    assert f'href="/acties/?lead_domain={domain.pk}"' in html
    assert 'href="/voortgang/acties/?milestones=overdue"' in html
    listing = client.get(reverse("progress_list"), {"milestones": "overdue"}).content.decode()
    assert "MOB-30" in listing
    domain_html = client.get(reverse("domain_dashboard", args=[domain.pk])).content.decode()
    assert f'href="/acties/?status=in_progress&amp;lead_domain={domain.pk}"' in domain_html


def test_the_dashboard_exports_to_xlsx(client, coordinator, world):
    login(client, coordinator)
    response = client.get(reverse("dashboard_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert {"Overzicht", "Levenscyclus", "Voortgang", "Te late mijlpalen", "Indicatoren"} <= set(workbook.sheetnames)
    rows = list(workbook["Levenscyclus"].values)
    assert ("in uitvoering", 1) in rows
    assert list(workbook["Te late mijlpalen"].values)[1][:3] == ("MOB-30", "Vervoer op maat naar de werkplek",
                                                                   "Pilootgemeenten gekozen")


def test_charts_are_svg_without_scripts(client, coordinator, world):
    login(client, coordinator)
    for url in (reverse("indicator_chart", args=[world["indicator"].pk]), reverse("phase_burnup_chart")):
        response = client.get(url)
        assert response["Content-Type"] == "image/svg+xml"
        body = response.content.decode()
        assert body.lstrip().startswith("<?xml") and "<svg" in body
        assert "<script" not in body and "http://pygal" not in body and "kozea.github.io" not in body
        assert "script-src 'none'" in response["Content-Security-Policy"]


def test_the_phase_tracker_reads_sensibly_after_the_deadline(client, coordinator, frozen, group, barrier):
    f.phase(3, name="Overkoepelend actieplan", deadline=date(2026, 7, 10))
    on_time = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED)
    late = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED)
    from actieplan.models import StatusChange

    for action, day in ((on_time, date(2026, 7, 3)), (late, date(2026, 9, 1))):
        change = StatusChange.objects.create(action=action, from_status="retained", to_status="adopted")
        StatusChange.objects.filter(pk=change.pk).update(at=datetime(day.year, day.month, day.day, 10, tzinfo=TZ))
    login(client, coordinator)
    html = client.get(reverse("phase_tracker")).content.decode()
    assert "deadline 139 dagen voorbij" in html
    tracker = client.get(reverse("phase_tracker")).context["tracker"]
    assert (tracker["phases"][0]["on_time"], tracker["phases"][0]["late"]) == (1, 1)


# --------------------------------------------------------------------------- query budgets
def _seed(n, *, group, barrier, domain):
    actions = []
    for i in range(n):
        action = adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{100 + i}",
                                planned_end=date(2027, 6, 30))
        report(action, day=date(2026, 8, 1), state=["on_track", "delayed", "blocked"][i % 3])
        milestone(action, due=date(2026, 10, 1))
        actions.append(action)
    version = final_version(actions)
    for action in actions:
        baseline(action, planned_end=date(2027, 3, 31), version=version)
    for i in range(n):
        ind = indicator(name=f"Indicator {i}", slug=f"indicator-{i}")
        for year in range(2020, 2020 + n):
            Measurement.objects.create(indicator=ind, year=year, value="77.5")
    return actions


PAGES = {
    # session, user, profile, memberships, profile domains (5) + the dashboard's 14: settings, status and slipped
    # counts, progress and timeliness counts, primary and secondary barrier counts, barrier names, lead-domain
    # counts, domain names, overdue reports, overdue milestones (count and first rows), first slipped actions,
    # indicators, their measurements; + the charts' 7: the plan's actions by domain, barrier, status and latest
    # state, the priority barriers, settings, report dates, adoption dates, milestones, baselines
    "dashboard": (lambda d, g: reverse("dashboard"), 26),
    # + domain lookup
    "domain_dashboard": (lambda d, g: reverse("domain_dashboard", args=[d.pk]), 27),
    # 5 + group lookup + the dashboard's 14, less the latest measurements: no seeded indicator is linked to the
    # group's barriers, so there is no measurement to read
    "group_dashboard": (lambda d, g: reverse("group_dashboard", args=[g.pk]), 26),
    # 5 + the filter form's domain + settings + count + one page of annotated actions + the form's three choice
    # lists
    "progress_list": (lambda d, g: reverse("progress_list") + f"?lead_domain={d.pk}", 12),
    # 5 + phases, rounds, steps per phase, open counts, groups, domains, steps at each month end,
    # and where the process stands (phases, rounds)
    "phase_tracker": (lambda d, g: reverse("phase_tracker"), 14),
    # 5 + the form's domain list + the report's 9, less the domain names query (the whole plan)
    # + the cabinet summary at the top (issue 19): the report's 9 again (the page body is cached, the summary
    # not), reports at the 'since' date, adoptions and realisations since, milestones reached, declined
    # assignments, the previous approved progress report, the charts' milestones and baselines
    "cabinet_report": (lambda d, g: reverse("cabinet_report"), 29),
    # 5 + indicators, their barriers and their latest measurements
    "indicator_list": (lambda d, g: reverse("indicator_list"), 8),
}


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("rows", [1, 50])
def test_pages_keep_their_query_budget(page, rows, client, coordinator, frozen, group, barrier, domain,
                                       django_assert_num_queries):
    _seed(rows, group=group, barrier=barrier, domain=domain)
    build, budget = PAGES[page]
    login(client, coordinator)
    url = build(domain, group)
    with django_assert_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_the_progress_page_of_an_action_keeps_its_budget(rows, client, domain_contact, frozen, group, barrier, domain,
                                                          django_assert_num_queries):
    action = adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-99")
    for i in range(rows):
        report(action, day=date(2026, 1, 1) + timedelta(days=i), user=domain_contact)
        milestone(action, due=date(2026, 12, 1) + timedelta(days=i))
    login(client, domain_contact)
    # 5 (session, user, permissions) + action with relations and 7 prefetches + settings, reporting, baseline,
    # milestones, reports with authors + the action's outcomes (their measured values in the form)
    with django_assert_num_queries(19):
        response = client.get(reverse("action_progress", args=[action.pk]))
    assert response.status_code == 200
