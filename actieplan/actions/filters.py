"""FilterSets shared by the HTML lists and the API lists."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from actieplan.models import Action, Barrier, PolicyDomain, Status, TargetGroup
from common.ids import IdModelChoiceFilter
from werkgroepen.models import WorkingGroup


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering with the primary key as tie-breaker, so pages never overlap."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "pk")
        return qs


class ActionFilter(django_filters.FilterSet):
    barrier = IdModelChoiceFilter(
        label=_("Drempel"), queryset=Barrier.objects.all(), field_name="primary_barrier", method="filter_barrier"
    )
    target_group = IdModelChoiceFilter(
        label=_("Doelgroep"), queryset=TargetGroup.objects.all(), field_name="target_groups",
        method="filter_target_group",
    )
    working_group = IdModelChoiceFilter(label=_("Werkgroep"), queryset=WorkingGroup.objects.all())
    # distinct=False: status is a column of the action itself, so no duplicates to remove; django-filter's
    # default SELECT DISTINCT over every column (descriptions included) doubled the list's cost.
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Status.choices, distinct=False)
    lead_domain = IdModelChoiceFilter(label=_("Trekker"), queryset=PolicyDomain.objects.all())
    search = django_filters.CharFilter(label=_("Zoeken"), method="filter_search", max_length=200)
    ordering = StableOrderingFilter(
        label=_("Sorteren"),
        fields=(
            ("code", "code"),
            ("title", "title"),
            ("status", "status"),
            ("working_group__name", "working_group"),
            ("lead_domain__name", "lead_domain"),
            ("planned_start", "planned_start"),
            ("updated_at", "updated_at"),
        ),
        field_labels={
            "code": _("Code"),
            "title": _("Titel"),
            "status": _("Status"),
            "working_group__name": _("Werkgroep"),
            "lead_domain__name": _("Trekker"),
            "planned_start": _("Geplande start"),
            "updated_at": _("Laatst gewijzigd"),
        },
    )

    class Meta:
        model = Action
        fields = ["barrier", "target_group", "working_group", "status", "lead_domain", "search"]

    def filter_barrier(self, queryset, name, value):
        secondary = Action.secondary_barriers.through.objects.filter(action_id=OuterRef("pk"), barrier=value)
        return queryset.filter(Q(primary_barrier=value) | Q(Exists(secondary)))

    def filter_target_group(self, queryset, name, value):
        through = Action.target_groups.through.objects.filter(action_id=OuterRef("pk"), targetgroup=value)
        return queryset.filter(Exists(through))

    def filter_search(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(code__icontains=word) | Q(title__icontains=word) | Q(description__icontains=word)
            )
        return queryset
