"""Ids in URLs and query strings: one definition of a valid id, used by every route and filter.

An id is a whole number from 1 to 2**63 - 1 (PostgreSQL's ``bigint``; SQLite's integers
end there too). Anything else (``abc``, ``0.5``, ``0``, a number beyond 64 bits) never
reaches the database, where it would fail ("Python int too large to convert to SQLite
INTEGER") instead of finding nothing:

- ``<id:pk>`` in every URL pattern (the converter is registered when this module is
  imported; each ``urls`` module imports it): such a path matches no route, so the answer
  is the 404 page, or ``{"detail": "Niet gevonden."}`` under ``/api/`` (``config.errors``);
- ``IdRouter`` gives the DRF viewsets' detail routes the same converter;
- ``IdFilter`` / ``IdModelChoiceFilter`` in the FilterSets, and ``parse_id`` for the few
  views that read an id from the query string by hand, answer a clear 400 (API) or an
  invalid filter (pages).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter, NumberFilter
from django_filters import fields as filter_fields
from rest_framework.routers import DefaultRouter

MAX_ID = 2**63 - 1
INVALID_ID = _("Geef een geldig nummer (id) op: een geheel getal vanaf 1.")


def parse_id(value) -> int | None:
    """``value`` as an id, or None when it is not one (empty, not digits, 0, beyond 64 bits)."""
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdConverter:
    """``<id:name>``: matches only an id; any other text matches no route (a 404)."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(f"not an id: {value!r}")  # Django: this route does not match
        return number

    def to_url(self, value) -> str:
        number = parse_id(value)
        if number is None:
            raise ValueError(f"not an id: {value!r}")  # reverse(): NoReverseMatch
        return str(number)


register_converter(IdConverter, "id")


class IdRouter(DefaultRouter):
    """DRF's router with ``<id:pk>`` in every detail route (no API root view).

    A viewset may still name another converter in ``lookup_value_converter``.
    """

    include_root_view = False

    def __init__(self, **kwargs):
        super().__init__(use_regex_path=False, **kwargs)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        lookup_field = getattr(viewset, "lookup_field", "pk")
        name = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        converter = getattr(viewset, "lookup_value_converter", None) or "id"
        return f"<{converter}:{lookup_prefix}{name}>"


class IdField(forms.IntegerField):
    """A form field for an id: a clear error for text, fractions, 0 and numbers beyond 64 bits."""

    default_error_messages = {"invalid": INVALID_ID, "min_value": INVALID_ID, "max_value": INVALID_ID}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class NoMatch(int):
    """An id that matches nothing (0: ids start at 1); what a filter on an unknown object filters on."""

    pk = 0

    def __new__(cls):
        return super().__new__(cls, 0)


class IdModelChoiceField(filter_fields.ModelChoiceField):
    """django-filter's ``ModelChoiceField`` that checks the id before it asks the database for the object.

    A well-formed id of an object that does not exist (or is not among the choices) filters to an
    empty list, as ``IdFilter`` does: a filter value is a question, not a reference to keep.
    """

    def to_python(self, value):
        is_null_choice = self.null_label is not None and value == self.null_value
        if value not in self.empty_values and not is_null_choice and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        try:
            return super().to_python(value)
        except ValidationError:
            return NoMatch()


class IdFilter(NumberFilter):
    """Filter on an id without looking the object up (an unknown id: an empty list)."""

    field_class = IdField


class IdModelChoiceFilter(ModelChoiceFilter):
    """Filter on an object chosen by its id (an impossible id: "Selecteer een geldige keuze"; an unknown one:
    an empty list)."""

    field_class = IdModelChoiceField
