"""Writes of progress reports: create from the monitoring data, edit while a draft, approve (freeze)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.permissions import perms_for
from reporting import content
from reporting.models import ProgressReport, ReportingPeriod, ReportStatus

EDITABLE = ("title", "introduction", "conclusion", "chapters", "communication", "vr_reference", "vr_date")


def _check_coordinator(user) -> None:
    if not perms_for(user).can_manage_progress_reports:
        raise PermissionDenied(_("Enkel coördinatoren van WEWIS stellen voortgangsrapporten op."))


def progress_report_create(*, period: ReportingPeriod, as_of: date | None, user) -> ProgressReport:
    """A draft report of ``period`` with the monitoring data at ``as_of`` (default: the period's end or today)."""
    _check_coordinator(user)
    today = timezone.localdate()
    as_of = as_of or min(period.ends_on, today)
    if as_of > today:
        raise ValidationError({"as_of": _("Kies vandaag of een datum in het verleden.")})
    if as_of < period.starts_on:
        raise ValidationError({"as_of": _("De stand kan niet vóór het begin van de periode liggen (%(day)s).") % {
            "day": period.starts_on.strftime("%d/%m/%Y")}})
    report = ProgressReport(
        period=period, as_of=as_of, title=_("Voortgangsrapport %(period)s") % {"period": period.name},
        created_by=user, chapters={},
    )
    report.full_clean()
    report.save()
    return report


def progress_report_update(*, report: ProgressReport, user, data: dict) -> ProgressReport:
    _check_coordinator(user)
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.is_approved:
            raise ValidationError(_("Een goedgekeurd voortgangsrapport ligt vast en kan niet meer gewijzigd worden."))
        for name in EDITABLE:
            if name in data:
                setattr(report, name, data[name])
        report.full_clean()
        report.save()
    return report


def progress_report_approve(*, report: ProgressReport, user) -> ProgressReport:
    """Freeze the report: its data as of its date are stored with it and it can no longer change."""
    _check_coordinator(user)
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.is_approved:
            raise ValidationError(_("Dit voortgangsrapport is al goedgekeurd."))
        if ProgressReport.objects.filter(period=report.period, status=ReportStatus.APPROVED).exists():
            raise ValidationError(_("Voor deze periode is al een voortgangsrapport goedgekeurd."))
        report.snapshot = content.live_data(report.as_of)
        report.status = ReportStatus.APPROVED
        report.approved_by = user
        report.approved_at = timezone.now()
        report.save()
    return report
