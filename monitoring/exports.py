"""XLSX export of a dashboard: one sheet per block of numbers, written by the shared cell writer."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from common import spreadsheet


def _sheet(workbook, title: str, header: list[str], rows: list[list]):
    return spreadsheet.write_table(workbook.create_sheet(title=spreadsheet.sheet_title(title)), header, rows)


def dashboard_workbook(board, title: str) -> bytes:
    workbook = spreadsheet.new_workbook()
    summary = workbook.active
    summary.title = spreadsheet.sheet_title(_("Overzicht"))
    spreadsheet.append_row(summary, [title], font=Font(bold=True, size=14))
    spreadsheet.append_row(summary, [_("Stand op"), board.today])
    spreadsheet.append_row(summary, [_("Acties"), board.total])
    spreadsheet.append_row(summary, [_("Stand van zaken te laat"), len(board.overdue_updates)])
    spreadsheet.append_row(summary, [_("Mijlpalen te laat"), len(board.overdue_milestones)])
    spreadsheet.append_row(summary, [_("Verschoven einddatum"), len(board.slipped)])
    summary.column_dimensions["A"].width = 32
    summary.column_dimensions["B"].width = 14

    _sheet(workbook, _("Levenscyclus"), [_("Status"), _("Aantal")],
           [[r["label"], r["count"]] for r in board.by_status])
    _sheet(workbook, _("Voortgang"), [_("Voortgang"), _("Aantal")],
           [[r["label"], r["count"]] for r in board.by_progress])
    _sheet(workbook, _("Tijdigheid"), [_("Stand van zaken"), _("Aantal")],
           [[r["label"], r["count"]] for r in board.reporting])
    _sheet(workbook, _("Drempels"), [_("Drempel"), _("Aantal acties")],
           [[r["label"], r["count"]] for r in board.by_barrier])
    _sheet(workbook, _("Trekkers"), [_("Beleidsdomein"), _("Aantal acties")],
           [[r["label"], r["count"]] for r in board.by_lead_domain])
    _sheet(workbook, _("Te late standen"), [_("Code"), _("Titel"), _("Trekker"), _("Laatste stand van zaken"),
                                            _("Verwacht op"), _("Dagen te laat")],
           [[a.code, a.title, a.lead_domain.name if a.lead_domain else "", a.reporting.last_update_on,
             a.reporting.next_due_on, a.reporting.days_overdue] for a in board.overdue_updates])
    _sheet(workbook, _("Te late mijlpalen"), [_("Code"), _("Actie"), _("Mijlpaal"), _("Vervaldatum")],
           [[m.action.code, m.action.title, m.title, m.due_date] for m in board.overdue_milestones])
    _sheet(workbook, _("Verschoven einddata"), [_("Code"), _("Titel"), _("Basislijn"), _("Gepland einde"),
                                                _("Dagen later")],
           [[a.code, a.title, a.baseline.planned_end, a.planned_end, a.slippage] for a in board.slipped])
    _sheet(workbook, _("Indicatoren"), [_("Indicator"), _("Eenheid"), _("Basiswaarde"), _("Basisjaar"),
                                        _("Laatste waarde"), _("Periode"), _("Streefwaarde"), _("Streefjaar"),
                                        _("Afstand tot streefwaarde"), _("Bron")],
           [[r["indicator"].name, r["indicator"].get_unit_display(), _float(r["indicator"].baseline_value),
             r["indicator"].baseline_year, _float(r["current"]),
             (r["latest"].date or r["latest"].year) if r["latest"] else r["indicator"].baseline_year,
             float(r["indicator"].target_value) if r["indicator"].target_value is not None else None,
             r["indicator"].target_year, float(r["distance"]) if r["distance"] is not None else None,
             r["indicator"].source] for r in board.indicators])
    return spreadsheet.workbook_bytes(workbook)


def _float(value):
    return float(value) if value is not None else None
