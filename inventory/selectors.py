"""Reads of the inventory: the filtered lists, one measure or source, and the barrier page."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from actieplan.actions.selectors import actions_visible_to
from actieplan.models import Action, Barrier, Status, TargetGroup
from inventory.filters import EvidenceFilter, MeasureFilter
from inventory.models import EvidenceSource, Measure, MeasureActionLink

# The order in which the barrier page lists the actions per status: the plan's life from the end.
STATUS_ORDER = [Status.IN_PROGRESS, Status.ADOPTED, Status.COMPLETED, Status.RETAINED, Status.SUBMITTED,
                Status.DRAFT, Status.STOPPED, Status.REJECTED, Status.MERGED]


def measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("responsible_domain", "organisation").prefetch_related(
        "barriers", "target_groups")


def measure_list(*, params=None) -> tuple[MeasureFilter, QuerySet[Measure]]:
    filterset = MeasureFilter(params if params is not None else {}, queryset=measures())
    qs = filterset.qs if filterset.is_valid() else measures().none()
    return filterset, qs.order_by("name", "pk")


def evidence() -> QuerySet[EvidenceSource]:
    return EvidenceSource.objects.prefetch_related("barriers", "target_groups")


def evidence_list(*, params=None) -> tuple[EvidenceFilter, QuerySet[EvidenceSource]]:
    filterset = EvidenceFilter(params if params is not None else {}, queryset=evidence())
    qs = filterset.qs if filterset.is_valid() else evidence().none()
    return filterset, qs.order_by("-year", "title", "pk")


def action_links_visible_to(user, measure) -> list[MeasureActionLink]:
    """The measure's links to actions the user may see (a draft of another group stays hidden)."""
    return list(measure.action_links.filter(action__in=actions_visible_to(user))
                .select_related("action", "action__lead_domain").order_by("action__code", "pk"))


def actions_of_evidence_visible_to(user, source) -> list[Action]:
    return list(source.actions.filter(pk__in=actions_visible_to(user).values("pk")).order_by("code", "pk"))


def barrier_list() -> QuerySet[Barrier]:
    """Every barrier with the number of measures and sources about it (two subqueries, one query)."""
    return Barrier.objects.annotate(
        measure_count=Count("measures", distinct=True),
        evidence_count=Count("evidence", distinct=True),
    ).order_by("order", "name", "pk")


def barrier_overview(*, barrier: Barrier, user) -> dict:
    """Everything the barrier page shows: measures, evidence, actions per status, target groups, indicators."""
    barrier_measures = list(measures().filter(barriers=barrier).order_by("name", "pk"))
    barrier_evidence = list(evidence().filter(barriers=barrier).order_by("-year", "title", "pk"))
    actions = list(
        actions_visible_to(user)
        .filter(Q(primary_barrier=barrier) | Q(secondary_barriers=barrier)).distinct()
        .select_related("lead_domain").prefetch_related(Prefetch("target_groups", queryset=TargetGroup.objects.all()))
        .order_by("code", "pk")
    )
    by_status = []
    labels = dict(Status.choices)
    for status in STATUS_ORDER:
        rows = [a for a in actions if a.status == status]
        if rows:
            by_status.append({"status": status, "label": labels[status], "actions": rows})
    groups: dict[int, TargetGroup] = {}
    for item in [*barrier_measures, *barrier_evidence, *actions]:
        for group in item.target_groups.all():
            groups.setdefault(group.pk, group)
    target_groups = sorted(groups.values(), key=lambda g: (g.order, g.name))
    return {
        "barrier": barrier,
        "measures": barrier_measures,
        "evidence": barrier_evidence,
        "actions_by_status": by_status,
        "action_count": len(actions),
        "target_groups": target_groups,
        "indicators": list(barrier.indicators.order_by("order", "name", "pk")),
    }
