"""Pages of the inventory: the barriers (list and page), existing measures and research evidence.

Every view reads top to bottom: get the object, check the permission vocabulary, validate
with a form, call one service, redirect or render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actieplan.models import Barrier
from actieplan.permissions import perms_for
from common.exports import Column, export_if_requested
from common.forms import add_service_errors
from inventory import selectors, services
from inventory.forms import EvidenceForm, MeasureForm, MeasureLinkForm
from inventory.models import EvidenceSource, Measure, MeasureActionLink

PAGE_SIZE = 25

BARRIER_COLUMNS = [
    Column(gettext_lazy("Drempel (beleid)"), "name"),
    Column(gettext_lazy("Drempel vanuit de werkzoekende"), "citizen_wording"),
    Column(gettext_lazy("Waarom (niet) verder uitgewerkt"), "reason"),
    Column(gettext_lazy("Prioritair"), "is_priority"),
    Column(gettext_lazy("Maatregelen"), "measure_count"),
    Column(gettext_lazy("Bronnen"), "evidence_count"),
]
MEASURE_COLUMNS = [
    Column(gettext_lazy("Naam"), "name"),
    Column(gettext_lazy("Beschrijving"), "description"),
    Column(gettext_lazy("Beleidsdomein"), "responsible_domain.name"),
    Column(gettext_lazy("Beleidsdomein-ID"), "responsible_domain_id"),
    Column(gettext_lazy("Organisatie"), "organisation.name"),
    Column(gettext_lazy("Doelgroepen"), "target_groups"),
    Column(gettext_lazy("Drempels"), "barriers"),
    Column(gettext_lazy("Wettelijke of budgettaire basis"), "basis"),
    Column(gettext_lazy("Link"), "link"),
    Column(gettext_lazy("Status"), "status"),
]
EVIDENCE_COLUMNS = [
    Column(gettext_lazy("Titel"), "title"),
    Column(gettext_lazy("Auteurs of organisatie"), "authors"),
    Column(gettext_lazy("Jaar"), "year"),
    Column(gettext_lazy("Soort bron"), "source_type"),
    Column(gettext_lazy("Link"), "link"),
    Column(gettext_lazy("Belangrijkste bevindingen"), "key_findings"),
    Column(gettext_lazy("Drempels"), "barriers"),
    Column(gettext_lazy("Doelgroepen"), "target_groups"),
]


def _page(request, rows):
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def _get_or_404(model_or_queryset, pk, message):
    queryset = model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset.objects.all()
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404(message)


# --------------------------------------------------------------------------- barriers
@login_required
@require_GET
def barrier_list(request):
    rows = selectors.barrier_list()
    if response := export_if_requested(request, rows, BARRIER_COLUMNS, "drempels"):
        return response
    page, page_query = _page(request, rows)
    return render(request, "inventory/barrier_list.html",
                  {"page": page, "barriers": page.object_list, "page_query": page_query})


@login_required
@require_GET
def barrier_detail(request, pk):
    barrier = _get_or_404(Barrier, pk, _("Deze drempel bestaat niet."))
    context = selectors.barrier_overview(barrier=barrier, user=request.user)
    return render(request, "inventory/barrier_detail.html", context)


# --------------------------------------------------------------------------- measures
@login_required
@require_GET
def measure_list(request):
    filterset, rows = selectors.measure_list(params=request.GET)
    if response := export_if_requested(request, rows, MEASURE_COLUMNS, "maatregelen"):
        return response
    page, page_query = _page(request, rows)
    context = {"form": filterset.form, "page": page, "measures": page.object_list, "count": page.paginator.count,
               "page_query": page_query, "is_filtered": bool(request.GET),
               "can_add": perms_for(request.user).can_manage_measures}
    return render(request, "inventory/measure_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request):
    if not perms_for(request.user).can_manage_measures:
        raise PermissionDenied(_("Enkel coördinatoren en contactpersonen van beleidsdomeinen voegen maatregelen toe."))
    form = MeasureForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data, m2m = _split(form, services.MEASURE_M2M)
            try:
                measure = services.measure_create(user=request.user, data=data, m2m=m2m)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De maatregel is toegevoegd."))
                return redirect("measure_detail", pk=measure.pk)
    return render(request, "inventory/measure_form.html", {"form": form, "measure": None}, status=status)


@login_required
@require_GET
def measure_detail(request, pk):
    measure = _get_or_404(selectors.measures(), pk, _("Deze maatregel bestaat niet."))
    perms = perms_for(request.user)
    can_edit = perms.can_edit_measure(measure)
    context = {
        "measure": measure,
        "links": selectors.action_links_visible_to(request.user, measure),
        "evidence": list(measure.evidence.order_by("-year", "title", "pk")),
        "can_edit": can_edit,
        "link_form": MeasureLinkForm(user=request.user) if can_edit else None,
    }
    return render(request, "inventory/measure_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, pk):
    measure = _get_or_404(Measure, pk, _("Deze maatregel bestaat niet."))
    if not perms_for(request.user).can_edit_measure(measure):
        raise PermissionDenied(_("U mag deze maatregel niet wijzigen."))
    form = MeasureForm(request.POST or None, instance=measure, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data, m2m = _split(form, services.MEASURE_M2M)
            try:
                services.measure_update(measure=measure, user=request.user, data=data, m2m=m2m)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De maatregel is bijgewerkt."))
                return redirect("measure_detail", pk=measure.pk)
    return render(request, "inventory/measure_form.html", {"form": form, "measure": measure}, status=status)


@login_required
@require_POST
def measure_link_action(request, pk):
    measure = _get_or_404(selectors.measures(), pk, _("Deze maatregel bestaat niet."))
    if not perms_for(request.user).can_edit_measure(measure):
        raise PermissionDenied(_("U mag deze maatregel niet koppelen."))
    form = MeasureLinkForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.measure_link_action(measure=measure, action=form.cleaned_data["action"],
                                         kind=form.cleaned_data["kind"], user=request.user)
        except ValidationError as error:
            add_service_errors(form, error, {"action_links": "action"})
        else:
            messages.success(request, _("De actie is gekoppeld aan de maatregel."))
            return redirect("measure_detail", pk=measure.pk)
    context = {"measure": measure, "links": selectors.action_links_visible_to(request.user, measure),
               "evidence": list(measure.evidence.order_by("-year", "title", "pk")), "can_edit": True,
               "link_form": form}
    return render(request, "inventory/measure_detail.html", context, status=400)


@login_required
@require_POST
def measure_link_delete(request, pk):
    link = _get_or_404(MeasureActionLink.objects.select_related("measure", "action"), pk,
                       _("Deze koppeling bestaat niet."))
    if not perms_for(request.user).can_view_action(link.action):
        raise Http404(_("Deze koppeling bestaat niet."))
    services.measure_unlink_action(link=link, user=request.user)
    messages.success(request, _("De koppeling is verwijderd."))
    return redirect("measure_detail", pk=link.measure_id)


# --------------------------------------------------------------------------- evidence
@login_required
@require_GET
def evidence_list(request):
    filterset, rows = selectors.evidence_list(params=request.GET)
    if response := export_if_requested(request, rows, EVIDENCE_COLUMNS, "evidentie"):
        return response
    page, page_query = _page(request, rows)
    context = {"form": filterset.form, "page": page, "sources": page.object_list, "count": page.paginator.count,
               "page_query": page_query, "is_filtered": bool(request.GET),
               "can_add": perms_for(request.user).can_manage_evidence}
    return render(request, "inventory/evidence_list.html", context)


@login_required
@require_GET
def evidence_detail(request, pk):
    source = _get_or_404(selectors.evidence(), pk, _("Deze bron bestaat niet."))
    context = {"source": source, "actions": selectors.actions_of_evidence_visible_to(request.user, source),
               "measures": list(source.measures.order_by("name")),
               "can_edit": perms_for(request.user).can_manage_evidence}
    return render(request, "inventory/evidence_detail.html", context)


def _evidence_form(request, source):
    if not perms_for(request.user).can_manage_evidence:
        raise PermissionDenied(_("Enkel coördinatoren beheren onderzoek en evidentie."))
    form = EvidenceForm(request.POST or None, instance=source, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data, m2m = _split(form, services.EVIDENCE_M2M)
            try:
                if source is None:
                    source = services.evidence_create(user=request.user, data=data, m2m=m2m)
                else:
                    source = services.evidence_update(source=source, user=request.user, data=data, m2m=m2m)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De bron is bewaard."))
                return redirect("evidence_detail", pk=source.pk)
    return render(request, "inventory/evidence_form.html", {"form": form, "source": source}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_create(request):
    return _evidence_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_edit(request, pk):
    return _evidence_form(request, _get_or_404(EvidenceSource, pk, _("Deze bron bestaat niet.")))


def _split(form, m2m_names) -> tuple[dict, dict]:
    data = {k: v for k, v in form.cleaned_data.items() if k not in m2m_names}
    m2m = {k: list(v) for k, v in form.cleaned_data.items() if k in m2m_names}
    return data, m2m
