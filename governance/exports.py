"""The agenda and the decisions of a meeting as Word documents (A4, nl-BE) for circulation."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from common.docx import new_document
from werkgroepen.people import person_name

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _header(document, meeting, heading: str):
    document.add_heading(heading, level=0)
    document.add_paragraph(_("%(body)s, %(day)s") % {"body": meeting.body.name,
                                                       "day": meeting.date.strftime("%d/%m/%Y")})
    if meeting.location:
        document.add_paragraph(_("Plaats: %(location)s") % {"location": meeting.location})


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def agenda_docx(meeting) -> bytes:
    heading = _("Agenda")
    document = new_document(f"{heading} {meeting}")
    _header(document, meeting, heading)
    attendees = [person_name(u) for u in meeting.attendees.all()]
    if attendees:
        document.add_paragraph(_("Uitgenodigd: %(names)s") % {"names": ", ".join(attendees)})
    for number, item in enumerate(meeting.agenda_items.all(), 1):
        document.add_heading(f"{number}. {item.title}", level=2)
        if item.action_id:
            document.add_paragraph(_("Actie: %(code)s %(title)s") % {"code": item.action.code,
                                                                    "title": item.action.title})
        if item.notes:
            document.add_paragraph(item.notes)
    if not meeting.agenda_items.all():
        document.add_paragraph(_("Er staan nog geen punten op de agenda."))
    return _save(document)


def decisions_docx(meeting) -> bytes:
    heading = _("Beslissingen")
    document = new_document(f"{heading} {meeting}")
    _header(document, meeting, heading)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, [_("Agendapunt"), _("Beslissing"), _("Wie"), _("Tegen")]):
        cell.text = text
    count = 0
    for number, item in enumerate(meeting.agenda_items.all(), 1):
        for decision in item.decisions.all():
            cells = table.add_row().cells
            cells[0].text = f"{number}. {item.title}"
            cells[1].text = decision.text
            cells[2].text = decision.responsible
            cells[3].text = decision.due_date.strftime("%d/%m/%Y") if decision.due_date else ""
            count += 1
    if not count:
        document.add_paragraph(_("Er zijn nog geen beslissingen genoteerd."))
    changes = list(meeting.status_changes.all())
    if changes:
        document.add_heading(_("Beslissingen over acties"), level=2)
        for change in changes:
            document.add_paragraph(
                f"{change.action.code} {change.action.title}: {change.get_from_status_display()} → "
                f"{change.get_to_status_display()}" + (f" ({change.reason})" if change.reason else ""),
                style="List Bullet")
    return _save(document)
