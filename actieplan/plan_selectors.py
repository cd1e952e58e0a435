"""Reads of the overarching plan.

The central read is :func:`plan_snapshot`: the complete plan (texts, chapters, every
action with all its fields, domains, milestones, assignments, sign-offs) as plain JSON
data. Finalising stores it in a :class:`~actieplan.models.PlanVersion`; the plan page,
the timeline, the diff and every export read the same structure, for the live draft
or for a frozen version, so a frozen version always reproduces itself.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actieplan.models import (
    Action,
    Assignment,
    AssignmentState,
    Milestone,
    Plan,
    PlanItem,
    PlanStatus,
    PlanVersion,
    SignOff,
    Status,
)

SNAPSHOT_SCHEMA = 1
# Actions that may be put in a plan: retained ones, and those already adopted by an earlier version.
PLAN_ELIGIBLE_STATUSES = (Status.RETAINED, Status.ADOPTED, Status.IN_PROGRESS, Status.COMPLETED)

# The fields of an action in the plan, in export order: (snapshot key, column heading).
ACTION_COLUMNS = [
    ("code", gettext_lazy("Code")),
    ("title", gettext_lazy("Titel")),
    ("chapter", gettext_lazy("Hoofdstuk")),
    ("description", gettext_lazy("Beschrijving")),
    ("intended_result", gettext_lazy("Beoogd resultaat")),
    ("status_display", gettext_lazy("Status")),
    ("primary_barrier", gettext_lazy("Drempel")),
    ("secondary_barriers", gettext_lazy("Andere drempels")),
    ("target_groups", gettext_lazy("Doelgroepen")),
    ("proposer", gettext_lazy("Voorgesteld door")),
    ("lead_domain", gettext_lazy("Trekker (beleidsdomein)")),
    ("partner_domains", gettext_lazy("Partnerdomeinen")),
    ("partner_organisations", gettext_lazy("Partnerorganisaties")),
    ("level", gettext_lazy("Niveau")),
    ("instrument_type", gettext_lazy("Type instrument")),
    ("budget_impact", gettext_lazy("Budgettaire impact")),
    ("budget_estimate", gettext_lazy("Raming (euro)")),
    ("linked_plans", gettext_lazy("Gekoppelde plannen")),
    ("planned_start", gettext_lazy("Geplande start")),
    ("planned_end", gettext_lazy("Gepland einde")),
    ("milestones", gettext_lazy("Mijlpalen")),
    ("assignments", gettext_lazy("Akkoord beleidsdomeinen")),
]
# Fields compared by the diff (everything a reader sees; not the chapter, which is a move).
DIFF_FIELDS = [(k, label) for k, label in ACTION_COLUMNS if k not in ("code", "chapter")]


# --------------------------------------------------------------------------- plans
def plans_visible_to(user) -> QuerySet[Plan]:
    return Plan.objects.annotate(
        item_count=Count("items", distinct=True), version_count=Count("versions", distinct=True)
    ).order_by("-created_at", "-pk")


def plan_get(pk) -> Plan:
    try:
        return Plan.objects.get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Dit actieplan bestaat niet."))


def latest_version_number(plan: Plan) -> int:
    return plan.versions.aggregate(n=Max("number"))["n"] or 0


def current_number(plan: Plan, latest: int | None = None) -> int:
    """The number of the live plan: the latest frozen version when final, else the next draft."""
    latest = latest_version_number(plan) if latest is None else latest
    return latest if plan.status == PlanStatus.FINAL and latest else latest + 1


def version_get(plan: Plan, number) -> PlanVersion:
    try:
        return plan.versions.get(number=int(number))
    except (PlanVersion.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Deze versie van het actieplan bestaat niet."))


def plan_document(plan: Plan, version=None) -> dict:
    """The snapshot of frozen version ``version`` or, without it (or ``current``), the live plan."""
    if version in (None, "", "current"):
        return plan_snapshot(plan)
    return version_get(plan, version).snapshot


def resolve_side(plan: Plan, value, default: str) -> tuple[int, dict]:
    """One side of a diff: a frozen version number, or ``current`` (also its draft number)."""
    latest = latest_version_number(plan)
    current = current_number(plan, latest)
    value = (str(value) if value is not None else "").strip() or default
    if value == "current" or (value == str(current) and current > latest):
        return current, plan_snapshot(plan)
    return int(value) if value.isdigit() else -1, version_get(plan, value).snapshot


def diff_sides(plan: Plan, frm, to) -> tuple[int, dict, int, dict]:
    """Defaults: the latest frozen version against the live plan (or the two latest versions when final)."""
    latest = latest_version_number(plan)
    if plan.status == PlanStatus.FINAL and latest > 1:
        default_from, default_to = str(latest - 1), str(latest)
    else:
        default_from, default_to = (str(latest) if latest else "current"), "current"
    a_number, a = resolve_side(plan, frm, default_from)
    b_number, b = resolve_side(plan, to, default_to)
    return a_number, a, b_number, b


# --------------------------------------------------------------------------- snapshot
def _items(plan: Plan) -> list[PlanItem]:
    return list(
        PlanItem.objects.filter(plan=plan)
        .select_related(
            "action", "action__primary_barrier", "action__working_group", "action__proposing_domain",
            "action__lead_domain",
        )
        .prefetch_related(
            "action__secondary_barriers",
            "action__target_groups",
            "action__partner_domains",
            "action__partner_organisations",
            "action__linked_plans",
            Prefetch("action__milestones", queryset=Milestone.objects.order_by("due_date", "id")),
            Prefetch("action__assignments", queryset=Assignment.objects.select_related("domain").order_by(
                "-role", "domain__order", "domain__name")),
        )
        .order_by("chapter_id", "order", "id")
    )


def _domain(d) -> dict | None:
    return None if d is None else {"id": d.pk, "name": d.name, "abbreviation": d.abbreviation}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def action_data(a: Action) -> dict:
    return {
        "id": a.pk,
        "code": a.code,
        "title": a.title,
        "description": a.description,
        "intended_result": a.intended_result,
        "status": a.status,
        "status_display": str(a.get_status_display()),
        "primary_barrier": a.primary_barrier.name,
        "secondary_barriers": [b.name for b in a.secondary_barriers.all()],
        "target_groups": [t.name for t in a.target_groups.all()],
        "working_group": a.working_group.name if a.working_group_id else "",
        "proposing_domain": a.proposing_domain.name if a.proposing_domain_id else "",
        "lead_domain": _domain(a.lead_domain),
        "partner_domains": [_domain(d) for d in sorted(a.partner_domains.all(), key=lambda d: (d.order, d.name))],
        "partner_organisations": sorted(o.name for o in a.partner_organisations.all()),
        "level": str(a.get_level_display()),
        "instrument_type": str(a.get_instrument_type_display()),
        "budget_impact": str(a.get_budget_impact_display()),
        "budget_estimate": None if a.budget_estimate is None else str(a.budget_estimate),
        "linked_plans": sorted(p.name for p in a.linked_plans.all()),
        "planned_start": _iso(a.planned_start),
        "planned_end": _iso(a.planned_end),
        "milestones": [
            {"id": m.pk, "title": m.title, "due_date": _iso(m.due_date), "description": m.description,
             "done_on": _iso(m.done_on)}
            for m in a.milestones.all()
        ],
        "assignments": [
            {"id": s.pk, "domain_id": s.domain_id, "domain": s.domain.name, "role": s.role,
             "role_display": str(s.get_role_display()), "state": s.state,
             "state_display": str(s.get_state_display()), "remark": s.remark}
            for s in a.assignments.all()
        ],
        "version": a.version,
    }


def plan_snapshot(plan: Plan) -> dict:
    """The complete live plan as JSON data (a constant number of queries, whatever its size)."""
    with translation.override("nl-be"):
        chapters = list(plan.chapters.select_related("barrier").order_by("order", "id"))
        by_chapter: dict[int, list] = {c.pk: [] for c in chapters}
        for item in _items(plan):
            data = action_data(item.action)
            data["item_id"] = item.pk
            by_chapter.setdefault(item.chapter_id, []).append(data)
        signoffs = list(
            SignOff.objects.filter(plan=plan).select_related("domain", "signed_by").order_by(
                "domain__order", "domain__name")
        )
        domains: dict[int, dict] = {}
        chapter_rows = []
        for c in chapters:
            actions = by_chapter.get(c.pk, [])
            for a in actions:
                a["chapter"] = c.title
                a["chapter_id"] = c.pk
                for d, role in [(a["lead_domain"], "lead"), *[(p, "partner") for p in a["partner_domains"]]]:
                    if d is None:
                        continue
                    entry = domains.setdefault(d["id"], {**d, "lead": [], "partner": []})
                    entry[role].append(a["code"])
            chapter_rows.append({
                "id": c.pk, "title": c.title, "order": c.order, "introduction": c.introduction,
                "barrier": None if c.barrier is None else {"id": c.barrier_id, "name": c.barrier.name},
                "actions": actions,
            })
        return {
            "schema": SNAPSHOT_SCHEMA,
            "plan": {
                "id": plan.pk, "title": plan.title, "introduction": plan.introduction,
                "conclusion": plan.conclusion, "status": plan.status,
                "status_display": str(plan.get_status_display()),
            },
            "chapters": chapter_rows,
            "domains": sorted(domains.values(), key=lambda d: d["name"]),
            "signoffs": [
                {"id": s.pk, "domain_id": s.domain_id, "domain": s.domain.name, "state": s.state,
                 "state_display": str(s.get_state_display()), "remark": s.remark,
                 "signed_by": (s.signed_by.get_full_name() or s.signed_by.username) if s.signed_by else "",
                 "signed_at": s.signed_at.isoformat() if s.signed_at else None,
                 "reset_reason": s.reset_reason}
                for s in signoffs
            ],
        }


def snapshot_actions(snapshot: dict) -> list[dict]:
    return [a for c in snapshot["chapters"] for a in c["actions"]]


def action_missing(a: dict) -> list[str]:
    """What an action in the plan still lacks: lead, milestones, planned start or end."""
    missing = []
    if not a.get("lead_domain"):
        missing.append(_("trekker"))
    if not a.get("milestones"):
        missing.append(_("mijlpalen"))
    if not a.get("planned_start"):
        missing.append(_("geplande start"))
    if not a.get("planned_end"):
        missing.append(_("gepland einde"))
    return missing


def plan_problems(snapshot: dict) -> dict:
    """Why the plan is not ready to be final (empty lists when it is)."""
    incomplete = [
        {"id": a["id"], "code": a["code"], "title": a["title"], "missing": action_missing(a)}
        for a in snapshot_actions(snapshot) if action_missing(a)
    ]
    unsigned = [s["domain"] for s in snapshot["signoffs"] if s["state"] != "signed"]
    declined = [
        {"code": a["code"], "domain": s["domain"], "remark": s["remark"]}
        for a in snapshot_actions(snapshot) for s in a["assignments"] if s["state"] == AssignmentState.DECLINED
    ]
    empty = not snapshot_actions(snapshot)
    return {"empty": empty, "incomplete": incomplete, "unsigned": unsigned, "declined": declined}


def has_problems(problems: dict) -> bool:
    return bool(problems["empty"] or problems["incomplete"] or problems["unsigned"] or problems["declined"])


def problem_lines(problems: dict) -> list[str]:
    lines = []
    if problems["empty"]:
        lines.append(_("Het actieplan bevat nog geen acties."))
    for row in problems["incomplete"]:
        lines.append(_("%(code)s mist: %(missing)s.") % {"code": row["code"], "missing": ", ".join(row["missing"])})
    if problems["unsigned"]:
        lines.append(_("Nog niet ondertekend door: %(domains)s.") % {"domains": ", ".join(problems["unsigned"])})
    for row in problems["declined"]:
        lines.append(_("%(domain)s gaat niet akkoord met %(code)s.") % row)
    return lines


# --------------------------------------------------------------------------- diff
def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        if "due_date" in value:  # a milestone
            return f"{value['title']} ({_date(value['due_date'])})"
        if "role" in value:  # an assignment
            return f"{value['domain']} ({value['role_display']}): {value['state_display']}"
        return value.get("name", "")
    if isinstance(value, list):
        separator = "; " if value and isinstance(value[0], dict) and ("due_date" in value[0] or "role" in value[0]) else ", "
        return separator.join(_text(v) for v in value)
    return str(value)


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def field_text(a: dict, key: str) -> str:
    """One field of an action snapshot as display text (used by the diff and the exports)."""
    if key == "proposer":
        return a.get("working_group") or a.get("proposing_domain") or ""
    if key in ("planned_start", "planned_end"):
        return _date(a.get(key))
    return _text(a.get(key))


def plan_diff(old: dict, new: dict) -> dict:
    """What changed between two snapshots: texts, chapters, actions added, removed, moved, changed."""
    texts = []
    for key, label in [("title", _("Titel")), ("introduction", _("Inleiding")), ("conclusion", _("Besluit"))]:
        if old["plan"].get(key, "") != new["plan"].get(key, ""):
            texts.append({"field": key, "label": label, "old": old["plan"].get(key, ""), "new": new["plan"].get(key, "")})
    old_ch = {c["id"]: c for c in old["chapters"]}
    new_ch = {c["id"]: c for c in new["chapters"]}
    chapters = {
        "added": [c["title"] for i, c in new_ch.items() if i not in old_ch],
        "removed": [c["title"] for i, c in old_ch.items() if i not in new_ch],
        "renamed": [
            {"old": old_ch[i]["title"], "new": c["title"]}
            for i, c in new_ch.items() if i in old_ch and old_ch[i]["title"] != c["title"]
        ],
    }
    old_a = {a["id"]: a for a in snapshot_actions(old)}
    new_a = {a["id"]: a for a in snapshot_actions(new)}
    brief = lambda a: {"id": a["id"], "code": a["code"], "title": a["title"], "chapter": a["chapter"]}  # noqa: E731
    added = [brief(a) for i, a in new_a.items() if i not in old_a]
    removed = [brief(a) for i, a in old_a.items() if i not in new_a]
    moved, changed = [], []
    for i, a in new_a.items():
        before = old_a.get(i)
        if before is None:
            continue
        if before.get("chapter_id") != a.get("chapter_id"):
            moved.append({**brief(a), "from_chapter": before["chapter"], "to_chapter": a["chapter"]})
        fields = []
        for key, label in DIFF_FIELDS:
            was, now = field_text(before, key), field_text(a, key)
            if was != now:
                fields.append({"field": key, "label": str(label), "old": was, "new": now})
        if fields:
            changed.append({**brief(a), "changes": fields})
    return {
        "texts": texts, "chapters": chapters, "added": added, "removed": removed,
        "moved": moved, "changed": changed,
        "is_empty": not (texts or any(chapters.values()) or added or removed or moved or changed),
    }


# --------------------------------------------------------------------------- timeline
MAX_QUARTERS = 20


def _quarter_index(iso: str) -> int:
    d = date.fromisoformat(iso)
    return d.year * 4 + (d.month - 1) // 3


def timeline(snapshot: dict, group_by: str = "domain") -> dict:
    """All actions and milestones by quarter, grouped by lead domain or by chapter.

    Every row has one cell per quarter: ``on`` while the action runs, with the titles
    of the milestones due in that quarter. Pure data: the page, the PDF and the DOCX
    draw it as a table.
    """
    actions = snapshot_actions(snapshot)
    points = []
    for a in actions:
        points += [a[k] for k in ("planned_start", "planned_end") if a.get(k)]
        points += [m["due_date"] for m in a["milestones"]]
    if not points:
        return {"quarters": [], "groups": [], "truncated": False}
    first, last = min(_quarter_index(p) for p in points), max(_quarter_index(p) for p in points)
    truncated = last - first + 1 > MAX_QUARTERS
    last = min(last, first + MAX_QUARTERS - 1)
    quarters = [{"index": q, "label": f"{q // 4} K{q % 4 + 1}", "year": q // 4, "q": q % 4 + 1}
                for q in range(first, last + 1)]
    groups: dict[str, dict] = {}
    for a in actions:
        if group_by == "chapter":
            key, title = f"c{a['chapter_id']}", a["chapter"]
        else:
            lead = a.get("lead_domain")
            key, title = (f"d{lead['id']}", lead["name"]) if lead else ("d0", _("Zonder trekker"))
        group = groups.setdefault(key, {"title": title, "rows": []})
        start = _quarter_index(a["planned_start"]) if a.get("planned_start") else None
        end = _quarter_index(a["planned_end"]) if a.get("planned_end") else start
        if start is None and end is not None:
            start = end
        cells = []
        for q in quarters:
            due = [m for m in a["milestones"] if _quarter_index(m["due_date"]) == q["index"]]
            on = start is not None and start <= q["index"] <= end
            cells.append({"on": on, "milestones": due, "label": q["label"],
                          "start": on and q["index"] == start, "end": on and q["index"] == end})
        group["rows"].append({"code": a["code"], "title": a["title"], "cells": cells,
                              "start": _date(a.get("planned_start")), "end": _date(a.get("planned_end"))})
    ordered = list(groups.values())
    if group_by != "chapter":
        ordered.sort(key=lambda g: (g["title"] == _("Zonder trekker"), g["title"]))
    return {"quarters": quarters, "groups": ordered, "truncated": truncated}


# --------------------------------------------------------------------------- assignments and sign-offs
def assignments_for(user, perms, *, state: str | None = None) -> QuerySet[Assignment]:
    """Assignments of actions in a plan: a contact's domains, or all for coordinators."""
    qs = Assignment.objects.filter(action__plan_items__isnull=False).distinct().select_related(
        "action", "domain", "decided_by"
    ).order_by("domain__order", "action__code", "pk")
    if not perms.is_coordinator:
        qs = qs.filter(domain_id__in=perms.contact_domain_ids)
    if state:
        qs = qs.filter(state=state)
    return qs


def assignment_get(pk) -> Assignment:
    try:
        return Assignment.objects.select_related("action", "domain").get(pk=pk)
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Deze toewijzing bestaat niet."))


def signoff_get(plan: Plan, pk) -> SignOff:
    try:
        return SignOff.objects.select_related("domain", "plan", "signed_by").get(pk=pk, plan=plan)
    except (SignOff.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Deze goedkeuring bestaat niet."))


def declined_assignments(plan: Plan) -> QuerySet[Assignment]:
    return Assignment.objects.filter(
        action__plan_items__plan=plan, state=AssignmentState.DECLINED
    ).select_related("action", "domain", "decided_by").order_by("-decided_at", "-pk")


def eligible_actions(plan: Plan) -> QuerySet[Action]:
    """Retained (or already adopted) actions that are not yet in the plan."""
    return (
        Action.objects.filter(status__in=PLAN_ELIGIBLE_STATUSES)
        .exclude(plan_items__plan=plan)
        .select_related("primary_barrier")
        .order_by("code", "pk")
    )

