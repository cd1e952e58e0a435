"""Exports of list pages and API lists as XLSX and CSV: exactly the filtered rows, all pages.

HTML list pages (one line in the view, one include in the template)::

    from common.exports import Column, export_if_requested

    COLUMNS = [Column(_("Code"), "code"), Column(_("Titel"), "title"), Column(_("Trekker"), "lead_domain.name")]

    def decision_list(request):
        filterset, rows = ...                     # the same filtered queryset the page shows
        if response := export_if_requested(request, rows, COLUMNS, "besluiten"):
            return response
        ...

    {% include "actieplan/exchange/export_links.html" %}   # in the list template

``?format=xlsx`` / ``?format=csv`` on the page URL (with the page's filters) returns the
file. An ``ID`` column (the row's primary key) is added in front unless the columns name
one; add the ids of related objects as columns (``Column("Trekker-ID", "lead_domain_id")``).

API lists: put ``ExportMixin`` first in the bases of the viewset (or ``ListAPIView``)::

    class StatusUpdateViewSet(ExportMixin, viewsets.ReadOnlyModelViewSet): ...
    class DecisionListView(ExportMixin, ListAPIView): ...

then ``?format=csv`` and ``?format=xlsx`` return every row of the filtered list (no
pagination) as the JSON list's fields, flattened.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Callable, Iterable

from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import exceptions, mixins, renderers, serializers

from common import spreadsheet

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv"
EXPORT_FORMATS = ("csv", "xlsx")


# --------------------------------------------------------------------------- columns and values
@dataclass(frozen=True)
class Column:
    """One column of an export: a heading and how to get the value from a row.

    ``value`` is a dotted path (``"lead_domain.name"``; a choice field gives its label, a
    many-to-many manager its items joined with "; ", a callable attribute is called) or a
    function of the row.
    """

    header: Any
    value: str | Callable[[Any], Any]

    def get(self, row) -> Any:
        if callable(self.value):
            return self.value(row)
        return resolve_path(row, self.value)


def resolve_path(row, path: str):
    value = row
    parts = path.split(".")
    for index, part in enumerate(parts):
        if value is None:
            return None
        if isinstance(value, dict):
            value = value.get(part)
            continue
        last = index == len(parts) - 1
        display = getattr(value, f"get_{part}_display", None)
        if last and callable(display):
            return display()
        value = getattr(value, part, None)
        if isinstance(value, models.Manager):
            return "; ".join(str(item) for item in value.all())
        if callable(value) and not isinstance(value, type):
            value = value()
    return value


def cell_value(value):
    """A value as it goes into a spreadsheet cell: numbers, dates and text stay typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, (int, float, Decimal, date, time)):
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "; ".join(force_str(cell_value(v)) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return force_str(value)


def with_id_column(columns: list[Column]) -> list[Column]:
    headers = {force_str(c.header).strip().lower() for c in columns}
    if "id" in headers:
        return list(columns)
    return [Column("ID", "pk"), *columns]


def _table(rows: Iterable, columns: list[Column]) -> tuple[list[str], Iterable[list]]:
    headers = [force_str(c.header) for c in columns]
    return headers, ([cell_value(c.get(row)) for c in columns] for row in rows)


# --------------------------------------------------------------------------- file builders
def build_csv(headers: list[str], rows: Iterable[list], dialect: str = spreadsheet.PEOPLE) -> bytes:
    """CSV in UTF-8 with a byte-order mark in the given dialect (people: ``;``, dd/mm/yyyy, decimal
    comma; machine: ``,``, ISO 8601); the shared cell writer neutralises formulas."""
    return spreadsheet.csv_bytes(headers, rows, dialect=dialect)


def build_xlsx(headers: list[str], rows: Iterable[list], *, title: str = "Export") -> bytes:
    """One sheet named after the list, written by the shared cell writer."""
    workbook = spreadsheet.new_workbook()
    sheet = workbook.active
    sheet.title = spreadsheet.sheet_title(title)
    spreadsheet.write_table(sheet, headers, rows)
    return spreadsheet.workbook_bytes(workbook)


def _filename(basename: str, fmt: str) -> str:
    stamp = timezone.localdate().isoformat()
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in force_str(basename)) or "export"
    return f"{safe}-{stamp}.{fmt}"


def file_response(content: bytes, fmt: str, basename: str) -> HttpResponse:
    media_type = XLSX_MEDIA_TYPE if fmt == "xlsx" else f"{CSV_MEDIA_TYPE}; charset=utf-8"
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(basename, fmt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_response(rows: Iterable, columns: list[Column], basename: str, fmt: str) -> HttpResponse:
    """The rows of a list page as an XLSX or CSV download (an ID column is added)."""
    headers, values = _table(rows, with_id_column(columns))
    if fmt == "xlsx":
        return file_response(build_xlsx(headers, values, title=basename), fmt, basename)
    return file_response(build_csv(headers, values), fmt, basename)


def requested_format(request) -> str | None:
    fmt = request.GET.get("format", "")
    return fmt if fmt in EXPORT_FORMATS else None


def export_if_requested(request, rows, columns: list[Column], basename: str) -> HttpResponse | None:
    """For list views: the download when the URL asks ``?format=xlsx|csv``, else ``None``.

    Pass the full filtered queryset (before pagination): the file holds every matching row.
    """
    fmt = requested_format(request)
    if fmt is None:
        return None
    if isinstance(rows, models.QuerySet) and not rows.query.order_by and not rows.ordered:
        rows = rows.order_by("pk")
    if isinstance(rows, models.QuerySet):
        rows = rows.iterator(chunk_size=2000)
    return export_response(rows, columns, basename, fmt)


def export_query(request, fmt: str) -> str:
    """The current query string without ``page``/``format``, plus ``format=fmt``."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    params["format"] = fmt
    return params.urlencode()


# --------------------------------------------------------------------------- API renderers
def flatten_records(data) -> tuple[list[str], list[list]]:
    """Rows and headers from DRF data: a list, a paginated ``{"results": [...]}`` or one object."""
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        data = [{"value": data}]
    headers: list[str] = []
    for record in data:
        if isinstance(record, dict):
            for key in record:
                if key not in headers:
                    headers.append(key)
    if not headers:
        headers = ["value"]
    rows = []
    for record in data:
        if not isinstance(record, dict):
            record = {"value": record}
        rows.append([cell_value(record.get(h)) for h in headers])
    return headers, rows


def _serializer_fields(view) -> dict:
    """The fields of the list's serializer (labels and types of the columns), or nothing."""
    try:
        return dict(view.get_serializer().fields)
    except Exception:  # noqa: BLE001 - a view without a usable serializer: untyped columns
        return {}


def typed(value, field):
    """A JSON value back to the type its serializer field says: dates, date-times and decimals become
    real dates and numbers again, so a spreadsheet gets typed cells."""
    if not isinstance(value, str) or value == "" or field is None:
        return value
    try:
        if isinstance(field, serializers.DateTimeField):
            moment = datetime.fromisoformat(value)
            return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment
        if isinstance(field, serializers.DateField):
            return date.fromisoformat(value)
        if isinstance(field, serializers.DecimalField):
            return Decimal(value)
    except (ValueError, ArithmeticError):
        return value
    return value


def typed_records(data, view, dialect: str) -> tuple[list[str], list[list]]:
    """``flatten_records`` with typed values and, for people, the fields' Dutch labels as headers."""
    names, rows = flatten_records(data)
    fields = _serializer_fields(view) if view is not None else {}
    rows = [[typed(value, fields.get(name)) for name, value in zip(names, row)] for row in rows]
    if dialect == spreadsheet.MACHINE:
        return names, rows
    headers = []
    for name in names:
        label = force_str(getattr(fields.get(name), "label", None) or name.replace("_", " "))
        headers.append(label[:1].upper() + label[1:])
    return headers, rows


def requested_dialect(request) -> str:
    return request.query_params.get("dialect") or spreadsheet.PEOPLE if request is not None else spreadsheet.PEOPLE


class CSVRenderer(renderers.BaseRenderer):
    media_type = CSV_MEDIA_TYPE
    format = "csv"
    charset = "utf-8"
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        context = renderer_context or {}
        dialect = requested_dialect(context.get("request"))
        headers, rows = typed_records(data, context.get("view"), dialect)
        return build_csv(headers, rows, dialect)


class XLSXRenderer(renderers.BaseRenderer):
    media_type = XLSX_MEDIA_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        view = (renderer_context or {}).get("view")
        headers, rows = typed_records(data, view, spreadsheet.PEOPLE)
        return build_xlsx(headers, rows, title=_export_basename(view))


def _export_basename(view) -> str:
    return getattr(view, "export_basename", None) or getattr(view, "basename", None) or "export"


class ExportAutoSchema(AutoSchema):
    """Documents the CSV/XLSX downloads of a list as files; errors stay JSON."""

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        content = response.get("content")
        if not content:
            return response
        for media_type in (CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE):
            if media_type in content:
                if str(status_code).startswith("2"):
                    content[media_type] = {"schema": {"type": "string", "format": "binary"}}
                else:
                    del content[media_type]
        return response

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        # A paginated list answers 404 for a page that does not exist (DRF's paginator).
        if self.method == "GET" and self._is_list_view() and self._get_paginator() and "404" not in responses:
            responses["404"] = self._get_response_for_code(
                {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
                "404", direction=direction,
            )
            responses["404"]["description"] = str(_("Deze pagina bestaat niet (bv. `page` voorbij de laatste)."))
        return responses

    def _get_format_parameters(self):
        parameters = super()._get_format_parameters()
        for parameter in parameters:
            parameter["description"] = str(
                _("csv of xlsx: alle gefilterde rijen als bestand (zonder paginering); standaard JSON.")
            )
        if parameters and self.method == "GET" and self._is_list_view():
            parameters.append({
                "in": "query", "name": "dialect", "required": False,
                "schema": {"type": "string", "enum": list(spreadsheet.DIALECTS)},
                "description": str(_(
                    "Bij format=csv: people (standaard: `;`, Nederlandse kolomnamen, datums dd/mm/jjjj, "
                    "decimale komma, voor een rekenblad) of machine (`,`, veldnamen, ISO 8601).")),
            })
        return parameters


class ExportMixin:
    """For list viewsets: ``?format=csv`` / ``?format=xlsx`` export every filtered row.

    The same queryset, FilterSet, ordering and permissions as the JSON list; pagination is
    switched off for the download; errors are always JSON.
    """

    schema = ExportAutoSchema()
    export_actions = ("list",)

    def _exports_here(self) -> bool:
        action = getattr(self, "action", None)
        if action is None:  # a generic ListAPIView / ListCreateAPIView has no ``action``
            return isinstance(self, mixins.ListModelMixin) and getattr(self, "request", None) is not None \
                and self.request.method in ("GET", "HEAD")
        return action in self.export_actions

    def get_renderers(self):
        classes = list(self.renderer_classes)
        method = getattr(getattr(self, "request", None), "method", "GET")
        unhandled = not hasattr(self, method.lower())  # answered 405 (as JSON), whatever ?format= says
        if self._exports_here() or unhandled:
            classes += [r for r in (CSVRenderer, XLSXRenderer) if r not in classes]
        return [renderer() for renderer in classes]

    def _is_export(self) -> bool:
        renderer = getattr(self.request, "accepted_renderer", None)
        return getattr(renderer, "format", None) in EXPORT_FORMATS

    def paginate_queryset(self, queryset):
        if self._is_export():
            check = getattr(self.paginator, "_checked", None)
            if check is not None:  # the download has every row, but a nonsense page parameter is still refused
                for name in ("page", "page_size"):
                    check(self.request, name)
            return None
        return super().paginate_queryset(queryset)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self._is_export() and 200 <= response.status_code < 300:
            fmt = request.accepted_renderer.format
            response["Content-Disposition"] = f'attachment; filename="{_filename(_export_basename(self), fmt)}"'
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        dialect = request.query_params.get("dialect")
        if dialect is not None and dialect not in spreadsheet.DIALECTS:
            raise exceptions.ValidationError({"dialect": [_("Kies people of machine.")]})

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if self._is_export():
            # Errors are JSON whatever format was asked for.
            self.request.accepted_renderer = renderers.JSONRenderer()
            self.request.accepted_media_type = "application/json"
        return response
