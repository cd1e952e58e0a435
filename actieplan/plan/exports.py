"""Exports of the overarching plan: PDF (WeasyPrint), DOCX (python-docx), XLSX (openpyxl), CSV.

Every export renders a *snapshot* (``plan_selectors.plan_snapshot`` for the live draft,
``PlanVersion.snapshot`` for a frozen version), so exporting version N today or in a
year gives the same document. One structure everywhere: title page with version and
decision of the Flemish Government, table of contents, introduction, a chapter per
barrier with each action as a compact block, the timeline, an annex with the
responsibilities per policy domain, the conclusion.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actieplan.plan import selectors as sel
from actieplan.models import Plan, PlanStatus
from common import pdf, spreadsheet
from common import datacache

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
CSV_DELIMITER = ";"  # what Excel expects with Belgian regional settings


@dataclass
class Meta:
    title: str
    number: int
    is_final: bool
    vr_reference: str
    vr_date: str  # dd/mm/yyyy or ""
    date: str  # the document's date: the decision date of a frozen version, else today
    override_reason: str = ""

    @property
    def version_label(self) -> str:
        return (_("Versie %(n)s") if self.is_final else _("Versie %(n)s (ontwerp)")) % {"n": self.number}

    @property
    def footer(self) -> str:
        parts = [self.title, self.version_label]
        if self.vr_reference:
            parts.append(self.vr_reference)
        parts.append(self.date)
        return " · ".join(parts)


def document_for(plan: Plan, version=None) -> tuple[dict, Meta]:
    """The snapshot to export and its meta data (frozen version ``version``, else the live plan)."""
    if version not in (None, "", "current"):
        v = sel.version_get(plan, version)
        doc = v.snapshot
        meta = Meta(
            title=doc["plan"]["title"], number=v.number, is_final=True, vr_reference=v.vr_reference,
            vr_date=v.vr_date.strftime("%d/%m/%Y"), date=v.vr_date.strftime("%d/%m/%Y"),
            override_reason=v.override_reason,
        )
        return doc, meta
    doc = sel.plan_snapshot(plan)
    latest = plan.versions.order_by("-number").only("number", "vr_reference", "vr_date").first()
    is_final = plan.status == PlanStatus.FINAL and latest is not None
    number = sel.current_number(plan, latest.number if latest else 0)
    today = timezone.localdate().strftime("%d/%m/%Y")
    meta = Meta(
        title=doc["plan"]["title"], number=number, is_final=is_final,
        vr_reference=latest.vr_reference if is_final else "",
        vr_date=latest.vr_date.strftime("%d/%m/%Y") if is_final else "",
        date=latest.vr_date.strftime("%d/%m/%Y") if is_final else today,
    )
    return doc, meta


def filename(meta: Meta, fmt: str) -> str:
    base = slugify(meta.title)[:60].strip("-") or "actieplan"
    suffix = f"versie-{meta.number}" + ("" if meta.is_final else "-ontwerp")
    return f"{base}-{suffix}.{fmt}"


def export(plan: Plan, fmt: str, version=None, perms=None) -> tuple[bytes, str, str]:
    """(content, content type, file name) of ``plan`` in ``fmt``, as ``perms`` may read it.

    What a domain answered (its remark on an assignment, the signer and remark of its sign-off) is
    left out where the reader may not see it, as on the pages (``sel.redact_snapshot``); ``perms``
    None exports everything (internal use). A repeated export of unchanged data comes from the data
    cache (any write moves its version), per scope of answers; the date is part of the key because
    a draft's cover shows today.
    """
    scope = "all" if perms is None or perms.answer_domain_ids() is None else \
        ",".join(str(pk) for pk in sorted(perms.answer_domain_ids())) or "none"

    def compute():
        renderers = {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx, "csv": render_csv}
        doc, meta = document_for(plan, version)
        if perms is not None:
            doc = sel.redact_snapshot(perms, doc)
        with translation.override("nl-be"):
            content = renderers[fmt](doc, meta)
        return content, FORMATS[fmt], filename(meta, fmt)

    return datacache.cached("plan_export", plan.pk, fmt, str(version or "current"), scope,
                            timezone.localdate().isoformat(), compute=compute)


# --------------------------------------------------------------------------- shared structure
def action_rows(doc: dict) -> list[list]:
    """The actions as spreadsheet rows of typed values (dates, amounts, text)."""
    return [[sel.field_value(a, key) for key, _label in sel.ACTION_COLUMNS] for a in sel.snapshot_actions(doc)]


def headers() -> list[str]:
    return [str(label) for _key, label in sel.ACTION_COLUMNS]


def annex(doc: dict) -> list[dict]:
    """Per policy domain: the actions it leads and those it is a partner in."""
    titles = {a["code"]: a["title"] for a in sel.snapshot_actions(doc)}
    return [
        {"name": d["name"], "abbreviation": d["abbreviation"],
         "lead": [{"code": c, "title": titles.get(c, "")} for c in d["lead"]],
         "partner": [{"code": c, "title": titles.get(c, "")} for c in d["partner"]]}
        for d in doc.get("domains", [])
    ]


def _context(doc: dict, meta: Meta) -> dict:
    return {
        "doc": doc, "meta": meta, "timeline": sel.timeline(doc, "domain"), "annex": annex(doc),
        "footer_css": pdf.css_string(meta.footer), "page_label_css": pdf.css_string(_("Pagina")),
        "of_label_css": pdf.css_string(_("van")),
    }


# --------------------------------------------------------------------------- PDF
def render_pdf(doc: dict, meta: Meta) -> bytes:
    return pdf.render_pdf(render_to_string("actieplan/plan/pdf.html", _context(doc, meta)))


# --------------------------------------------------------------------------- DOCX
class _HtmlToDocx(HTMLParser):
    """The few tags of the sanitised rich text as Word paragraphs and runs."""

    def __init__(self, document):
        super().__init__()
        self.document = document
        self.paragraph = None
        self.bold = self.italic = False
        self.lists: list[str] = []

    def _new(self, style=None):
        self.paragraph = self.document.add_paragraph(style=style)

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._new()
        elif tag in ("h3", "h4"):
            self._new("Heading 3" if tag == "h3" else "Heading 4")
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            self._new("List Number" if self.lists and self.lists[-1] == "ol" else "List Bullet")
        elif tag == "strong":
            self.bold = True
        elif tag == "em":
            self.italic = True
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()

    def handle_endtag(self, tag):
        if tag in ("p", "h3", "h4", "li"):
            self.paragraph = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "strong":
            self.bold = False
        elif tag == "em":
            self.italic = False

    def handle_data(self, data):
        if not data.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self._new()
        run = self.paragraph.add_run(data)
        run.bold = self.bold or None
        run.italic = self.italic or None


def _rich(document, text: str):
    """A plan text (Markdown) in the document: the same sanitised HTML as the page and the PDF show."""
    from common.markdown import render

    html = render(text)
    if html:
        parser = _HtmlToDocx(document)
        parser.feed(html)
        parser.close()


def _field(paragraph, instruction: str, placeholder: str = ""):
    """A Word field (PAGE, TOC ...) that Word computes when the document opens or updates."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(separate)
    paragraph.add_run(placeholder)
    end_run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    end_run._r.append(end)


def _shade(cell, colour: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def render_docx(doc: dict, meta: Meta) -> bytes:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    from common.docx import new_document

    document = new_document(meta.title)  # A4, nl-BE
    document.core_properties.subject = meta.version_label
    section = document.sections[0]

    # Footer with version, date and page number on every page.
    footer = section.footer.paragraphs[0]
    footer.text = meta.footer + " · " + _("Pagina") + " "
    _field(footer, "PAGE", "1")

    # Title page.
    document.add_paragraph(_("Vlaamse overheid · Departement WEWIS"))
    document.add_heading(meta.title, level=0)
    document.add_paragraph(meta.version_label)
    if meta.vr_reference:
        document.add_paragraph(_("Mededeling aan de Vlaamse Regering: %(ref)s van %(date)s") % {
            "ref": meta.vr_reference, "date": meta.vr_date})
    document.add_paragraph(_("Datum: %(date)s") % {"date": meta.date})
    if meta.override_reason:
        document.add_paragraph(_("Afgerond met afwijking: %(reason)s") % {"reason": meta.override_reason})
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # Table of contents (Word fills in the page numbers).
    document.add_heading(_("Inhoud"), level=1)
    _field(document.add_paragraph(), 'TOC \\o "1-1" \\h \\z \\u',
           _("Kies ‘Veld bijwerken’ om de inhoudstafel met paginanummers te tonen."))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    document.add_heading(_("Inleiding"), level=1)
    _rich(document, doc["plan"]["introduction"])

    for number, chapter in enumerate(doc["chapters"], 1):
        document.add_heading(f"{number}. {chapter['title']}", level=1)
        if chapter.get("barrier"):
            document.add_paragraph(_("Drempel: %(name)s") % {"name": chapter["barrier"]["name"]})
        _rich(document, chapter.get("introduction", ""))
        for a in chapter["actions"]:
            document.add_heading(f"{a['code']} {a['title']}", level=2)
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in _action_facts(a):
                cells = table.add_row().cells
                cells[0].text = label
                cells[1].text = value
                cells[0].width = Cm(4)
                cells[1].width = Cm(13)
            document.add_paragraph()

    # Timeline, landscape.
    timeline = sel.timeline(doc, "domain")
    wide = document.add_section()
    wide.orientation = WD_ORIENT.LANDSCAPE
    wide.page_width, wide.page_height = section.page_height, section.page_width
    document.add_heading(_("Tijdlijn"), level=1)
    if timeline["quarters"]:
        quarters = timeline["quarters"]
        table = document.add_table(rows=1, cols=len(quarters) + 1)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = _("Actie")
        for i, q in enumerate(quarters, 1):
            table.rows[0].cells[i].text = q["label"]
        for group in timeline["groups"]:
            row = table.add_row().cells
            merged = row[0].merge(row[-1])
            merged.text = group["title"]
            _shade(merged, "D9D9D9")
            for r in group["rows"]:
                cells = table.add_row().cells
                cells[0].text = f"{r['code']} {r['title']}"
                for i, c in enumerate(r["cells"], 1):
                    if c["milestones"]:
                        cells[i].text = "◆"
                    if c["on"]:
                        _shade(cells[i], "9DC3E6")
        document.add_paragraph(_("Een gekleurd vak: de actie loopt in dat kwartaal. ◆ een mijlpaal."))
    back = document.add_section()
    back.orientation = WD_ORIENT.PORTRAIT
    back.page_width, back.page_height = section.page_width, section.page_height

    document.add_heading(_("Bijlage: verantwoordelijkheden per beleidsdomein"), level=1)
    for d in annex(doc):
        document.add_heading(d["name"], level=2)
        if d["lead"]:
            document.add_paragraph(_("Trekker van:"))
            for a in d["lead"]:
                document.add_paragraph(f"{a['code']} {a['title']}", style="List Bullet")
        if d["partner"]:
            document.add_paragraph(_("Partner in:"))
            for a in d["partner"]:
                document.add_paragraph(f"{a['code']} {a['title']}", style="List Bullet")

    if doc["plan"].get("conclusion"):
        document.add_heading(_("Besluit"), level=1)
        _rich(document, doc["plan"]["conclusion"])

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _action_facts(a: dict) -> list[tuple[str, str]]:
    partners = sel.field_text(a, "partner_domains")
    if a["partner_organisations"]:
        partners = "; ".join(p for p in [partners, ", ".join(a["partner_organisations"])] if p)
    start, end = sel.field_text(a, "planned_start"), sel.field_text(a, "planned_end")
    return [
        (_("Beschrijving"), a["description"]),
        (_("Beoogd resultaat"), a["intended_result"] or "—"),
        (_("Doelgroepen"), ", ".join(a["target_groups"]) or "—"),
        (_("Trekker"), sel.field_text(a, "lead_domain") or "—"),
        (_("Partners"), partners or "—"),
        (_("Traject"), f"{start or '?'} – {end or '?'}" if (start or end) else "—"),
        (_("Mijlpalen"), _milestone_lines(a) or "—"),
    ]


def _milestone_lines(a: dict) -> str:
    return "\n".join(f"{_d(m['due_date'])} – {m['title']}" for m in a["milestones"])


def _d(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


# --------------------------------------------------------------------------- XLSX and CSV
def render_xlsx(doc: dict, meta: Meta) -> bytes:
    workbook = spreadsheet.new_workbook()
    workbook.properties.title = meta.title
    workbook.properties.subject = meta.version_label
    head = headers()
    rows = action_rows(doc)

    sheet = workbook.active
    sheet.title = _("Acties")
    spreadsheet.write_table(sheet, head, rows, min_width=12, max_width=40)

    info = workbook.create_sheet(_("Info"))
    for label, value in [(_("Actieplan"), meta.title), (_("Versie"), meta.version_label),
                         (_("Mededeling aan de Vlaamse Regering"), meta.vr_reference), (_("Datum"), meta.date)]:
        spreadsheet.append_row(info, [label, value])

    actions = sel.snapshot_actions(doc)
    used = {sheet.title.lower(), info.title.lower()}
    for d in doc.get("domains", []):
        name = spreadsheet.sheet_title(d["abbreviation"] or d["name"], fallback="Domein")
        while name.lower() in used:
            name = (name[:28] + "-" + str(len(used)))[:31]
        used.add(name.lower())
        data = []
        for a, row in zip(actions, rows):
            lead = a["lead_domain"] and a["lead_domain"]["id"] == d["id"]
            partner = any(p["id"] == d["id"] for p in a["partner_domains"])
            if lead or partner:
                data.append([_("trekker") if lead else _("partner"), *row])
        role = _("Rol van %(domain)s") % {"domain": d["abbreviation"] or d["name"]}
        spreadsheet.write_table(workbook.create_sheet(name), [role, *head], data, min_width=12, max_width=40)
    return spreadsheet.workbook_bytes(workbook)


def render_csv(doc: dict, meta: Meta) -> bytes:
    return spreadsheet.csv_bytes(headers(), action_rows(doc), dialect=spreadsheet.PEOPLE)
