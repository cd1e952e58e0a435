"""The FilterSets of the measures and the evidence: shared by the HTML lists and the API lists."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actieplan.models import Action, Barrier, Organisation, PolicyDomain, TargetGroup
from common.ids import IdModelChoiceFilter
from inventory.models import EvidenceSource, Measure, MeasureStatus, SourceType


def _search(fields):
    def method(queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        query = Q()
        for field in fields:
            query |= Q(**{f"{field}__icontains": value})
        return queryset.filter(query)
    return method


class YearFilter(django_filters.Filter):
    """A calendar year (a whole number in range), not an id."""

    field_class = forms.IntegerField


class MeasureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    barrier = IdModelChoiceFilter(label=_("Drempel"), queryset=Barrier.objects.all(), field_name="barriers")
    target_group = IdModelChoiceFilter(label=_("Doelgroep"), queryset=TargetGroup.objects.all(),
                                       field_name="target_groups")
    responsible_domain = IdModelChoiceFilter(label=_("Beleidsdomein"), queryset=PolicyDomain.objects.all())
    organisation = IdModelChoiceFilter(label=_("Organisatie"), queryset=Organisation.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeasureStatus.choices)
    action = IdModelChoiceFilter(label=_("Actie"), queryset=Action.objects.all(), field_name="action_links__action")

    class Meta:
        model = Measure
        fields = ["q", "barrier", "target_group", "responsible_domain", "organisation", "status", "action"]

    def search(self, queryset, name, value):
        return _search(["name", "description", "basis"])(queryset, name, value)


class EvidenceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    source_type = django_filters.ChoiceFilter(label=_("Soort bron"), choices=SourceType.choices)
    year = YearFilter(label=_("Jaar"), min_value=1900, max_value=2100)
    barrier = IdModelChoiceFilter(label=_("Drempel"), queryset=Barrier.objects.all(), field_name="barriers")
    target_group = IdModelChoiceFilter(label=_("Doelgroep"), queryset=TargetGroup.objects.all(),
                                       field_name="target_groups")
    measure = IdModelChoiceFilter(label=_("Maatregel"), queryset=Measure.objects.all(), field_name="measures")
    action = IdModelChoiceFilter(label=_("Actie"), queryset=Action.objects.all(), field_name="actions")

    class Meta:
        model = EvidenceSource
        fields = ["q", "source_type", "year", "barrier", "target_group", "measure", "action"]

    def search(self, queryset, name, value):
        return _search(["title", "authors", "key_findings"])(queryset, name, value)
