"""Reflow at 320 px (issue 16, WCAG 1.4.10): on a phone-sized window no page of the sweep scrolls sideways;
and the sweep's pages, the new ones of the implementation phase included (issue 20), pass axe-core.

The demo installation (actions, alignment, plan, monitoring, inventory, meetings) is opened as the
coordinator, who sees every page, in a window 320 px wide. The page itself must fit: wide tables
scroll inside their own box (``.table-wrap``), which has a name and can be reached with the keyboard.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_browser_inbox import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE", "viewport": {"width": WIDTH, "height": 800}}


@pytest.fixture
def demo(transactional_db):
    from actieplan.seed import demo_alignment, demo_plan
    from actieplan.seed.demo import load_demo
    from governance import demo as governance_demo
    from inventory import demo as inventory_demo
    from monitoring import demo as monitoring_demo

    load_demo()
    demo_alignment.load()
    demo_plan.load()
    monitoring_demo.load()
    inventory_demo.load()
    governance_demo.load()


def sweep() -> list[tuple[str, str]]:
    """(name, path) of the pages of the sweep, with the demo's first object where a page needs one."""
    from actieplan.models import Action, Barrier, Plan
    from governance.models import Meeting

    plan = Plan.objects.order_by("pk").first()
    action = Action.objects.filter(plan_items__chapter__plan=plan).order_by("code").first()
    barrier = Barrier.objects.order_by("order", "pk").first()
    meeting = Meeting.objects.order_by("date", "pk").first()
    pages = [
        ("startpagina", reverse("home")),
        ("acties", reverse("action_list")),
        ("actie", reverse("action_detail", args=[action.pk])),
        ("voortgang van een actie", reverse("action_progress", args=[action.pk])),
        ("afstemmingsbord", reverse("alignment_board")),
        ("dekkingsmatrix", reverse("coverage_matrix")),
        ("beslissingen", reverse("decision_log")),
        ("actieplannen", reverse("plan_list")),
        ("actieplan", reverse("plan_detail", args=[plan.pk])),
        ("tijdlijn", reverse("plan_timeline", args=[plan.pk])),
        ("akkoord per beleidsdomein", reverse("plan_signoffs", args=[plan.pk])),
        ("toewijzingen", reverse("assignment_list")),
        ("dashboard", reverse("dashboard")),
        ("kabinetsrapport", reverse("cabinet_report")),
        ("voortgang", reverse("progress_list")),
        ("indicatoren", reverse("indicator_list")),
        ("drempels", reverse("barrier_list")),
        ("drempel", reverse("barrier_detail", args=[barrier.pk])),
        ("maatregelen", reverse("measure_list")),
        ("evidentie", reverse("evidence_list")),
        ("overleg", reverse("governance_index")),
        ("vergadering", reverse("governance_meeting_detail", args=[meeting.pk])),
        ("gebruikers", reverse("user_list")),
        ("auditlog", reverse("audit_list")),
    ]
    return pages


# The innermost elements that reach past the window, outside any scroll box, with their ancestors' widths
# (to tell which container does not shrink).
CULPRITS = """(limit) => {
    const wide = e => e.getBoundingClientRect().right > limit + 1 && e.getBoundingClientRect().width > 0;
    const inScrollBox = e => { for (let p = e.parentElement; p; p = p.parentElement) {
        if (p.scrollWidth > p.clientWidth && getComputedStyle(p).overflowX !== 'visible') return true; }
        return false; };
    const describe = e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
        + ':' + Math.round(e.getBoundingClientRect().width);
    return [...document.querySelectorAll('body *')]
        .filter(e => wide(e) && ![...e.children].some(wide) && !inScrollBox(e))
        .slice(0, 2).map(e => { const chain = []; for (let p = e; p && p.tagName !== 'BODY'; p = p.parentElement)
            chain.push(describe(p)); return chain.join(' < '); });
}"""


def test_no_page_of_the_sweep_scrolls_sideways_at_320_px(page, live_server, demo):
    sign_in(page, live_server, "coordinator")
    too_wide = []
    for name, path in sweep():
        response = page.goto(live_server.url + path)
        assert response.status == 200, (name, path, response.status)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            culprits = page.evaluate(CULPRITS, WIDTH)
            too_wide.append(f"{name} ({path}): {width} px – {culprits}")
    assert not too_wide, "pages wider than 320 px:\n" + "\n".join(too_wide)


def test_scroll_boxes_have_a_name_and_take_keyboard_focus(page, live_server, demo):
    sign_in(page, live_server, "coordinator")
    checked = 0
    for _name, path in sweep():
        page.goto(live_server.url + path)
        boxes = page.evaluate("""() => [...document.querySelectorAll('.table-wrap')]
            .filter(e => e.scrollWidth > e.clientWidth)
            .map(e => ({tabindex: e.getAttribute('tabindex'), role: e.getAttribute('role'),
                        name: e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')}))""")
        for box in boxes:
            assert box["tabindex"] == "0" and box["role"] and box["name"], (path, box)
        checked += len(boxes)
    assert checked >= 5  # at 320 px the wide tables (actions, plan, reports) do scroll in their boxes


def test_every_page_of_the_sweep_passes_axe_at_320_px(page, live_server, demo):
    """axe-core on each page as the narrow window shows it (scroll boxes, wrapped headings, menus)."""
    sign_in(page, live_server, "coordinator")
    for name, path in sweep():
        page.goto(live_server.url + path)
        assert_accessible(page, name)
