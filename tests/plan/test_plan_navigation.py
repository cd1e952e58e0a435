"""A long plan page stays navigable: collapsible chapters, a sticky table of contents, one menu per action."""

import re

from django.urls import reverse

from tests.conftest import login
from tests.plan_factories import make_plan, retained_action


def _plan(coordinator, group, barrier, domain, n=3):
    actions = [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code=f"MOB-{i + 20}")
               for i in range(n)]
    return make_plan(coordinator, actions)


def test_each_chapter_folds_open_with_its_title_and_count(client, coordinator, group, barrier, domain):
    plan = _plan(coordinator, group, barrier, domain)
    html = login(client, coordinator).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    chapters = plan.chapters.count()
    assert html.count('<details class="chapter__fold" open>') == chapters
    assert re.search(r'<summary class="chapter__summary"><h2 id="hoofdstuk-\d+-titel">1\. ', html)
    assert "(3 acties)" in html


def test_the_table_of_contents_sits_beside_the_chapters_with_its_own_id(client, coordinator, group, barrier, domain):
    plan = _plan(coordinator, group, barrier, domain)
    html = login(client, coordinator).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert html.index('class="plan-layout"') < html.index('class="plan-toc"') < html.index('class="plan-layout__main"')
    assert html.count('id="inhoud"') == 1  # only the main landmark
    assert 'aria-labelledby="inhoudstafel"' in html


def test_the_tools_of_an_action_are_in_one_menu(client, coordinator, group, barrier, domain):
    plan = _plan(coordinator, group, barrier, domain)
    html = login(client, coordinator).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert html.count('<details class="action-menu">') == 3
    menu = html[html.index('<details class="action-menu">'):]
    menu = menu[:menu.index("</details>")]
    for label in ("Omhoog", "Omlaag", "Verplaatsen", "Traject bewerken", "Uit het plan halen"):
        assert label in menu
    assert 'Acties<span class="visually-hidden"> voor MOB-20</span>' in menu


def test_readers_get_no_action_menu(client, cabinet, coordinator, group, barrier, domain):
    plan = _plan(coordinator, group, barrier, domain, n=1)
    html = login(client, cabinet).get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "action-menu" not in html and "chapter__fold" in html
