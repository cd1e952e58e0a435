"""Strict query parameters for the API's FilterSets.

django-filter quietly ignores a filter it cannot read: ``?date_to=`` or ``?mine=null`` answered the
whole list. The API refuses them instead (400, field → messages), as its schema says:

- an empty value for a filter that is not free text (a date, an id, a choice, a yes/no);
- a yes/no filter that is not ``true`` or ``false``.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

TRUE_FALSE = {"true": True, "false": False, "True": True, "False": False, "1": True, "0": False}


class StrictFilterBackend(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            check_query(request.query_params, filterset.filters)
        return filterset


def check_query(params, filters) -> None:
    errors = {}
    for name, flt in filters.items():
        if name not in params:
            continue
        values = params.getlist(name)
        if isinstance(flt, django_filters.BooleanFilter):
            if any(value not in TRUE_FALSE for value in values):
                errors[name] = [_("Geef true of false.")]
        elif not isinstance(flt, django_filters.CharFilter) and any(value == "" for value in values):
            errors[name] = [_("Geef een waarde, of laat de parameter weg.")]
    if errors:
        raise ValidationError(errors)
