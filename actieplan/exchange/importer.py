"""Import of proposed actions from an Excel workbook (XLSX).

The flow: ``template_workbook`` gives the template (Dutch headers, an instructions sheet,
drop-down lists from the reference data on a hidden sheet, optionally filled with a
group's current actions); ``inspect_upload`` refuses what is not a plain XLSX (too big, not
XLSX, damaged, password-protected or encrypted, macros, formulas, DTDs, more rows than
``MAX_ROWS``, counted while streaming the sheet) before anything is stored;
``import_start`` stores the file in an ``ImportJob`` and validates it (inline for small
files, in a Celery task for large ones); ``validate_job`` checks row by row into a preview
(create / update / unchanged, matched by code within the group or domain) and errors
``[{"row": n, "column": "…", "message": "…"}]``; ``import_confirm`` writes every row in
one transaction through ``action_create`` / ``action_update`` or nothing at all.

The file is only ever read as data: openpyxl in read-only mode, no formula is evaluated,
no macro or external link is followed. Every read of an upload runs inside ``_reading()``,
which turns a damaged file into ``RefusedFile`` (a clear 400, never a 500).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Callable, Iterable, Iterator
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException
from defusedxml import sax as defused_sax
from defusedxml.ElementTree import fromstring
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.comments import Comment as CellComment
from openpyxl.packaging.manifest import Manifest
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from actieplan.models import (
    Action,
    Barrier,
    BudgetImpact,
    ImportJob,
    ImportStatus,
    InstrumentType,
    Level,
    LinkedPlan,
    Organisation,
    PolicyDomain,
    TargetGroup,
)
from actieplan.permissions import perms_for
from actieplan.actions.services import CODE_RE, EditConflict, action_create, action_update
from common import spreadsheet

# Limits of an upload (documented in the README and on the template's instructions sheet).
# The web request only inspects: the archive's directory, the content types, the data rows
# counted while streaming the sheet (stopping at the limit), and a scan of the XML parts.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024  # all parts together, from the archive's directory
MAX_COMPRESSION_RATIO = 200  # uncompressed / compressed, for archives (or parts) above 10 MB
MAX_PARTS = 1_000
MAX_ROWS = 10_000  # data rows (below the header) that hold a value
MAX_SHEET_ROWS = 5 * MAX_ROWS  # rows of the data sheet including empty or only formatted ones
MAX_SHEET_ELEMENTS = 80 * MAX_ROWS  # XML elements of the data sheet (rows, cells, values, ...)
LARGE_IMPORT_ROWS = 500  # more data rows than this: validate and write in a Celery task
LARGE_IMPORT_BYTES = 5 * 1024 * 1024  # more unpacked than this: also validated in a Celery task
PROGRESS_EVERY = 100
TEMPLATE_EMPTY_ROWS = 500

SHEET_ACTIONS = "Acties"
SHEET_INSTRUCTIONS = "Instructies"
SHEET_LISTS = "Lijsten"

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
XLSX_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
FORMULA_RE = re.compile(rb"<(?:\w+:)?f[\s>/]")
CELL_REF_RE = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"')
SEPARATOR_RE = re.compile(r"\s*[;\n]\s*")
RUNNING = (ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.IMPORTING)


class RefusedFile(Exception):
    """The upload is not a plain XLSX workbook we are willing to read; ``str()`` says why (Dutch)."""


# What a damaged archive or XML part raises while it is read: zipfile (a bad CRC, a size in
# a header that lies, an unsupported compression), zlib, openpyxl (a missing part is a
# KeyError, an unknown package an InvalidFileException or IOError) and the XML parsers
# (``ParseError`` and lxml's ``XMLSyntaxError`` are ``SyntaxError``s, the SAX parser raises
# ``SAXException``s). openpyxl also fails with ValueError/TypeError/AttributeError/IndexError
# on malformed content. Only code that reads the file runs inside ``_reading()``; the row
# checks run outside it.
READ_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError,
    KeyError, IndexError, ValueError, TypeError, AttributeError, SyntaxError, SAXException, InvalidFileException,
)


def _damaged_message() -> str:
    return _("Het bestand is beschadigd en kan niet gelezen worden. Open het in Excel en sla het opnieuw op "
             "als Excel-werkmap (.xlsx).")


def _doctype_message() -> str:
    return _("Het bestand is ongeldig: het bevat een documenttypedeclaratie.")


@contextmanager
def _reading():
    """The one place where reading an uploaded workbook may fail: every error becomes ``RefusedFile``.

    The upload page shows its message as the file's form error, the API answers 400 with it
    as ``detail``, and a background validation marks the job failed with it.
    """
    try:
        yield
    except RefusedFile:
        raise
    except DefusedXmlException as error:
        raise RefusedFile(_doctype_message()) from error
    except READ_ERRORS as error:
        raise RefusedFile(_damaged_message()) from error


_END = object()


def _read_guarded(iterator: Iterator) -> Iterator:
    """``iterator``'s items, each read inside ``_reading()`` (the consumer's own errors pass unchanged)."""
    while True:
        with _reading():
            item = next(iterator, _END)
        if item is _END:
            return
        yield item


# --------------------------------------------------------------------------- who may import
def can_import(perms) -> bool:
    """Chairs (into their own groups) and coordinators (anywhere) import proposals.

    Built from the permission vocabulary; a candidate for ``Perms`` (see the report).
    """
    return not perms.is_read_only and (perms.is_coordinator or perms.is_chair)


def can_import_into(perms, *, working_group=None, proposing_domain=None) -> bool:
    if perms.is_read_only:
        return False
    if working_group is not None:
        if perms.is_coordinator:
            return True
        return working_group.pk in perms.chair_group_ids and working_group.is_active
    if proposing_domain is not None:
        return perms.is_coordinator
    return False


def can_view_job(perms, job: ImportJob, user) -> bool:
    return job.created_by_id == getattr(user, "pk", None) or perms.is_coordinator


def jobs_visible_to(user):
    perms = perms_for(user)
    qs = ImportJob.objects.select_related("created_by", "working_group", "proposing_domain")
    return qs if perms.is_coordinator else qs.filter(created_by=user)


# --------------------------------------------------------------------------- the columns
@dataclass(frozen=True)
class ImportColumn:
    key: str
    header: str
    kind: str  # code | text | ref | refs | choice | date | decimal
    required: bool = False
    max_length: int | None = None
    help: str = ""
    list_name: str | None = None  # drop-down from the hidden sheet

    @property
    def label(self) -> str:
        return str(self.header)


COLUMNS: list[ImportColumn] = [
    ImportColumn("code", gettext_lazy("Code"), "code", max_length=20,
                 help=gettext_lazy("Leeg voor een nieuwe actie (de volgende code van de werkgroep wordt toegekend). "
                                   "Een bestaande code van de werkgroep wijzigt die actie, bv. MOB-03.")),
    ImportColumn("title", gettext_lazy("Titel"), "text", required=True, max_length=200,
                 help=gettext_lazy("Verplicht. Kort en concreet, maximaal 200 tekens.")),
    ImportColumn("description", gettext_lazy("Beschrijving"), "text", required=True, max_length=10000,
                 help=gettext_lazy("Verplicht. Wat houdt de actie in?")),
    ImportColumn("intended_result", gettext_lazy("Beoogd resultaat"), "text", max_length=5000,
                 help=gettext_lazy("Wat moet de actie opleveren?")),
    ImportColumn("primary_barrier", gettext_lazy("Drempel"), "ref", required=True, list_name="barriers",
                 help=gettext_lazy("Verplicht. De drempel die de actie vooral wegwerkt; kies uit de lijst.")),
    ImportColumn("secondary_barriers", gettext_lazy("Andere drempels"), "refs", list_name="barriers",
                 help=gettext_lazy("Optioneel. Meerdere drempels scheidt u met een puntkomma (;).")),
    ImportColumn("target_groups", gettext_lazy("Doelgroepen"), "refs", list_name="target_groups",
                 help=gettext_lazy("Optioneel. Meerdere doelgroepen scheidt u met een puntkomma (;).")),
    ImportColumn("lead_domain", gettext_lazy("Trekker (beleidsdomein)"), "ref", list_name="domains",
                 help=gettext_lazy("Optioneel. Het beleidsdomein dat de actie trekt (naam of afkorting).")),
    ImportColumn("partner_domains", gettext_lazy("Partnerdomeinen"), "refs", list_name="domains",
                 help=gettext_lazy("Optioneel. Meerdere beleidsdomeinen scheidt u met een puntkomma (;).")),
    ImportColumn("partner_organisations", gettext_lazy("Partnerorganisaties"), "refs", list_name="organisations",
                 help=gettext_lazy("Optioneel. Uitvoerende organisaties (naam of afkorting), gescheiden door ;.")),
    ImportColumn("level", gettext_lazy("Niveau"), "choice", list_name="levels",
                 help=gettext_lazy("Vlaams, lokaal of federaal signaal. Leeg: Vlaams (bij wijzigen: ongewijzigd).")),
    ImportColumn("instrument_type", gettext_lazy("Type instrument"), "choice", list_name="instrument_types",
                 help=gettext_lazy("Kies uit de lijst. Leeg: dienstverlening (bij wijzigen: ongewijzigd).")),
    ImportColumn("budget_impact", gettext_lazy("Budgettaire impact"), "choice", list_name="budget_impacts",
                 help=gettext_lazy("Kies uit de lijst. Leeg: budgetneutraal (bij wijzigen: ongewijzigd).")),
    ImportColumn("budget_estimate", gettext_lazy("Raming (euro)"), "decimal",
                 help=gettext_lazy("Optioneel. Een bedrag in euro, bv. 250000 of 250000,50.")),
    ImportColumn("linked_plans", gettext_lazy("Gekoppelde plannen"), "refs", list_name="linked_plans",
                 help=gettext_lazy("Optioneel. Plannen van de Vlaamse Regering, gescheiden door ;.")),
    ImportColumn("planned_start", gettext_lazy("Geplande start"), "date",
                 help=gettext_lazy("Optioneel. Een datum, bv. 2027-01-01 of 01/01/2027.")),
    ImportColumn("planned_end", gettext_lazy("Geplande einde"), "date",
                 help=gettext_lazy("Optioneel. Een datum, niet vóór de geplande start.")),
]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
CHOICES = {"level": Level, "instrument_type": InstrumentType, "budget_impact": BudgetImpact}
REF_MODELS = {
    "primary_barrier": Barrier, "secondary_barriers": Barrier, "target_groups": TargetGroup,
    "lead_domain": PolicyDomain, "partner_domains": PolicyDomain,
    "partner_organisations": Organisation, "linked_plans": LinkedPlan,
}
M2M_KEYS = [c.key for c in COLUMNS if c.kind == "refs"]


def _norm(text) -> str:
    return " ".join(str(text).replace("*", " ").split()).casefold()


# --------------------------------------------------------------------------- reference data
@dataclass
class Reference:
    """Names (and slugs/abbreviations) of the reference data, read once per import."""

    names: dict[str, dict[str, int]] = field(default_factory=dict)  # list name -> normalised name -> id
    labels: dict[str, dict[int, str]] = field(default_factory=dict)  # list name -> id -> display name
    order: dict[str, list[str]] = field(default_factory=dict)  # list name -> names in template order

    @classmethod
    def load(cls) -> "Reference":
        ref = cls()
        ref._add("barriers", Barrier.objects.order_by("order", "name").values_list("pk", "name", "slug"))
        ref._add("target_groups", TargetGroup.objects.order_by("order", "name").values_list("pk", "name", "slug"))
        ref._add("domains", PolicyDomain.objects.order_by("order", "name").values_list("pk", "name", "abbreviation"))
        ref._add(
            "organisations", Organisation.objects.order_by("name").values_list("pk", "name", "abbreviation")
        )
        ref._add("linked_plans", LinkedPlan.objects.order_by("name").values_list("pk", "name", "reference"))
        return ref

    def _add(self, list_name, rows):
        names, labels, order = {}, {}, []
        for pk, name, alias in rows:
            labels[pk] = name
            order.append(name)
            names.setdefault(_norm(name), pk)
            if alias:
                names.setdefault(_norm(alias), pk)
        self.names[list_name], self.labels[list_name], self.order[list_name] = names, labels, order

    def lookup(self, list_name, text) -> int | None:
        return self.names[list_name].get(_norm(text))

    def label(self, list_name, pk) -> str:
        return self.labels[list_name].get(pk, "")



# --------------------------------------------------------------------------- template
def template_workbook(*, actions: Iterable[Action] = ()) -> bytes:
    """The XLSX template; with ``actions`` it is filled with them (to edit and import again)."""
    ref = Reference.load()
    workbook = spreadsheet.new_workbook()
    sheet = workbook.active
    sheet.title = SHEET_ACTIONS
    required_fill = PatternFill("solid", fgColor="FFE615")
    optional_fill = PatternFill("solid", fgColor="EEEEEE")
    for index, column in enumerate(COLUMNS, start=1):
        cell = spreadsheet.write_cell(sheet.cell(row=1, column=index), column.label)
        cell.font = Font(bold=True)
        cell.fill = required_fill if column.required else optional_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = CellComment(str(column.help), "Actieplan")
        width = 50 if column.key in ("description", "intended_result") else 28 if column.kind in ("refs", "text") else 18
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"

    count = 0
    for count, action in enumerate(actions, start=1):
        for index, value in enumerate(_action_row(action, ref), start=1):
            # Never a formula; text that would start one gets a quote, which reading strips again.
            spreadsheet.write_cell(sheet.cell(row=count + 1, column=index), value)
    last_row = count + 1 + TEMPLATE_EMPTY_ROWS

    _lists_sheet(workbook, sheet, ref, last_row)
    _instructions_sheet(workbook)
    workbook.active = 0
    return spreadsheet.workbook_bytes(workbook)


def _action_row(action: Action, ref: Reference) -> list:
    def names(list_name, objects):
        return "; ".join(ref.label(list_name, o.pk) or str(o) for o in objects)

    return [
        action.code,
        action.title,
        action.description,
        action.intended_result,
        ref.label("barriers", action.primary_barrier_id),
        names("barriers", action.secondary_barriers.all()),
        names("target_groups", action.target_groups.all()),
        ref.label("domains", action.lead_domain_id) if action.lead_domain_id else "",
        names("domains", action.partner_domains.all()),
        names("organisations", action.partner_organisations.all()),
        action.get_level_display(),
        action.get_instrument_type_display(),
        action.get_budget_impact_display(),
        action.budget_estimate if action.budget_estimate is not None else "",
        names("linked_plans", action.linked_plans.all()),
        action.planned_start or "",
        action.planned_end or "",
    ]


def _lists_sheet(workbook, sheet, ref: Reference, last_row: int) -> None:
    lists = workbook.create_sheet(SHEET_LISTS)
    lists.sheet_state = "hidden"
    columns = {
        "barriers": (_("Drempels"), ref.order["barriers"]),
        "target_groups": (_("Doelgroepen"), ref.order["target_groups"]),
        "domains": (_("Beleidsdomeinen"), ref.order["domains"]),
        "organisations": (_("Organisaties"), ref.order["organisations"]),
        "linked_plans": (_("Plannen"), ref.order["linked_plans"]),
        "levels": (_("Niveaus"), [str(label) for label in Level.labels]),
        "instrument_types": (_("Types instrument"), [str(label) for label in InstrumentType.labels]),
        "budget_impacts": (_("Budgettaire impact"), [str(label) for label in BudgetImpact.labels]),
    }
    ranges = {}
    for index, (list_name, (title, values)) in enumerate(columns.items(), start=1):
        letter = get_column_letter(index)
        spreadsheet.write_cell(lists.cell(row=1, column=index), title).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            spreadsheet.write_cell(lists.cell(row=row, column=index), value)
        ranges[list_name] = f"{SHEET_LISTS}!${letter}$2:${letter}${max(len(values), 1) + 1}"
    for index, column in enumerate(COLUMNS, start=1):
        if not column.list_name:
            continue
        single = column.kind in ("ref", "choice")
        validation = DataValidation(
            type="list",
            formula1=ranges[column.list_name],
            allow_blank=True,
            # Several values separated by ";" are typed in: the list only suggests.
            showErrorMessage=single,
            errorTitle=_("Ongeldige waarde"),
            error=_("Kies een waarde uit de lijst."),
            promptTitle=column.label,
            prompt=str(column.help)[:255],
            showInputMessage=True,
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(validation)


def _instructions_sheet(workbook) -> None:
    sheet = workbook.create_sheet(SHEET_INSTRUCTIONS)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    lines = [
        (_("Acties inlezen"), ""),
        ("", _("Vul per actie één rij in op het tabblad ‘Acties’. Laat de eerste rij (de kolomtitels) staan.")),
        ("", _("Gele kolommen zijn verplicht. Bij de andere kolommen mag de cel leeg blijven.")),
        ("", _("Kies drempels, doelgroepen, beleidsdomeinen, niveau, type instrument en budgettaire impact "
               "uit de keuzelijst van de cel. Meerdere waarden scheidt u met een puntkomma (;).")),
        ("", _("Een rij met een code die al bestaat in de werkgroep wijzigt die actie; een rij zonder code of "
               "met een nieuwe code maakt een nieuwe actie (status concept).")),
        ("", _("Na het opladen ziet u eerst een voorbeeld: welke acties nieuw zijn, welke wijzigen, en elke fout "
               "met rij en kolom. Er wordt pas iets opgeslagen als u bevestigt, en dan alle rijen of geen enkele.")),
        ("", _("Gebruik geen formules en geen macro's, en beveilig het bestand niet met een wachtwoord: "
               "zulke bestanden worden geweigerd. Sla het bestand op als Excel-werkmap (.xlsx), maximaal 10 MB en "
               "10.000 acties per bestand.")),
        ("", ""),
        (_("Kolom"), _("Uitleg")),
    ] + [(c.label, str(c.help)) for c in COLUMNS]
    for row, (a, b) in enumerate(lines, start=1):
        spreadsheet.write_cell(sheet.cell(row=row, column=1), a)
        cell = spreadsheet.write_cell(sheet.cell(row=row, column=2), b)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A9"].font = Font(bold=True)
    sheet["B9"].font = Font(bold=True)


# --------------------------------------------------------------------------- refusing files
def _size_label(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


@dataclass(frozen=True)
class UploadFacts:
    """What the inspection of an upload learnt: its data rows and its size unpacked."""

    rows: int
    uncompressed_bytes: int


def inspect_upload(upload) -> UploadFacts:
    """Refuse anything but a plain XLSX workbook; raises ``RefusedFile`` with a Dutch message.

    Checks the content, never the file name: size, signature (ZIP vs the OLE container of
    password-protected/encrypted files and old .xls), the archive's directory (bombs),
    content types, macros, the number of rows (streamed, stopping at the limit), formulas,
    document type declarations, and damage (a bad checksum, a size that lies). Cheap enough
    for the web request: nothing is parsed beyond the limits.
    """
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_FILE_BYTES:
        raise RefusedFile(
            _("Het bestand is te groot (%(size)s); de limiet is 10 MB. Verdeel de acties over kleinere bestanden.")
            % {"size": _size_label(size)}
        )
    if size == 0:
        raise RefusedFile(_("Het bestand is leeg. Kies een ingevuld Excel-bestand (.xlsx)."))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(OLE_SIGNATURE):
        raise RefusedFile(
            _("Het bestand is beveiligd met een wachtwoord of versleuteld, of het is een oud Excel-bestand (.xls). "
              "Verwijder het wachtwoord en sla het op als Excel-werkmap (.xlsx).")
        )
    not_xlsx = _("Dit is geen Excel-werkmap (.xlsx). Gebruik het sjabloon en sla het op als Excel-werkmap (.xlsx).")
    if not head.startswith(ZIP_SIGNATURE):
        raise RefusedFile(not_xlsx)
    try:
        archive = zipfile.ZipFile(upload)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise RefusedFile(not_xlsx)
    try:
        with _reading():
            return _inspect_archive(archive, infos, not_xlsx)
    finally:
        archive.close()
        upload.seek(0)


def _inspect_archive(archive: zipfile.ZipFile, infos, not_xlsx: str) -> UploadFacts:
    if any(info.flag_bits & 0x1 for info in infos):
        raise RefusedFile(_("Het bestand is versleuteld of beveiligd met een wachtwoord. Verwijder het wachtwoord."))
    _check_bomb(infos)
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names:
        raise RefusedFile(not_xlsx)
    content_types = archive.read("[Content_Types].xml")
    lowered = {name.lower() for name in names}
    if (
        any(name.endswith("vbaproject.bin") or name.startswith(("xl/macrosheets/", "xl/activex/")) for name in lowered)
        or b"macroEnabled" in content_types
        or b"vbaProject" in content_types
    ):
        raise RefusedFile(
            _("Het bestand bevat macro's. Macro's zijn niet toegelaten: sla het bestand op als Excel-werkmap "
              "(.xlsx) zonder macro's.")
        )
    if XLSX_MAIN_TYPE not in content_types:
        raise RefusedFile(not_xlsx)
    rows = count_rows(archive)
    for info in infos:
        lower = info.filename.lower()
        if not lower.endswith((".xml", ".rels", ".vml")):
            with archive.open(info) as stream:
                _read_through(stream)  # other parts too: a bad checksum refuses the file now
            continue
        formula_cell = _scan_part(archive, info, check_formulas=lower.startswith("xl/worksheets/"))
        if formula_cell:
            raise RefusedFile(
                _("Het bestand bevat formules (bv. in cel %(cell)s). Formules zijn niet toegelaten: "
                  "vervang ze door de waarden zelf (kopiëren en ‘plakken als waarden’).")
                % {"cell": formula_cell}
            )
    return UploadFacts(rows=rows, uncompressed_bytes=sum(info.file_size for info in infos))


def _check_bomb(infos) -> None:
    """Refuse archive bombs from the sizes in the archive's directory, before anything is unpacked.

    ``zipfile`` never unpacks more than the size the directory states (a part that unpacks to
    more fails its checksum), so these numbers bound the work of every later step.
    """
    too_big = _("Het bestand is ongeldig: uitgepakt is het veel te groot.")
    big = 10 * 1024 * 1024
    if len(infos) > MAX_PARTS:
        raise RefusedFile(too_big)
    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if total > MAX_UNCOMPRESSED_BYTES or total / compressed > MAX_COMPRESSION_RATIO and total > big:
        raise RefusedFile(too_big)
    for info in infos:
        if info.file_size > big and info.file_size / max(info.compress_size, 1) > MAX_COMPRESSION_RATIO:
            raise RefusedFile(too_big)


def _scan_part(archive, info, *, check_formulas: bool) -> str | None:
    """Stream one XML part: refuse DTDs/entities; return the first cell holding a formula."""
    tail = b""
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(1024 * 1024)
            if not chunk:
                return None
            data = tail + chunk
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                raise RefusedFile(_doctype_message())
            if check_formulas:
                match = FORMULA_RE.search(data)
                if match:
                    cells = CELL_REF_RE.findall(data, 0, match.start())
                    return cells[-1].decode() if cells else "?"
            tail = data[-512:]


def _read_through(stream) -> None:
    while stream.read(1024 * 1024):
        pass


# --------------------------------------------------------------------------- counting rows
def _data_sheet_part(archive: zipfile.ZipFile) -> str:
    """The archive path of the sheet the import reads: "Acties", else the first worksheet.

    Resolved as openpyxl resolves it (content types, workbook, its relationships): only those
    small parts are read, never a sheet or the shared strings.
    """
    package = Manifest.from_tree(fromstring(archive.read("[Content_Types].xml")))
    workbook_part = package.find(XLSX_MAIN_TYPE.decode())
    if workbook_part is None:
        raise RefusedFile(_damaged_message())
    parser = WorkbookParser(archive, workbook_part.PartName.lstrip("/"), keep_links=False)
    parser.parse()
    present = set(archive.namelist())
    worksheets = [(sheet.name, rel.target) for sheet, rel in parser.find_sheets()
                  if rel.target in present and "chartsheet" not in rel.Type]
    if not worksheets:
        raise RefusedFile(_damaged_message())
    return next((target for name, target in worksheets if name == SHEET_ACTIONS), worksheets[0][1])


class _RowCounter(ContentHandler):
    """SAX handler that counts the rows of a sheet and raises ``RefusedFile`` past a limit."""

    def __init__(self):
        super().__init__()
        self.elements = self.rows = self.data_rows = self.number = 0
        self.holds_value = False

    def startElement(self, name, attrs):  # noqa: N802 (SAX's name)
        self.elements += 1
        if self.elements > MAX_SHEET_ELEMENTS:
            raise _too_many_rows(sheet_rows=True)
        local = name.rpartition(":")[2]
        if local == "row":
            self.rows += 1
            if self.rows > MAX_SHEET_ROWS:
                raise _too_many_rows(sheet_rows=True)
            reference = attrs.get("r", "")
            self.number = int(reference) if reference.isdigit() else self.number + 1
            self.holds_value = False
        elif local in ("v", "is"):  # a value, or an inline string
            self.holds_value = True

    def endElement(self, name):  # noqa: N802
        if name.rpartition(":")[2] == "row" and self.holds_value and self.number > 1:
            self.data_rows += 1
            if self.data_rows > MAX_ROWS:
                raise _too_many_rows()


def count_rows(archive: zipfile.ZipFile) -> int:
    """The data rows of the sheet (below the header, holding a value), counted while streaming it.

    The sheet's ``<dimension>`` is ignored: it can claim fewer or more rows than there are.
    A streaming parser (defusedxml's SAX parser: no DTD, no entities) reads the part in
    chunks and stops as soon as a limit is passed (``MAX_ROWS`` data rows, ``MAX_SHEET_ROWS``
    rows, ``MAX_SHEET_ELEMENTS`` elements), so a sheet of a million rows costs no more than
    one just above the limit. Raises ``RefusedFile`` past a limit.
    """
    counter = _RowCounter()
    with archive.open(_data_sheet_part(archive)) as stream:
        defused_sax.parse(stream, counter, forbid_dtd=True)
    return counter.data_rows


def _too_many_rows(*, sheet_rows: bool = False) -> RefusedFile:
    if sheet_rows:
        return RefusedFile(
            _("Het werkblad bevat meer dan %(max)s rijen of te veel cellen (ook lege of opgemaakte rijen tellen "
              "mee). Verwijder de lege rijen onderaan of verdeel de acties over meerdere bestanden.")
            % {"max": _number(MAX_SHEET_ROWS)}
        )
    return RefusedFile(
        _("Het bestand bevat meer dan %(max)s rijen; de limiet is %(max)s acties per bestand. Verdeel de acties "
          "over meerdere bestanden.") % {"max": _number(MAX_ROWS)}
    )


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# --------------------------------------------------------------------------- reading rows
@dataclass
class ParsedRow:
    row: int
    values: dict = field(default_factory=dict)  # key -> python value
    errors: list = field(default_factory=list)


@contextmanager
def open_sheet(path_or_file) -> Iterator[Iterator[tuple]]:
    """The data sheet's rows as tuples of cells: the one place the importer opens a workbook.

    Read-only, formulas never evaluated, links not followed; every row the sheet holds,
    whatever its ``<dimension>`` claims. A damaged file raises ``RefusedFile``, when it is
    opened or at the row where the damage shows.
    """
    with _reading():
        workbook = load_workbook(path_or_file, read_only=True, data_only=False, keep_links=False)
    try:
        with _reading():
            worksheets = workbook.worksheets
            sheet = next((ws for ws in worksheets if ws.title == SHEET_ACTIONS), None) or worksheets[0]
            sheet.reset_dimensions()  # read to the last row, not to the row the file claims is last
            rows = sheet.iter_rows()
        yield _read_guarded(rows)
    finally:
        workbook.close()


def _cell_text(cell) -> tuple[object, bool]:
    """(value, is_formula) of a read-only cell."""
    value = getattr(cell, "value", None)
    if isinstance(value, str):
        value = spreadsheet.unneutralise(value)  # the quote the template puts before a would-be formula
    is_formula = getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("="))
    return value, is_formula


class RowValidator:
    """Checks the rows of one import against the reference data and the group's actions."""

    def __init__(self, *, user, working_group=None, proposing_domain=None):
        self.user = user
        self.perms = perms_for(user)
        self.working_group = working_group
        self.proposing_domain = proposing_domain
        self.ref = Reference.load()
        existing = Action.objects.prefetch_related(*M2M_KEYS)
        if working_group is not None:
            existing = existing.filter(working_group=working_group)
        else:
            existing = existing.filter(working_group__isnull=True, proposing_domain=proposing_domain)
        self.existing = {a.code.upper(): a for a in existing}
        self.seen_codes: dict[str, int] = {}

    # ---- header
    def map_header(self, cells) -> tuple[dict[int, str], list[dict]]:
        by_header = {_norm(c.header): c.key for c in COLUMNS}
        mapping, errors = {}, []
        for index, cell in enumerate(cells):
            value, _formula = _cell_text(cell)
            if value is None:
                continue
            key = by_header.get(_norm(value))
            if key and key not in mapping.values():
                mapping[index] = key
        for column in COLUMNS:
            if column.required and column.key not in mapping.values():
                errors.append(_error(1, column.label, _("De kolom ‘%(col)s’ ontbreekt. Gebruik het sjabloon.")
                                     % {"col": column.label}))
        return mapping, errors

    # ---- one row
    def parse(self, row_number: int, cells, mapping: dict[int, str]) -> ParsedRow | None:
        parsed = ParsedRow(row=row_number)
        raw, refused = {}, set()
        for index, key in mapping.items():
            cell = cells[index] if index < len(cells) else None
            value, is_formula = _cell_text(cell)
            column = COLUMN_BY_KEY[key]
            if is_formula:
                parsed.errors.append(_error(row_number, column.label, _(
                    "Formules zijn niet toegelaten. Typ de waarde zelf in.")))
                raw[key] = None
                refused.add(key)
                continue
            if isinstance(value, str):
                value = value.replace("\r\n", "\n").strip()
                if value == "":
                    value = None
            raw[key] = value
        if all(v is None for v in raw.values()) and not parsed.errors:
            return None  # an empty row
        for key, value in raw.items():
            if key in refused:
                continue
            column = COLUMN_BY_KEY[key]
            try:
                parsed.values[key] = self._convert(column, value)
            except ValidationError as error:
                parsed.errors.append(_error(row_number, column.label, " ".join(error.messages)))
        self._check_row(parsed)
        return parsed

    def _convert(self, column: ImportColumn, value):
        if value is None:
            if column.required:
                raise ValidationError(_("Dit veld is verplicht."))
            return [] if column.kind == "refs" else None
        kind = column.kind
        if kind in ("text", "code"):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, (datetime, date)):
                value = value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
            text = str(value)
            if kind == "code":
                text = text.upper()
                if not CODE_RE.match(text):
                    raise ValidationError(_("‘%(code)s’ is geen geldige code: hoofdletters of cijfers, een streepje "
                                            "en een nummer, bv. MOB-03.") % {"code": text})
            if column.max_length and len(text) > column.max_length:
                raise ValidationError(_("Te lang: %(n)s tekens, maximaal %(max)s.")
                                      % {"n": len(text), "max": column.max_length})
            return text
        if kind == "ref":
            pk = self.ref.lookup(column.list_name, value)
            if pk is None:
                raise ValidationError(_("‘%(value)s’ staat niet in de lijst. Kies een waarde uit de keuzelijst.")
                                      % {"value": value})
            return pk
        if kind == "refs":
            ids, unknown = [], []
            for part in SEPARATOR_RE.split(str(value)):
                if not part:
                    continue
                pk = self.ref.lookup(column.list_name, part)
                if pk is None:
                    unknown.append(part)
                elif pk not in ids:
                    ids.append(pk)
            if unknown:
                raise ValidationError(_("Niet gevonden: %(values)s. Kies waarden uit de keuzelijst, gescheiden door ;.")
                                      % {"values": ", ".join(f"‘{u}’" for u in unknown)})
            return ids
        if kind == "choice":
            choices = CHOICES[column.key]
            wanted = _norm(value)
            for choice_value, label in choices.choices:
                if wanted in (_norm(label), _norm(choice_value)):
                    return choice_value
            raise ValidationError(_("‘%(value)s’ is geen geldige keuze. Kies uit: %(choices)s.")
                                  % {"value": value, "choices": ", ".join(str(lbl) for lbl in choices.labels)})
        if kind == "date":
            return _parse_date(value)
        if kind == "decimal":
            return _parse_decimal(value)
        raise AssertionError(kind)

    def _check_row(self, parsed: ParsedRow) -> None:
        values, row = parsed.values, parsed.row
        start, end = values.get("planned_start"), values.get("planned_end")
        if start and end and end < start:
            parsed.errors.append(_error(row, COLUMN_BY_KEY["planned_end"].label,
                                        _("Het geplande einde ligt vóór de geplande start.")))
        code = values.get("code")
        if code:
            if code in self.seen_codes:
                parsed.errors.append(_error(row, COLUMN_BY_KEY["code"].label,
                                            _("De code %(code)s komt meer dan eens voor (ook in rij %(other)s).")
                                            % {"code": code, "other": self.seen_codes[code]}))
            else:
                self.seen_codes[code] = row
        existing = self.existing.get(code) if code else None
        if existing is not None and not self.perms.can_edit_action(existing):
            parsed.errors.append(_error(row, COLUMN_BY_KEY["code"].label, _(
                "De actie %(code)s heeft status ‘%(status)s’ en kan niet meer gewijzigd worden. "
                "Verwijder de rij of geef een nieuwe code.") % {"code": code, "status": existing.get_status_display()}))

    # ---- preview entry
    def preview_entry(self, parsed: ParsedRow) -> dict:
        values = parsed.values
        code = values.get("code") or ""
        entry = {"row": parsed.row, "code": code, "title": values.get("title") or "", "action_id": None,
                 "version": None, "changes": []}
        if parsed.errors:
            entry["operation"] = "error"
            return entry
        existing = self.existing.get(code) if code else None
        data, m2m = {}, {}
        if existing is None:
            entry["operation"] = "create"
            for column in COLUMNS:
                value = values.get(column.key)
                if column.kind == "refs":
                    if value:
                        m2m[column.key] = value
                elif column.kind == "choice":
                    if value is not None:
                        data[column.key] = value
                elif column.key == "code":
                    if value:
                        data["code"] = value
                else:
                    data[_attname(column)] = _jsonable(value if value is not None else _empty(column))
        else:
            entry.update(action_id=existing.pk, version=existing.version)
            for column in COLUMNS:
                if column.key == "code" or column.key not in values:
                    continue
                value = values[column.key]
                if column.kind == "refs":
                    current = sorted(o.pk for o in getattr(existing, column.key).all())
                    if sorted(value) != current:
                        m2m[column.key] = value
                        entry["changes"].append(column.label)
                    continue
                if column.kind == "choice" and value is None:
                    continue
                if value is None:
                    value = _empty(column)
                current = getattr(existing, _attname(column))
                if not _same(current, value):
                    data[_attname(column)] = _jsonable(value)
                    entry["changes"].append(column.label)
            entry["operation"] = "update" if entry["changes"] else "unchanged"
        entry["data"], entry["m2m"] = data, m2m
        return entry


def _attname(column: ImportColumn) -> str:
    return f"{column.key}_id" if column.kind == "ref" else column.key


def _empty(column: ImportColumn):
    return "" if column.kind == "text" else None


def _same(current, new) -> bool:
    if isinstance(current, str) or isinstance(new, str):
        return (current or "").replace("\r\n", "\n").strip() == (new or "").replace("\r\n", "\n").strip()
    if isinstance(current, Decimal) or isinstance(new, Decimal):
        if current is None or new is None:
            return current is new
        return Decimal(current) == Decimal(new)
    return current == new


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _error(row: int, column: str, message: str) -> dict:
    return {"row": row, "column": str(column), "message": str(message)}


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def _parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("‘%(value)s’ is geen geldige datum. Gebruik bv. 2027-01-01 of 01/01/2027.")
                          % {"value": text})


def _parse_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise ValidationError(_("Geef een bedrag in euro."))
    if isinstance(value, (int, float, Decimal)):
        amount = Decimal(str(value))
    else:
        text = str(value).replace("€", "").replace(" ", "").replace("\u00a0", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_("‘%(value)s’ is geen bedrag. Schrijf bv. 250000 of 250000,50.") % {"value": value})
    if not amount.is_finite():
        raise ValidationError(_("Geef een bedrag in euro."))
    if amount < 0:
        raise ValidationError(_("Het bedrag mag niet negatief zijn."))
    amount = amount.quantize(Decimal("0.01"))
    if amount >= Decimal("1e12"):
        raise ValidationError(_("Het bedrag is te groot."))
    return amount


# --------------------------------------------------------------------------- the job
def _job_target(job: ImportJob) -> dict:
    if job.working_group_id:
        return {"working_group": job.working_group}
    return {"proposing_domain": job.proposing_domain}


def import_start(*, user, upload, working_group=None, proposing_domain=None) -> ImportJob:
    """Check and store an uploaded workbook; validate it now (small) or in a task (large).

    Raises ``PermissionDenied`` (no right to import there), ``ValidationError`` (no target)
    or ``RefusedFile`` (the file itself).
    """
    perms = perms_for(user)
    if working_group is None and proposing_domain is None:
        raise ValidationError({"working_group": _("Kies de werkgroep waarin de acties komen.")})
    if working_group is not None and proposing_domain is not None:
        raise ValidationError({"working_group": _("Kies een werkgroep óf een beleidsdomein, niet beide.")})
    if not can_import_into(perms, working_group=working_group, proposing_domain=proposing_domain):
        raise PermissionDenied(_("U mag geen acties inlezen in deze werkgroep of voor dit beleidsdomein."))
    facts = inspect_upload(upload)  # refuses more than MAX_ROWS rows, counted without trusting the file
    upload.seek(0)
    content = upload.read()
    original = PurePath(getattr(upload, "name", "") or "acties.xlsx").name[:255]
    job = ImportJob(
        created_by=user, working_group=working_group, proposing_domain=proposing_domain,
        filename=original, total_rows=facts.rows, status=ImportStatus.PENDING,
    )
    job.file.save("import.xlsx", ContentFile(content), save=False)
    job.save()
    if is_large(job) or facts.uncompressed_bytes > LARGE_IMPORT_BYTES:
        from actieplan.exchange.tasks import validate_import
        from outbox.services import enqueue

        enqueue(validate_import.name, job.pk, key=f"validate_import:{job.pk}")
    else:
        validate_job(job)
    return job


def is_large(job: ImportJob) -> bool:
    return job.total_rows > LARGE_IMPORT_ROWS


def _set_progress(job: ImportJob, done: int, total: int) -> None:
    job.progress = min(99, int(done * 100 / total)) if total else 0
    ImportJob.objects.filter(pk=job.pk).update(progress=job.progress)


def validate_job(job: ImportJob) -> ImportJob:
    """Read the stored file row by row into ``job.preview`` and ``job.errors``; writes nothing else."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.VALIDATING, progress=0)
    try:
        preview, errors, total = _validate_file(job)
    except RefusedFile as refused:
        preview, errors, total = [], [_error(0, "", str(refused))], job.total_rows
        job.status = ImportStatus.FAILED
    else:
        job.status = ImportStatus.PREVIEW
    job.preview, job.errors, job.total_rows, job.progress = preview, errors, total, 100
    job.finished_at = timezone.now() if job.status == ImportStatus.FAILED else None
    job.save(update_fields=["preview", "errors", "total_rows", "progress", "status", "finished_at"])
    return job


def _validate_file(job: ImportJob) -> tuple[list, list, int]:
    validator = RowValidator(user=job.created_by, working_group=job.working_group,
                             proposing_domain=job.proposing_domain)
    with job.file.open("rb") as stored:
        content = stored.read()
    preview, errors = [], []
    with open_sheet(io.BytesIO(content)) as rows:
        header = next(rows, None)
        if header is None:
            return [], [_error(1, "", _("Het bestand is leeg: er staat geen rij met kolomtitels in."))], 0
        mapping, header_errors = validator.map_header(header)
        if header_errors:
            return [], header_errors, 0
        expected = max(job.total_rows, 1)
        for number, cells in enumerate(rows, start=2):
            parsed = validator.parse(number, cells, mapping)
            if parsed is not None:
                errors.extend(parsed.errors)
                preview.append(validator.preview_entry(parsed))
                if len(preview) > MAX_ROWS:  # the upload's count said otherwise: never keep a part
                    raise _too_many_rows()
            if number % PROGRESS_EVERY == 0:
                _set_progress(job, number - 1, expected)
    if not preview and not errors:
        errors.append(_error(2, "", _("Het bestand bevat geen acties: vul vanaf rij 2 één actie per rij in.")))
    _mark_similar(preview, job)
    return preview, errors, len(preview)


SIMILAR_PREVIEW_ROWS = 50  # new rows of a preview checked for existing look-alikes ("Lijkt op")


def _mark_similar(preview: list[dict], job: ImportJob) -> None:
    """"Lijkt op …": the existing actions most like each new row (the first ``SIMILAR_PREVIEW_ROWS``).

    The same search as the warning on the new-action form (``overlap.services.similar_to_text``),
    so a chair sees before confirming that a row duplicates an existing proposal.
    """
    from overlap import services as overlap

    new_rows = [entry for entry in preview if entry.get("operation") == "create"][:SIMILAR_PREVIEW_ROWS]
    found_ids = {}
    for entry in new_rows:
        data = entry.get("data", {})
        found = overlap.similar_to_text(title=data.get("title", ""), description=data.get("description", ""),
                                        user=job.created_by, working_group_id=job.working_group_id, explain=False)
        found_ids[entry["row"]] = [(s.action, s.score) for s in found]
    codes = dict(Action.objects.filter(pk__in={pk for rows in found_ids.values() for pk, _s in rows})
                 .values_list("pk", "code"))
    for entry in new_rows:
        similar = [{"action_id": pk, "code": codes[pk], "score": score}
                   for pk, score in found_ids[entry["row"]] if pk in codes]
        if similar:
            entry["similar"] = similar


# --------------------------------------------------------------------------- confirm
def counts(job: ImportJob) -> dict:
    result = {"create": 0, "update": 0, "unchanged": 0, "error": 0}
    for entry in job.preview or []:
        result[entry.get("operation", "error")] = result.get(entry.get("operation", "error"), 0) + 1
    return result


def can_confirm(job: ImportJob) -> bool:
    c = counts(job)
    return job.status == ImportStatus.PREVIEW and not job.errors and (c["create"] or c["update"])


class ImportNotReady(Exception):
    """The job is not (or no longer) waiting for confirmation."""


def import_confirm(*, job: ImportJob, user) -> ImportJob:
    """Start writing a previewed import: inline for small files, in a task for large ones."""
    if job.created_by_id != user.pk:
        raise PermissionDenied(_("Alleen wie het bestand opgeladen heeft, kan het inlezen bevestigen."))
    if not can_import_into(perms_for(user), **_job_target(job)):
        raise PermissionDenied(_("U mag geen acties inlezen in deze werkgroep of voor dit beleidsdomein."))
    if not can_confirm(job):
        raise ImportNotReady(_not_ready_message(job))
    # Only one confirmation wins, even with a double click or two tabs.
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.IMPORTING, progress=0
    )
    if not claimed:
        raise ImportNotReady(_("Dit bestand wordt al ingelezen of is al ingelezen."))
    job.status = ImportStatus.IMPORTING
    if is_large(job):
        from actieplan.exchange.tasks import confirm_import
        from outbox.services import enqueue

        enqueue(confirm_import.name, job.pk, key=f"confirm_import:{job.pk}")
        return job
    return write_job(job)


def _not_ready_message(job: ImportJob) -> str:
    if job.status == ImportStatus.PREVIEW and job.errors:
        return _("Het bestand bevat fouten. Verbeter ze in het bestand en laad het opnieuw op; er is niets ingelezen.")
    if job.status == ImportStatus.PREVIEW:
        return _("Er is niets in te lezen: alle acties in het bestand zijn ongewijzigd.")
    if job.status == ImportStatus.DONE:
        return _("Dit bestand is al ingelezen.")
    if job.status in RUNNING:
        return _("Het bestand wordt nog verwerkt. Wacht tot het voorbeeld klaar is.")
    return _("Dit bestand kan niet meer ingelezen worden. Laad het opnieuw op.")


def write_job(job: ImportJob) -> ImportJob:
    """Write every row of the preview in one transaction, through the action services; or none."""
    user = job.created_by
    target = _job_target(job)
    entries = [e for e in job.preview if e.get("operation") in ("create", "update")]
    created, updated = [], []
    written: list[tuple[dict, Action]] = []
    current_row = None
    fields = ["status", "errors", "result", "progress", "finished_at", "preview"]
    try:
        with transaction.atomic():
            # A task redelivered after its worker died (acks_late) finds the job finished: the
            # rows are written once, in the same transaction that marks the job done.
            if ImportJob.objects.select_for_update().filter(
                    pk=job.pk, status__in=[ImportStatus.DONE, ImportStatus.FAILED]).exists():
                job.refresh_from_db()
                return job
            for index, entry in enumerate(entries, start=1):
                current_row = entry["row"]
                data, m2m = _service_arguments(entry)
                if entry["operation"] == "create":
                    action = action_create(user=user, data={**data, **target}, m2m=m2m)
                    created.append(action.code)
                    written.append((entry, action))
                else:
                    action = Action.objects.filter(pk=entry["action_id"], **target).first()
                    if action is None:
                        raise ValidationError({"code": _("De actie %(code)s bestaat niet meer.") % {"code": entry["code"]}})
                    action_update(action=action, user=user, data=data, m2m=m2m, expected_version=entry["version"])
                    updated.append(action.code)
            job.status = ImportStatus.DONE
            job.result = {"created": len(created), "updated": len(updated), "unchanged": counts(job)["unchanged"],
                          "created_codes": created, "updated_codes": updated}
            for entry, action in written:  # the result page shows the code each new action received
                entry["code"], entry["action_id"] = action.code, action.pk
            job.progress = 100
            job.finished_at = timezone.now()
            job.save(update_fields=fields)
    except (ValidationError, PermissionDenied, EditConflict, IntegrityError) as error:
        job.status = ImportStatus.FAILED
        job.errors = _write_errors(current_row, error)
        job.result = {"created": 0, "updated": 0, "unchanged": counts(job)["unchanged"]}
        job.progress = 100
        job.finished_at = timezone.now()
        job.save(update_fields=fields)
    return job


def _service_arguments(entry: dict) -> tuple[dict, dict]:
    data = {}
    for key, value in entry.get("data", {}).items():
        base = key[:-3] if key.endswith("_id") else key
        column = COLUMN_BY_KEY.get(base)
        if column is not None and column.kind == "date" and value:
            value = date.fromisoformat(value)
        elif column is not None and column.kind == "decimal" and value is not None:
            value = Decimal(value)
        data[key] = value
    return data, dict(entry.get("m2m", {}))


def _write_errors(row, error) -> list[dict]:
    prefix = _("Niets ingelezen.")
    if isinstance(error, EditConflict):
        return [_error(row or 0, COLUMN_BY_KEY["code"].label, f"{prefix} {error.message}")]
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        result = []
        for name, messages in error.message_dict.items():
            base = name[:-3] if name.endswith("_id") else name
            column = COLUMN_BY_KEY.get(base)
            label = column.label if column else ""
            for message in messages:
                result.append(_error(row or 0, label, f"{prefix} {message}"))
        return result
    if isinstance(error, ValidationError):
        return [_error(row or 0, "", f"{prefix} {' '.join(error.messages)}")]
    if isinstance(error, IntegrityError):
        return [_error(row or 0, "", f"{prefix} " + _("De rij botst met een bestaande actie (bv. dezelfde code)."))]
    return [_error(row or 0, "", f"{prefix} {error}")]


def run_task_safely(job_id: int, step: Callable[[ImportJob], ImportJob]) -> None:
    """Run a background step; an unexpected error marks the job failed instead of leaving it hanging."""
    job = ImportJob.objects.select_related("created_by", "working_group", "proposing_domain").filter(pk=job_id).first()
    if job is None:
        return
    try:
        step(job)
    except Exception:
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED, finished_at=timezone.now(),
            errors=[_error(0, "", _("Er liep iets onverwacht mis bij het verwerken. Er is niets ingelezen."))],
        )
        raise


def public_preview(job: ImportJob) -> list[dict]:
    """Preview rows without the internal write data."""
    keys = ("row", "operation", "code", "title", "action_id", "changes")
    return [{k: entry.get(k) for k in keys} for entry in job.preview or []]
