"""Helpers for the plan tests: retained actions with a complete trajectory and a plan holding them."""

from __future__ import annotations

from datetime import date

from actieplan.plan import services as svc
from actieplan.models import Milestone
from tests import factories as f


def retained_action(*, complete: bool = True, **kw):
    """A retained action; ``complete`` gives it a planned start, end and one milestone."""
    if complete:
        kw.setdefault("planned_start", date(2026, 9, 1))
        kw.setdefault("planned_end", date(2027, 6, 30))
    action = f.action(status="retained", **kw)
    if complete:
        Milestone.objects.create(action=action, title="Startvergadering met de partners", due_date=date(2026, 10, 15))
    return action


def make_plan(coordinator, actions=(), *, title="Overkoepelend actieplan drempels naar werk"):
    """A plan with a chapter per priority barrier; each action goes into the chapter of its barrier."""
    plan = svc.plan_create(user=coordinator, title=title, introduction="<p>Inleiding.</p>")
    chapters = {c.barrier_id: c for c in plan.chapters.all()}
    fallback = plan.chapters.order_by("order").first() or svc.chapter_create(plan=plan, user=coordinator, title="Overige")
    for action in actions:
        svc.item_add(plan=plan, chapter=chapters.get(action.primary_barrier_id, fallback), action=action,
                     user=coordinator)
    plan.refresh_from_db()
    return plan
