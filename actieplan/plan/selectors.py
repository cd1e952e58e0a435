"""Reads of the overarching plan.

The central read is :func:`plan_snapshot`: the complete plan (texts, chapters, every
action with all its fields, domains, milestones, assignments, sign-offs) as plain JSON
data. Finalising stores it in a :class:`~actieplan.models.PlanVersion`; the plan page,
the timeline, the diff and every export read the same structure, for the live draft
or for a frozen version, so a frozen version always reproduces itself.
"""

from __future__ import annotations

import difflib
import hashlib
import html as html_lib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Value, When, Window
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actieplan.models import (
    Action,
    Assignment,
    AssignmentRole,
    AssignmentState,
    Milestone,
    Plan,
    PlanItem,
    PlanStatus,
    PlanVersion,
    PlanVersionAction,
    PlanVersionContents,
    SignOff,
    SignOffState,
    Status,
)
from common.ids import parse_id
from common.money import format_euro
from common import datacache
from common.text import isolate
from werkgroepen.people import person_name

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

#: The plan's own rows (chapters, items, milestones, assignments, versions) and the actions and
#: their vocabulary: what the plan pages' cached parts show. Comments, memberships, progress
#: reports and the overlap index leave them cached (common/datacache.py).
PLAN_TOPICS = ("plan", "actions")


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


def resolve_side(plan: Plan, value, default: str, latest: int | None = None) -> tuple[int, dict]:
    """One side of a diff: a frozen version number, or ``current`` (also its draft number)."""
    latest = latest_version_number(plan) if latest is None else latest
    current = current_number(plan, latest)
    value = (str(value) if value is not None else "").strip() or default
    if value == "current" or (value == str(current) and current > latest):
        return current, plan_snapshot(plan)
    return parse_id(value) or -1, version_get(plan, value).snapshot


def diff_defaults(plan: Plan, latest: int) -> tuple[str, str]:
    """The latest frozen version against the live plan (or the two latest versions when final)."""
    if plan.status == PlanStatus.FINAL and latest > 1:
        return str(latest - 1), str(latest)
    return (str(latest) if latest else "current"), "current"


def diff_sides(plan: Plan, frm, to) -> tuple[int, dict, int, dict]:
    """Both sides of a diff as complete snapshots (the API's diff; the page reads one page, see diff_page)."""
    latest = latest_version_number(plan)
    default_from, default_to = diff_defaults(plan, latest)
    a_number, a = resolve_side(plan, frm, default_from, latest)
    b_number, b = resolve_side(plan, to, default_to, latest)
    return a_number, a, b_number, b


# --------------------------------------------------------------------------- snapshot
def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _labels(model, field: str) -> dict:
    """The display labels of a field's choices (as ``get_FOO_display`` gives them)."""
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


def _m2m_names(field, ids: list[int]) -> dict[int, list[str]]:
    """The names of a many-to-many field's objects per action, in the related model's ordering."""
    through, target = field.remote_field.through, field.m2m_reverse_field_name()
    ordering = [f"-{target}__{o[1:]}" if o.startswith("-") else f"{target}__{o}"
                for o in field.related_model._meta.ordering]
    names: dict[int, list[str]] = {}
    for action_id, name in through.objects.filter(action_id__in=ids).order_by(*ordering, "pk").values_list(
            "action_id", f"{target}__name"):
        names.setdefault(action_id, []).append(name)
    return names


ACTION_FIELDS = (
    "code", "title", "description", "intended_result", "status", "primary_barrier__name", "working_group_id",
    "working_group__name", "proposing_domain_id", "proposing_domain__name", "lead_domain_id", "lead_domain__name",
    "lead_domain__abbreviation", "level", "instrument_type", "budget_impact", "budget_estimate", "planned_start",
    "planned_end", "version",
)
# The lists the plan page does not show (see ``actions_data(complete=False)``).
PAGE_SKIPS = ("secondary_barriers", "target_groups", "linked_plans")


def actions_data(items: QuerySet[PlanItem], *, complete: bool = True) -> list[dict]:
    """The snapshot data of the items' actions (with item and chapter), in the items' order.

    Plain rows, not model instances: eight narrow queries, whatever the number of actions.
    Labels are Dutch, whatever the reader's language. ``complete=False`` leaves out what
    the plan page does not show (:data:`PAGE_SKIPS`; three queries fewer).
    """
    rows = list(items.values("id", "chapter_id", "chapter__title", "action_id",
                             *(f"action__{f}" for f in ACTION_FIELDS)))
    ids = [r["action_id"] for r in rows]
    if not ids:
        return []
    with translation.override("nl-be"):
        status, level = _labels(Action, "status"), _labels(Action, "level")
        instrument, budget = _labels(Action, "instrument_type"), _labels(Action, "budget_impact")
        role, state = _labels(Assignment, "role"), _labels(Assignment, "state")
    lists = ["partner_organisations"] + [name for name in PAGE_SKIPS if complete]
    names = {name: _m2m_names(Action._meta.get_field(name), ids) for name in lists}
    partners: dict[int, list] = {}
    for r in Action.partner_domains.through.objects.filter(action_id__in=ids).order_by(
            "policydomain__order", "policydomain__name", "pk").values(
            "action_id", "policydomain_id", "policydomain__name", "policydomain__abbreviation"):
        partners.setdefault(r["action_id"], []).append(
            {"id": r["policydomain_id"], "name": r["policydomain__name"],
             "abbreviation": r["policydomain__abbreviation"]})
    milestones: dict[int, list] = {}
    for m in Milestone.objects.filter(action_id__in=ids).order_by("due_date", "id").values(
            "id", "action_id", "title", "due_date", "description", "done_on"):
        milestones.setdefault(m["action_id"], []).append(
            {"id": m["id"], "title": m["title"], "due_date": _iso(m["due_date"]), "description": m["description"],
             "done_on": _iso(m["done_on"])})
    assignments: dict[int, list] = {}
    for r in Assignment.objects.filter(action_id__in=ids).order_by("-role", "domain__order", "domain__name").values(
            "id", "action_id", "domain_id", "domain__name", "role", "state", "remark"):
        assignments.setdefault(r["action_id"], []).append(
            {"id": r["id"], "domain_id": r["domain_id"], "domain": r["domain__name"], "role": r["role"],
             "role_display": role.get(r["role"], str(r["role"])), "state": r["state"],
             "state_display": state.get(r["state"], str(r["state"])), "remark": r["remark"]})
    data = []
    for r in rows:
        a = {f: r[f"action__{f}"] for f in ACTION_FIELDS}
        pk = r["action_id"]
        row = {
            "id": pk,
            "code": a["code"],
            "title": a["title"],
            "description": a["description"],
            "intended_result": a["intended_result"],
            "status": a["status"],
            "status_display": status.get(a["status"], str(a["status"])),
            "primary_barrier": a["primary_barrier__name"],
            "secondary_barriers": names.get("secondary_barriers", {}).get(pk, []),
            "target_groups": names.get("target_groups", {}).get(pk, []),
            "working_group": a["working_group__name"] if a["working_group_id"] else "",
            "proposing_domain": a["proposing_domain__name"] if a["proposing_domain_id"] else "",
            "lead_domain": None if a["lead_domain_id"] is None else {
                "id": a["lead_domain_id"], "name": a["lead_domain__name"],
                "abbreviation": a["lead_domain__abbreviation"]},
            "partner_domains": partners.get(pk, []),
            "partner_organisations": sorted(names["partner_organisations"].get(pk, [])),
            "level": level.get(a["level"], str(a["level"])),
            "instrument_type": instrument.get(a["instrument_type"], str(a["instrument_type"])),
            "budget_impact": budget.get(a["budget_impact"], str(a["budget_impact"])),
            "budget_estimate": None if a["budget_estimate"] is None else str(a["budget_estimate"]),
            "linked_plans": sorted(names.get("linked_plans", {}).get(pk, [])),
            "planned_start": _iso(a["planned_start"]),
            "planned_end": _iso(a["planned_end"]),
            "milestones": milestones.get(pk, []),
            "assignments": assignments.get(pk, []),
            "version": a["version"],
            "item_id": r["id"],
            "chapter": r["chapter__title"],
            "chapter_id": r["chapter_id"],
        }
        if not complete:
            for name in PAGE_SKIPS:
                del row[name]
        data.append(row)
    return data


def plan_snapshot(plan: Plan) -> dict:
    """The complete live plan as JSON data (a constant number of queries, whatever its size)."""
    with translation.override("nl-be"):
        chapters = list(plan.chapters.select_related("barrier").order_by("order", "id"))
        by_chapter: dict[int, list] = {c.pk: [] for c in chapters}
        for data in actions_data(PlanItem.objects.filter(plan=plan).order_by("chapter_id", "order", "id")):
            by_chapter.setdefault(data["chapter_id"], []).append(data)
        signoffs = list(_signoffs(plan))
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
            "signoffs": [_signoff_data(s) for s in signoffs],
        }


def signed_lead_signoff(plan: Plan, action: Action) -> SignOff | None:
    """The lead domain's signed sign-off that a change to ``action`` would reset, if any."""
    if not action.lead_domain_id:
        return None
    return (SignOff.objects.filter(plan=plan, domain_id=action.lead_domain_id, state=SignOffState.SIGNED)
            .select_related("domain").first())


def _signoffs(plan: Plan) -> QuerySet[SignOff]:
    return SignOff.objects.filter(plan=plan).select_related("domain", "signed_by").order_by(
        "domain__order", "domain__name")


def _signoff_data(s: SignOff) -> dict:
    return {"id": s.pk, "domain_id": s.domain_id, "domain": s.domain.name, "state": s.state,
            "state_display": str(s.get_state_display()), "remark": s.remark,
            "signed_by": person_name(s.signed_by) if s.signed_by or s.state == SignOffState.SIGNED else "",
            "signed_at": s.signed_at.isoformat() if s.signed_at else None,
            "reset_reason": s.reset_reason}


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
    more = problems.get("incomplete_count", 0) - len(problems["incomplete"])
    if more > 0:
        lines.append(ngettext("Nog %(n)s andere actie is onvolledig.", "Nog %(n)s andere acties zijn onvolledig.",
                              more) % {"n": more})
    if problems["unsigned"]:
        lines.append(_("Nog niet ondertekend door: %(domains)s.") % {
            "domains": ", ".join(isolate(d) for d in problems["unsigned"])})
    for row in problems["declined"]:
        lines.append(_("%(domain)s gaat niet akkoord met %(code)s.") % {**row, "domain": isolate(row["domain"])})
    more = problems.get("declined_count", 0) - len(problems["declined"])
    if more > 0:
        lines.append(ngettext("Nog %(n)s andere weigering.", "Nog %(n)s andere weigeringen.", more) % {"n": more})
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
    if key == "budget_estimate":
        return format_euro(a.get(key))
    return _text(a.get(key))


def field_value(a: dict, key: str):
    """One field of an action snapshot as a typed cell for the spreadsheets: dates as dates, the
    estimate as an amount (the cell writer formats them), every other field as its display text."""
    if key in ("planned_start", "planned_end"):
        return date.fromisoformat(a[key]) if a.get(key) else None
    if key == "budget_estimate":
        return Decimal(str(a[key])) if a.get(key) not in (None, "") else None
    return field_text(a, key)


def plan_diff(old: dict, new: dict) -> dict:
    """What changed between two snapshots: texts, chapters, actions added, removed, moved, changed."""
    texts = texts_diff(old["plan"], new["plan"])
    chapters = chapters_diff(old["chapters"], new["chapters"])
    actions = actions_diff({a["id"]: a for a in snapshot_actions(old)}, {a["id"]: a for a in snapshot_actions(new)})
    return {
        "texts": texts, "chapters": chapters, **actions,
        "is_empty": not (texts or any(chapters.values()) or any(actions.values())),
    }


def plain_words(value: str) -> list[str]:
    """The words of a (sanitised HTML) text, without markup."""
    return html_lib.unescape(strip_tags(value or "")).split()


def word_diff(old: str, new: str) -> list[dict]:
    """The full texts as runs of words: ``{"op": "same" | "del" | "ins", "text": ...}`` (plain text)."""
    a, b = plain_words(old), plain_words(new)
    runs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append({"op": "same", "text": " ".join(a[i1:i2])})
            continue
        if op in ("delete", "replace"):
            runs.append({"op": "del", "text": " ".join(a[i1:i2])})
        if op in ("insert", "replace"):
            runs.append({"op": "ins", "text": " ".join(b[j1:j2])})
    return runs


def texts_diff(old: dict, new: dict) -> list[dict]:
    """The plan's texts that changed (``old`` and ``new`` are the ``plan`` part of two snapshots),
    each with a word-level diff of the full text (``words``)."""
    texts = []
    for key, label in [("title", _("Titel")), ("introduction", _("Inleiding")), ("conclusion", _("Besluit"))]:
        if old.get(key, "") != new.get(key, ""):
            texts.append({"field": key, "label": label, "old": old.get(key, ""), "new": new.get(key, ""),
                          "words": word_diff(old.get(key, ""), new.get(key, ""))})
    return texts


def chapters_diff(old: list[dict], new: list[dict]) -> dict:
    old_ch = {c["id"]: c for c in old}
    new_ch = {c["id"]: c for c in new}
    return {
        "added": [c["title"] for i, c in new_ch.items() if i not in old_ch],
        "removed": [c["title"] for i, c in old_ch.items() if i not in new_ch],
        "renamed": [
            {"old": old_ch[i]["title"], "new": c["title"]}
            for i, c in new_ch.items() if i in old_ch and old_ch[i]["title"] != c["title"]
        ],
    }


def _brief(a: dict) -> dict:
    return {"id": a["id"], "code": a["code"], "title": a["title"], "chapter": a["chapter"]}


def action_changes(before: dict, after: dict) -> list[dict]:
    """The fields of one action that differ between two snapshots, as display text."""
    fields = []
    for key, label in DIFF_FIELDS:
        was, now = field_text(before, key), field_text(after, key)
        if was != now:
            fields.append({"field": key, "label": str(label), "old": was, "new": now})
    return fields


def actions_diff(old_a: dict[int, dict], new_a: dict[int, dict]) -> dict:
    """Actions (by id, in plan order) added, removed, moved to another chapter and changed."""
    added = [_brief(a) for i, a in new_a.items() if i not in old_a]
    removed = [_brief(a) for i, a in old_a.items() if i not in new_a]
    moved, changed = [], []
    for i, a in new_a.items():
        before = old_a.get(i)
        if before is None:
            continue
        if before.get("chapter_id") != a.get("chapter_id"):
            moved.append({**_brief(a), "from_chapter": before["chapter"], "to_chapter": a["chapter"]})
        fields = action_changes(before, a)
        if fields:
            changed.append({**_brief(a), "changes": fields})
    return {"added": added, "removed": removed, "moved": moved, "changed": changed}


def fingerprint(a: dict) -> str:
    """A digest of what the diff compares of an action: equal fingerprints, no changes."""
    text = "\x1f".join(field_text(a, key) for key, _label in DIFF_FIELDS)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


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
    quarters, truncated = timeline_quarters(min(points), max(points))
    groups: dict[str, dict] = {}
    for a in actions:
        key, title = timeline_group(a, group_by)
        group = groups.setdefault(key, {"title": title, "rows": []})
        group["rows"].append(timeline_row(a, quarters))
    ordered = list(groups.values())
    if group_by != "chapter":
        ordered.sort(key=lambda g: (g["title"] == _("Zonder trekker"), g["title"]))
    return {"quarters": quarters, "groups": ordered, "truncated": truncated}


def timeline_quarters(first: str, last: str) -> tuple[list[dict], bool]:
    """The quarters from the one holding ISO date ``first`` to ``last``, at most :data:`MAX_QUARTERS`."""
    first_q, last_q = _quarter_index(first), _quarter_index(last)
    truncated = last_q - first_q + 1 > MAX_QUARTERS
    last_q = min(last_q, first_q + MAX_QUARTERS - 1)
    quarters = [{"index": q, "label": f"{q // 4} K{q % 4 + 1}", "year": q // 4, "q": q % 4 + 1}
                for q in range(first_q, last_q + 1)]
    return quarters, truncated


def timeline_group(a: dict, group_by: str) -> tuple[str, str]:
    if group_by == "chapter":
        return f"c{a['chapter_id']}", a["chapter"]
    lead = a.get("lead_domain")
    return (f"d{lead['id']}", lead["name"]) if lead else ("d0", _("Zonder trekker"))


def timeline_row(a: dict, quarters: list[dict]) -> dict:
    start = _quarter_index(a["planned_start"]) if a.get("planned_start") else None
    end = _quarter_index(a["planned_end"]) if a.get("planned_end") else start
    if start is None and end is not None:
        start = end
    due_by_quarter: dict[int, list] = {}
    for m in a["milestones"]:
        due_by_quarter.setdefault(_quarter_index(m["due_date"]), []).append(m)
    cells = []
    for q in quarters:
        on = start is not None and start <= q["index"] <= end
        cells.append({"on": on, "milestones": due_by_quarter.get(q["index"], []), "label": q["label"],
                      "start": on and q["index"] == start, "end": on and q["index"] == end})
    return {"code": a["code"], "title": a["title"], "cells": cells,
            "start": _date(a.get("planned_start")), "end": _date(a.get("planned_end"))}


# --------------------------------------------------------------------------- one page of a large plan
# The plan pages show one page of actions, so they stay fast whatever the size of the plan;
# the complete plan is in the exports. The live plan builds the data of the actions on the
# page only; a frozen version reads them from its unpacked rows (PlanVersionAction).
PLAN_PAGE_SIZE = 15
TIMELINE_PAGE_SIZE = 50
DIFF_PAGE_SIZE = 25
PROBLEM_LIMIT = 20  # incomplete actions and declines listed by name; the rest are counted
ITEM_ORDER = ("chapter__order", "chapter_id", "order", "id")  # plan order of PlanItem


class Rows:
    """A sequence of known length whose slices are read on demand: what a Paginator needs."""

    def __init__(self, total: int, read):
        self.total, self.read = total, read

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list:
        start, stop = index.start or 0, min(index.stop if index.stop is not None else self.total, self.total)
        return self.read(start, stop) if start < stop else []


def get_page(rows: Rows, number, per_page: int):
    """The page ``number`` (the last one when past the end, the first when not a number)."""
    return Paginator(rows, per_page).get_page(number)


def page_of(queryset: QuerySet, number, per_page: int):
    """A page of ``queryset`` that sorts narrow rows only: the page's ids first, then their rows."""
    def read(start, stop):
        return list(queryset.filter(pk__in=list(queryset.values_list("pk", flat=True)[start:stop])))

    return get_page(Rows(queryset.count(), read), number, per_page)


def plan_items_in_order(plan: Plan) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(plan=plan).order_by(*ITEM_ORDER)


def plan_texts(plan: Plan) -> dict:
    return {"id": plan.pk, "title": plan.title, "introduction": plan.introduction, "conclusion": plan.conclusion,
            "status": plan.status, "status_display": str(plan.get_status_display())}


def live_chapters(plan: Plan) -> list[dict]:
    """The plan's chapters in order, each with the number of its actions (counted over the whole
    plan: cached until the next write)."""
    return datacache.cached("plan_chapters", plan.pk, topics=PLAN_TOPICS, compute=lambda: [
        {"id": c.pk, "title": c.title, "order": c.order, "introduction": c.introduction,
         "barrier": None if c.barrier is None else {"id": c.barrier_id, "name": c.barrier.name},
         "count": c.action_count}
        for c in plan.chapters.select_related("barrier").annotate(action_count=Coalesce(Subquery(
            PlanItem.objects.filter(chapter=OuterRef("pk")).order_by().values("chapter").annotate(n=Count("pk"))
            .values("n")), 0)).order_by("order", "id")
    ])


def live_signoffs(plan: Plan) -> list[dict]:
    return [_signoff_data(s) for s in _signoffs(plan)]


def chapters_page(chapters: list[dict], actions: Rows, number) -> dict:
    """One page of actions under their chapter headings, and the table of contents.

    A chapter is shown on the page where it starts (an empty one too, so its tools stay
    reachable) and, marked ``continued``, on each further page holding its actions.
    """
    per_page = PLAN_PAGE_SIZE
    page = get_page(actions, number, per_page)
    by_chapter: dict[int, list] = {}
    for a in page.object_list:
        by_chapter.setdefault(a["chapter_id"], []).append(a)
    toc, shown, offset = [], [], 0
    for n, c in enumerate(chapters, 1):
        first_page = min(offset // per_page + 1, page.paginator.num_pages)
        row = {**c, "number": n, "page": first_page}
        toc.append(row)
        on_page = by_chapter.get(c["id"], [])
        if first_page == page.number or on_page:
            shown.append({**row, "actions": on_page, "continued": first_page < page.number})
        offset += c["count"]
    return {"page": page, "chapters": shown, "toc": toc}


def plan_page(plan: Plan, number) -> dict:
    """The live plan: chapters and the actions of page ``number``."""
    chapters = live_chapters(plan)
    items = plan_items_in_order(plan)
    actions = Rows(sum(c["count"] for c in chapters), lambda start, stop: _page_of_items(items, start, stop))
    return {**chapters_page(chapters, actions, number), "all_chapters": chapters}


def _page_of_items(items: QuerySet[PlanItem], start: int, stop: int) -> list[dict]:
    """What the plan page shows of ``items[start:stop]``: the ids first (sorting narrow rows is cheap)."""
    ids = list(items.values_list("pk", flat=True)[start:stop])
    return actions_data(items.filter(pk__in=ids), complete=False)


def lead_counts(plan: Plan) -> dict[int, int]:
    """How many of the plan's actions each domain leads."""
    return dict(PlanItem.objects.filter(plan=plan, action__lead_domain__isnull=False).order_by()
                .values("action__lead_domain_id").annotate(n=Count("pk")).values_list("action__lead_domain_id", "n"))


def led_actions_page(plan: Plan, domain_id: int, number):
    """One page of the actions a domain leads in the plan (its sign-off page)."""
    items = plan_items_in_order(plan).filter(action__lead_domain_id=domain_id)
    return get_page(Rows(items.count(), lambda start, stop: _page_of_items(items, start, stop)), number,
                    PLAN_PAGE_SIZE)


def item_page(plan: Plan, item: PlanItem) -> int:
    """The page of the plan that shows ``item``."""
    chapter = item.chapter
    before = PlanItem.objects.filter(plan=plan).filter(
        Q(chapter__order__lt=chapter.order)
        | Q(chapter__order=chapter.order, chapter_id__lt=chapter.pk)
        | Q(chapter_id=chapter.pk, order__lt=item.order)
        | Q(chapter_id=chapter.pk, order=item.order, id__lt=item.pk)
    ).count()
    return before // PLAN_PAGE_SIZE + 1


def chapter_page(plan: Plan, chapter) -> int:
    """The page of the plan where ``chapter`` starts."""
    before = PlanItem.objects.filter(plan=plan).filter(
        Q(chapter__order__lt=chapter.order) | Q(chapter__order=chapter.order, chapter_id__lt=chapter.pk)
    ).count()
    total = PlanItem.objects.filter(plan=plan).count() if before else 0
    last = max(1, -(-total // PLAN_PAGE_SIZE))
    return min(before // PLAN_PAGE_SIZE + 1, last)


def live_problems(plan: Plan, signoffs: list[dict], action_count: int, *, cached: bool = True) -> dict:
    """:func:`plan_problems` of the live plan from SQL: counts, and the first few by name.

    The incomplete actions and the declines are aggregates over the whole plan: for the
    pages cached (as plain values, the labels in the reader's language added here) until
    the next write; finalising asks with ``cached=False``.
    """
    if cached:
        found = datacache.cached("plan_problems", plan.pk, topics=PLAN_TOPICS, compute=lambda: _plan_problem_rows(plan))
    else:
        found = _plan_problem_rows(plan)
    roles = dict(AssignmentRole.choices)
    return {
        "empty": not action_count,
        "incomplete": [
            {"id": r["action_id"], "code": r["action__code"], "title": r["action__title"],
             "missing": action_missing({"lead_domain": r["action__lead_domain_id"], "milestones": r["has_milestones"],
                                        "planned_start": r["action__planned_start"],
                                        "planned_end": r["action__planned_end"]})}
            for r in found["incomplete"]
        ],
        "incomplete_count": found["incomplete_count"],
        "unsigned": [s["domain"] for s in signoffs if s["state"] != "signed"],
        "declined": [{**d, "role_display": str(roles.get(d["role"], d["role"]))} for d in found["declined"]],
        "declined_count": found["declined_count"],
    }


def _plan_problem_rows(plan: Plan) -> dict:
    incomplete = (
        PlanItem.objects.filter(plan=plan)
        .annotate(has_milestones=Exists(Milestone.objects.filter(action_id=OuterRef("action_id"))))
        .filter(Q(action__lead_domain__isnull=True) | Q(action__planned_start__isnull=True)
                | Q(action__planned_end__isnull=True) | Q(has_milestones=False))
    )
    # The first rows, each with the number of all (one query each).
    incomplete = list(incomplete.order_by(*ITEM_ORDER).annotate(total=Window(Count("pk"))).values(
        "action_id", "action__code", "action__title", "action__lead_domain_id", "action__planned_start",
        "action__planned_end", "has_milestones", "total")[:PROBLEM_LIMIT])
    declines = list(declined_assignments(plan).annotate(total=Window(Count("pk"))).values(
        "action_id", "action__code", "domain__name", "remark", "role", "decided_at", "total")[:PROBLEM_LIMIT])
    return {
        "incomplete": incomplete,
        "incomplete_count": incomplete[0]["total"] if incomplete else 0,
        "declined": [
            {"action_id": d["action_id"], "code": d["action__code"], "domain": d["domain__name"], "remark": d["remark"],
             "role": d["role"], "decided_at": d["decided_at"]}
            for d in declines
        ],
        "declined_count": declines[0]["total"] if declines else 0,
    }


# --------------------------------------------------------------------------- frozen versions, unpacked
def unpack_snapshot(snapshot: dict) -> tuple[dict, list[dict]]:
    """A version's snapshot as its outline and one row per action.

    The outline is the snapshot without the chapters' actions and without ``domains``
    (the exports' annex, which reads the whole snapshot anyway).
    """
    outline = {key: value for key, value in snapshot.items() if key not in ("chapters", "domains")}
    outline["chapters"] = [
        {**{key: value for key, value in c.items() if key != "actions"}, "count": len(c["actions"])}
        for c in snapshot["chapters"]
    ]
    rows = []
    for position, a in enumerate(snapshot_actions(snapshot), 1):
        dates = sorted(d for d in [a.get("planned_start"), a.get("planned_end"),
                                   *(m["due_date"] for m in a.get("milestones", []))] if d)
        lead = a.get("lead_domain")
        rows.append({
            "position": position, "action_pk": a["id"], "chapter_pk": a["chapter_id"], "code": a["code"],
            "lead_pk": lead["id"] if lead else None, "lead_name": lead["name"] if lead else "",
            "first_date": date.fromisoformat(dates[0]) if dates else None,
            "last_date": date.fromisoformat(dates[-1]) if dates else None,
            "fingerprint": fingerprint(a), "data": a,
        })
    return outline, rows


def version_for_pages(plan: Plan, number) -> PlanVersion:
    """A frozen version without its (large) snapshot; its pages read :func:`version_contents`."""
    try:
        return plan.versions.select_related("contents").defer("snapshot").get(number=int(number))
    except (PlanVersion.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Deze versie van het actieplan bestaat niet."))


def version_contents(version: PlanVersion) -> PlanVersionContents:
    """The unpacked contents of a version (unpacked now, once, for a version made before they existed)."""
    try:
        return version.contents
    except PlanVersionContents.DoesNotExist:
        from actieplan.plan.services import version_unpack

        version.contents = version_unpack(version=version)
        return version.contents


def _version_rows(version: PlanVersion) -> QuerySet[PlanVersionAction]:
    return PlanVersionAction.objects.filter(version=version)


def version_page(version: PlanVersion, number) -> dict:
    """A frozen version: its outline, chapters and the actions of page ``number``."""
    contents = version_contents(version)
    rows = _version_rows(version).order_by("position").values_list("data", flat=True)
    actions = Rows(contents.action_count, lambda start, stop: list(rows[start:stop]))
    return {**chapters_page(contents.outline["chapters"], actions, number), "outline": contents.outline}


# --------------------------------------------------------------------------- timeline, one page
def _timeline_live_data(items: QuerySet[PlanItem], start: int, stop: int) -> list[dict]:
    """What the timeline reads of the actions of ``items[start:stop]`` (not all of :func:`actions_data`).

    The page's ids first: sorting narrow rows is cheap.
    """
    ids = list(items.values_list("pk", flat=True)[start:stop])
    rows = list(items.filter(pk__in=ids).values(
        "id", "chapter_id", "chapter__title", "action_id", "action__code", "action__title", "action__planned_start",
        "action__planned_end", "action__lead_domain_id", "action__lead_domain__name"))
    milestones: dict[int, list] = {}
    for action_id, title, due in Milestone.objects.filter(action_id__in=[r["action_id"] for r in rows]).order_by(
            "due_date", "id").values_list("action_id", "title", "due_date"):
        milestones.setdefault(action_id, []).append({"title": title, "due_date": _iso(due)})
    return [
        {"id": r["action_id"], "code": r["action__code"], "title": r["action__title"], "chapter_id": r["chapter_id"],
         "chapter": r["chapter__title"],
         "lead_domain": None if r["action__lead_domain_id"] is None else {
             "id": r["action__lead_domain_id"], "name": r["action__lead_domain__name"]},
         "planned_start": _iso(r["action__planned_start"]), "planned_end": _iso(r["action__planned_end"]),
         "milestones": milestones.get(r["action_id"], [])}
        for r in rows
    ]


LEAD_ORDER = (F("action__lead_domain__name").asc(nulls_last=True), "action__lead_domain_id")


def _lead_groups(plan: Plan) -> list[tuple[int | None, int]]:
    """The plan's lead domains in timeline order (by name, no lead last) with their number of actions.

    An aggregate over the whole plan: cached until the next write.
    """
    return datacache.cached("plan_lead_groups", plan.pk, topics=PLAN_TOPICS, compute=lambda: list(
        PlanItem.objects.filter(plan=plan).order_by(*LEAD_ORDER)
        .values("action__lead_domain_id", "action__lead_domain__name").annotate(n=Count("pk"))
        .values_list("action__lead_domain_id", "n")))


def _timeline_by_lead(plan: Plan, groups: list[tuple[int | None, int]], start: int, stop: int) -> list[dict]:
    """Rows ``start:stop`` grouped by lead: only the groups the page overlaps are sorted."""
    offset, first, leads = 0, None, []
    for lead, n in groups:
        if offset < stop and offset + n > start:
            first = offset if first is None else first
            leads.append(lead)
        offset += n
    if first is None:
        return []
    overlap = Q(action__lead_domain_id__in=[lead for lead in leads if lead is not None])
    if None in leads:
        overlap |= Q(action__lead_domain__isnull=True)
    items = PlanItem.objects.filter(plan=plan).filter(overlap).order_by(*LEAD_ORDER, *ITEM_ORDER)
    return _timeline_live_data(items, start - first, stop - first)


def _live_span(plan: Plan) -> tuple[date | None, date | None]:
    """The first and last date of the plan's actions and milestones: an aggregate, cached until the next write."""
    def compute():
        span = Action.objects.filter(plan_items__plan=plan).aggregate(
            s1=Min("planned_start"), s2=Max("planned_start"), e1=Min("planned_end"), e2=Max("planned_end"))
        span.update(Milestone.objects.filter(action__plan_items__plan=plan).aggregate(
            m1=Min("due_date"), m2=Max("due_date")))
        firsts = [span[k] for k in ("s1", "e1", "m1") if span[k]]
        lasts = [span[k] for k in ("s2", "e2", "m2") if span[k]]
        return (min(firsts), max(lasts)) if firsts else (None, None)

    return datacache.cached("plan_span", plan.pk, compute=compute, topics=PLAN_TOPICS)


def timeline_page(plan: Plan, version: PlanVersion | None, group_by: str, number) -> dict:
    """:func:`timeline` for one page of rows (the quarters span the whole plan or version)."""
    if version is None:
        first, last = _live_span(plan)
        if group_by == "chapter":
            total = PlanItem.objects.filter(plan=plan).count()

            def read(start, stop):
                return _timeline_live_data(plan_items_in_order(plan), start, stop)
        else:
            groups = _lead_groups(plan)
            total = sum(n for _lead, n in groups)

            def read(start, stop):
                return _timeline_by_lead(plan, groups, start, stop)
    else:
        contents = version_contents(version)
        rows = _version_rows(version)
        span = rows.aggregate(first=Min("first_date"), last=Max("last_date"))
        first, last = span["first"], span["last"]
        if group_by == "chapter":
            rows = rows.order_by("position")
        else:
            rows = rows.order_by(Case(When(lead_pk__isnull=True, then=Value(1)), default=Value(0)),
                                 "lead_name", "lead_pk", "position")
        rows = rows.values_list("data", flat=True)
        total = contents.action_count

        def read(start, stop):
            return list(rows[start:stop])

    page = get_page(Rows(total if first else 0, lambda start, stop: []), number, TIMELINE_PAGE_SIZE)
    if first is None:
        return {"quarters": [], "groups": [], "truncated": False, "page": page}
    quarters, truncated = timeline_quarters(_iso(first), _iso(last))
    start, stop = page.start_index() - 1, page.end_index()
    # The row before the page too: does the page start in the middle of a group?
    actions = read(max(start - 1, 0), stop) if stop else []
    previous = timeline_group(actions.pop(0), group_by)[0] if start > 0 and actions else None
    groups: list[dict] = []
    for a in actions:
        key, title = timeline_group(a, group_by)
        if not groups or groups[-1]["key"] != key:
            groups.append({"key": key, "title": title, "rows": [], "continued": not groups and key == previous})
        groups[-1]["rows"].append(timeline_row(a, quarters))
    return {"quarters": quarters, "groups": groups, "truncated": truncated, "page": page}


# --------------------------------------------------------------------------- diff, one page
@dataclass
class DiffSide:
    number: int
    version: PlanVersion | None = None  # None: the live plan


def diff_page_sides(plan: Plan, frm, to, latest: int) -> tuple[DiffSide, DiffSide]:
    """Like :func:`diff_sides`, without reading either side yet."""
    current = current_number(plan, latest)
    default_from, default_to = diff_defaults(plan, latest)

    def side(value, default) -> DiffSide:
        value = (str(value) if value is not None else "").strip() or default
        if value == "current" or (value == str(current) and current > latest):
            return DiffSide(current)
        return DiffSide(parse_id(value) or -1, version_for_pages(plan, value))

    return side(frm, default_from), side(to, default_to)


def _side(plan: Plan, side: DiffSide) -> tuple[QuerySet, str, str, tuple]:
    """One side's rows: (queryset, action column, chapter column, plan order)."""
    if side.version is None:
        return PlanItem.objects.filter(plan=plan), "action_id", "chapter_id", ITEM_ORDER
    return _version_rows(side.version), "action_pk", "chapter_pk", ("position",)


def _side_actions(plan: Plan, side: DiffSide, ids: list[int]) -> dict[int, dict]:
    """The snapshot data of the actions ``ids`` on one side, by id, in plan order."""
    if side.version is None:
        actions = actions_data(plan_items_in_order(plan).filter(action_id__in=ids))
    else:
        actions = _version_rows(side.version).filter(action_pk__in=ids).order_by("position").values_list(
            "data", flat=True)
    return {a["id"]: a for a in actions}


def _side_outline(plan: Plan, side: DiffSide) -> tuple[dict, list[dict]]:
    if side.version is None:
        return plan_texts(plan), [{"id": c.pk, "title": c.title} for c in plan.chapters.order_by("order", "id")]
    outline = version_contents(side.version).outline
    return outline["plan"], outline["chapters"]


def diff_page(plan: Plan, old: DiffSide, new: DiffSide, number) -> dict:
    """:func:`plan_diff` for one page of actions, with the totals counted in SQL.

    Between two frozen versions only the actions that differ are paged (their rows carry a
    fingerprint). Against the live plan every action is paged and the fields are compared
    for the actions on the page only: how many changed overall is not known (``None``).
    """
    old_texts, old_chapters = _side_outline(plan, old)  # first: unpacks a version made without its rows
    new_texts, new_chapters = _side_outline(plan, new)
    old_rows, old_action, old_chapter, old_order = _side(plan, old)
    new_rows, new_action, new_chapter, new_order = _side(plan, new)
    same_in_old = old_rows.filter(**{old_action: OuterRef(new_action)})
    in_old = Exists(same_in_old)
    removed = old_rows.filter(~Exists(new_rows.filter(**{new_action: OuterRef(old_action)})))
    both_frozen = old.version is not None and new.version is not None
    if both_frozen:
        differs = Exists(same_in_old.exclude(chapter_pk=OuterRef("chapter_pk"), fingerprint=OuterRef("fingerprint")))
        listed = new_rows.filter(~in_old | differs)
    else:
        listed = new_rows

    def count():
        totals = {
            "added": new_rows.filter(~in_old).count(),
            "removed": removed.count(),
            "moved": new_rows.filter(Exists(same_in_old.exclude(**{old_chapter: OuterRef(new_chapter)}))).count(),
            "changed": None,
        }
        if both_frozen:
            totals["changed"] = new_rows.filter(
                Exists(same_in_old.exclude(fingerprint=OuterRef("fingerprint")))).count()
        return totals, listed.count()

    # Aggregates over both sides: cached until the next write.
    side_keys = [side.version.pk if side.version else "live" for side in (old, new)]
    totals, listed_count = datacache.cached("plan_diff_totals", plan.pk, *side_keys, compute=count, topics=PLAN_TOPICS)
    totals = dict(totals)
    listed_ids = listed.order_by(*new_order).values_list(new_action, flat=True)
    removed_ids = removed.order_by(*old_order).values_list(old_action, flat=True)

    def read(start, stop):
        ids = list(listed_ids[start:stop]) if start < listed_count else []
        if stop > listed_count:
            ids += list(removed_ids[max(start - listed_count, 0):stop - listed_count])
        return ids

    page = get_page(Rows(listed_count + totals["removed"], read), number, DIFF_PAGE_SIZE)
    ids = list(page.object_list)
    actions = actions_diff(_side_actions(plan, old, ids), _side_actions(plan, new, ids)) if ids else {
        "added": [], "removed": [], "moved": [], "changed": []}
    texts = texts_diff(old_texts, new_texts)
    chapters = chapters_diff(old_chapters, new_chapters)
    outline_changed = bool(texts or any(chapters.values()))
    if page.number > 1:  # the texts and chapters are shown once, on the first page
        texts, chapters = [], {"added": [], "removed": [], "renamed": []}
    if totals["changed"] is None and page.paginator.num_pages == 1:
        totals["changed"] = len(actions["changed"])  # the one page held every action
    return {
        "texts": texts, "chapters": chapters, **actions, "totals": totals, "page": page,
        "page_empty": not any(actions.values()),
        "is_empty": totals["changed"] == 0 and not (
            outline_changed or totals["added"] or totals["removed"] or totals["moved"]),
        "outline_elsewhere": outline_changed and page.number > 1,
        "compares_all": old.version is None or new.version is None,
    }


# --------------------------------------------------------------------------- assignments and sign-offs
def scoped_to_answer_domains(qs: QuerySet, perms) -> QuerySet:
    """Assignments or sign-offs whose answers the user reads (``Perms.can_view_domain_answers``)."""
    allowed = perms.answer_domain_ids()
    return qs if allowed is None else qs.filter(domain_id__in=allowed)


def redact_answers(perms, actions=(), signoffs=()) -> tuple[list[dict], list[dict]]:
    """Copies of plan rows without what a domain answered where the user may not read it.

    A domain's remark on its assignment, and the signer and remark of its sign-off, are for
    the domain's contact and coordinators (``Perms.can_view_domain_answers``), as on the
    "Ter bevestiging" and sign-off pages; everybody still sees the state (akkoord, niet akkoord).
    """
    def visible(row) -> bool:
        return perms.can_view_domain_answers(row.get("domain_id"))

    shown_actions = [
        {**a, "assignments": [s if visible(s) else {**s, "remark": ""} for s in a.get("assignments", ())]}
        if "assignments" in a else a
        for a in actions
    ]
    shown_signoffs = [s if visible(s) else {**s, "remark": "", "signed_by": ""} for s in signoffs]
    return shown_actions, shown_signoffs


def redact_snapshot(perms, snapshot: dict) -> dict:
    """A frozen snapshot as :func:`redact_answers` shows it to ``perms``."""
    chapters = []
    for c in snapshot.get("chapters", ()):
        actions, _none = redact_answers(perms, c.get("actions", ()))
        chapters.append({**c, "actions": actions})
    _none, signoffs = redact_answers(perms, signoffs=snapshot.get("signoffs", ()))
    return {**snapshot, "chapters": chapters, "signoffs": signoffs}


def assignments_for(user, perms, *, state: str | None = None) -> QuerySet[Assignment]:
    """Assignments of actions in a plan: a contact's domains, or all for coordinators."""
    qs = Assignment.objects.filter(Exists(PlanItem.objects.filter(action_id=OuterRef("action_id")))).select_related(
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


def eligible_choices(plan: Plan) -> list[tuple[int, str, str]]:
    """``(id, code, title)`` of :func:`eligible_actions`: a scan of all actions, cached until the next write."""
    return datacache.cached("plan_eligible", plan.pk, topics=PLAN_TOPICS, compute=lambda: list(
        eligible_actions(plan).values_list("id", "code", "title")))


def eligible_actions(plan: Plan) -> QuerySet[Action]:
    """Retained (or already adopted) actions that are not yet in the plan."""
    return (
        Action.objects.filter(status__in=PLAN_ELIGIBLE_STATUSES)
        .exclude(plan_items__plan=plan)
        .only("id", "code", "title")
        .order_by("code", "pk")
    )

