"""Reads of actions: every list is scoped to what the user may see here."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.forms.models import model_to_dict
from simple_history.utils import get_m2m_reverse_field_name

from actieplan.actions.filters import ActionFilter
from actieplan.models import Action, Comment, StatusChange
from actieplan.permissions import perms_for
from werkgroepen.people import person_name

LIST_RELATED = ("primary_barrier", "working_group", "proposing_domain", "lead_domain", "lead_organisation")
M2M_PREFETCH = ("secondary_barriers", "target_groups", "partner_domains", "partner_organisations", "linked_plans")


def actions_visible_to(user) -> QuerySet[Action]:
    return Action.objects.filter(perms_for(user).visible_actions_q())


def action_list(*, user, params=None, with_m2m: bool = False) -> tuple[ActionFilter, QuerySet[Action]]:
    """The filtered list of actions visible to ``user``; returns the FilterSet and its queryset."""
    queryset = actions_visible_to(user).select_related(*LIST_RELATED)
    if with_m2m:
        queryset = queryset.prefetch_related(*M2M_PREFETCH)
    filterset = ActionFilter(params if params is not None else {}, queryset=queryset)
    qs = filterset.qs if filterset.is_valid() else queryset.none()
    if not (params or {}).get("ordering"):
        qs = qs.order_by("code", "pk")
    return filterset, qs


def action_detail(*, pk) -> Action:
    return (
        Action.objects.select_related(*LIST_RELATED, "created_by", "updated_by", "proposed_round", "adopted_round")
        .prefetch_related(
            *M2M_PREFETCH,
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("by")),
        )
        .get(pk=pk)
    )


def action_for_user(*, user, pk) -> Action:
    """The action ``pk`` with what its page shows, if ``user`` may see it.

    An action the user may not see (a draft of another group) answers 404 exactly like a
    missing id, on the pages and in the API (whose querysets are scoped the same way), so
    drafts cannot be enumerated.
    """
    try:
        action = action_detail(pk=pk)
    except (Action.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Deze actie bestaat niet."))
    if not perms_for(user).can_view_action(action):
        raise Http404(_("Deze actie bestaat niet."))
    return action


def action_history(action: Action, limit: int = 100) -> list[dict]:
    """A readable list of who changed what and when, newest first.

    Related objects named in the changes are looked up in one query per related
    model, not one per change, so the page stays cheap for long histories.
    """
    records = list(
        action.history.select_related("history_user").order_by("history_date", "history_id")
    )
    raw = []
    previous = None
    for record, changes in zip(records, _history_changes(records, excluded={"version", "updated_by"})):
        if previous is None:
            raw.append((record, "created", []))
        elif changes:
            raw.append((record, "changed", changes))
        previous = record
    raw = raw[-limit:]

    # Collect the ids of related objects per model, then fetch each model once.
    wanted: dict = {}
    for _record, _kind, changes in raw:
        for name, old, new in changes:
            field = Action._meta.get_field(name)
            if field.is_relation:
                wanted.setdefault(field.related_model, set()).update(_ids(field, old) + _ids(field, new))
    names = {model: {obj.pk: str(obj) for obj in model.objects.filter(pk__in=ids)} for model, ids in wanted.items()}

    entries = []
    for record, kind, changes in reversed(raw):
        user = record.history_user
        entries.append(
            {
                "kind": kind,
                "at": record.history_date,
                "user": person_name(user, default=""),
                "reason": record.history_change_reason or "",
                "changes": [
                    {
                        "field": str(Action._meta.get_field(name).verbose_name),
                        "old": _display(name, old, names),
                        "new": _display(name, new, names),
                    }
                    for name, old, new in changes
                ],
            }
        )
    return entries


def _history_changes(records: list, *, excluded: set[str]) -> list[list[tuple]]:
    """Per history record, its ``(field, old, new)`` changes against the record before it.

    The same result as simple-history's ``diff_against`` for each pair, but the
    many-to-many history is read with one query per field for all records together
    instead of two queries per field and record.
    """
    if not records:
        return []
    first = records[0]
    m2m_names = sorted({f.name for f in first._history_m2m_fields} - excluded)
    plain = sorted({f.name for f in first.tracked_fields if f.editable} - set(m2m_names) - excluded)
    ids = [r.history_id for r in records]
    m2m_rows: dict[str, dict] = {}
    for name in m2m_names:
        original = first.instance_type._meta.get_field(name)
        through = getattr(first, name).model
        columns = [f.name for f in through._meta.fields if f.editable and f.name not in ("id", "m2m_history_id", "history")]
        per_record: dict = {}
        rows = through.objects.filter(history_id__in=ids).order_by(
            get_m2m_reverse_field_name(original), "pk"
        ).values("history_id", *columns)
        for row in rows:
            per_record.setdefault(row.pop("history_id"), []).append(row)
        m2m_rows[name] = per_record

    result: list[list[tuple]] = [[]]
    for previous, record in zip(records, records[1:]):
        old_values = model_to_dict(previous, fields=plain)
        new_values = model_to_dict(record, fields=plain)
        changes = [(name, old_values[name], new_values[name]) for name in plain
                   if old_values[name] != new_values[name]]
        for name in m2m_names:
            old_rows = m2m_rows[name].get(previous.history_id, [])
            new_rows = m2m_rows[name].get(record.history_id, [])
            if old_rows != new_rows:
                changes.append((name, old_rows, new_rows))
        changes.sort(key=lambda change: change[0])
        result.append(changes)
    return result


def _ids(field, value) -> list:
    if value in (None, ""):
        return []
    if field.many_to_many:
        column = field.related_model._meta.model_name
        return [row[column] if isinstance(row, dict) else row for row in value]
    return [value]


def _display(field_name: str, value, names: dict) -> str:
    field = Action._meta.get_field(field_name)
    if value is None or value == "" or value == []:
        return "—"
    if field.is_relation:
        lookup = names.get(field.related_model, {})
        return ", ".join(sorted(lookup.get(pk, "?") for pk in _ids(field, value))) or "—"
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return str(value)
