"""The generated summary of a report in plain Dutch: the numbers come from the report itself."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + _(" en ") + parts[-1]


def summary_text(headline: dict, *, since: date | None = None, completed_since: int | None = None,
                 new_since: int | None = None) -> str:
    """``headline``: a cabinet report's headline (``actions``, ``by_progress``, ``by_status`` with key and count)."""
    progress = {str(row["key"]): row["count"] for row in headline["by_progress"]}
    status = {str(row["key"]): row["count"] for row in headline["by_status"]}
    total = headline["actions"]
    text = ngettext(
        "Van de %(n)s actie in het actieplan zijn er %(on)s op schema, %(risk)s met een aandachtspunt, "
        "%(late)s vertraagd en %(blocked)s geblokkeerd.",
        "Van de %(n)s acties in het actieplan zijn er %(on)s op schema, %(risk)s met een aandachtspunt, "
        "%(late)s vertraagd en %(blocked)s geblokkeerd.", total) % {
        "n": total, "on": progress.get("on_track", 0), "risk": progress.get("at_risk", 0),
        "late": progress.get("delayed", 0), "blocked": progress.get("blocked", 0)}
    rest = []
    if progress.get("none"):
        rest.append(ngettext("%(n)s actie heeft nog geen stand van zaken", "%(n)s acties hebben nog geen stand van "
                             "zaken", progress["none"]) % {"n": progress["none"]})
    if status.get("completed"):
        rest.append(ngettext("%(n)s is gerealiseerd", "%(n)s zijn gerealiseerd", status["completed"]) % {
            "n": status["completed"]})
    if status.get("stopped"):
        rest.append(ngettext("%(n)s is stopgezet", "%(n)s zijn stopgezet", status["stopped"]) % {
            "n": status["stopped"]})
    if rest:
        text += " " + _join(rest).capitalize() + "."
    if since is not None and completed_since is not None:
        day = date_format(since, "j F Y")
        text += " " + ngettext("Sinds %(day)s werd %(n)s actie gerealiseerd", "Sinds %(day)s werden %(n)s acties "
                               "gerealiseerd", completed_since) % {"day": day, "n": completed_since}
        if new_since:
            text += ngettext(" en kwam er %(n)s nieuwe actie in het plan", " en kwamen er %(n)s nieuwe acties in het "
                             "plan", new_since) % {"n": new_since}
        text += "."
    overdue = headline.get("overdue_updates") or 0
    if overdue:
        text += " " + ngettext("Voor %(n)s actie is de stand van zaken te laat.",
                               "Voor %(n)s acties is de stand van zaken te laat.", overdue) % {"n": overdue}
    return text
