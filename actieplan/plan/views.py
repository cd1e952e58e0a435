"""Pages of the overarching plan (phase 3).

Every view reads top to bottom: get the plan through ``_get_plan_for_user`` (which asks
the permission vocabulary), validate with a form, call one service in
``plan_services``, redirect or render. The plan's content is always rendered from a
snapshot (``plan_selectors.plan_snapshot`` for the live plan, ``PlanVersion.snapshot``
for a frozen version), so the page, the versions and the exports agree.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from actieplan.plan import selectors as sel
from actieplan.plan import services as svc
from actieplan.models import Action, AssignmentState, Milestone, PlanItem, PlanStatus
from actieplan.permissions import perms_for
from actieplan.plan.forms import (
    AssignmentResponseForm,
    ChapterForm,
    FinaliseForm,
    ItemAddForm,
    ItemChapterForm,
    MilestoneForm,
    PlanForm,
    SignOffForm,
    TrajectoryForm,
)
from actieplan.actions.services import EditConflict, TransitionNotAllowed
from common.forms import add_service_errors
from common.ids import parse_id

EXPORT_FORMATS = [("pdf", "PDF"), ("docx", "Word (DOCX)"), ("xlsx", "Excel (XLSX)"), ("csv", "CSV")]


# --------------------------------------------------------------------------- helpers
def _get_plan_for_user(request, pk, *, manage: bool = False):
    plan = sel.plan_get(pk)
    perms = perms_for(request.user)
    if not perms.can_view_plan:
        raise PermissionDenied(_("U hebt geen toegang tot dit actieplan."))
    if manage and not perms.can_manage_plans:
        raise PermissionDenied(_("Alleen een coördinator stelt het actieplan samen."))
    return plan


class NewVersionFirst(Exception):
    """An edit of a final plan: the coordinator first confirms that it starts a new draft version."""

    def __init__(self, plan):
        self.plan = plan


def _get_plan_to_edit(request, pk):
    """The plan for an edit; a final plan is never changed without the coordinator confirming first."""
    plan = _get_plan_for_user(request, pk, manage=True)
    if plan.status == PlanStatus.FINAL:
        raise NewVersionFirst(plan)
    return plan


def _new_version_first(view):
    """Send an edit of a final plan to the confirmation "this starts version N+1 (ontwerp)" and back."""
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NewVersionFirst as stop:
            plan = stop.plan
            back = request.get_full_path() if request.method == "GET" else reverse("plan_detail", args=[plan.pk])
            if request.method != "GET":
                messages.warning(request, _("Er is niets gewijzigd: bevestig eerst dat u een nieuwe ontwerpversie "
                                            "start."))
            return redirect(reverse("plan_reopen", args=[plan.pk]) + "?" + urlencode({"next": back}))
    return wrapper


def _error_message(request, error: Exception):
    if isinstance(error, ValidationError):
        text = " ".join(m for ms in error.message_dict.values() for m in ms) if hasattr(error, "error_dict") \
            else " ".join(error.messages)
    else:
        text = str(error)
    messages.error(request, text)


def _export_links(plan, version=None) -> list[dict]:
    links = []
    for fmt, label in EXPORT_FORMATS:
        url = reverse("api:plan-export", kwargs={"id": plan.pk, "fmt": fmt})
        if version:
            url += f"?version={version}"
        links.append({"format": fmt, "label": label, "url": url})
    return links


class _Link:
    """``reverse()`` once per URL name, the last id filled in per action (a page links each action four times)."""

    SENTINEL = "987654321987"

    def __init__(self, name: str, *args):
        self.url = reverse(name, args=[*args, self.SENTINEL])

    def __call__(self, pk) -> str:
        return self.url.replace(self.SENTINEL, str(pk))


def _add_links(plan, actions: list[dict], *, editable: bool = False) -> None:
    """The links of each action block (its page; and the tools when ``editable``)."""
    detail = _Link("action_detail")
    if editable:
        move, remove = _Link("plan_item_move", plan.pk), _Link("plan_item_remove", plan.pk)
        trajectory = _Link("plan_action_trajectory", plan.pk)
    for a in actions:
        a["links"] = {"detail": detail(a["id"])}
        if editable:
            a["links"].update(move=move(a["item_id"]), remove=remove(a["item_id"]), trajectory=trajectory(a["id"]))


def _version_label(number: int, final: bool) -> str:
    return (_("versie %(n)s") if final else _("versie %(n)s (ontwerp)")) % {"n": number}


# --------------------------------------------------------------------------- plans
@login_required
def plan_list(request):
    perms = perms_for(request.user)
    if not perms.can_view_plan:
        raise PermissionDenied
    plans = sel.plans_visible_to(request.user)
    return render(request, "actieplan/plan/plan_list.html", {"plans": plans, "can_manage": perms.can_manage_plans})


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    if not perms_for(request.user).can_manage_plans:
        raise PermissionDenied(_("Alleen een coördinator maakt een actieplan aan."))
    form = PlanForm(request.POST or None)
    preview = _preview(request, form, "introduction", "conclusion")
    if request.method == "POST" and preview is None and form.is_valid():
        try:
            plan = svc.plan_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het actieplan is aangemaakt met een hoofdstuk per prioritaire drempel."))
            return redirect("plan_detail", pk=plan.pk)
    status = 400 if form.errors else 200
    return render(request, "actieplan/plan/plan_form.html", {"form": form, "plan": None, "preview": preview},
                  status=status)


def _preview(request, form, *names) -> list[dict] | None:
    """The formatted texts as they will look, when the "Voorbeeld" button was used (nothing is saved)."""
    if request.method != "POST" or "preview" not in request.POST:
        return None
    return [{"label": form[name].label, "text": form.data.get(name, "")} for name in names]


@login_required
def plan_detail(request, pk):
    # Queries: plan; the chapters with their counts (cached); one page of items: their ids, then
    # with their actions, partner organisations and domains, milestones, assignments; sign-offs;
    # latest version number; for coordinators the problems (incomplete actions and declines: first
    # rows and counts) and the eligible actions (both cached), the chapters of the add form.
    plan = _get_plan_for_user(request, pk)
    perms = perms_for(request.user)
    shown = sel.plan_page(plan, request.GET.get("page"))
    for chapter in shown["chapters"]:
        chapter["actions"], _none = sel.redact_answers(perms, chapter["actions"])
        for a in chapter["actions"]:
            a["missing"] = sel.action_missing(a)
        _add_links(plan, chapter["actions"], editable=perms.can_manage_plans)
    signoffs = sel.live_signoffs(plan)
    latest = sel.latest_version_number(plan)
    number = sel.current_number(plan, latest)
    context = {
        "plan": plan,
        "doc": {"plan": sel.plan_texts(plan), "chapters": shown["chapters"], "signoffs": signoffs},
        "page": shown["page"],
        "toc": shown["toc"],
        "chapter_choices": shown["all_chapters"],
        "can_manage": perms.can_manage_plans,
        "latest": latest,
        "number": number,
        "version_label": _version_label(number, plan.status == PlanStatus.FINAL),
        "problems": {},
        "problem_lines": [],
        "declines": [],
        "exports": _export_links(plan),
        "my_signoffs": [s for s in signoffs if s["domain_id"] in perms.contact_domain_ids],
    }
    if perms.can_manage_plans:
        action_count = shown["page"].paginator.count
        problems = sel.live_problems(plan, signoffs, action_count)
        detail = _Link("action_detail")
        declines = [{**d, "link": detail(d["action_id"])} for d in problems["declined"]]
        context.update(problems=problems, problem_lines=sel.problem_lines(problems), declines=declines,
                       more_declines=problems["declined_count"] - len(declines))
        eligible = sel.eligible_choices(plan)
        context["add_form"] = ItemAddForm(plan=plan, actions=Action.objects.none(), choices=eligible)
        context["has_eligible"] = bool(eligible)
    return render(request, "actieplan/plan/plan_detail.html", context)


def _plan_url(plan, *, item=None, chapter=None, anchor: str = "") -> str:
    """The plan page showing ``item`` (or where ``chapter`` starts), scrolled to ``anchor``."""
    number = sel.item_page(plan, item) if item is not None else sel.chapter_page(plan, chapter) if chapter else 1
    url = reverse("plan_detail", args=[plan.pk])
    return url + (f"?page={number}" if number > 1 else "") + (f"#{anchor}" if anchor else "")


@_new_version_first
@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = _get_plan_to_edit(request, pk)
    initial = {"title": plan.title, "introduction": plan.introduction, "conclusion": plan.conclusion}
    form = PlanForm(request.POST or None, initial=initial)
    preview = _preview(request, form, "introduction", "conclusion")
    if request.method == "POST" and preview is None and form.is_valid():
        try:
            svc.plan_update(plan=plan, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De teksten van het actieplan zijn opgeslagen."))
            return redirect("plan_detail", pk=plan.pk)
    status = 400 if form.errors else 200
    return render(request, "actieplan/plan/plan_form.html", {"form": form, "plan": plan, "preview": preview},
                  status=status)


# --------------------------------------------------------------------------- chapters
def _chapter(plan, chapter_pk):
    return get_object_or_404(plan.chapters.select_related("barrier"), pk=chapter_pk)


@_new_version_first
@login_required
@require_http_methods(["GET", "POST"])
def chapter_create(request, pk):
    plan = _get_plan_to_edit(request, pk)
    form = ChapterForm(request.POST or None)
    preview = _preview(request, form, "introduction")
    if request.method == "POST" and preview is None and form.is_valid():
        try:
            svc.chapter_create(plan=plan, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het hoofdstuk is toegevoegd."))
            return redirect("plan_detail", pk=plan.pk)
    status = 400 if form.errors else 200
    return render(request, "actieplan/plan/chapter_form.html", {"form": form, "plan": plan, "chapter": None,
                                                                  "preview": preview},
                  status=status)


@_new_version_first
@login_required
@require_http_methods(["GET", "POST"])
def chapter_edit(request, pk, chapter_pk):
    plan = _get_plan_to_edit(request, pk)
    chapter = _chapter(plan, chapter_pk)
    initial = {"title": chapter.title, "barrier": chapter.barrier, "introduction": chapter.introduction}
    form = ChapterForm(request.POST or None, initial=initial)
    preview = _preview(request, form, "introduction")
    if request.method == "POST" and preview is None and form.is_valid():
        try:
            svc.chapter_update(chapter=chapter, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het hoofdstuk is opgeslagen."))
            return redirect("plan_detail", pk=plan.pk)
    status = 400 if form.errors else 200
    return render(request, "actieplan/plan/chapter_form.html", {"form": form, "plan": plan, "chapter": chapter,
                                                                  "preview": preview},
                  status=status)


@_new_version_first
@login_required
@require_POST
def chapter_move(request, pk, chapter_pk):
    plan = _get_plan_to_edit(request, pk)
    chapter = _chapter(plan, chapter_pk)
    svc.chapter_move(chapter=chapter, user=request.user, direction=request.POST.get("direction", ""))
    chapter.refresh_from_db(fields=["order"])
    return redirect(_plan_url(plan, chapter=chapter, anchor=f"hoofdstuk-{chapter.pk}"))


@_new_version_first
@login_required
@require_POST
def chapter_delete(request, pk, chapter_pk):
    plan = _get_plan_to_edit(request, pk)
    chapter = _chapter(plan, chapter_pk)
    try:
        svc.chapter_delete(chapter=chapter, user=request.user)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("Het hoofdstuk ‘%(title)s’ is verwijderd.") % {"title": chapter.title})
    return redirect("plan_detail", pk=plan.pk)


# --------------------------------------------------------------------------- actions in the plan
def _item(plan, item_pk):
    return get_object_or_404(PlanItem.objects.select_related("chapter", "action", "plan"), pk=item_pk, plan=plan)


@_new_version_first
@login_required
@require_POST
def item_add(request, pk):
    plan = _get_plan_to_edit(request, pk)
    form = ItemAddForm(request.POST, plan=plan, actions=Action.objects.all())
    if not form.is_valid():
        _error_message(request, ValidationError(form.errors))
        return redirect("plan_detail", pk=plan.pk)
    action, chapter = form.cleaned_data["action"], form.cleaned_data["chapter"]
    try:
        item = svc.item_add(plan=plan, chapter=chapter, action=action, user=request.user)
    except ValidationError as error:
        _error_message(request, error)
        return redirect(_plan_url(plan, chapter=chapter, anchor=f"hoofdstuk-{chapter.pk}"))
    messages.success(request, _("%(code)s staat nu in hoofdstuk ‘%(chapter)s’.") % {
        "code": action.code, "chapter": chapter.title})
    return redirect(_plan_url(plan, item=item, anchor=f"item-{item.pk}"))


@_new_version_first
@login_required
@require_POST
def item_move(request, pk, item_pk):
    plan = _get_plan_to_edit(request, pk)
    item = _item(plan, item_pk)
    if "chapter" in request.POST:
        form = ItemChapterForm(request.POST, plan=plan)
        if not form.is_valid():
            _error_message(request, ValidationError(form.errors))
            return redirect("plan_detail", pk=plan.pk)
        svc.item_move(item=item, user=request.user, chapter=form.cleaned_data["chapter"])
        messages.success(request, _("%(code)s staat nu in hoofdstuk ‘%(chapter)s’.") % {
            "code": item.action.code, "chapter": form.cleaned_data["chapter"].title})
    else:
        svc.item_move(item=item, user=request.user, direction=request.POST.get("direction", ""))
    item = _item(plan, item.pk)
    return redirect(_plan_url(plan, item=item, anchor=f"item-{item.pk}"))


@_new_version_first
@login_required
@require_POST
def item_remove(request, pk, item_pk):
    plan = _get_plan_to_edit(request, pk)
    item = _item(plan, item_pk)
    svc.item_remove(item=item, user=request.user)
    messages.success(request, _("%(code)s is uit het actieplan gehaald.") % {"code": item.action.code})
    return redirect(_plan_url(plan, chapter=item.chapter, anchor=f"hoofdstuk-{item.chapter_id}"))


def _plan_item_of(plan, action_pk) -> PlanItem:
    return get_object_or_404(PlanItem.objects.select_related("action", "chapter"), plan=plan, action_id=action_pk)


def _plan_action(plan, action_pk) -> Action:
    return _plan_item_of(plan, action_pk).action


MILESTONE_PREFIX = "mijlpaal"


def _milestone_requested(request) -> bool:
    """The coordinator pressed "Mijlpaal toevoegen" or filled in one of the milestone's fields."""
    if request.POST.get("submit") == "milestone":
        return True
    return any((request.POST.get(f"{MILESTONE_PREFIX}-{name}") or "").strip()
               for name in ("title", "due_date", "description"))


@_new_version_first
@login_required
@require_http_methods(["GET", "POST"])
def action_trajectory(request, pk, action_pk):
    """Lead, partners, planned start and end, and milestones of an action in the plan: one form.

    "Traject opslaan" and "Mijlpaal toevoegen" submit the same form, so a new milestone never
    throws away unsaved changes to the lead, partners or dates: both are saved together, or
    neither (and the page comes back with everything the coordinator typed).
    """
    plan = _get_plan_to_edit(request, pk)
    item = _plan_item_of(plan, action_pk)
    action = item.action
    data = request.POST if request.method == "POST" else None
    form = TrajectoryForm(data, instance=action, initial={"version": action.version})
    wants_milestone = request.method == "POST" and _milestone_requested(request)
    milestone_form = MilestoneForm(data if wants_milestone else None, prefix=MILESTONE_PREFIX)
    to_delete = None
    if request.method == "POST" and request.POST.get("delete_milestone"):
        to_delete = get_object_or_404(Milestone, pk=parse_id(request.POST["delete_milestone"]), action=action)
    status = 200
    if request.method == "POST":
        if form.is_valid() and (not wants_milestone or milestone_form.is_valid()):
            try:
                with transaction.atomic():
                    trajectory_changed = bool(set(form.changed_data) - {"version"})
                    if trajectory_changed:
                        values = {k: form.cleaned_data[k] for k in ("lead_domain", "planned_start", "planned_end")}
                        m2m = {k: form.cleaned_data[k] for k in ("partner_domains", "partner_organisations")}
                        svc.trajectory_update(action=Action.objects.get(pk=action.pk), user=request.user,
                                              data=values, m2m=m2m, expected_version=form.cleaned_data["version"])
                    if wants_milestone:
                        try:
                            svc.milestone_create(action=Action.objects.get(pk=action.pk), user=request.user,
                                                 **milestone_form.cleaned_data)
                        except ValidationError as error:
                            add_service_errors(milestone_form, error)
                            raise
                    if to_delete is not None:
                        svc.milestone_delete(milestone=to_delete, user=request.user)
            except EditConflict as conflict:
                form.add_error(None, conflict.message)
            except ValidationError as error:
                if not milestone_form.errors:
                    add_service_errors(form, error)
            else:
                if wants_milestone or to_delete is not None:
                    done = []
                    if wants_milestone:
                        done.append(_("De mijlpaal ‘%(title)s’ is toegevoegd.") % {
                            "title": milestone_form.cleaned_data["title"]})
                    if to_delete is not None:
                        done.append(_("De mijlpaal ‘%(title)s’ is verwijderd.") % {"title": to_delete.title})
                    if trajectory_changed:
                        done.append(_("De wijzigingen aan het traject zijn ook opgeslagen."))
                    messages.success(request, " ".join(done))
                    return redirect("plan_action_trajectory", pk=plan.pk, action_pk=action.pk)
                messages.success(request, _("Het traject van %(code)s is opgeslagen.") % {"code": action.code})
                return redirect(_plan_url(plan, item=item, anchor=f"actie-{action.pk}"))
        status = 400
    return render(request, "actieplan/plan/trajectory.html", {
        "plan": plan, "action": action, "form": form, "milestones": action.milestones.order_by("due_date", "id"),
        "milestone_form": milestone_form, "signed_lead": sel.signed_lead_signoff(plan, action),
    }, status=status)


@_new_version_first
@login_required
@require_POST
def milestone_add(request, pk, action_pk):
    """A milestone on its own (kept for scripts); the page itself posts the one trajectory form."""
    plan = _get_plan_to_edit(request, pk)
    action = _plan_action(plan, action_pk)
    data = {f"{MILESTONE_PREFIX}-{key}": request.POST.get(key, "") for key in ("title", "due_date", "description")}
    form = MilestoneForm(data, prefix=MILESTONE_PREFIX)
    if form.is_valid():
        try:
            svc.milestone_create(action=action, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De mijlpaal is toegevoegd."))
            return redirect("plan_action_trajectory", pk=plan.pk, action_pk=action.pk)
    trajectory = TrajectoryForm(instance=action, initial={"version": action.version})
    return render(request, "actieplan/plan/trajectory.html", {
        "plan": plan, "action": action, "form": trajectory, "milestones": action.milestones.order_by("due_date", "id"),
        "milestone_form": form, "signed_lead": sel.signed_lead_signoff(plan, action),
    }, status=400)


@_new_version_first
@login_required
@require_POST
def milestone_delete(request, pk, action_pk, milestone_pk):
    plan = _get_plan_to_edit(request, pk)
    action = _plan_action(plan, action_pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, action=action)
    svc.milestone_delete(milestone=milestone, user=request.user)
    messages.success(request, _("De mijlpaal ‘%(title)s’ is verwijderd.") % {"title": milestone.title})
    return redirect("plan_action_trajectory", pk=plan.pk, action_pk=action.pk)


# --------------------------------------------------------------------------- state of the plan
@login_required
@require_http_methods(["GET", "POST"])
def plan_consult(request, pk):
    plan = _get_plan_for_user(request, pk, manage=True)
    if request.method == "POST":
        try:
            svc.plan_consult(plan=plan, user=request.user)
        except (ValidationError, TransitionNotAllowed) as error:
            _error_message(request, error)
        else:
            messages.success(request, _("Het actieplan is in consultatie: de trekkende beleidsdomeinen kunnen ondertekenen."))
        return redirect("plan_detail", pk=plan.pk)
    return render(request, "actieplan/plan/plan_confirm.html", {
        "plan": plan, "step": "consult",
        "title": _("Actieplan in consultatie brengen"),
        "text": _("Elk beleidsdomein dat acties trekt, krijgt de vraag om zijn acties te ondertekenen."),
        "button": _("In consultatie brengen"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def plan_reopen(request, pk):
    plan = _get_plan_for_user(request, pk, manage=True)
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    if request.method == "POST":
        try:
            svc.plan_reopen(plan=plan, user=request.user)
        except TransitionNotAllowed as error:
            _error_message(request, error)
        else:
            messages.success(request, _("Het actieplan is opnieuw een ontwerp."))
        return redirect(back or reverse("plan_detail", args=[plan.pk]))
    final = plan.status == PlanStatus.FINAL
    if final:
        latest = sel.latest_version_number(plan)
        title = _("Nieuwe ontwerpversie starten")
        text = _("Versie %(latest)s van het actieplan is definitief. Wie het actieplan wijzigt, start versie "
                 "%(next)s (ontwerp): versie %(latest)s blijft ongewijzigd bewaard en alle ondertekeningen staan "
                 "opnieuw open.") % {"latest": latest, "next": latest + 1}
        button = _("Versie %(next)s (ontwerp) starten") % {"next": latest + 1}
    else:
        title = button = _("Terug naar ontwerp")
        text = _("De consultatie stopt; de ondertekeningen blijven bewaard tot een actie wijzigt.")
    return render(request, "actieplan/plan/plan_confirm.html", {
        "plan": plan, "step": "reopen", "title": title, "text": text, "button": button, "next": back,
    })


@login_required
@require_http_methods(["GET", "POST"])
def plan_finalise(request, pk):
    plan = _get_plan_for_user(request, pk, manage=True)
    action_count = PlanItem.objects.filter(plan=plan).count()
    problems = sel.live_problems(plan, sel.live_signoffs(plan), action_count)
    form = FinaliseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                version = svc.plan_finalise(plan=plan, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except TransitionNotAllowed as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Versie %(n)s van het actieplan is definitief (%(ref)s).") % {
                    "n": version.number, "ref": version.vr_reference})
                return redirect("plan_detail", pk=plan.pk)
        status = 400
    latest = sel.latest_version_number(plan)
    return render(request, "actieplan/plan/plan_finalise.html", {
        "plan": plan, "form": form, "problems": problems, "problem_lines": sel.problem_lines(problems),
        "incomplete": sel.has_problems(problems), "number": latest + 1, "action_count": action_count,
    }, status=status)


# --------------------------------------------------------------------------- sign-offs
@login_required
def plan_signoffs(request, pk):
    plan = _get_plan_for_user(request, pk, manage=True)
    counts = sel.lead_counts(plan)
    rows = [{**s, "count": counts.get(s["domain_id"], 0)} for s in sel.live_signoffs(plan)]
    return render(request, "actieplan/plan/signoffs.html", {"plan": plan, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def plan_signoff(request, pk, signoff_pk):
    """A domain contact reviews the actions their domain leads and signs off."""
    plan = _get_plan_for_user(request, pk)
    signoff = sel.signoff_get(plan, signoff_pk)
    perms = perms_for(request.user)
    if not perms.can_view_signoff(signoff):
        raise PermissionDenied(_("Alleen de contactpersoon van %(domain)s of een coördinator ziet deze pagina.") % {
            "domain": signoff.domain.name})
    can_sign = perms.can_sign_off(signoff) and plan.status == PlanStatus.IN_CONSULTATION
    form = SignOffForm(request.POST or None, initial={"remark": signoff.remark})
    status = 200
    if request.method == "POST":
        if not perms.can_sign_off(signoff):
            raise PermissionDenied(_("Alleen de contactpersoon van %(domain)s ondertekent.") % {
                "domain": signoff.domain.name})
        if form.is_valid():
            try:
                svc.signoff_sign(signoff=signoff, user=request.user, remark=form.cleaned_data["remark"])
            except (ValidationError, TransitionNotAllowed) as error:
                _error_message(request, error)
                return redirect("plan_signoff", pk=plan.pk, signoff_pk=signoff.pk)
            messages.success(request, _("%(domain)s heeft het actieplan ondertekend.") % {"domain": signoff.domain.name})
            return redirect("plan_signoff", pk=plan.pk, signoff_pk=signoff.pk)
        status = 400
    page = sel.led_actions_page(plan, signoff.domain_id, request.GET.get("page"))
    actions, _none = sel.redact_answers(perms, page.object_list)
    for a in actions:
        a["missing"] = sel.action_missing(a)
    _add_links(plan, actions)
    return render(request, "actieplan/plan/signoff.html", {
        "plan": plan, "signoff": signoff, "actions": actions, "page": page, "form": form, "can_sign": can_sign,
    }, status=status)


# --------------------------------------------------------------------------- versions, diff, timeline
@login_required
def plan_versions(request, pk):
    plan = _get_plan_for_user(request, pk)
    versions = plan.versions.select_related("finalised_by").defer("snapshot").order_by("-number")
    latest = sel.latest_version_number(plan)
    return render(request, "actieplan/plan/versions.html", {
        "plan": plan, "versions": versions, "current": sel.current_number(plan, latest), "latest": latest,
        "is_final": plan.status == PlanStatus.FINAL,
    })


@login_required
def plan_version(request, pk, number):
    # Queries: plan, the version with its unpacked outline, one page of its actions.
    plan = _get_plan_for_user(request, pk)
    version = sel.version_for_pages(plan, number)
    shown = sel.version_page(version, request.GET.get("page"))
    perms = perms_for(request.user)
    for chapter in shown["chapters"]:
        chapter["actions"], _none = sel.redact_answers(perms, chapter["actions"])
        _add_links(plan, chapter["actions"])
    _none, signoffs = sel.redact_answers(perms, signoffs=shown["outline"].get("signoffs", ()))
    doc = {**shown["outline"], "chapters": shown["chapters"], "signoffs": signoffs}
    return render(request, "actieplan/plan/version_detail.html", {
        "plan": plan, "version": version, "doc": doc, "page": shown["page"], "toc": shown["toc"],
        "exports": _export_links(plan, version.number),
    })


@login_required
def plan_diff(request, pk):
    # Queries: plan, latest version number, each frozen side with its outline; the totals
    # (added, removed, moved, compared or changed); one page of action ids; the actions of
    # the page on each side (a version's rows, or the live actions with their relations).
    plan = _get_plan_for_user(request, pk)
    latest = sel.latest_version_number(plan)
    current = sel.current_number(plan, latest)
    old, new = sel.diff_page_sides(plan, request.GET.get("from"), request.GET.get("to"), latest)
    options = [{"value": str(n), "label": _version_label(n, True)} for n in range(1, latest + 1)]
    if current > latest:
        options.append({"value": "current", "label": _version_label(current, False)})
    page_params = request.GET.copy()
    page_params.pop("page", None)
    diff = sel.diff_page(plan, old, new, request.GET.get("page"))
    return render(request, "actieplan/plan/diff.html", {
        "plan": plan, "diff": diff, "page": diff["page"], "page_query": page_params.urlencode(),
        "from_number": old.number, "to_number": new.number,
        "from_value": request.GET.get("from") or str(old.number),
        "to_value": "current" if new.number == current and current > latest else str(new.number),
        "options": options,
    })


@login_required
def plan_timeline(request, pk):
    # Queries: plan, (the version with its outline,) the span of the dates and the number of rows
    # (live: cached), one page of rows (live: their ids, then with action, lead and chapter, and
    # their milestones).
    plan = _get_plan_for_user(request, pk)
    group_by = "chapter" if request.GET.get("per") == "hoofdstuk" else "domain"
    version_number = request.GET.get("versie") or None
    if version_number == "current":
        version_number = None
    version = sel.version_for_pages(plan, version_number) if version_number else None
    timeline = sel.timeline_page(plan, version, group_by, request.GET.get("page"))
    page_params = request.GET.copy()
    page_params.pop("page", None)
    return render(request, "actieplan/plan/timeline.html", {
        "plan": plan, "timeline": timeline, "group_by": group_by, "version": version_number,
        "page": timeline["page"], "page_query": page_params.urlencode(),
    })


# --------------------------------------------------------------------------- "Ter bevestiging"
ASSIGNMENT_PAGE_SIZE = 25


@login_required
def assignment_list(request):
    # Queries: session, user, permissions (3); for the open and the answered questions each a
    # count, the ids of one page and their rows (with action, domain, decider).
    perms = perms_for(request.user)
    if not perms.can_view_assignments:
        raise PermissionDenied(_("Deze lijst is er voor contactpersonen van beleidsdomeinen."))
    assignments = sel.assignments_for(request.user, perms)
    pending = sel.page_of(assignments.filter(state=AssignmentState.PENDING), request.GET.get("page"),
                          ASSIGNMENT_PAGE_SIZE)
    decided = sel.page_of(assignments.exclude(state=AssignmentState.PENDING), request.GET.get("beantwoord"),
                          ASSIGNMENT_PAGE_SIZE)
    detail, respond = _Link("action_detail"), _Link("assignment_respond")
    for assignment in [*pending.object_list, *decided.object_list]:
        assignment.links = {"action": detail(assignment.action_id), "respond": respond(assignment.pk)}
    pending_params, decided_params = request.GET.copy(), request.GET.copy()
    pending_params.pop("page", None)
    decided_params.pop("beantwoord", None)
    return render(request, "actieplan/plan/assignment_list.html", {
        "pending": pending.object_list, "decided": decided.object_list, "perms": perms,
        "pending_page": pending, "decided_page": decided,
        "pending_query": pending_params.urlencode(), "decided_query": decided_params.urlencode(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def assignment_respond(request, pk):
    assignment = sel.assignment_get(pk)
    perms = perms_for(request.user)
    if not perms.can_respond_assignment(assignment):
        raise PermissionDenied(_("Alleen de contactpersoon van %(domain)s kan dit bevestigen.") % {
            "domain": assignment.domain.name})
    initial = {}
    if assignment.state != AssignmentState.PENDING:
        initial = {"decision": {"accepted": "accept", "accepted_with_remark": "accept_with_remark",
                                "declined": "decline"}[assignment.state], "remark": assignment.remark}
    form = AssignmentResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            svc.assignment_respond(
                assignment=assignment, user=request.user,
                decision="decline" if decision == form.DECLINE else "accept",
                remark=form.cleaned_data["remark"] if decision != form.ACCEPT else "",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uw antwoord voor %(code)s is bewaard.") % {"code": assignment.action.code})
            return redirect("assignment_list")
    status = 400 if form.errors else 200
    plans = PlanItem.objects.filter(action=assignment.action).select_related("plan", "chapter")
    return render(request, "actieplan/plan/assignment_respond.html", {
        "assignment": assignment, "action": assignment.action, "form": form, "items": plans,
    }, status=status)
