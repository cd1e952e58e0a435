"""Server-rendered pages: home, working groups, membership, actions and their lifecycle.

The working-group pages live here rather than in ``werkgroepen`` because they show
actions and use the permission vocabulary of ``actieplan.permissions``; ``werkgroepen``
must not import ``actieplan``.

Every view reads top to bottom: get the object through a permission-checking helper,
validate with a form, call one service, redirect or render.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from actieplan.alignment import views as alignment_views
from common import exports as exports_lists
from common.exports import Column
from actieplan.actions import selectors, services
from actieplan.actions.forms import ActionForm, CommentForm, GroupSubmitForm, TransitionForm
from common.forms import add_service_errors
from actieplan.models import TRANSITIONS, Action, PolicyDomain, Status
from actieplan.permissions import MONITORING_STATUSES, perms_for
from common.ids import parse_id
from werkgroepen.forms import MembershipForm
from werkgroepen.models import Membership, WorkingGroup
from werkgroepen.people import person_name

PAGE_SIZE = 25

# Sortable columns of the action list: (ordering value of ActionFilter, column heading).
SORT_COLUMNS = [
    ("code", gettext_lazy("Code")),
    ("title", gettext_lazy("Titel")),
    ("working_group", gettext_lazy("Voorgesteld door")),
    ("lead_domain", gettext_lazy("Trekker")),
    ("status", gettext_lazy("Status")),
    ("planned_start", gettext_lazy("Geplande start")),
]


# --------------------------------------------------------------------------- helpers
def _get_action_for_user(request, pk, *, edit: bool = False) -> Action:
    """The action ``pk`` if the user may see it (else 404, like a missing id) and edit it, with ``edit`` (else 403)."""
    action = selectors.action_for_user(user=request.user, pk=pk)
    perms = perms_for(request.user)
    if edit and not perms.can_edit_action(action):
        raise PermissionDenied(_("U mag deze actie niet wijzigen."))
    return action


def _get_group_for_user(request, pk, *, manage: bool = False) -> WorkingGroup:
    group = get_object_or_404(WorkingGroup, pk=pk)
    perms = perms_for(request.user)
    if not perms.can_view_group(group):
        raise PermissionDenied(_("U hebt geen toegang tot deze werkgroep."))
    if manage and not perms.can_manage_members(group):
        raise PermissionDenied(_("Alleen de voorzitter van de werkgroep of een coördinator beheert de leden."))
    return group


def _transition_links(perms, action) -> list[dict]:
    links = []
    for to in perms.allowed_transitions(action):
        rule = TRANSITIONS[(action.status, to)]
        url = reverse("action_transition", args=[action.pk]) + "?" + QueryDict.fromkeys(["to"], to).urlencode()
        if to == Status.MERGED:  # merging needs the target action and what carries over
            url = reverse("alignment_merge", args=[action.pk])
        links.append({"to": to, "label": rule.label, "url": url, "to_label": Status(to).label})
    return links


# --------------------------------------------------------------------------- home
def _status_counts(actions) -> dict:
    return dict(actions.order_by().values_list("status").annotate(n=Count("pk")))


@login_required
def home(request):
    perms = perms_for(request.user)
    visible = selectors.actions_visible_to(request.user)
    context = {"perms": perms}

    if perms.member_group_ids:
        groups = (
            WorkingGroup.objects.filter(pk__in=perms.member_group_ids)
            .prefetch_related("barriers")
            .annotate(
                draft_count=Count("actions", filter=Q(actions__status=Status.DRAFT)),
                submitted_count=Count("actions", filter=Q(actions__status=Status.SUBMITTED)),
                action_count=Count("actions"),
            )
        )
        context["my_groups"] = [
            {
                "group": g,
                "is_chair": g.pk in perms.chair_group_ids,
                "can_submit": perms.can_submit_group(g) and g.draft_count,
            }
            for g in groups
        ]
    if perms.is_coordinator:
        counts = _status_counts(visible)
        context["status_counts"] = [(value, label, counts.get(value, 0)) for value, label in Status.choices]
        context["all_groups"] = WorkingGroup.objects.filter(is_active=True).annotate(
            action_count=Count("actions"),
            submitted_count=Count("actions", filter=Q(actions__status=Status.SUBMITTED)),
        )
    if perms.contact_domain_ids:
        domains = PolicyDomain.objects.filter(pk__in=perms.contact_domain_ids)
        context["my_domains"] = domains
        context["domain_actions"] = (
            visible.filter(Q(lead_domain__in=perms.contact_domain_ids) | Q(proposing_domain__in=perms.contact_domain_ids))
            .select_related(*selectors.LIST_RELATED)
            .order_by("code", "pk")[:50]
        )
    if perms.is_cabinet:
        counts = _status_counts(visible)
        context["cabinet_counts"] = [
            (value, label, counts.get(value, 0)) for value, label in Status.choices if counts.get(value)
        ]
    return render(request, "home.html", context)


# --------------------------------------------------------------------------- working groups
@login_required
def group_list(request):
    groups = WorkingGroup.objects.prefetch_related("barriers", "target_groups").annotate(
        member_count=Count("memberships", distinct=True)
    )
    return render(request, "werkgroepen/group_list.html", {"groups": groups})


@login_required
def group_detail(request, pk):
    # Queries: group, memberships (+user, domain, organisation), filter's working-group check,
    # count and one page of actions (+barrier, group, domains); plus session, user and permissions.
    group = _get_group_for_user(request, pk)
    perms = perms_for(request.user)
    memberships = group.memberships.select_related("user", "policy_domain", "organisation")
    _filterset, actions = selectors.action_list(user=request.user, params={"working_group": str(group.pk)})
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "group": group,
        "memberships": memberships,
        "page": page,
        "actions": page.object_list,
        "can_manage": perms.can_manage_members(group),
        "can_create": perms.can_create_action_in(group),
        "can_submit": perms.can_submit_group(group),
    }
    return render(request, "werkgroepen/group_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_members(request, pk):
    group = _get_group_for_user(request, pk, manage=True)
    if request.method == "POST":
        form = MembershipForm(request.POST, group=group)
        if form.is_valid():
            membership = form.save()
            messages.success(
                request,
                _("%(user)s is toegevoegd als %(role)s.")
                % {"user": person_name(membership.user),
                   "role": membership.get_role_display()},
            )
            return redirect("group_members", pk=group.pk)
        status = 400
    else:
        form = MembershipForm(group=group)
        status = 200
    memberships = group.memberships.select_related("user", "policy_domain", "organisation")
    candidates = (
        get_user_model().objects.filter(is_active=True)
        .exclude(memberships__working_group=group)
        .order_by("last_name", "first_name", "username")
        .only("username", "first_name", "last_name")
    )
    return render(
        request,
        "werkgroepen/group_members.html",
        {"group": group, "memberships": memberships, "form": form, "candidates": candidates},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_delete(request, pk, membership_pk):
    group = _get_group_for_user(request, pk, manage=True)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "policy_domain", "organisation"), pk=membership_pk, working_group=group
    )
    if request.method == "POST":
        name = person_name(membership.user)
        membership.delete()
        messages.success(request, _("%(user)s is geen lid meer van %(group)s.") % {"user": name, "group": group.name})
        return redirect("group_members", pk=group.pk)
    return render(request, "werkgroepen/membership_confirm_delete.html", {"group": group, "membership": membership})


@login_required
@require_http_methods(["GET", "POST"])
def group_submit(request, pk):
    """A chair ticks draft actions, confirms, and submits them for alignment in one go."""
    group = _get_group_for_user(request, pk)
    perms = perms_for(request.user)
    if not perms.can_submit_group(group):
        raise PermissionDenied(_("Alleen de voorzitter van de werkgroep of een coördinator dient acties in."))
    _filterset, drafts = selectors.action_list(
        user=request.user, params={"working_group": str(group.pk), "status": [Status.DRAFT]}
    )
    submittable = [a.pk for a in drafts if perms.can_transition(a, Status.SUBMITTED)]
    queryset = drafts.filter(pk__in=submittable)
    step = request.POST.get("step", "choose")

    if request.method == "POST":
        form = GroupSubmitForm(request.POST, queryset=queryset)
        if form.is_valid():
            chosen = list(form.cleaned_data["actions"])
            if step == "confirm":
                try:
                    services.actions_submit(actions=chosen, user=request.user)
                except (services.TransitionNotAllowed, PermissionDenied, ValidationError) as error:
                    message = error.messages if isinstance(error, ValidationError) else [str(error)]
                    form.add_error(None, message)
                else:
                    messages.success(
                        request,
                        ngettext("%(n)s actie ingediend voor afstemming: %(codes)s.",
                                 "%(n)s acties ingediend voor afstemming: %(codes)s.", len(chosen))
                        % {"n": len(chosen), "codes": ", ".join(a.code for a in chosen)},
                    )
                    return redirect("group_detail", pk=group.pk)
            else:
                return render(request, "werkgroepen/group_submit_confirm.html", {"group": group, "chosen": chosen})
        return render(request, "werkgroepen/group_submit.html", {"group": group, "form": form}, status=400)

    form = GroupSubmitForm(queryset=queryset)
    return render(request, "werkgroepen/group_submit.html", {"group": group, "form": form})


# --------------------------------------------------------------------------- actions
def _sort_links(request, current: str) -> list[dict]:
    current = current or "code"
    columns = []
    for value, label in SORT_COLUMNS:
        params = request.GET.copy()
        params.pop("page", None)
        if current == value:
            params["ordering"] = f"-{value}"
            aria_sort = "ascending"
        elif current == f"-{value}":
            params["ordering"] = value
            aria_sort = "descending"
        else:
            params["ordering"] = value
            aria_sort = None
        columns.append({"value": value, "label": label, "query": params.urlencode(), "aria_sort": aria_sort})
    return columns


# The action list page (/acties/): its columns, plus the ids of the related objects.
ACTION_LIST_COLUMNS = [
    Column("ID", "pk"),
    Column(_("Code"), "code"),
    Column(_("Titel"), "title"),
    Column(_("Voorgesteld door"), "proposer_name"),
    Column(_("Werkgroep-ID"), "working_group_id"),
    Column(_("Voorstellend beleidsdomein-ID"), lambda a: None if a.working_group_id else a.proposing_domain_id),
    Column(_("Trekker"), "lead_domain.name"),
    Column(_("Trekker-ID"), "lead_domain_id"),
    Column(_("Status"), "status"),
    Column(_("Geplande start"), "planned_start"),
]


@login_required
def action_list(request):
    # Queries: session, user, permissions (profile, memberships, profile domains), the filter
    # form's four choice lists, count, one page of actions with barrier, group and domains.
    filterset, actions = selectors.action_list(user=request.user, params=request.GET)
    if response := exports_lists.export_if_requested(request, actions, ACTION_LIST_COLUMNS, "acties"):
        return response  # ?format=xlsx|csv: every filtered row, not one page
    paginator = Paginator(actions, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page_params = request.GET.copy()
    page_params.pop("page", None)
    form = filterset.form
    form.fields["status"].widget = forms.CheckboxSelectMultiple(choices=form.fields["status"].choices)
    for name in ("barrier", "target_group", "working_group", "lead_domain"):
        form.fields[name].empty_label = _("— Alle —")
    context = {
        "filter_form": form,
        "filter_fields": [form[name] for name in ("search", "barrier", "target_group", "working_group", "lead_domain")],
        "status_field": form["status"],
        "page": page,
        "actions": page.object_list,
        "columns": _sort_links(request, request.GET.get("ordering", "")),
        "page_query": page_params.urlencode(),
        "is_filtered": any(request.GET.get(k) for k in ("search", "barrier", "target_group", "working_group",
                                                         "lead_domain", "status")),
        "filter_invalid": not filterset.is_valid(),
    }
    return render(request, "actieplan/action_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request):
    perms = perms_for(request.user)
    proposer = {}
    group_id, domain_id = parse_id(request.GET.get("working_group")), parse_id(request.GET.get("domain"))
    if group_id:
        group = get_object_or_404(WorkingGroup, pk=group_id)
        if not perms.can_create_action_in(group):
            raise PermissionDenied(_("U kunt geen acties toevoegen aan deze werkgroep."))
        proposer = {"working_group": group}
    elif domain_id:
        domain = get_object_or_404(PolicyDomain, pk=domain_id)
        if not perms.can_propose_for_domain(domain):
            raise PermissionDenied(_("U kunt geen acties voorstellen voor dit beleidsdomein."))
        proposer = {"proposing_domain": domain}
    else:
        if not perms.can_create_actions:
            raise PermissionDenied(_("U kunt geen acties aanmaken."))
        return _choose_proposer(request, perms)

    instance = Action(**proposer)
    if request.method == "POST":
        form = ActionForm(request.POST, instance=instance)
        if form.is_valid():
            data, m2m = form.service_data()
            try:
                action = services.action_create(user=request.user, data={**data, **proposer}, m2m=m2m)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Actie %(code)s is aangemaakt.") % {"code": action.code})
                return redirect(action)
        status = 400
    else:
        form = ActionForm(instance=instance)
        status = 200
    context = {"form": form, "proposer": proposer.get("working_group") or proposer.get("proposing_domain"),
               "is_create": True}
    return render(request, "actieplan/action_form.html", context, status=status)


def _choose_proposer(request, perms):
    """Without a working group or domain in the URL: let the user pick where the action belongs."""
    groups = [g for g in WorkingGroup.objects.filter(is_active=True) if perms.can_create_action_in(g)]
    domains = [d for d in PolicyDomain.objects.all() if perms.can_propose_for_domain(d)]
    return render(request, "actieplan/action_choose_proposer.html", {"groups": groups, "domains": domains})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = _get_action_for_user(request, pk, edit=True)
    heading = str(action)
    conflict = None
    if request.method == "POST":
        form = ActionForm(request.POST, instance=action, editing=True)
        status = 400
        if form.is_valid():
            data, m2m = form.service_data()
            try:
                action = services.action_update(
                    action=action, user=request.user, data=data, m2m=m2m,
                    expected_version=form.cleaned_data["version"],
                )
            except services.EditConflict as error:
                conflict = error
                # Keep the user's input; take the current version so a second save overwrites knowingly.
                data = request.POST.copy()
                data["version"] = str(error.action.version)
                form = ActionForm(data, instance=selectors.action_detail(pk=pk), editing=True)
                form.is_valid()
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Actie %(code)s is opgeslagen.") % {"code": action.code})
                return redirect(action)
    else:
        form = ActionForm(instance=action, editing=True)
        status = 200
    context = {"form": form, "action": action, "heading": heading, "conflict": conflict, "is_create": False}
    return render(request, "actieplan/action_form.html", context, status=status)


def _render_detail(request, action, comment_form=None, status=200):
    perms = perms_for(request.user)
    context = {
        "action": action,
        "can_edit": perms.can_edit_action(action),
        "can_comment": perms.can_comment_action(action),
        "transitions": _transition_links(perms, action),
        "history": selectors.action_history(action),
        "comment_form": comment_form or CommentForm(),
        "alignment": alignment_views.action_panel_context(request, action),  # merge, lineage, links, similar
        "monitored_statuses": MONITORING_STATUSES,  # the progress panel (monitoring's template tag)
    }
    return render(request, "actieplan/action_detail.html", context, status=status)


@login_required
def action_detail(request, pk):
    action = _get_action_for_user(request, pk)
    return _render_detail(request, action)


@login_required
@require_POST
def comment_create(request, pk):
    action = _get_action_for_user(request, pk)
    if not perms_for(request.user).can_comment_action(action):
        raise PermissionDenied(_("U mag bij deze actie geen opmerkingen plaatsen."))
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_create(action=action, user=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uw opmerking is geplaatst."))
            return redirect(reverse("action_detail", args=[action.pk]) + "#opmerkingen")
    return _render_detail(request, action, comment_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def action_transition(request, pk):
    action = _get_action_for_user(request, pk)
    perms = perms_for(request.user)
    to = request.POST.get("to") or request.GET.get("to") or ""
    back = alignment_views._next_url(request, "")  # from the alignment board: return there
    context = {"action": action, "to": to, "to_label": dict(Status.choices).get(to, to), "next": back}
    rule = TRANSITIONS.get((action.status, to))
    if to not in Status.values:
        context["error"] = _("Onbekende status ‘%(to)s’.") % {"to": to}
        return render(request, "actieplan/action_transition.html", context, status=400)
    if rule is None:
        context["error"] = _("Een actie met status ‘%(from)s’ kan niet naar ‘%(to)s’.") % {
            "from": action.get_status_display(), "to": context["to_label"]}
        return render(request, "actieplan/action_transition.html", context, status=409)
    if not perms.can_transition(action, to):
        raise PermissionDenied(_("U mag deze statuswijziging niet uitvoeren."))
    context["rule"] = rule
    if request.method == "POST":
        form = TransitionForm(request.POST, reason_required=rule.reason_required)
        status = 400
        if form.is_valid():
            try:
                services.action_transition(action=action, to=to, user=request.user,
                                           reason=form.cleaned_data["reason"])
            except services.TransitionNotAllowed as error:
                form.add_error(None, str(error))
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("De status van %(code)s is nu ‘%(status)s’.") % {"code": action.code, "status": context["to_label"]},
                )
                return redirect(back or action)
    else:
        form = TransitionForm(reason_required=rule.reason_required)
        status = 200
    context["form"] = form
    return render(request, "actieplan/action_transition.html", context, status=status)
