"""One page of a large plan: the paged reads (plan_selectors) give what the complete snapshot gives.

The plan pages read one page of actions (the live plan) or one page of a frozen version's
unpacked rows; these tests hold them against the complete snapshot, the diff and the
timeline of the whole plan, which the exports still use.
"""

from datetime import date

import pytest

from actieplan.plan import selectors as sel
from actieplan.plan import services as svc
from actieplan.models import Action, PlanItem, PlanVersion, PlanVersionAction, PlanVersionContents
from actieplan.actions.services import action_update
from tests.plan_factories import make_plan, retained_action


def finalise(plan, coordinator, reference="VR 2026 0307 MED.0123/1"):
    svc.plan_consult(plan=plan, user=coordinator)
    return svc.plan_finalise(plan=plan, user=coordinator, vr_reference=reference, vr_date=date(2026, 7, 3),
                             override_reason="x")


@pytest.fixture
def two_versions(coordinator, group, other_group, barrier, other_barrier, domain, other_domain):
    """Version 1; version 2 with one action added, one removed, one moved and changed, a chapter renamed;
    then the live plan with one more change."""
    a1 = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-10",
                         partner_domains=[other_domain], title="Jobbus naar bedrijventerreinen")
    a2 = retained_action(working_group=other_group, primary_barrier=other_barrier, lead_domain=other_domain,
                         code="ZORG-10", title="Flexibele kinderopvang voor ploegenwerk")
    a3 = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-11")
    plan = make_plan(coordinator, [a1, a2, a3])
    finalise(plan, coordinator)
    mob, zorg = plan.chapters.get(title="Mobiliteit"), plan.chapters.get(title="Zorgtaken")
    added = retained_action(working_group=group, primary_barrier=barrier, code="MOB-30", title="Deelfietsen")
    svc.item_add(plan=plan, chapter=mob, action=added, user=coordinator)
    svc.item_remove(item=PlanItem.objects.get(plan=plan, action=a2), user=coordinator)
    svc.item_move(item=PlanItem.objects.get(plan=plan, action=a1), user=coordinator, chapter=zorg)
    a1 = Action.objects.get(pk=a1.pk)
    action_update(action=a1, user=coordinator, m2m={}, expected_version=a1.version,
                  data={"title": "Jobbus en deelfietsen", "planned_end": date(2027, 12, 31)})
    svc.chapter_update(chapter=zorg, user=coordinator, title="Zorgtaken en mobiliteit")
    svc.plan_update(plan=plan, user=coordinator, title=plan.title, introduction="<p>Herwerkte inleiding.</p>")
    finalise(plan, coordinator, "VR 2026 1810 MED.0400/1")
    a3 = Action.objects.get(pk=a3.pk)
    action_update(action=a3, user=coordinator, data={"title": "Jobcoaches op de bus"}, m2m={},
                  expected_version=a3.version)
    plan.refresh_from_db()
    return plan


def side(plan, number):
    if number == "current":
        return sel.DiffSide(sel.current_number(plan))
    return sel.DiffSide(number, sel.version_for_pages(plan, number))


def every_page(plan, old, new):
    """The paged diff, all pages joined."""
    first = sel.diff_page(plan, old, new, 1)
    pages = [first] + [sel.diff_page(plan, old, new, n) for n in first["page"].paginator.page_range[1:]]
    joined = {key: [row for p in pages for row in p[key]] for key in ("added", "removed", "moved", "changed")}
    return first, joined


def comparable(diff):
    return {key: sorted((row["code"], repr(row)) for row in diff[key])
            for key in ("added", "removed", "moved", "changed")}


class TestVersionContents:
    def test_finalising_unpacks_the_version(self, coordinator, two_versions):
        version = two_versions.versions.get(number=2)
        contents = PlanVersionContents.objects.get(version=version)
        assert contents.action_count == 3
        assert "domains" not in contents.outline
        assert contents.outline["plan"] == version.snapshot["plan"]
        rows = list(PlanVersionAction.objects.filter(version=version).order_by("position"))
        assert [r.data for r in rows] == sel.snapshot_actions(version.snapshot)
        assert [r.code for r in rows] == ["MOB-11", "MOB-30", "MOB-10"]

    def test_a_version_made_without_contents_is_unpacked_once_on_first_read(self, coordinator, two_versions):
        original = two_versions.versions.get(number=1)
        copy = PlanVersion.objects.create(  # as the demo and scale data make versions
            plan=two_versions, number=3, finalised_at=original.finalised_at, vr_reference="VR x",
            vr_date=original.vr_date, snapshot=original.snapshot)
        version = sel.version_for_pages(two_versions, 3)
        assert sel.version_contents(version).action_count == 3
        assert svc.version_unpack(version=version).action_count == 3  # again: nothing new
        assert PlanVersionAction.objects.filter(version=copy).count() == 3

    def test_a_version_made_without_contents_can_be_diffed_at_once(self, coordinator, two_versions):
        original = two_versions.versions.get(number=2)
        PlanVersion.objects.create(plan=two_versions, number=3, finalised_at=original.finalised_at, vr_reference="VR x",
                                   vr_date=original.vr_date, snapshot=original.snapshot)
        page = sel.diff_page(two_versions, side(two_versions, 1), side(two_versions, 3), 1)
        assert page["totals"] == {"added": 1, "removed": 1, "moved": 1, "changed": 1}

    def test_a_version_page_is_the_snapshot(self, two_versions):
        version = two_versions.versions.get(number=1)
        shown = sel.version_page(sel.version_for_pages(two_versions, 1), 1)
        expected = [(c["title"], [a["code"] for a in c["actions"]]) for c in version.snapshot["chapters"]]
        assert [(c["title"], [a["code"] for a in c["actions"]]) for c in shown["chapters"]] == expected
        assert shown["outline"]["plan"]["title"] == version.snapshot["plan"]["title"]


class TestDiffPage:
    def test_two_versions_give_the_diff_of_their_snapshots(self, two_versions):
        v1, v2 = two_versions.versions.get(number=1), two_versions.versions.get(number=2)
        page = sel.diff_page(two_versions, side(two_versions, 1), side(two_versions, 2), 1)
        expected = sel.plan_diff(v1.snapshot, v2.snapshot)
        assert comparable(page) == comparable(expected)
        assert page["texts"] == expected["texts"] and page["chapters"] == expected["chapters"]
        assert page["totals"] == {"added": 1, "removed": 1, "moved": 1, "changed": 1}
        assert not page["is_empty"] and not page["compares_all"]

    def test_the_live_plan_against_a_version(self, two_versions):
        v1 = two_versions.versions.get(number=1)
        page = sel.diff_page(two_versions, side(two_versions, 1), side(two_versions, "current"), 1)
        expected = sel.plan_diff(v1.snapshot, sel.plan_snapshot(two_versions))
        assert comparable(page) == comparable(expected)
        assert [c["code"] for c in page["changed"]] == ["MOB-11", "MOB-10"]
        assert page["totals"]["changed"] == 2  # one page: every action was compared
        assert page["compares_all"]

    @pytest.mark.parametrize("old, new", [(1, 2), (2, 1), (1, "current"), ("current", 1), (2, 2)])
    def test_the_pages_together_are_the_whole_diff(self, two_versions, monkeypatch, old, new):
        monkeypatch.setattr(sel, "DIFF_PAGE_SIZE", 1)

        def snapshot(number):
            return sel.plan_snapshot(two_versions) if number == "current" else \
                two_versions.versions.get(number=number).snapshot

        first, joined = every_page(two_versions, side(two_versions, old), side(two_versions, new))
        expected = sel.plan_diff(snapshot(old), snapshot(new))
        assert comparable(joined) == comparable(expected)
        assert first["is_empty"] == expected["is_empty"]
        assert first["totals"]["added"] == len(expected["added"])
        assert first["totals"]["removed"] == len(expected["removed"])

    def test_between_versions_only_the_differing_actions_are_paged(self, two_versions, monkeypatch):
        monkeypatch.setattr(sel, "DIFF_PAGE_SIZE", 1)
        page = sel.diff_page(two_versions, side(two_versions, 1), side(two_versions, 2), 1)
        assert page["page"].paginator.count == 3  # added, moved and changed, removed; not the unchanged MOB-11
        live = sel.diff_page(two_versions, side(two_versions, 1), side(two_versions, "current"), 1)
        assert live["page"].paginator.count == 4  # every action of the live plan, and the removed one
        assert live["totals"]["changed"] is None  # not known until every page is compared


def shown(timeline):
    """What the timeline table shows: groups, rows, cells and the titles of their milestones."""
    def cells(row):
        return [{**c, "milestones": [m["title"] for m in c["milestones"]]} for c in row["cells"]]

    return [(g["title"], [{**r, "cells": cells(r)} for r in g["rows"]]) for g in timeline["groups"]]


class TestTimelinePage:
    @pytest.mark.parametrize("group_by", ["domain", "chapter"])
    @pytest.mark.parametrize("number", [None, 1])
    def test_one_page_is_the_whole_timeline(self, two_versions, group_by, number):
        version = sel.version_for_pages(two_versions, number) if number else None
        snapshot = two_versions.versions.get(number=number).snapshot if number else sel.plan_snapshot(two_versions)
        page = sel.timeline_page(two_versions, version, group_by, 1)
        expected = sel.timeline(snapshot, group_by)
        assert page["quarters"] == expected["quarters"] and page["truncated"] == expected["truncated"]
        assert shown(page) == shown(expected)

    def test_a_group_split_over_two_pages_is_marked_continued(self, two_versions, monkeypatch):
        monkeypatch.setattr(sel, "TIMELINE_PAGE_SIZE", 1)
        pages = [sel.timeline_page(two_versions, None, "domain", n) for n in (1, 2, 3)]
        assert [[(g["title"], [r["code"] for r in g["rows"]], g["continued"]) for g in p["groups"]] for p in pages] == [
            [("Mobiliteit en Openbare Werken", ["MOB-11"], False)],
            [("Mobiliteit en Openbare Werken", ["MOB-10"], True)],
            [("Zonder trekker", ["MOB-30"], False)],
        ]
        assert pages[0]["quarters"] == pages[2]["quarters"]

    def test_a_plan_without_dates_has_no_quarters(self, coordinator, group, barrier):
        plan = make_plan(coordinator, [retained_action(working_group=group, primary_barrier=barrier, complete=False)])
        page = sel.timeline_page(plan, None, "domain", 1)
        assert page["quarters"] == [] and page["groups"] == []
