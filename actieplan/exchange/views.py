"""Pages of data exchange: Excel import (upload, preview, confirm, progress) and API tokens.

Each view: a permission-checking helper, a form, one call to the importer or the token
service, then a redirect or a page.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from actieplan import api_tokens
from actieplan.exchange import importer
from actieplan.exchange.api import template_actions
from common.exports import file_response
from actieplan.models import ImportJob, ImportStatus, PolicyDomain
from actieplan.permissions import perms_for
from common.forms import add_service_errors
from common.ids import parse_id
from werkgroepen.models import WorkingGroup

PREVIEW_PAGE_SIZE = 100
XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --------------------------------------------------------------------------- forms
class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel-bestand (.xlsx)"),
        help_text=gettext_lazy("Het ingevulde sjabloon, maximaal 10 MB en 10.000 acties, zonder formules, macro's "
                               "of wachtwoord."),
        widget=forms.ClearableFileInput(attrs={"accept": XLSX_ACCEPT}),
        error_messages={"required": gettext_lazy("Kies het Excel-bestand dat u wilt inlezen.")},
    )
    working_group = forms.ModelChoiceField(
        label=gettext_lazy("Werkgroep"), queryset=WorkingGroup.objects.none(), required=False,
        help_text=gettext_lazy("De werkgroep waarin de acties komen."),
    )
    proposing_domain = forms.ModelChoiceField(
        label=gettext_lazy("Of: als voorstellen van een beleidsdomein"), queryset=PolicyDomain.objects.none(),
        required=False, help_text=gettext_lazy("Alleen voor acties die een beleidsdomein zonder werkgroep voorstelt."),
    )

    def __init__(self, *args, perms, **kwargs):
        super().__init__(*args, **kwargs)
        groups = WorkingGroup.objects.order_by("name")
        if not perms.is_coordinator:
            groups = groups.filter(pk__in=perms.chair_group_ids, is_active=True)
        self.fields["working_group"].queryset = groups
        self.fields["working_group"].empty_label = _("— Kies een werkgroep —")
        if perms.is_coordinator:
            self.fields["proposing_domain"].queryset = PolicyDomain.objects.order_by("order", "name")
            self.fields["proposing_domain"].empty_label = _("— Geen —")
        else:
            del self.fields["proposing_domain"]
            if len(perms.chair_group_ids) == 1:
                self.fields["working_group"].initial = next(iter(perms.chair_group_ids))

    def clean(self):
        cleaned = super().clean()
        group, domain = cleaned.get("working_group"), cleaned.get("proposing_domain")
        if group is None and domain is None and not self.errors:
            self.add_error("working_group", _("Kies de werkgroep waarin de acties komen."))
        if group is not None and domain is not None:
            self.add_error("proposing_domain", _("Kies een werkgroep óf een beleidsdomein, niet beide."))
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam van het token"), max_length=100,
        help_text=gettext_lazy("Waarvoor dient het, bv. ‘rapportering kabinet’ of ‘koppeling VDAB’."),
        error_messages={"required": gettext_lazy("Geef het token een naam.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


# --------------------------------------------------------------------------- helpers
def _require_importer(request):
    perms = perms_for(request.user)
    if not importer.can_import(perms):
        raise PermissionDenied(_("Alleen de voorzitter van een werkgroep of een coördinator kan acties inlezen."))
    return perms


def _get_job_for_user(request, pk) -> ImportJob:
    job = ImportJob.objects.select_related("created_by", "working_group", "proposing_domain").filter(pk=pk).first()
    if job is None:
        raise Http404(_("Deze import bestaat niet."))
    if not importer.can_view_job(perms_for(request.user), job, request.user):
        raise PermissionDenied(_("Dit is de import van iemand anders."))
    return job


# --------------------------------------------------------------------------- import
@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    perms = _require_importer(request)
    status = 200
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES, perms=perms)
        if form.is_valid():
            try:
                job = importer.import_start(
                    user=request.user, upload=form.cleaned_data["file"],
                    working_group=form.cleaned_data.get("working_group"),
                    proposing_domain=form.cleaned_data.get("proposing_domain"),
                )
            except importer.RefusedFile as refused:
                form.add_error("file", str(refused))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("import_detail", pk=job.pk)
        status = 400
    else:
        form = ImportUploadForm(perms=perms)
    groups = form.fields["working_group"].queryset
    context = {
        "form": form,
        "template_groups": groups,
        "recent": importer.jobs_visible_to(request.user).filter(created_by=request.user)[:10],
    }
    return render(request, "actieplan/exchange/import_start.html", context, status=status)


@login_required
@require_GET
def import_template(request):
    raw = request.GET.get("working_group", "")
    group = None
    if raw:
        if parse_id(raw) is None:
            raise Http404(_("Deze werkgroep bestaat niet."))
        group = get_object_or_404(WorkingGroup, pk=parse_id(raw))
    content = importer.template_workbook(actions=template_actions(request.user, group))
    basename = f"acties-{group.code_prefix.lower()}" if group else "sjabloon-acties"
    return file_response(content, "xlsx", basename)


@login_required
@require_GET
def import_detail(request, pk):
    job = _get_job_for_user(request, pk)
    page = Paginator(job.preview or [], PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "job": job,
        "counts": importer.counts(job),
        "page": page,
        "rows": page.object_list,
        "page_query": "",
        "errors": job.errors or [],
        "running": job.status in importer.RUNNING,
        "can_confirm": importer.can_confirm(job) and job.created_by_id == request.user.pk,
        "target": job.working_group or job.proposing_domain,
    }
    return render(request, "actieplan/exchange/import_detail.html", context)


@login_required
@require_GET
def import_status(request, pk):
    job = _get_job_for_user(request, pk)
    return JsonResponse({
        "status": job.status, "status_display": job.get_status_display(), "progress": job.progress,
        "running": job.status in importer.RUNNING,
    })


@login_required
@require_http_methods(["GET", "POST"])
def import_confirm(request, pk):
    job = _get_job_for_user(request, pk)
    if job.created_by_id != request.user.pk:
        raise PermissionDenied(_("Alleen wie het bestand opgeladen heeft, kan het inlezen bevestigen."))
    if request.method == "POST":
        try:
            job = importer.import_confirm(job=job, user=request.user)
        except importer.ImportNotReady as not_ready:
            messages.error(request, str(not_ready))
            return redirect("import_detail", pk=job.pk)
        if job.status == ImportStatus.DONE:
            messages.success(
                request,
                _("Ingelezen: %(created)s nieuwe en %(updated)s gewijzigde acties.")
                % {"created": job.result.get("created", 0), "updated": job.result.get("updated", 0)},
            )
        elif job.status == ImportStatus.FAILED:
            messages.error(request, _("Er is niets ingelezen: een rij gaf een fout. Zie de fouten hieronder."))
        return redirect("import_detail", pk=job.pk)
    if not importer.can_confirm(job):
        messages.error(request, importer._not_ready_message(job))
        return redirect("import_detail", pk=job.pk)
    context = {"job": job, "counts": importer.counts(job), "target": job.working_group or job.proposing_domain}
    return render(request, "actieplan/exchange/import_confirm.html", context)


# --------------------------------------------------------------------------- API tokens
@login_required
@require_http_methods(["GET", "POST"])
def api_token_list(request):
    perms = perms_for(request.user)
    new_key = None
    status = 200
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                token, new_key = api_tokens.api_token_create(user=request.user, name=form.cleaned_data["name"])
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            else:
                form = ApiTokenForm()
        else:
            status = 400
    else:
        form = ApiTokenForm()
    context = {
        "form": form,
        "new_key": new_key,
        "tokens": api_tokens.tokens_visible_to(request.user),
        "show_owner": perms.is_coordinator,
        "api_docs_url": reverse("api:docs"),
        "ttl_days": settings.API_TOKEN_TTL_DAYS,
    }
    response = render(request, "actieplan/exchange/api_tokens.html", context, status=status)
    if new_key:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def api_token_revoke(request, pk):
    token = get_object_or_404(api_tokens.tokens_visible_to(request.user), pk=pk)
    if not api_tokens.can_revoke(request.user, token):
        raise PermissionDenied(_("U mag dit token niet intrekken."))
    if request.method == "POST":
        api_tokens.api_token_revoke(token=token, user=request.user)
        messages.success(request, _("Het token ‘%(name)s’ is ingetrokken.") % {"name": token.name})
        return redirect("api_tokens")
    return render(request, "actieplan/exchange/api_token_revoke.html", {"token": token})

