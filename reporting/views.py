"""Pages of the progress reports: list and create, read and edit, approve, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.forms import add_service_errors
from actieplan.models import Barrier
from actieplan.permissions import perms_for
from reporting import content, services
from reporting.api import export_response
from reporting.forms import ProgressReportCreateForm, ProgressReportForm
from reporting.models import ProgressReport
from reporting.selectors import reports_visible_to


def _get_report_for_user(request, pk) -> ProgressReport:
    try:
        return reports_visible_to(request.user).get(pk=pk)
    except ProgressReport.DoesNotExist:
        raise Http404(_("Dit voortgangsrapport bestaat niet."))


def _chapters():
    return list(Barrier.objects.filter(is_priority=True).order_by("order", "name").values_list("pk", "name"))


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request):
    reports = reports_visible_to(request.user)
    perms = perms_for(request.user)
    form, status = None, 200
    if perms.can_manage_progress_reports:
        form = ProgressReportCreateForm(request.POST or None)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    report = services.progress_report_create(period=form.cleaned_data["period"],
                                                             as_of=form.cleaned_data["as_of"], user=request.user)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("Het ontwerp van het voortgangsrapport is aangemaakt."))
                    return redirect("progress_report_detail", pk=report.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("Enkel coördinatoren van WEWIS stellen voortgangsrapporten op."))
    return render(request, "reporting/report_list.html", {"reports": reports, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request, pk):
    report = _get_report_for_user(request, pk)
    perms = perms_for(request.user)
    form, status = None, 200
    if perms.can_manage_progress_reports and not report.is_approved:
        form = ProgressReportForm(request.POST or None, instance=report, chapters=_chapters())
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    services.progress_report_update(report=report, user=request.user, data=form.service_data())
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("Het voortgangsrapport is bewaard."))
                    return redirect("progress_report_detail", pk=report.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("Een goedgekeurd voortgangsrapport ligt vast."))
    context = {**content.document(report), "form": form, "can_approve": form is not None}
    return render(request, "reporting/report_detail.html", context, status=status)


@login_required
@require_POST
def report_approve(request, pk):
    report = _get_report_for_user(request, pk)
    try:
        services.progress_report_approve(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het voortgangsrapport is goedgekeurd en ligt nu vast."))
    return redirect(reverse("progress_report_detail", args=[report.pk]))


@login_required
@require_GET
def report_pdf(request, pk):
    return export_response(_get_report_for_user(request, pk), "pdf")


@login_required
@require_GET
def report_docx(request, pk):
    return export_response(_get_report_for_user(request, pk), "docx")
