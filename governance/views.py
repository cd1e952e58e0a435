"""Pages of the governance app (Overleg): bodies, meetings, agenda, decisions, escalation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actieplan.actions.selectors import action_for_user
from common.forms import add_service_errors
from governance import exports, selectors, services
from governance.forms import AgendaItemForm, BodyForm, DecisionForm, MeetingForm
from governance.models import AgendaItem, Body, Decision, Meeting

PAGE_SIZE = 20


def _require_coordinator(request) -> None:
    if not selectors.can_manage(request.user):
        raise PermissionDenied(_("Enkel coördinatoren van WEWIS beheren het overleg."))


def _get_meeting(pk) -> Meeting:
    try:
        return selectors.meeting_detail_queryset().get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404(_("Deze vergadering bestaat niet."))


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@require_GET
def index(request):
    filterset, meetings = selectors.meeting_list(params=request.GET.copy() if request.GET else None)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "bodies": selectors.bodies(),
        "upcoming": selectors.upcoming_meetings()[:5],
        "page": _page(request, meetings),
        "filter_form": filterset.form,
        "filter_invalid": bool(request.GET) and not filterset.is_valid(),
        "page_query": params.urlencode(),
        "can_manage": selectors.can_manage(request.user),
    }
    return render(request, "governance/index.html", context)


@login_required
@require_GET
def body_detail(request, pk):
    body = get_object_or_404(Body, pk=pk)
    page = _page(request, selectors.meetings().filter(body=body).order_by("-date", "-id"))
    return render(request, "governance/body_detail.html",
                  {"body": body, "page": page, "can_manage": selectors.can_manage(request.user)})


def _body_form(request, body=None):
    _require_coordinator(request)
    form = BodyForm(request.POST or None, instance=body)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                if body is None:
                    body = services.body_create(user=request.user, data=data)
                else:
                    body = services.body_update(body=Body.objects.get(pk=body.pk), user=request.user, data=data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het overlegorgaan is bewaard."))
                return redirect(body)
    return render(request, "governance/body_form.html", {"form": form, "body": body}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def body_create(request):
    return _body_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request, pk):
    return _body_form(request, get_object_or_404(Body, pk=pk))


def _meeting_form(request, meeting=None):
    _require_coordinator(request)
    initial = {}
    if meeting is None and request.GET.get("body"):
        initial["body"] = request.GET.get("body")
    form = MeetingForm(request.POST or None, instance=meeting, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if meeting is None:
                    meeting = services.meeting_create(user=request.user, data=form.service_data(),
                                                      attendees=form.cleaned_data["attendees"])
                else:
                    meeting = services.meeting_update(meeting=Meeting.objects.get(pk=meeting.pk), user=request.user,
                                                      data=form.service_data(), attendees=form.cleaned_data["attendees"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De vergadering is bewaard."))
                return redirect(meeting)
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": meeting}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    return _meeting_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    return _meeting_form(request, _get_meeting(pk))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_delete(request, pk):
    meeting = _get_meeting(pk)
    _require_coordinator(request)
    if request.method == "POST":
        services.meeting_delete(meeting=meeting, user=request.user)
        messages.success(request, _("De vergadering is verwijderd."))
        return redirect("governance_index")
    return render(request, "governance/confirm_delete.html", {
        "object_label": str(meeting), "question": _("Deze vergadering met haar agenda en beslissingen verwijderen?"),
        "cancel_url": meeting.get_absolute_url()})


def _render_meeting(request, meeting, item_form=None, decision_forms=None, status=200):
    can_manage = selectors.can_manage(request.user)
    items = list(meeting.agenda_items.all())
    decision_forms = decision_forms or {}
    if can_manage:
        item_form = item_form or AgendaItemForm()
        for item in items:
            item.decision_form = decision_forms.get(item.pk) or DecisionForm(
                prefix=f"item{item.pk}",
                status_changes=selectors.linkable_status_changes(item.action) if item.action_id else None)
    context = {"meeting": meeting, "items": items, "item_form": item_form, "can_manage": can_manage,
               "status_changes": list(meeting.status_changes.all())}
    return render(request, "governance/meeting_detail.html", context, status=status)


@login_required
@require_GET
def meeting_detail(request, pk):
    return _render_meeting(request, _get_meeting(pk))


@login_required
@require_POST
def agenda_item_create(request, pk):
    meeting = _get_meeting(pk)
    _require_coordinator(request)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_create(meeting=meeting, user=request.user, title=form.cleaned_data["title"],
                                        action=form.cleaned_data["action"], notes=form.cleaned_data["notes"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het agendapunt is toegevoegd."))
            return redirect(reverse("governance_meeting_detail", args=[meeting.pk]) + "#agenda")
    return _render_meeting(request, meeting, item_form=form, status=400)


def _get_item(pk) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting", "meeting__body", "action"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_delete(request, pk):
    item = _get_item(pk)
    _require_coordinator(request)
    url = item.meeting.get_absolute_url()
    if request.method == "POST":
        services.agenda_item_delete(item=item, user=request.user)
        messages.success(request, _("Het agendapunt is verwijderd."))
        return redirect(url + "#agenda")
    return render(request, "governance/confirm_delete.html", {
        "object_label": item.title, "question": _("Dit agendapunt met zijn beslissingen verwijderen?"),
        "cancel_url": url})


@login_required
@require_POST
def decision_create(request, pk):
    item = _get_item(pk)
    _require_coordinator(request)
    changes = selectors.linkable_status_changes(item.action) if item.action_id else None
    form = DecisionForm(request.POST, prefix=f"item{item.pk}", status_changes=changes)
    if form.is_valid():
        try:
            services.decision_create(item=item, user=request.user, text=form.cleaned_data["text"],
                                     responsible=form.cleaned_data["responsible"],
                                     due_date=form.cleaned_data["due_date"],
                                     status_change=form.cleaned_data.get("status_change"))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De beslissing is genoteerd."))
            return redirect(reverse("governance_meeting_detail", args=[item.meeting_id]) + f"#punt-{item.pk}")
    return _render_meeting(request, _get_meeting(item.meeting_id), decision_forms={item.pk: form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def decision_delete(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("agenda_item__meeting"), pk=pk)
    _require_coordinator(request)
    url = decision.agenda_item.meeting.get_absolute_url()
    if request.method == "POST":
        services.decision_delete(decision=decision, user=request.user)
        messages.success(request, _("De beslissing is verwijderd."))
        return redirect(url + "#agenda")
    return render(request, "governance/confirm_delete.html", {
        "object_label": decision.text[:80], "question": _("Deze beslissing verwijderen?"), "cancel_url": url})


def _docx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def meeting_agenda_docx(request, pk):
    meeting = _get_meeting(pk)
    return _docx_response(exports.agenda_docx(meeting), f"agenda-{meeting.date:%Y-%m-%d}.docx")


@login_required
@require_GET
def meeting_decisions_docx(request, pk):
    meeting = _get_meeting(pk)
    return _docx_response(exports.decisions_docx(meeting), f"beslissingen-{meeting.date:%Y-%m-%d}.docx")


@login_required
@require_POST
def action_escalate(request, pk):
    action = action_for_user(user=request.user, pk=pk)
    _require_coordinator(request)
    try:
        item = services.action_escalate(action=action, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(action)
    messages.success(request, _("%(code)s staat op de agenda van de stuurgroep van %(day)s.") % {
        "code": action.code, "day": item.meeting.date.strftime("%d/%m/%Y")})
    return redirect(action)

