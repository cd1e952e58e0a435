"""The version diff: a word-level diff of the full texts, counts that match the listed actions,
the texts and chapters shown once (issue 16, defect 7)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from actieplan.plan import selectors as sel
from actieplan.plan import services as svc
from tests.conftest import login
from tests.plan_factories import make_plan, retained_action

LONG = " ".join(f"woord{n}" for n in range(80))


@pytest.fixture
def two_versions(coordinator, group, barrier, domain, monkeypatch):
    monkeypatch.setattr(sel, "DIFF_PAGE_SIZE", 5)
    first = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-01")
    plan = make_plan(coordinator, [first])
    svc.plan_update(plan=plan, user=coordinator, title=plan.title, introduction=f"<p>{LONG} einde.</p>")
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference="VR 2026 0307 MED.0123/1", vr_date=date(2026, 7, 3),
                      override_reason="Politiek akkoord.")
    plan.refresh_from_db()
    svc.plan_update(plan=plan, user=coordinator, title=plan.title,
                    introduction=f"<p>{LONG.replace('woord60', 'NIEUW')} einde.</p>")
    chapter = plan.chapters.order_by("order").first()
    added = []
    for n in range(8):
        action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code=f"MOB-{20 + n}")
        svc.item_add(plan=plan, chapter=chapter, action=action, user=coordinator)
        added.append(action.code)
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference="VR 2026 1810 MED.0400/1", vr_date=date(2026, 10, 18),
                      override_reason="Politiek akkoord.")
    return plan, added


def _page(client, plan, number=1):
    url = reverse("plan_diff", args=[plan.pk]) + f"?from=1&to=2&page={number}"
    return client.get(url).content.decode()


def test_a_changed_introduction_shows_the_changed_word_in_the_full_text(client, coordinator, two_versions):
    plan, _added = two_versions
    html = login(client, coordinator).get(reverse("plan_diff", args=[plan.pk]) + "?from=1&to=2").content.decode()
    assert "<del>woord60</del>" in html and "<ins>NIEUW</ins>" in html
    assert "woord79 einde." in html  # the full text, not cut after 40 words
    assert html.count("woord10 ") == 1  # unchanged words once, not struck through and added again


def test_the_summary_counts_match_the_listed_actions(client, coordinator, two_versions):
    plan, added = two_versions
    login(client, coordinator)
    first = _page(client, plan, 1)
    assert "8 acties toegevoegd" in first
    listed = []
    for number in (1, 2):
        html = _page(client, plan, number)
        section = re.search(r'id="d-nieuw".*?</section>', html, re.S)
        listed += re.findall(r'<span class="code">([A-Z]+-\d+)</span>', section.group(0)) if section else []
    assert sorted(listed) == sorted(added)


def test_texts_and_chapters_are_not_repeated_on_page_2(client, coordinator, two_versions):
    plan, _added = two_versions
    login(client, coordinator)
    assert 'id="d-teksten"' in _page(client, plan, 1)
    second = _page(client, plan, 2)
    assert 'id="d-teksten"' not in second
    assert "De wijzigingen aan de teksten en hoofdstukken staan op de eerste pagina." in second


def test_word_diff():
    assert sel.word_diff("<p>Een korte &amp; tekst.</p>", "<p>Een lange &amp; tekst.</p>") == [
        {"op": "same", "text": "Een"}, {"op": "del", "text": "korte"}, {"op": "ins", "text": "lange"},
        {"op": "same", "text": "& tekst."}]
