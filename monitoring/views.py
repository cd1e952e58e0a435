"""Monitoring pages: progress of an action, dashboards, phase tracker, indicators, cabinet report.

Every view reads top to bottom: get the object through a permission-checking helper,
validate with a form, call one service (or selector), redirect or render.
"""

from __future__ import annotations

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actieplan.actions import selectors as action_selectors
from actieplan.models import TRANSITIONS, Action, Milestone, PolicyDomain, Status
from common.exports import Column, export_if_requested, requested_format
from actieplan.permissions import perms_for
from common.forms import add_service_errors
from common.files import attachment_response
from monitoring import cabinet_summary, chart_data, charts, exports, reports, selectors, services
from monitoring.forms import (
    ActionOutcomeForm,
    CabinetReportForm,
    MeasurementForm,
    MilestoneDoneForm,
    ProgressFilterForm,
    StatusUpdateForm,
)
from common import datacache
from monitoring.models import ActionOutcome, Indicator, MonitoringSettings, StatusUpdate
from werkgroepen.models import WorkingGroup

PAGE_SIZE = 25
DASHBOARD_ROWS = 20  # rows of each list on a dashboard page; its counts and the XLSX have them all
PROGRESS_TARGETS = (Status.IN_PROGRESS, Status.COMPLETED, Status.STOPPED)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An SVG chart: no script at all, only the chart's own inline style.
svg_csp = csp_replace({"default-src": ["'none'"], "style-src": ["'unsafe-inline'"], "script-src": ["'none'"],
                       "img-src": ["'none'"], "form-action": ["'none'"]})


# --------------------------------------------------------------------------- helpers
def _get_action_for_user(request, pk) -> Action:
    return action_selectors.action_for_user(user=request.user, pk=pk)


def _progress_transitions(perms, action) -> list[dict]:
    """The implementation steps the user may take, as links to the one transition page."""
    links = []
    for to in perms.allowed_transitions(action):
        if to not in PROGRESS_TARGETS:
            continue
        rule = TRANSITIONS[(action.status, to)]
        url = reverse("action_transition", args=[action.pk]) + "?" + QueryDict.fromkeys(["to"], to).urlencode()
        links.append({"to": to, "label": rule.label, "url": url})
    return links


def action_progress_context(request, action, *, limit: int | None = 3) -> dict:
    """Context for ``monitoring/_action_progress.html`` on the action page (5 queries).

    Use: ``context.update(action_progress_context(request, action))`` and
    ``{% include "monitoring/_action_progress.html" %}``.
    """
    perms = perms_for(request.user)
    progress = selectors.action_progress(action, limit=limit)
    can_post = perms.can_post_status_update(action)
    now = timezone.now()
    for update in progress["updates"]:
        update.can_edit = services.can_edit_status_update(update, request.user, now=now)
    progress["timeline"] = chart_data.progress_timeline(progress["history"])
    return {
        "progress": progress,
        "progress_can_post": can_post,
        "progress_transitions": _progress_transitions(perms, action),
        "progress_in_plan": action.status in selectors.PLAN_STATUSES,
        "milestone_form": MilestoneDoneForm() if can_post else None,
    }


def _outcomes_of(action) -> list:
    """The outcomes a progress report of ``action`` can carry a measured value for (1 query)."""
    return list(ActionOutcome.objects.filter(action=action).select_related("indicator").order_by("order", "id"))


def _outcome_editor_action(request, pk) -> Action:
    action = _get_action_for_user(request, pk)
    if not perms_for(request.user).can_edit_action_outcomes(action):
        raise PermissionDenied(_("Alleen een coördinator of de contactpersoon van het trekkende beleidsdomein legt "
                                 "de beoogde resultaten van een actie vast."))
    return action


def action_outcomes_context(request, action) -> dict:
    """Context for ``monitoring/_action_outcomes.html``: the outcomes with a chart each (3 queries)."""
    outcomes = selectors.action_outcomes(action)
    for outcome in outcomes:
        outcome.chart = chart_data.outcome_chart(outcome)
    return {"outcomes": outcomes, "can_edit_outcomes": perms_for(request.user).can_edit_action_outcomes(action)}


# --------------------------------------------------------------------------- one action

# Columns of the list exports: the same as the pages, plus ids.
PROGRESS_COLUMNS = [
    Column("ID", "pk"),
    Column(gettext_lazy("Code"), "code"),
    Column(gettext_lazy("Titel"), "title"),
    Column(gettext_lazy("Trekker"), "lead_domain.name"),
    Column(gettext_lazy("Status"), "status"),
    Column(gettext_lazy("Voortgang"), "progress_label"),
    Column(gettext_lazy("Gerealiseerd (%)"), "percent_complete"),
    Column(gettext_lazy("Laatste stand van zaken"), lambda a: a.reporting.last_update_on),
    Column(gettext_lazy("Volgende verwacht"), lambda a: a.reporting.next_due_on),
    Column(gettext_lazy("Tijdigheid"), lambda a: a.reporting.label),
    Column(gettext_lazy("Verschoven (dagen)"), "slippage"),
    Column(gettext_lazy("Mijlpalen te laat"), "overdue_milestones"),
]
INDICATOR_COLUMNS = [
    Column("ID", "indicator.pk"),
    Column(gettext_lazy("Indicator"), "indicator.name"),
    Column(gettext_lazy("Eenheid"), "indicator.unit"),
    Column(gettext_lazy("Bron"), "indicator.source"),
    Column(gettext_lazy("Basiswaarde"), "indicator.baseline_value"),
    Column(gettext_lazy("Basisjaar"), "indicator.baseline_year"),
    Column(gettext_lazy("Laatste meting"), "current"),
    Column(gettext_lazy("Jaar laatste meting"), lambda r: r["latest"].year or r["latest"].date if r["latest"] else None),
    Column(gettext_lazy("Laatste meting fictief (demo)"), lambda r: _("ja") if r["fictitious"] else _("nee")),
    Column(gettext_lazy("Streefwaarde"), "indicator.target_value"),
    Column(gettext_lazy("Streefjaar"), "indicator.target_year"),
    Column(gettext_lazy("Afstand tot streefwaarde"), "distance"),
]

@login_required
@require_http_methods(["GET", "POST"])
def action_progress(request, pk):
    """All progress reports of an action, and the form to post one."""
    action = _get_action_for_user(request, pk)
    perms = perms_for(request.user)
    status = 200
    form = None
    if perms.can_post_status_update(action):
        if request.method == "POST":
            form = StatusUpdateForm(request.POST, request.FILES, outcomes=_outcomes_of(action))
            status = 400
            if form.is_valid():
                try:
                    services.status_update_create(action=action, user=request.user, data=form.service_data())
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("De stand van zaken is geplaatst."))
                    return redirect(reverse("action_progress", args=[action.pk]) + "#standen")
        else:
            form = StatusUpdateForm(outcomes=_outcomes_of(action))
    elif request.method == "POST":
        raise PermissionDenied(_("U mag voor deze actie geen stand van zaken plaatsen."))
    context = {"action": action, "form": form, **action_progress_context(request, action, limit=None)}
    return render(request, "monitoring/action_progress.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def action_outcomes(request, pk):
    """The expected outputs and outcomes of an action: the list and the form to add one."""
    action = _outcome_editor_action(request, pk)
    status = 200
    if request.method == "POST":
        form = ActionOutcomeForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.action_outcome_save(action=action, user=request.user, data=form.service_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het beoogde resultaat is toegevoegd."))
                return redirect(reverse("action_outcomes", args=[action.pk]))
    else:
        form = ActionOutcomeForm()
    context = {"action": action, "form": form, "outcomes": selectors.action_outcomes(action)}
    return render(request, "monitoring/action_outcomes.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def action_outcome_edit(request, pk, outcome_pk):
    """Change one expected output or outcome of an action."""
    action = _outcome_editor_action(request, pk)
    outcome = get_object_or_404(ActionOutcome.objects.select_related("indicator"), pk=outcome_pk, action=action)
    status = 200
    if request.method == "POST":
        form = ActionOutcomeForm(request.POST, instance=ActionOutcome.objects.get(pk=outcome.pk))
        status = 400
        if form.is_valid():
            try:
                services.action_outcome_save(action=action, user=request.user, data=form.service_data(),
                                             outcome=outcome)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het beoogde resultaat is gewijzigd."))
                return redirect(reverse("action_outcomes", args=[action.pk]))
    else:
        form = ActionOutcomeForm(instance=outcome)
    return render(request, "monitoring/action_outcome_form.html", {"action": action, "outcome": outcome, "form": form},
                  status=status)


@login_required
@require_POST
def action_outcome_delete(request, pk, outcome_pk):
    """Remove an expected result that has no measured values yet."""
    action = _outcome_editor_action(request, pk)
    outcome = get_object_or_404(ActionOutcome, pk=outcome_pk, action=action)
    try:
        services.action_outcome_delete(outcome=outcome, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het beoogde resultaat is verwijderd."))
    return redirect(reverse("action_outcomes", args=[action.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def status_update_edit(request, pk):
    """Correct a report within 24 hours of posting it."""
    update = get_object_or_404(StatusUpdate.objects.select_related("action"), pk=pk)
    action = _get_action_for_user(request, update.action_id)
    if not services.can_edit_status_update(update, request.user):
        raise PermissionDenied(_("Een stand van zaken kan alleen binnen 24 uur gecorrigeerd worden, door wie hem "
                                 "plaatste of door een coördinator. Plaats anders een nieuwe stand van zaken."))
    status = 200
    if request.method == "POST":
        form = StatusUpdateForm(request.POST, request.FILES, instance=StatusUpdate.objects.get(pk=update.pk),
                                outcomes=_outcomes_of(action))
        status = 400
        if form.is_valid():
            try:
                services.status_update_edit(update=update, user=request.user, data=form.service_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De stand van zaken is gecorrigeerd."))
                return redirect(reverse("action_progress", args=[action.pk]) + "#standen")
    else:
        form = StatusUpdateForm(instance=update, outcomes=_outcomes_of(action))
    return render(request, "monitoring/status_update_form.html", {"action": action, "update": update, "form": form},
                  status=status)


@login_required
@require_GET
def status_update_attachment(request, pk):
    """The attachment of a progress report, for whoever may see the action (never a public file).

    Always a download (``Content-Disposition: attachment``, ``nosniff``): an uploaded HTML or SVG
    file never runs in the application's origin. With ``ATTACHMENT_ACCEL_REDIRECT`` set, the web
    server in front sends the bytes (``X-Accel-Redirect`` to that internal location + the file's
    name); otherwise the file is streamed from the storage.
    """
    update = get_object_or_404(StatusUpdate.objects.only("id", "action_id", "attachment"), pk=pk)
    _get_action_for_user(request, update.action_id)
    if not update.attachment or not update.attachment.storage.exists(update.attachment.name):
        raise Http404(_("Deze bijlage bestaat niet (meer)."))
    return attachment_response(update.attachment)


@login_required
@require_POST
def milestone_done(request, pk, milestone_pk):
    """Mark a milestone done (with its date), or open it again (``reopen``)."""
    action = _get_action_for_user(request, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, action=action)
    if not perms_for(request.user).can_post_status_update(action):
        raise PermissionDenied(_("U mag de mijlpalen van deze actie niet bijwerken."))
    back = reverse("action_progress", args=[action.pk]) + "#mijlpalen"
    if request.POST.get("reopen"):
        services.milestone_set_done(milestone=milestone, user=request.user, done_on=None)
        messages.success(request, _("Mijlpaal ‘%(title)s’ staat weer open.") % {"title": milestone.title})
        return redirect(back)
    form = MilestoneDoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_set_done(milestone=milestone, user=request.user, done_on=form.cleaned_data["done_on"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Mijlpaal ‘%(title)s’ is gerealiseerd.") % {"title": milestone.title})
            return redirect(back)
    context = {"action": action, "form": None, "milestone_error": milestone,
               **action_progress_context(request, action, limit=None)}
    context["milestone_form"] = form
    return render(request, "monitoring/action_progress.html", context, status=400)


# --------------------------------------------------------------------------- dashboards
def _render_dashboard(request, *, domain=None, working_group=None, domain_ids=None, title: str, xlsx_url: str,
                      intro: str = ""):
    """The page; its charts, numbers and lists rendered once per user, scope and day until the data changes."""
    perms = perms_for(request.user)

    def body():
        board = selectors.dashboard(user=request.user, domain=domain, working_group=working_group,
                                    limit=DASHBOARD_ROWS, domain_ids=domain_ids)
        scope = selectors.dashboard_scope(request.user, domain=domain, working_group=working_group,
                                          domain_ids=domain_ids)
        board_charts = chart_data.dashboard_charts(board, scope, today=board.today)
        chart_data.add_sparklines(board.indicators)
        return render_to_string("monitoring/_dashboard_body.html", {"board": board, "charts": board_charts})

    dashboard_body = datacache.cached(
        "monitoring-dashboard-page", request.user.pk, domain.pk if domain else None,
        working_group.pk if working_group else None, tuple(domain_ids) if domain_ids is not None else None,
        timezone.localdate(), get_language(), compute=body, topics=datacache.user_scoped_topics(perms.is_coordinator),
    )
    context = {"dashboard_body": dashboard_body, "today": timezone.localdate(), "domain": domain, "title": title,
               "xlsx_url": xlsx_url, "intro": intro, "perms": perms}
    return render(request, "monitoring/dashboard.html", context)


def _xlsx_response(request, title: str, filename: str, *, domain=None, working_group=None,
                   domain_ids=None) -> HttpResponse:
    board = selectors.dashboard(user=request.user, domain=domain, working_group=working_group, domain_ids=domain_ids)
    response = HttpResponse(exports.dashboard_workbook(board, title), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _wewis_scope(request) -> list[int] | None:
    """The domains of the WEWIS dashboard: all (None), or a cabinet's portfolio (read-only); else 403."""
    perms = perms_for(request.user)
    if perms.can_view_dashboard:
        return None
    portfolio = perms.cabinet_domain_ids if perms.is_cabinet else frozenset()
    if not portfolio:
        raise PermissionDenied(_("Het WEWIS-dashboard is er voor coördinatoren en kabinetten."))
    return sorted(portfolio)


def _domain_for_board(request, pk) -> PolicyDomain:
    domain = get_object_or_404(PolicyDomain, pk=pk)
    if not perms_for(request.user).can_view_domain_dashboard(domain):
        raise PermissionDenied(_("Dit beleidsdomein valt buiten uw portefeuille."))
    return domain


def _group_for_board(request, pk) -> WorkingGroup:
    group = get_object_or_404(WorkingGroup, pk=pk)
    if not perms_for(request.user).can_view_group_dashboard(group):
        raise PermissionDenied(_("Het dashboard van een werkgroep is er voor haar leden en de coördinatoren."))
    return group


@login_required
@require_GET
def dashboard(request):
    domain_ids = _wewis_scope(request)
    intro = (_("De voortgang van het volledige actieplan, over alle beleidsdomeinen.") if domain_ids is None else
             _("De voortgang van de acties die de beleidsdomeinen van uw portefeuille trekken: %(names)s.") % {
                 "names": ", ".join(PolicyDomain.objects.filter(pk__in=domain_ids).order_by("order", "name")
                                    .values_list("name", flat=True))})
    return _render_dashboard(request, title=_("WEWIS-dashboard"), xlsx_url=reverse("dashboard_xlsx"),
                             intro=intro, domain_ids=domain_ids)


@login_required
@require_GET
def dashboard_xlsx(request):
    domain_ids = _wewis_scope(request)
    return _xlsx_response(request, _("WEWIS-dashboard"), f"dashboard-{timezone.localdate():%Y-%m-%d}.xlsx",
                          domain_ids=domain_ids)


@login_required
@require_GET
def domain_dashboard(request, pk):
    domain = _domain_for_board(request, pk)
    return _render_dashboard(
        request, domain=domain, title=_("Dashboard %(name)s") % {"name": domain.name},
        xlsx_url=reverse("domain_dashboard_xlsx", args=[pk]),
        intro=_("De acties die dit beleidsdomein trekt."))


@login_required
@require_GET
def domain_dashboard_xlsx(request, pk):
    domain = _domain_for_board(request, pk)
    return _xlsx_response(request, _("Dashboard %(name)s") % {"name": domain.name},
                          f"dashboard-{slugify(domain.abbreviation)}-{timezone.localdate():%Y-%m-%d}.xlsx",
                          domain=domain)


@login_required
@require_GET
def group_dashboard(request, pk):
    group = _group_for_board(request, pk)
    return _render_dashboard(
        request, working_group=group, title=_("Dashboard %(name)s") % {"name": group.name},
        xlsx_url=reverse("group_dashboard_xlsx", args=[pk]),
        intro=_("De acties die deze werkgroep voorstelde."))


@login_required
@require_GET
def group_dashboard_xlsx(request, pk):
    group = _group_for_board(request, pk)
    return _xlsx_response(request, _("Dashboard %(name)s") % {"name": group.name},
                          f"dashboard-{slugify(group.code_prefix)}-{timezone.localdate():%Y-%m-%d}.xlsx",
                          working_group=group)


@login_required
@require_GET
def progress_list(request):
    """The monitored actions behind a dashboard number (same scope rules as the dashboards)."""
    form = ProgressFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    perms = perms_for(request.user)
    domain, group = params.get("lead_domain"), params.get("working_group")
    allowed = perms.can_view_dashboard or (
        (domain is None or perms.can_view_domain_dashboard(domain))
        and (group is None or perms.can_view_group_dashboard(group))
        and (domain is not None or group is not None)
    )
    if not allowed:
        raise PermissionDenied(_("Deze lijst valt buiten uw portefeuille."))
    today, settings = timezone.localdate(), MonitoringSettings.current()
    rows = selectors.progress_queryset(user=request.user, params=params, today=today, settings=settings)
    if requested_format(request):  # ?format=xlsx|csv: every filtered row, not one page
        every_row = selectors.with_progress(rows.iterator(chunk_size=2000), today=today, settings=settings)
        return export_if_requested(request, every_row, PROGRESS_COLUMNS, "voortgang")
    paginator = Paginator(rows, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(selectors.with_progress(page.object_list, today=today, settings=settings))
    page_params = request.GET.copy()
    page_params.pop("page", None)
    context = {"form": form, "page": page, "actions": page.object_list, "count": paginator.count,
               "page_query": page_params.urlencode(), "is_filtered": bool(request.GET)}
    return render(request, "monitoring/progress_list.html", context)


# --------------------------------------------------------------------------- phases
def _tracker_allowed(request):
    if not perms_for(request.user).can_view_dashboard:
        raise PermissionDenied(_("De fasetracker is er voor coördinatoren en kabinetten met het volledige plan."))


@login_required
@require_GET
def phase_tracker(request):
    _tracker_allowed(request)
    tracker = datacache.cached("monitoring-phase-tracker", timezone.localdate(), get_language(),
                               compute=selectors.phase_tracker, topics=datacache.MONITORING_TOPICS)
    return render(request, "monitoring/phase_tracker.html", {"tracker": tracker})


@login_required
@require_GET
@svg_csp
def phase_burnup_chart(request):
    _tracker_allowed(request)

    def render_chart():
        burnup = selectors.phase_burnup()
        return charts.burnup_chart(burnup["series"], burnup["deadlines"], burnup["start"], burnup["end"])

    svg = datacache.cached("monitoring-burnup-chart", timezone.localdate(), get_language(), compute=render_chart,
                           topics=datacache.MONITORING_TOPICS)
    return HttpResponse(svg, content_type="image/svg+xml")


# --------------------------------------------------------------------------- indicators
@login_required
@require_GET
def indicator_list(request):
    if requested_format(request):
        rows = selectors.indicator_rows(Indicator.objects.all())
        return export_if_requested(request, rows, INDICATOR_COLUMNS, "indicatoren")

    def render_rows():
        rows = selectors.indicator_rows(Indicator.objects.prefetch_related("barriers"))
        return {"indicator_table": render_to_string("monitoring/_indicator_rows.html", {"rows": rows}),
                "indicator_sources": render_to_string("monitoring/_indicator_sources.html", {"rows": rows})}

    # The same for everybody: rendered once until the data changes.
    context = datacache.cached("monitoring-indicator-list", get_language(), compute=render_rows,
                               topics=datacache.MONITORING_TOPICS)
    return render(request, "monitoring/indicator_list.html", {**context, "perms": perms_for(request.user)})


def _as_of_param(request):
    try:
        return reports.parse_as_of(request.GET.get("as_of"), timezone.localdate())
    except ValidationError:
        raise Http404(_("Ongeldige datum."))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_detail(request, pk):
    """An indicator with its chart and table; coordinators add measurements here."""
    indicator = get_object_or_404(Indicator.objects.prefetch_related("barriers", "actions"), pk=pk)
    perms = perms_for(request.user)
    form = MeasurementForm() if perms.can_manage_indicators else None
    status = 200
    if request.method == "POST":
        if not perms.can_manage_indicators:
            raise PermissionDenied(_("Alleen coördinatoren voegen metingen toe."))
        form = MeasurementForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.measurement_create(indicator=indicator, user=request.user, value=data["value"],
                                            year=data.get("year"), date=data.get("date"), note=data.get("note", ""))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De meting is toegevoegd."))
                return redirect("indicator_detail", pk=indicator.pk)
    series = selectors.indicator_measurements(indicator)
    context = {"indicator": indicator, "series": series, "form": form,
               "chart_alt": charts.indicator_chart_alt(indicator, series),
               "breakdowns": selectors.indicator_breakdowns(indicator),
               "outcome_actions": selectors.indicator_outcome_actions(indicator, user=request.user)}
    return render(request, "monitoring/indicator_detail.html", context, status=status)


@login_required
@require_GET
@svg_csp
def indicator_chart(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk)
    as_of = _as_of_param(request)

    def render_chart():
        return charts.indicator_chart(indicator, selectors.indicator_measurements(indicator, as_of))

    # The cabinet report shows one chart per indicator: each drawn once until the data changes.
    svg = datacache.cached("monitoring-indicator-chart", indicator.pk, as_of, get_language(), compute=render_chart)
    return HttpResponse(svg, content_type="image/svg+xml")


# --------------------------------------------------------------------------- cabinet report
def _report_params(request):
    """The form, and the portfolio and date asked for in the query string (None when invalid)."""
    perms = perms_for(request.user)
    form = CabinetReportForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, None
    domains = [d.pk for d in form.cleaned_data.get("domains", [])] if form.is_bound else []
    as_of = form.cleaned_data.get("as_of") if form.is_bound else None
    domain_ids = reports.resolve_portfolio(perms, domains)
    if not form.is_bound:
        form = CabinetReportForm(initial={"domains": domain_ids or [], "as_of": timezone.localdate()})
    allowed = perms.report_domain_ids()
    if allowed is not None:
        form.fields["domains"].queryset = PolicyDomain.objects.filter(pk__in=allowed)
    return form, (domain_ids, as_of)


def _report_for(request):
    """The report asked for in the query string, scoped to the user's portfolio."""
    form, params = _report_params(request)
    if params is None:
        return form, None
    domain_ids, as_of = params
    return form, selectors.cabinet_report(domain_ids=domain_ids, as_of=as_of)


def _report_page(domain_ids, as_of) -> dict:
    """The report rendered for the page: the same for everybody who may read this portfolio."""
    report = selectors.cabinet_report(domain_ids=domain_ids, as_of=as_of)
    # A summary: at most reports.REPORT_PAGE_* rows per list, with links to the rest.
    summary = reports.page_summary(report)
    for row in summary["indicators"]:
        row["chart_alt"] = charts.indicator_chart_alt(row["indicator"], row["series"])
    body = render_to_string("monitoring/_report_body.html", {"report": summary, "pdf": False})
    return {"title": reports.report_title(report), "body": body,
            "report": {"as_of": report["as_of"], "is_past": report["is_past"]}}


@login_required
@require_GET
def cabinet_report(request):
    form, params = _report_params(request)
    if params is None:
        return render(request, "monitoring/cabinet_report.html", {"form": form, "report": None}, status=400)
    domain_ids, as_of = params
    # Thousands of actions: rendered once per portfolio, date and day, until the data changes.
    page = datacache.cached("monitoring-cabinet-report-page", domain_ids, as_of, timezone.localdate(),
                            get_language(), compute=lambda: _report_page(domain_ids, as_of),
                            topics=datacache.MONITORING_TOPICS)
    pdf_query = request.GET.urlencode()
    since = form.cleaned_data.get("since") if form.is_bound else None
    summary = cabinet_summary.cabinet_summary(domain_ids=domain_ids, as_of=as_of, since=since, user=request.user)
    context = {"form": form, "report": page["report"], "title": page["title"], "report_body": page["body"],
               "summary": summary,
               "pdf_url": reverse("cabinet_report_pdf") + (f"?{pdf_query}" if pdf_query else "")}
    return render(request, "monitoring/cabinet_report.html", context)


@login_required
@require_GET
def cabinet_report_pdf(request):
    form, report = _report_for(request)
    if report is None:
        return render(request, "monitoring/cabinet_report.html", {"form": form, "report": None}, status=400)
    response = HttpResponse(reports.render_pdf_cached(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kabinetsrapport-{report["as_of"]:%Y-%m-%d}.pdf"'
    return response
