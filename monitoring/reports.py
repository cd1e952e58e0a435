"""The cabinet report outside the page: portfolio scoping, JSON and PDF (WeasyPrint)."""

from __future__ import annotations

import re

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from actieplan.models import PolicyDomain
from common import pdf
from common.ids import parse_id
from common import datacache
from monitoring import charts
from monitoring.models import ProgressState
from monitoring.timeliness import MilestoneState, Timeliness


# The report page is a summary; the PDF and the API keep every row.
REPORT_PAGE_ROWS = 25  # action rows per barrier
REPORT_PAGE_EXCEPTIONS = 50
REPORT_PAGE_MEASUREMENTS = 20  # the latest measurements per indicator
REPORT_PAGE_INDICATORS = 24  # indicators with chart and table (the plan's key figures are 18)


#: ``domains``: ids separated by commas (what the API documents and accepts).
DOMAIN_IDS_PATTERN = r"^([1-9][0-9]{0,8}(,[1-9][0-9]{0,8})*)?$"


def parse_domain_ids(raw) -> list[int]:
    """``"3,5"`` or ``["3", "5"]`` → ``[3, 5]``; anything else is a clear 400."""
    if raw is None:
        return []
    if isinstance(raw, str) and not re.fullmatch(DOMAIN_IDS_PATTERN, raw.replace(" ", "")):
        raise ValidationError({"domains": _("Geef beleidsdomeinen op als id's gescheiden door komma's, bv. 3,5.")})
    parts = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
    ids = []
    for part in parts:
        part = str(part).strip()
        if not part:
            continue
        pk = parse_id(part)
        if pk is None:
            raise ValidationError({"domains": _("Geef beleidsdomeinen op als id's gescheiden door komma's, bv. 3,5.")})
        ids.append(pk)
    return sorted(set(ids))


def parse_as_of(raw, today: date, *, future_is_today: bool = False) -> date | None:
    """The day of a report from ``JJJJ-MM-DD``. A day after ``today`` is refused with a clear error
    (the page's form), or with ``future_is_today`` read as today (the API: the state on a day to come is
    today's as far as anyone knows; the answer's ``as_of`` says which day it shows)."""
    if not raw:
        return None
    try:
        day = date.fromisoformat(str(raw))
    except ValueError:
        raise ValidationError({"as_of": _("Geef de datum op als JJJJ-MM-DD, bv. 2026-09-30.")})
    if day > today and future_is_today:
        return today
    if day > today:
        raise ValidationError({"as_of": _("Kies vandaag of een datum in het verleden.")})
    return day


def resolve_portfolio(perms, domain_ids: list[int]) -> list[int] | None:
    """The domains a report covers (None: the whole plan), or PermissionDenied.

    Without domains: the user's own portfolio (cabinet domains, or the domains they are
    contact for); coordinators and cabinets linked to all get the whole plan.
    """
    if domain_ids:
        known = set(PolicyDomain.objects.filter(pk__in=domain_ids).values_list("pk", flat=True))
        if known != set(domain_ids):
            raise ValidationError({"domains": _("Onbekend beleidsdomein: %(ids)s.") % {
                "ids": ", ".join(str(i) for i in sorted(set(domain_ids) - known))}})
        if not perms.can_view_domain_report(domain_ids):
            raise PermissionDenied(_("Dit rapport valt buiten uw portefeuille."))
        return list(domain_ids)
    allowed = perms.report_domain_ids()
    if allowed is None:
        return None
    if not allowed:
        raise PermissionDenied(_("Het kabinetsrapport is er voor kabinetten, contactpersonen van beleidsdomeinen "
                                 "en coördinatoren."))
    return sorted(allowed)


def json_number(value):
    """A number (Decimal, int) as JSON's float; None stays None."""
    return None if value is None else float(value)


def json_day(value):
    """A date as JSON's ISO text; None stays None."""
    return None if value is None else value.isoformat()


def _text(value):
    return None if value is None else str(value)


def report_json(report: dict) -> dict:
    """The report in JSON types, exactly as ``monitoring.api.CabinetReportSerializer`` would give it.

    Built directly: a whole plan is thousands of actions, where the serializer would take
    seconds (tests check both give the same JSON).
    """
    from rest_framework.fields import DateTimeField

    def action(item):
        update = item["update"]
        reporting = item["reporting"]
        return {
            "id": item["id"],
            "code": item["code"],
            "title": item["title"],
            "status": str(item["status"]),
            "status_display": str(item["status_label"]),
            "lead_domain": item["lead_domain"].pk if item["lead_domain"] else None,
            "lead_domain_name": item["lead_domain"].name if item["lead_domain"] else "",
            "planned_end": json_day(item["planned_end"]),
            "progress_state": _text(item["progress_state"]),
            "progress_state_display": str(item["progress_label"]),
            "percent_complete": item["percent_complete"],
            "reporting": str(reporting.state) if reporting else None,
            "next_update_due_on": json_day(reporting.next_due_on) if reporting else None,
            "slippage_days": item["slippage"],
            "overdue_milestones": [{"title": m.title, "due_date": json_day(m.due_date)}
                                   for m in item["overdue_milestones"]],
            "reasons": [str(r) for r in item["reasons"]],
            "latest_update": None if update is None else {
                "date": json_day(update.date), "progress_state": str(update.progress_state),
                "percent_complete": update.percent_complete, "done": update.done,
                "next_steps": update.next_steps, "blockers": update.blockers,
            },
        }

    def count(row):
        return {"key": str(row["key"]), "label": str(row["label"]), "count": row["count"]}

    headline = report["headline"]
    return {
        "as_of": json_day(report["as_of"]),
        "generated_at": DateTimeField().to_representation(report["generated_at"]),
        "all_domains": report["all_domains"],
        "domains": [{"id": d.pk, "name": d.name, "abbreviation": d.abbreviation} for d in report["domains"]],
        "headline": {
            **{key: headline[key] for key in ("actions", "overdue_updates", "slipped", "overdue_milestones",
                                              "exceptions", "average_percent")},
            "by_status": [count(row) for row in headline["by_status"]],
            "by_progress": [count(row) for row in headline["by_progress"]],
        },
        "exceptions": [action(i) for i in report["exceptions"]],
        "barriers": [
            {
                "id": e["barrier"].pk if e["barrier"] else None,
                "name": e["barrier"].name if e["barrier"] else "",
                "actions": [action(i) for i in e["actions"]],
            }
            for e in report["barriers"]
        ],
        "indicators": [
            {
                "id": row["indicator"].pk,
                "name": row["indicator"].name,
                "unit": row["indicator"].unit,
                "baseline_value": json_number(row["indicator"].baseline_value),
                "baseline_year": row["indicator"].baseline_year,
                "target_value": json_number(row["indicator"].target_value),
                "target_year": row["indicator"].target_year,
                "current_value": json_number(row["current"]),
                "distance_to_target": json_number(row["distance"]),
                "source": row["indicator"].source,
                "measurements": [{"year": m.year, "date": json_day(m.date), "value": json_number(m.value)}
                                 for m in row["series"]],
            }
            for row in report["indicators"]
        ],
    }


def _progress_url(**params) -> str:
    return reverse("progress_list") + "?" + urlencode(params)


def page_summary(report: dict) -> dict:
    """The report for the page: at most ``REPORT_PAGE_*`` rows per list, with how many were left out.

    Each cut list gets ``more`` (rows left out) and a link to where they all are: the progress list
    filtered on the barrier (and on the domain of a one-domain portfolio, which its reader may see),
    the progress list on each reason for an exception, the indicator's own page. The report passed
    in is left as it is.
    """
    # The progress list filters on one domain or none (the whole plan); a reader of a portfolio of
    # several domains may not open it unfiltered, so their barrier links go to the action list.
    several = len(report["domains"]) > 1
    scope = {"lead_domain": report["domains"][0].pk} if len(report["domains"]) == 1 else {}
    barriers = []
    for entry in report["barriers"]:
        actions = entry["actions"]
        barrier = entry["barrier"]
        url = ""
        if barrier:
            url = (reverse("action_list") + "?" + urlencode({"barrier": barrier.pk}) if several
                   else _progress_url(barrier=barrier.pk, **scope))
        barriers.append({**entry, "actions": actions[:REPORT_PAGE_ROWS],
                         "more": max(len(actions) - REPORT_PAGE_ROWS, 0), "more_url": url})
    exceptions = report["exceptions"]
    more_exceptions = max(len(exceptions) - REPORT_PAGE_EXCEPTIONS, 0)
    exception_links = [
        {"label": label, "url": _progress_url(**params, **scope)}
        for label, params in (
            (_("geblokkeerd"), {"progress_state": ProgressState.BLOCKED}),
            (_("vertraagd"), {"progress_state": ProgressState.DELAYED}),
            (_("stand van zaken te laat"), {"reporting": Timeliness.OVERDUE}),
            (_("einddatum verschoven"), {"slipped": "1"}),
            (_("mijlpalen te laat"), {"milestones": MilestoneState.OVERDUE}),
        )
    ] if more_exceptions and not several else []
    indicators = []
    for row in report["indicators"][:REPORT_PAGE_INDICATORS]:
        series = row["series"]
        older = max(len(series) - REPORT_PAGE_MEASUREMENTS, 0)
        indicators.append({**row, "series": series[older:], "older": older})
    return {**report, "barriers": barriers, "exceptions": exceptions[:REPORT_PAGE_EXCEPTIONS],
            "more_exceptions": more_exceptions, "exception_links": exception_links, "indicators": indicators,
            "more_indicators": max(len(report["indicators"]) - REPORT_PAGE_INDICATORS, 0)}


def report_title(report: dict) -> str:
    if report["all_domains"]:
        scope = _("het volledige actieplan")
    else:
        scope = ", ".join(d.name for d in report["domains"])
    return _("Kabinetsrapport: %(scope)s, stand op %(day)s") % {"scope": scope,
                                                                 "day": report["as_of"].strftime("%d/%m/%Y")}


def render_pdf_cached(report: dict) -> bytes:
    """The report's PDF; a repeated export of unchanged data comes from the data cache."""
    domains = sorted(d.pk for d in report["domains"])
    return datacache.cached("cabinet_report_pdf", report["all_domains"], domains, report["as_of"].isoformat(),
                            timezone.localdate().isoformat(), compute=lambda: render_pdf(report),
                            topics=datacache.MONITORING_TOPICS)


def render_pdf(report: dict) -> bytes:
    for row in report["indicators"]:
        svg = charts.indicator_chart(row["indicator"], row["series"])
        row["chart_uri"] = charts.data_uri(svg)
        row["chart_alt"] = charts.indicator_chart_alt(row["indicator"], row["series"])
    from monitoring import chart_data
    from monitoring.summary import summary_text

    # the summary's words and charts, from this report (inline SVG; WeasyPrint draws it)
    ids = [item["id"] for entry in report["barriers"] for item in entry["actions"]]
    summary = {"text": summary_text(report["headline"]), "charts": chart_data.report_charts(report, ids=ids)}
    title = report_title(report)
    html = render_to_string("monitoring/cabinet_report_pdf.html",
                            {"report": report, "title": title, "title_css": pdf.css_string(title),
                             "summary": summary})
    return pdf.render_pdf(html)
