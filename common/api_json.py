"""The API's JSON: text fields take text only.

DRF's ``CharField`` turns ``0``, ``1.5`` or ``true`` into the text "0", "1.5", "True": a client
that sends ``{"conclusion": 0}`` gets a plan whose conclusion is "0" instead of a 400. The API
is JSON-only (``DEFAULT_PARSER_CLASSES``), so a text field receives a JSON string or it is an
error: ``strict_text_fields()`` (called once from ``ActieplanConfig.ready``) makes every
``CharField`` (and its subclasses: e-mail, URL, slug, regex) refuse other JSON types with
"Geen geldige tekst." Form data and multipart (the import upload) only carry text, so nothing
changes there.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import fields

_INVALID_TEXT = _("Geen geldige tekst.")


def strict_text_fields() -> None:
    if getattr(fields.CharField, "_strict_text", False):
        return
    lenient = fields.CharField.to_internal_value

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise fields.ValidationError(_INVALID_TEXT, code="invalid")
        return lenient(self, data)

    fields.CharField.to_internal_value = to_internal_value
    fields.CharField._strict_text = True
