"""Issue 22: the plan page's cached parts depend on the plan and its actions only.

A comment on an action leaves the plan detail page cached (the same queries as a cached
request); adding a chapter refreshes it at once and the new chapter shows.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actieplan.actions import services as action_services
from actieplan.plan import services as plan_services
from tests.plan_factories import make_plan, retained_action


def get_counted(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response, len(queries)


def test_a_comment_leaves_the_plan_page_cached_and_a_new_chapter_refreshes_it(
        client, coordinator, group, barrier, django_assert_num_queries):
    action = retained_action(working_group=group, primary_barrier=barrier)
    plan = make_plan(coordinator, [action])
    client.force_login(coordinator)
    url = reverse("plan_detail", args=[plan.pk])
    client.get(url)
    _cached, cached_queries = get_counted(client, url)

    action_services.comment_create(action=action, user=coordinator, text="Past dit in hoofdstuk 2?")
    with django_assert_num_queries(cached_queries):  # the plan's cached parts still apply
        client.get(url)

    plan_services.chapter_create(plan=plan, user=coordinator, title="Werkplekken op maat")
    refreshed, refreshed_queries = get_counted(client, url)
    assert refreshed_queries > cached_queries
    assert "Werkplekken op maat" in refreshed.content.decode()
