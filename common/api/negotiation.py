"""Content negotiation that also refuses query parameters the API cannot read unambiguously.

- A parameter given twice (``?page=1&page=2``) answers 400 unless it is a list filter of the view's
  FilterSet (a multiple-choice filter such as ``status`` on actions): DRF and django-filter would
  otherwise quietly use one of the values.
- ``?format=`` (empty) answers 404 like any other format the URL does not offer, instead of JSON.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation


def list_parameters(view) -> set[str]:
    """Names of the view's filters that take several values."""
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is None:
        return set()
    return {name for name, flt in filterset_class.base_filters.items()
            if isinstance(flt, (django_filters.MultipleChoiceFilter, django_filters.ModelMultipleChoiceFilter))}


def check_single_values(params, view) -> None:
    repeated = [name for name in params if len(params.getlist(name)) > 1]
    if not repeated:
        return
    allowed = list_parameters(view)
    errors = {name: [_("Geef deze parameter één keer op.")] for name in repeated if name not in allowed}
    if errors:
        raise exceptions.ValidationError(errors)


class StrictContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        view = (getattr(request, "parser_context", None) or {}).get("view")
        check_single_values(request.query_params, view)
        name = self.settings.URL_FORMAT_OVERRIDE
        if name and name in request.query_params and not request.query_params.get(name) and not format_suffix:
            raise exceptions.NotFound(_("Geef een formaat dat deze URL aanbiedt, of laat format weg."))
        return super().select_renderer(request, renderers, format_suffix)
