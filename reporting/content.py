"""What a progress report says: its data (live for a draft, frozen for an approved one), charts, chapters,
and its two documents (A4 PDF through common/pdf.py, A4 nl-BE DOCX through common/docx.py)."""

from __future__ import annotations

import io
from datetime import date
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from actieplan.models import Barrier, Milestone
from common import pdf
from monitoring import chart_data, reports, selectors
from monitoring.models import ActionBaseline, Indicator
from monitoring.summary import summary_text
from monitoring.timeliness import MONITORED_STATUSES


def live_data(as_of: date) -> dict:
    """The whole plan as of ``as_of`` in JSON types: the cabinet report's JSON plus the milestones."""
    report = selectors.cabinet_report(domain_ids=None, as_of=as_of)
    data = reports.report_json(report)
    ids = [a["id"] for b in data["barriers"] for a in b["actions"]]
    data["milestones"] = [
        [due.isoformat(), done.isoformat() if done and done <= as_of else None]
        for due, done in Milestone.objects.filter(action_id__in=ids).values_list("due_date", "done_on")]
    data["baselines"] = list(ActionBaseline.objects.filter(action_id__in=ids).values_list("milestones", flat=True))
    data["summary"] = summary_text(data["headline"])
    return data


def _indicator_row(row: dict, slug: str = "") -> dict:
    indicator = SimpleNamespace(name=row["name"], slug=slug, unit=row["unit"], baseline_value=row["baseline_value"],
                                baseline_year=row["baseline_year"], target_value=row["target_value"],
                                target_year=row["target_year"], source=row["source"])
    series = [SimpleNamespace(year=m["year"], date=date.fromisoformat(m["date"]) if m["date"] else None,
                              value=m["value"]) for m in row["measurements"]]
    return {"indicator": indicator, "series": series, "current": row["current_value"]}


def document(report) -> dict:
    """Everything the page, the PDF and the DOCX show of ``report``."""
    data = report.snapshot or live_data(report.as_of)
    as_of = report.as_of
    actions = [a for b in data["barriers"] for a in b["actions"]]
    rows = [(a["lead_domain_name"] or None, 0, a["progress_state"], 1) for a in actions
            if a["status"] in MONITORED_STATUSES]
    milestones = [(date.fromisoformat(due), date.fromisoformat(done) if done else None)
                  for due, done in data.get("milestones", [])]
    charts = {
        "progress": chart_data.progress_by_domain_chart(rows),
        "milestones": chart_data.milestones_chart(milestones, data.get("baselines", []), as_of),
    }
    slugs = dict(Indicator.objects.filter(pk__in=[i["id"] for i in data["indicators"]]).values_list("pk", "slug"))
    indicators = []
    for row in data["indicators"]:
        item = _indicator_row(row, slugs.get(row["id"], ""))
        item["chart"] = chart_data.indicator_chart(item)
        item["data"] = row
        indicators.append(item)
    priority = list(Barrier.objects.filter(is_priority=True).order_by("order", "name").values_list("pk", "name"))
    by_barrier = {b["id"]: b for b in data["barriers"]}
    chapters = []
    for number, (pk, name) in enumerate(priority, 1):
        texts = (report.chapters or {}).get(str(pk), {})
        entry = by_barrier.get(pk, {"actions": []})
        chapters.append({"number": number, "id": pk, "name": name, "actions": entry["actions"],
                         "introduction": texts.get("introduction", ""), "conclusion": texts.get("conclusion", "")})
    return {"report": report, "data": data, "summary": data.get("summary") or summary_text(data["headline"]),
            "charts": charts, "chapters": chapters, "indicators": indicators,
            "annex": sorted(actions, key=lambda a: a["code"])}


def next_step(action: dict) -> str:
    update = action.get("latest_update")
    return (update or {}).get("next_steps", "") if update else ""


def render_pdf(report) -> bytes:
    doc = document(report)
    html = render_to_string("reporting/report_pdf.html", {**doc, "title_css": pdf.css_string(report.title)})
    return pdf.render_pdf(html)


def render_docx(report) -> bytes:
    from docx.enum.text import WD_BREAK

    from common.docx import new_document

    doc = document(report)
    data = doc["data"]
    document_ = new_document(report.title)
    add = document_.add_paragraph
    # cover
    add(_("Vlaamse Regering · Departement Werk, Economie, Wetenschap, Innovatie en Sociale Economie"))
    document_.add_heading(report.title, level=0)
    add(_("Stand op %(day)s") % {"day": report.as_of.strftime("%d/%m/%Y")})
    if report.vr_reference:
        add(_("%(communication)s, %(ref)s van %(day)s") % {
            "communication": report.communication, "ref": report.vr_reference,
            "day": report.vr_date.strftime("%d/%m/%Y") if report.vr_date else "—"})
    add(_("Status: %(status)s") % {"status": report.get_status_display()})
    add().add_run().add_break(WD_BREAK.PAGE)
    # summary
    document_.add_heading(_("Samenvatting"), level=1)
    add(doc["summary"])
    for chart in doc["charts"].values():
        _chart(document_, chart)
        _table(document_, chart.title, chart.headers, chart.rows)
    if report.introduction:
        document_.add_heading(_("Inleiding"), level=1)
        for part in report.introduction.split("\n\n"):
            add(part)
    # one section per priority barrier
    for chapter in doc["chapters"]:
        document_.add_heading(f"{chapter['number']}. {chapter['name']}", level=1)
        if chapter["introduction"]:
            add(chapter["introduction"])
        _table(document_, _("Acties"), [_("Actie"), _("Trekker"), _("Voortgang"), _("%"), _("Volgende stap")],
               [[f"{a['code']} {a['title']}", a["lead_domain_name"], a["progress_state_display"],
                 "" if a["percent_complete"] is None else a["percent_complete"], next_step(a)]
                for a in chapter["actions"]])
        if chapter["conclusion"]:
            add(chapter["conclusion"])
    document_.add_heading(_("Indicatoren"), level=1)
    for item in doc["indicators"]:
        row = item["data"]
        document_.add_heading(row["name"], level=2)
        _chart(document_, item["chart"], width_cm=12)
        _table(document_, row["name"], item["chart"].headers, item["chart"].rows)
        add(_("Bron: %(source)s") % {"source": row["source"]})
    if report.conclusion:
        document_.add_heading(_("Besluit"), level=1)
        for part in report.conclusion.split("\n\n"):
            add(part)
    document_.add_heading(_("Bijlage: alle acties"), level=1)
    _table(document_, _("Alle acties"), [_("Actie"), _("Trekker"), _("Status"), _("Voortgang"), _("%")],
           [[f"{a['code']} {a['title']}", a["lead_domain_name"], a["status_display"], a["progress_state_display"],
             "" if a["percent_complete"] is None else a["percent_complete"]] for a in doc["annex"]])
    out = io.BytesIO()
    document_.save(out)
    return out.getvalue()


def _chart(document_, chart, *, width_cm: float = 16):
    """The chart as an image (DOCX takes no SVG), its description as the alt text; the table follows."""
    from common.docx import add_image
    from monitoring.chart_png import png

    add_image(document_, png(chart), width_cm=width_cm, description=chart.desc, title=chart.title)


def _table(document_, caption: str, headers: list, rows: list):
    document_.add_paragraph(str(caption), style="Caption")
    table = document_.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers):
        cell.text = str(header)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = "" if value is None else str(value)
    return table
