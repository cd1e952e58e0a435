"""Phase 2 (afstemming): merge and undo, typed links, dismissed suggestions, and the
reads of the alignment workspace (decision log, coverage, progress, lineage).

Decisions themselves (retain, reject, merge, send back) go through the one lifecycle
service ``actieplan.actions.services.action_transition``; a merge is prepared and applied by
``merge_prepare`` / ``merge_apply`` below, called from inside that service.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actieplan.models import (
    Action,
    ActionLink,
    Barrier,
    Comment,
    LinkType,
    Merge,
    Phase,
    PolicyDomain,
    Round,
    SimilarityDismissal,
    Status,
    StatusChange,
    TargetGroup,
)
from actieplan.alignment import similarity
from actieplan.permissions import perms_for
from actieplan.actions.services import M2M_FIELDS, TransitionNotAllowed, _save_with_history
from common.ids import IdModelChoiceFilter
from werkgroepen.models import WorkingGroup
from werkgroepen.people import person_name

# What a coordinator can carry over from the merged action to the surviving one.
CARRY_OVER_CHOICES = [
    ("target_groups", gettext_lazy("Doelgroepen")),
    ("partner_domains", gettext_lazy("Partnerdomeinen (met het trekkende domein van de samengevoegde actie)")),
    ("partner_organisations", gettext_lazy("Partnerorganisaties")),
    ("linked_plans", gettext_lazy("Gekoppelde plannen")),
    ("comments", gettext_lazy("Opmerkingen")),
]
CARRY_OVER = [key for key, _label in CARRY_OVER_CHOICES]
CARRY_M2M = [key for key in CARRY_OVER if key != "comments"]
MERGE_TARGET_STATUSES = (Status.SUBMITTED, Status.RETAINED)
# Link types that mean the same in both directions: A–B and B–A are one link.
SYMMETRIC_LINKS = {LinkType.OVERLAPS, LinkType.COMPLEMENTS, LinkType.SHARED_OPPORTUNITY}
SNAPSHOT_SKIP = {"id", "version", "updated_at", "updated_by"}


# --------------------------------------------------------------------------- snapshots
def snapshot(action: Action) -> dict:
    """An action's fields, many-to-many values and comments, as JSON (to restore and compare)."""
    fresh = Action.objects.get(pk=action.pk)
    fields = {}
    for f in Action._meta.concrete_fields:
        if f.name in SNAPSHOT_SKIP:
            continue
        value = getattr(fresh, f.attname)
        fields[f.attname] = value.isoformat() if hasattr(value, "isoformat") else (
            str(value) if value is not None and not isinstance(value, (int, str, bool, float)) else value)
    m2m = {name: sorted(getattr(fresh, name).values_list("pk", flat=True)) for name in M2M_FIELDS}
    comments = sorted(Comment.objects.filter(action=fresh).values_list("pk", flat=True))
    return {"fields": fields, "m2m": m2m, "comments": comments}


# --------------------------------------------------------------------------- merge
def merge_prepare(*, action: Action, into, user, carry_over: list[str] | None) -> Merge:
    """Check the merge of the locked ``action`` into ``into``; returns the unsaved Merge.

    Called by ``action_transition`` after it checked the rule and the role.
    """
    if into is None or into == "":
        raise ValidationError({"into": _("Kies de actie waarin deze actie wordt samengevoegd.")})
    into_id = into.pk if isinstance(into, Action) else into
    try:
        into_id = int(into_id)
    except (TypeError, ValueError):
        raise ValidationError({"into": _("Kies een bestaande actie om in samen te voegen.")})
    if into_id == action.pk:
        raise ValidationError({"into": _("Een actie kan niet in zichzelf worden samengevoegd.")})
    target = Action.objects.select_for_update().filter(pk=into_id).first()
    if target is None:
        raise ValidationError({"into": _("De actie waarin u wilt samenvoegen bestaat niet.")})
    if target.status not in MERGE_TARGET_STATUSES:
        raise ValidationError({"into": _(
            "U kunt alleen samenvoegen in een ingediende of weerhouden actie; %(code)s heeft status ‘%(status)s’."
        ) % {"code": target.code, "status": target.get_status_display()}})
    keys = CARRY_OVER if carry_over is None else list(carry_over)
    unknown = sorted(set(keys) - set(CARRY_OVER))
    if unknown:
        raise ValidationError({"carry_over": _("Onbekend onderdeel om over te nemen: %(names)s.")
                               % {"names": ", ".join(unknown)}})
    merge = Merge(merged=action, into=target, by=user,
                  before={"merged": snapshot(action), "into": snapshot(target)})
    merge._carry = [k for k in CARRY_OVER if k in keys]
    action.merged_into = target
    return merge


def _carry_values(merged: Action, target: Action, name: str) -> list[int]:
    mine = set(getattr(merged, name).values_list("pk", flat=True))
    if name == "partner_domains" and merged.lead_domain_id:
        mine.add(merged.lead_domain_id)
    theirs = set(getattr(target, name).values_list("pk", flat=True))
    if name == "partner_domains" and target.lead_domain_id:
        theirs.add(target.lead_domain_id)
    return sorted(mine - theirs)


def carry_over_preview(merged: Action, target: Action) -> dict[str, list]:
    """Per carry-over option, what would move to ``target`` (objects new to it; comments).

    Reads the actions' related objects, so it costs no query when both come from
    ``actions_for_compare`` (lead domains selected, relations and comments prefetched).
    """
    preview = {name: _carry_objects(merged, target, name) for name in CARRY_M2M}
    preview["comments"] = list(merged.comments.all())
    return preview


def _carry_objects(merged: Action, target: Action, name: str) -> list:
    """The objects ``_carry_values`` would add to ``target``, in their model's order."""
    theirs = {o.pk for o in getattr(target, name).all()}
    mine = list(getattr(merged, name).all())  # in the model's ordering, like a query would return them
    if name == "partner_domains":
        if target.lead_domain_id:
            theirs.add(target.lead_domain_id)
        if merged.lead_domain_id and all(o.pk != merged.lead_domain_id for o in mine):
            mine = sorted([*mine, merged.lead_domain], key=lambda d: (d.order, d.name, d.pk))
    return [o for o in mine if o.pk not in theirs]


def actions_for_compare(pks) -> dict[int, Action]:
    """The actions of the compare page, with everything it shows (seven queries for both)."""
    return {
        action.pk: action
        for action in Action.objects.filter(pk__in=list(pks))
        .select_related("primary_barrier", "working_group", "proposing_domain", "lead_domain")
        .prefetch_related(*CARRY_M2M, "secondary_barriers",
                          Prefetch("comments", queryset=Comment.objects.select_related("author")))
    }


def merge_apply(merge: Merge, *, reason: str) -> Merge:
    """Carry the ticked values over to the surviving action and record the merge."""
    merged, target, user = merge.merged, merge.into, merge.by
    carried: dict[str, list[int]] = {}
    m2m = {}
    for name in merge._carry:
        if name == "comments":
            ids = sorted(Comment.objects.filter(action=merged).values_list("pk", flat=True))
            Comment.objects.filter(pk__in=ids).update(action=target)
            carried["comments"] = ids
            continue
        added = _carry_values(merged, target, name)
        carried[name] = added
        if added:
            m2m[name] = sorted(set(getattr(target, name).values_list("pk", flat=True)) | set(added))
    target.version += 1
    target.updated_by = user
    _save_with_history(
        target, user, (_("Samenvoeging: %(code)s is opgenomen in deze actie") % {"code": merged.code}),
        m2m,
    )
    if "target_groups" in m2m:  # they weigh in its overlap scores
        similarity.refresh_pairs(target)
    merge.reason = reason
    merge.carried_over = carried
    merge.save()
    return merge


def active_merge(action: Action) -> Merge | None:
    return action.merges_out.filter(undone_at__isnull=True).select_related("into").order_by("-at", "-id").first()


def can_unmerge(user, action: Action) -> bool:
    return perms_for(user).can_align and action.status == Status.MERGED and action.merged_into_id is not None


@transaction.atomic
def action_unmerge(*, action: Action, user, reason: str = "") -> Action:
    """Undo the merge of ``action``: both actions get back exactly what they had."""
    if not perms_for(user).can_align:
        raise PermissionDenied(_("Alleen een coördinator maakt een samenvoeging ongedaan."))
    locked = Action.objects.select_for_update().get(pk=action.pk)
    merge = active_merge(locked) if locked.status == Status.MERGED else None
    if merge is None:
        raise TransitionNotAllowed(_("%(code)s is niet samengevoegd: er is niets ongedaan te maken.")
                                   % {"code": locked.code})
    target = Action.objects.select_for_update().get(pk=merge.into_id)
    if target.status not in MERGE_TARGET_STATUSES:
        raise TransitionNotAllowed(_(
            "%(code)s heeft intussen status ‘%(status)s’; maak eerst die beslissing ongedaan."
        ) % {"code": target.code, "status": target.get_status_display()})
    reason = (reason or "").strip()
    if len(reason) > 2000:
        raise ValidationError({"reason": _("De reden is te lang (maximaal 2000 tekens).")})
    carried = merge.carried_over or {}
    m2m = {}
    for name in CARRY_M2M:
        removed = set(carried.get(name) or [])
        if removed:
            m2m[name] = sorted(set(getattr(target, name).values_list("pk", flat=True)) - removed)
    Comment.objects.filter(pk__in=carried.get("comments") or [], action=target).update(action=locked)
    target.version += 1
    target.updated_by = user
    _save_with_history(target, user, (
        _("Samenvoeging met %(code)s ongedaan gemaakt") % {"code": locked.code}), m2m)
    if "target_groups" in m2m:  # they weigh in its overlap scores
        similarity.refresh_pairs(target)

    before = (merge.before or {}).get("merged", {}).get("fields", {})
    previous = before.get("status") or Status.SUBMITTED
    text = reason or _("Samenvoeging met %(code)s ongedaan gemaakt") % {"code": target.code}
    locked.status = previous
    locked.merged_into = None
    locked.version += 1
    locked.updated_by = user
    _save_with_history(locked, user, (text))
    StatusChange.objects.create(action=locked, from_status=Status.MERGED, to_status=previous, by=user, reason=text)
    similarity.status_changed(locked)
    merge.undone_at = timezone.now()
    merge.undone_by = user
    merge.save(update_fields=["undone_at", "undone_by"])
    return locked


# --------------------------------------------------------------------------- lineage
def lineage(action: Action) -> dict:
    """Where ``action`` came from through merges (a tree) and where it went (a chain).

    Queries: the merge edges, the actions involved (with group, domain, barrier), their
    secondary barriers (with names) and their active merges: four, however long the chains.
    """
    edges = list(Action.objects.filter(merged_into__isnull=False).values_list("pk", "merged_into_id").order_by())
    children, parent = defaultdict(list), {}
    for child, into in edges:
        children[into].append(child)
        parent[child] = into
    chain, seen, current = [], {action.pk}, action.pk
    while current in parent and parent[current] not in seen:
        current = parent[current]
        seen.add(current)
        chain.append(current)
    sources, stack = [], [action.pk]
    while stack:
        for child in sorted(children[stack.pop()]):
            if child not in seen:
                seen.add(child)
                sources.append(child)
                stack.append(child)
    actions = {
        a.pk: a for a in Action.objects.filter(pk__in=seen).select_related(
            "working_group", "proposing_domain", "primary_barrier")
    }
    secondary, barrier_names = defaultdict(list), {}
    through = Action.secondary_barriers.through
    for action_id, barrier, name in through.objects.filter(action_id__in=seen).values_list(
            "action_id", "barrier_id", "barrier__name"):
        secondary[action_id].append(barrier)
        barrier_names[barrier] = name
    merges = {m.merged_id: m for m in Merge.objects.filter(merged_id__in=seen, undone_at__isnull=True)
              .select_related("by").order_by("at", "id")}

    def node(pk: int, with_children: bool) -> dict:
        a = actions[pk]
        barriers = [{"id": a.primary_barrier_id, "name": a.primary_barrier.name}]
        barriers += [{"id": b, "name": barrier_names.get(b, "")} for b in sorted(secondary[pk])
                     if b != a.primary_barrier_id]
        merge = merges.get(pk)
        data = {
            "id": a.pk, "code": a.code, "title": a.title, "status": a.status,
            "status_display": a.get_status_display(),
            "working_group": {"id": a.working_group_id, "name": a.working_group.name} if a.working_group_id else None,
            "proposing_domain": ({"id": a.proposing_domain_id, "name": a.proposing_domain.name}
                                 if a.proposing_domain_id and not a.working_group_id else None),
            "barriers": barriers,
            "merged_at": merge.at if merge else None,
            "merged_by": person_name(merge.by, default=None) if merge else None,
            "merge_reason": merge.reason if merge else "",
        }
        if with_children:
            data["merged_from"] = [node(c, True) for c in sorted(children[pk]) if c in actions]
        return data

    tree = node(action.pk, True)
    proposals = [node(pk, False) for pk in [action.pk, *sources]]
    groups, barriers = {}, {}
    for p in proposals:
        if p["working_group"]:
            groups[p["working_group"]["id"]] = p["working_group"]
        for b in p["barriers"]:
            barriers[b["id"]] = b
    return {
        "action": action.pk,
        "merged_into_chain": [node(pk, False) for pk in chain],
        "tree": tree,
        "proposals": proposals,
        "working_groups": sorted(groups.values(), key=lambda g: g["name"]),
        "proposing_domains": sorted({p["proposing_domain"]["id"]: p["proposing_domain"] for p in proposals
                                     if p["proposing_domain"]}.values(), key=lambda d: d["name"]),
        "barriers": sorted(barriers.values(), key=lambda b: b["name"]),
    }


# --------------------------------------------------------------------------- links
def _depends_path(start: int, goal: int) -> bool:
    """Whether ``start`` already depends, directly or through others, on ``goal``."""
    graph = defaultdict(list)
    for a, b in ActionLink.objects.filter(type=LinkType.DEPENDS_ON).values_list("from_action_id", "to_action_id"):
        graph[a].append(b)
    stack, seen = [start], {start}
    while stack:
        current = stack.pop()
        if current == goal:
            return True
        for nxt in graph[current]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


@transaction.atomic
def link_create(*, user, from_action: Action, to_action: Action, type: str, reason: str = "") -> ActionLink:
    perms = perms_for(user)
    if not perms.can_link_actions(from_action, to_action):
        raise PermissionDenied(_(
            "U kunt alleen acties koppelen als coördinator, of als contactpersoon van het beleidsdomein "
            "van een van beide acties."))
    if type not in LinkType.values:
        raise ValidationError({"type": _("Kies een soort koppeling: %(types)s.") % {
            "types": ", ".join(str(label) for label in LinkType.labels)}})
    if from_action.pk == to_action.pk:
        raise ValidationError({"to_action": _("Een actie kan niet aan zichzelf gekoppeld worden.")})
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise ValidationError({"reason": _("De toelichting is te lang (maximaal 500 tekens).")})
    same = Q(from_action=from_action, to_action=to_action, type=type)
    if type in SYMMETRIC_LINKS:
        same |= Q(from_action=to_action, to_action=from_action, type=type)
    if ActionLink.objects.filter(same).exists():
        raise ValidationError({"to_action": _("Deze koppeling bestaat al: %(a)s %(type)s %(b)s.") % {
            "a": from_action.code, "type": LinkType(type).label, "b": to_action.code}})
    if type == LinkType.DEPENDS_ON and _depends_path(to_action.pk, from_action.pk):
        raise ValidationError({"to_action": _(
            "%(b)s hangt al (rechtstreeks of via andere acties) af van %(a)s: deze koppeling zou een "
            "kringloop maken.") % {"a": from_action.code, "b": to_action.code}})
    try:
        with transaction.atomic():
            return ActionLink.objects.create(
                from_action=from_action, to_action=to_action, type=type, reason=reason, created_by=user)
    except IntegrityError:  # a concurrent identical link
        raise ValidationError({"to_action": _("Deze koppeling bestaat al.")})


def link_delete(*, user, link: ActionLink) -> None:
    if not perms_for(user).can_delete_link(link):
        raise PermissionDenied(_("Alleen een coördinator verwijdert koppelingen."))
    link.delete()


def links_of(action: Action):
    """Links from and to ``action``, with both actions (one query)."""
    return (
        ActionLink.objects.filter(Q(from_action=action) | Q(to_action=action))
        .select_related("from_action", "to_action", "from_action__working_group", "to_action__working_group",
                        "created_by")
        .order_by("type", "-created_at", "-id")
    )


# --------------------------------------------------------------------------- dismissals
def similarity_dismiss(*, user, action: Action, other: Action) -> SimilarityDismissal:
    if not perms_for(user).can_align:
        raise PermissionDenied(_("Alleen een coördinator beslist dat twee acties niet overlappen."))
    if action.pk == other.pk:
        raise ValidationError({"other": _("Een actie kan niet met zichzelf vergeleken worden.")})
    low, high = sorted([action.pk, other.pk])
    dismissal, _created = SimilarityDismissal.objects.get_or_create(
        action_low_id=low, action_high_id=high, defaults={"by": user})
    return dismissal


# --------------------------------------------------------------------------- decision log
class DecisionType:
    RETAINED = "retained"
    REJECTED = "rejected"
    MERGED = "merged"
    SENT_BACK = "sent_back"
    UNMERGED = "unmerged"

    choices = [
        (RETAINED, gettext_lazy("weerhouden")),
        (REJECTED, gettext_lazy("niet weerhouden")),
        (MERGED, gettext_lazy("samengevoegd")),
        (SENT_BACK, gettext_lazy("teruggestuurd")),
        (UNMERGED, gettext_lazy("samenvoeging ongedaan gemaakt")),
    ]
    q = {
        RETAINED: Q(from_status=Status.SUBMITTED, to_status=Status.RETAINED),
        REJECTED: Q(from_status=Status.SUBMITTED, to_status=Status.REJECTED),
        MERGED: Q(from_status=Status.SUBMITTED, to_status=Status.MERGED),
        SENT_BACK: Q(from_status=Status.SUBMITTED, to_status=Status.DRAFT),
        UNMERGED: Q(from_status=Status.MERGED, to_status=Status.SUBMITTED),
    }

    @classmethod
    def of(cls, change) -> str:
        if change.from_status == Status.MERGED:
            return cls.UNMERGED
        return {Status.RETAINED: cls.RETAINED, Status.REJECTED: cls.REJECTED, Status.MERGED: cls.MERGED,
                Status.DRAFT: cls.SENT_BACK}.get(change.to_status, "")

    @classmethod
    def label(cls, value) -> str:
        return str(dict(cls.choices).get(value, value))


def _any_decision() -> Q:
    q = Q(pk__in=[])
    for condition in DecisionType.q.values():
        q |= condition
    return q


def coordinators():
    return get_user_model().objects.filter(
        Q(profile__is_coordinator=True) | Q(is_superuser=True)).order_by("last_name", "first_name", "username")


class DecisionFilter(django_filters.FilterSet):
    """Filters of the decision log; shared by the page and the API."""

    working_group = IdModelChoiceFilter(
        label=gettext_lazy("Werkgroep"), queryset=WorkingGroup.objects.all(), field_name="action__working_group")
    barrier = IdModelChoiceFilter(
        label=gettext_lazy("Drempel"), queryset=Barrier.objects.all(), field_name="action__primary_barrier",
        method="filter_barrier")
    coordinator = IdModelChoiceFilter(
        label=gettext_lazy("Coördinator"), queryset=coordinators(), field_name="by")
    type = django_filters.ChoiceFilter(
        label=gettext_lazy("Soort beslissing"), choices=DecisionType.choices, method="filter_type")
    date_from = django_filters.DateFilter(label=gettext_lazy("Vanaf (datum)"), field_name="at", lookup_expr="date__gte")
    date_to = django_filters.DateFilter(
        label=gettext_lazy("Tot en met (datum)"), field_name="at", lookup_expr="date__lte")
    # The meeting in which the decision was taken (the governance app's meetings, named only through the FK).
    meeting = IdModelChoiceFilter(
        label=gettext_lazy("Vergadering"), field_name="meeting",
        queryset=lambda request: StatusChange._meta.get_field("meeting").related_model.objects.select_related("body"))

    class Meta:
        model = StatusChange
        fields = ["working_group", "barrier", "coordinator", "type", "date_from", "date_to", "meeting"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The coordinators by their full name, as the log's "Door" column shows them.
        self.filters["coordinator"].field.label_from_instance = person_name

    def filter_barrier(self, queryset, name, value):
        secondary = Action.secondary_barriers.through.objects.filter(action_id=OuterRef("action_id"), barrier=value)
        return queryset.filter(Q(action__primary_barrier=value) | Q(Exists(secondary)))

    def filter_type(self, queryset, name, value):
        return queryset.filter(DecisionType.q[value])


def decision_log(*, params=None, action: Action | None = None):
    """Decisions (who, when, why), newest first: returns the FilterSet and its queryset."""
    merge = Merge.objects.filter(merged_id=OuterRef("action_id"), at__gte=OuterRef("at")).order_by("at", "id")
    queryset = (
        StatusChange.objects.filter(_any_decision())
        .select_related("action", "action__working_group", "action__proposing_domain", "action__primary_barrier", "by",
                        "meeting", "meeting__body")
        .annotate(into_id=Subquery(merge.values("into_id")[:1]), into_code=Subquery(merge.values("into__code")[:1]))
        .order_by("-at", "-id")
    )
    if action is not None:
        queryset = queryset.filter(action=action)
    filterset = DecisionFilter(params or None, queryset=queryset)
    if params and not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs if params else queryset


# --------------------------------------------------------------------------- coverage
#: The status groups the coverage matrix can count, each switched on or off by a toggle:
#: the proposals (submitted and retained) and the plan (adopted and in progress).
COVERAGE_GROUPS: dict[str, tuple] = {
    "voorstellen": (gettext_lazy("ingediend en weerhouden"), (Status.SUBMITTED, Status.RETAINED)),
    "actieplan": (gettext_lazy("opgenomen in actieplan en in uitvoering"), (Status.ADOPTED, Status.IN_PROGRESS)),
}
COVERAGE_STATUSES = [s for _label, statuses in COVERAGE_GROUPS.values() for s in statuses]


def coverage_statuses(groups=None) -> list[str]:
    """The statuses of the chosen status groups (all groups when ``groups`` is empty)."""
    groups = [g for g in (groups or COVERAGE_GROUPS) if g in COVERAGE_GROUPS]
    return [s for g in groups for s in COVERAGE_GROUPS[g][1]]


def coverage(groups=None) -> dict:
    """Counts of actions per barrier × policy domain and × target group, per status.

    ``groups`` (keys of ``COVERAGE_GROUPS``, default all) decides which statuses make up a
    cell's total: a cell is a gap when no action of the chosen groups addresses it. An
    action counts for its primary and its secondary barriers (like the action list's
    barrier filter), once per barrier. Counted by the database: per table, the actions by
    their primary barrier plus their secondary barriers other than the primary one.
    Queries: four counts and the three reference lists: seven.
    """
    eligible = COVERAGE_STATUSES
    chosen = coverage_statuses(groups)
    chosen_groups = [g for g in COVERAGE_GROUPS if not groups or g in groups]
    secondary = Action.secondary_barriers.through.objects.filter(action__status__in=eligible).exclude(
        barrier_id=F("action__primary_barrier_id"))

    def zero():
        return dict.fromkeys(eligible, 0)

    by_domain = defaultdict(zero)
    by_group = defaultdict(zero)
    counts = [  # (table, rows of barrier, column, status); a column of None (no lead domain) is skipped
        (by_domain, Action.objects.filter(status__in=eligible).values_list("primary_barrier_id", "lead_domain_id",
                                                                           "status")),
        (by_domain, secondary.values_list("barrier_id", "action__lead_domain_id", "action__status")),
        (by_group, Action.target_groups.through.objects.filter(action__status__in=eligible)
         .values_list("action__primary_barrier_id", "targetgroup_id", "action__status")),
        (by_group, secondary.filter(action__target_groups__isnull=False)
         .values_list("barrier_id", "action__target_groups", "action__status")),
    ]
    for table, rows in counts:
        for barrier, column, status, n in rows.annotate(n=Count("*")).order_by():
            if column is not None:
                table[(barrier, column)][status] += n
    barriers = list(Barrier.objects.order_by("-is_priority", "order", "name"))
    domains = list(PolicyDomain.objects.order_by("order", "name"))
    target_groups = list(TargetGroup.objects.order_by("order", "name"))

    def cells(columns, table, key):
        rows = []
        for barrier in barriers:
            row = []
            for column in columns:
                counts = table.get((barrier.pk, column.pk)) or zero()
                row.append({"barrier": barrier.pk, key: column.pk, **{str(s): counts[s] for s in eligible},
                            "total": sum(counts[s] for s in chosen),
                            "detail": " + ".join(str(sum(counts[s] for s in COVERAGE_GROUPS[g][1]))
                                                 for g in chosen_groups) if len(chosen_groups) > 1 else ""})
            rows.append({"barrier": barrier, "cells": row, "total": sum(c["total"] for c in row)})
        return rows

    return {
        "statuses": chosen,
        "barriers": barriers,
        "policy_domains": domains,
        "target_groups": target_groups,
        "by_domain": cells(domains, by_domain, "policy_domain"),
        "by_target_group": cells(target_groups, by_group, "target_group"),
    }


def coverage_list_url_maker(statuses=None):
    """A function ``url(**params)``: a coverage cell's link to the action list.

    The actions of ``statuses`` (default: all the matrix counts) filtered by ``params``; the
    list's address is looked up once, so linking the hundreds of cells of both tables stays cheap.
    """
    base = reverse("action_list") + "?"
    statuses = "&" + urlencode([("status", s) for s in (statuses or COVERAGE_STATUSES)])
    return lambda **params: base + urlencode(list(params.items())) + statuses


# --------------------------------------------------------------------------- progress
def phase_progress(today: date | None = None) -> dict:
    """Undecided submitted actions per working group (and proposing domain) against the alignment deadline.

    The deadline is the current round's (``Round``); each action is measured against the
    alignment deadline of the round in which it was proposed (an action without a round
    against phase 2's), so a proposal of autumn 2026 is not late against May's deadline.
    Queries: the phase, the current round, the counts per proposer, and the names of the
    groups and domains (two).
    """
    today = today or timezone.localdate()
    phase = Phase.objects.filter(number=2).first()
    current_round = Round.current(today)
    decided = [Status.RETAINED, Status.REJECTED, Status.MERGED, Status.ADOPTED, Status.IN_PROGRESS,
               Status.COMPLETED, Status.STOPPED]
    past_deadline = Q(proposed_round__alignment_deadline__lt=today)
    if phase is not None and phase.deadline < today:
        past_deadline |= Q(proposed_round__isnull=True)  # proposed before rounds existed
    counts = list(
        Action.objects.filter(status__in=[Status.SUBMITTED, *decided])
        .values("working_group_id", "proposing_domain_id")
        .annotate(undecided=Count("status", filter=Q(status=Status.SUBMITTED)),
                  late=Count("status", filter=Q(status=Status.SUBMITTED) & past_deadline),
                  decided=Count("status", filter=Q(status__in=decided)))
        .order_by()
    )
    # names in the database's order (its collation), to sort the rows as before: by group, then
    # by proposing domain, actions without a group (or domain) last
    group_names = {pk: (rank, name) for rank, (pk, name) in enumerate(
        WorkingGroup.objects.order_by("name", "pk").values_list("pk", "name"))}
    domain_names = {pk: (rank, name) for rank, (pk, name) in enumerate(
        PolicyDomain.objects.order_by("name", "pk").values_list("pk", "name"))}
    last = (len(group_names) + len(domain_names), None)
    counts.sort(key=lambda r: (group_names.get(r["working_group_id"], last)[0],
                               domain_names.get(r["proposing_domain_id"], last)[0]))
    rows = []
    for row in counts:
        is_group = row["working_group_id"] is not None
        rows.append({
            "name": (group_names.get(row["working_group_id"]) if is_group
                     else domain_names.get(row["proposing_domain_id"], last))[1],
            "is_group": is_group,
            "working_group": row["working_group_id"],
            "proposing_domain": None if is_group else row["proposing_domain_id"],
            "undecided": row["undecided"],
            "late": row["late"],
            "decided": row["decided"],
            "total": row["undecided"] + row["decided"],
        })
    undecided = sum(r["undecided"] for r in rows)
    late = sum(r["late"] for r in rows)
    deadline = current_round.alignment_deadline if current_round else (phase.deadline if phase else None)
    days_left = (deadline - today).days if deadline else None
    return {
        "phase": phase,
        "round": current_round,
        "deadline": deadline,
        "today": today,
        "rows": rows,
        "undecided": undecided,
        "late": late,
        "decided": sum(r["decided"] for r in rows),
        "days_left": days_left,
        "days_late": -days_left if days_left is not None and days_left < 0 else 0,
        "overdue": bool(late),
    }
