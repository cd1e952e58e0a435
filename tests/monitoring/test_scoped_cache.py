"""Issue 22: a write moves only its own kind of data in the data cache (common/datacache.py).

A comment or a membership change leaves the cabinet report and the dashboards cached (the
same few queries as a cached request); a progress report refreshes them at once.
"""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.actions import services as action_services
from monitoring import services as monitoring_services
from tests import factories as f
from tests.monitoring_helpers import adopted_action, report
from werkgroepen.models import Membership


@pytest.fixture
def monitored(group, barrier, domain, coordinator):
    action = adopted_action(group=group, barrier=barrier, domain=domain, title="Jobcoaching op de werkvloer")
    report(action, day=date(2026, 8, 1), percent=20, done="Eerste gesprekken gevoerd.", user=coordinator)
    return action


def get_counted(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response, len(queries)


def average_percent(response, api):
    """The headline "gemiddeld gerealiseerd" as the reader sees it."""
    if api:
        return response.json()["headline"]["average_percent"]
    match = re.search(r'headline__number">(\d+)%</span> gemiddeld gerealiseerd', response.content.decode())
    return int(match.group(1)) if match else None


def unrelated_writes(action, member, other_member, group):
    action_services.comment_create(action=action, user=member, text="Kan dit ook in het Engels?")
    Membership.objects.create(user=other_member, working_group=group, role=Membership.Role.MEMBER)


def related_write(action, coordinator, text):
    monitoring_services.status_update_create(action=action, user=coordinator, data={
        "progress_state": "on_track", "percent_complete": 70, "done": text})


@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_the_cabinet_report_stays_cached_after_a_comment_and_refreshes_after_a_report(
        api, client, cabinet, coordinator, member, other_member, group, monitored, django_assert_num_queries):
    viewer = APIClient() if api else client
    viewer.force_login(cabinet)
    url = reverse("monitoring_api:cabinet-report") if api else reverse("cabinet_report")
    viewer.get(url)  # computed and cached
    cached, cached_queries = get_counted(viewer, url)
    assert average_percent(cached, api) == 20

    unrelated_writes(monitored, member, other_member, group)
    with django_assert_num_queries(cached_queries):  # still served from the cache
        again = viewer.get(url)
    assert average_percent(again, api) == 20

    related_write(monitored, coordinator, "Tien werkplekken aangepast.")
    refreshed, refreshed_queries = get_counted(viewer, url)
    assert refreshed_queries > cached_queries  # recomputed
    assert average_percent(refreshed, api) == 70  # what the cabinet reads: the new report counts


def test_the_dashboard_stays_cached_after_a_comment_and_refreshes_after_a_transition(
        client, coordinator, member, other_member, group, barrier, domain, monitored, django_assert_num_queries):
    client.force_login(coordinator)
    url = reverse("dashboard")
    client.get(url)
    _cached, cached_queries = get_counted(client, url)

    unrelated_writes(monitored, member, other_member, group)
    with django_assert_num_queries(cached_queries):
        client.get(url)

    submitted = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status="submitted")
    action_services.action_transition(action=submitted, user=coordinator, to="retained", reason="")
    _refreshed, refreshed_queries = get_counted(client, url)
    assert refreshed_queries > cached_queries


def test_a_membership_change_refreshes_a_members_own_dashboard_scope(client, chair, other_member, group, monitored):
    """Whoever sees actions through their groups: their dashboards do depend on memberships."""
    from actieplan.permissions import perms_for
    from common import datacache

    assert "memberships" in datacache.user_scoped_topics(perms_for(chair).is_coordinator)
    assert "memberships" not in datacache.MONITORING_TOPICS
