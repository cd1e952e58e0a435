"""Reads of actions: every list is scoped to what the user may see here."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from actieplan.filters import ActionFilter
from actieplan.models import Action, Comment, StatusChange
from actieplan.permissions import perms_for

LIST_RELATED = ("primary_barrier", "working_group", "proposing_domain", "lead_domain")
M2M_PREFETCH = ("secondary_barriers", "target_groups", "partner_domains", "partner_organisations", "linked_plans")


def actions_visible_to(user) -> QuerySet[Action]:
    return Action.objects.filter(perms_for(user).visible_actions_q())


def action_list(*, user, params=None, with_m2m: bool = False) -> tuple[ActionFilter, QuerySet[Action]]:
    """The filtered list of actions visible to ``user``; returns the FilterSet and its queryset."""
    queryset = actions_visible_to(user).select_related(*LIST_RELATED)
    if with_m2m:
        queryset = queryset.prefetch_related(*M2M_PREFETCH)
    filterset = ActionFilter(params or None, queryset=queryset)
    qs = filterset.qs if filterset.is_valid() else queryset.none()
    if not (params or {}).get("ordering"):
        qs = qs.order_by("code", "pk")
    return filterset, qs


def action_detail(*, pk) -> Action:
    return (
        Action.objects.select_related(*LIST_RELATED, "created_by", "updated_by")
        .prefetch_related(
            *M2M_PREFETCH,
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("by")),
        )
        .get(pk=pk)
    )


def action_history(action: Action, limit: int = 100) -> list[dict]:
    """A readable list of who changed what and when, newest first."""
    records = list(
        action.history.select_related("history_user").order_by("history_date", "history_id")
    )
    entries = []
    previous = None
    for record in records:
        if previous is None:
            changes = []
            kind = "created"
        else:
            delta = record.diff_against(previous, excluded_fields=["version", "updated_by"])
            changes = [
                {
                    "field": str(Action._meta.get_field(c.field).verbose_name),
                    "old": _display(c.field, c.old),
                    "new": _display(c.field, c.new),
                }
                for c in delta.changes
            ]
            kind = "changed"
            if not changes:
                previous = record
                continue
        user = record.history_user
        entries.append(
            {
                "kind": kind,
                "at": record.history_date,
                "user": (user.get_full_name() or user.username) if user else "",
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
        previous = record
    entries.reverse()
    return entries[:limit]


def _display(field_name: str, value) -> str:
    from actieplan.models import Action as A

    field = A._meta.get_field(field_name)
    if value is None or value == "":
        return "—"
    if field.many_to_many:
        model = field.related_model
        column = model._meta.model_name
        ids = [row[column] for row in value] if value and isinstance(value[0], dict) else list(value)
        return ", ".join(str(o) for o in model.objects.filter(pk__in=ids)) or "—"
    if field.is_relation:
        obj = field.related_model.objects.filter(pk=value).first()
        return str(obj) if obj else "—"
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return str(value)
