"""HTML pages of the alignment workspace (phase 2, coordinators).

Board of submitted actions, side-by-side comparison with a merge form, merge and undo,
"geen overlap", typed links, the decision log and the coverage matrix. Every view
reads top to bottom: permission helper, form, one service, redirect or render.
``action_panel_context`` builds the alignment part of the action detail page.
"""

from __future__ import annotations

from collections import OrderedDict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actieplan.alignment import services as alignment
from actieplan.actions import selectors
from actieplan.alignment import similarity
from common.money import format_euro
from actieplan.models import Action, ActionLink, LinkType, Status
from actieplan.permissions import perms_for
from actieplan.actions.services import TransitionNotAllowed, action_transition
from common.forms import add_service_errors
from overlap import services as overlap
from common.ids import parse_id

DECISION_PAGE_SIZE = 50
BOARD_PAGE_SIZE = 25  # like the action list
BOARD_ORDER = ("-primary_barrier__is_priority", "primary_barrier__order", "primary_barrier__name", "code", "pk")
# Fields shown side by side on the compare page: (attribute, label, kind).
COMPARE_FIELDS = [
    ("title", gettext_lazy("Titel"), "text"),
    ("description", gettext_lazy("Beschrijving"), "text"),
    ("intended_result", gettext_lazy("Beoogd resultaat"), "text"),
    ("primary_barrier", gettext_lazy("Drempel"), "fk"),
    ("secondary_barriers", gettext_lazy("Andere drempels"), "m2m"),
    ("target_groups", gettext_lazy("Doelgroepen"), "m2m"),
    ("proposer_name", gettext_lazy("Voorgesteld door"), "text"),
    ("lead_domain", gettext_lazy("Trekker (beleidsdomein)"), "fk"),
    ("partner_domains", gettext_lazy("Partnerdomeinen"), "m2m"),
    ("partner_organisations", gettext_lazy("Partnerorganisaties"), "m2m"),
    ("level", gettext_lazy("Niveau"), "choice"),
    ("instrument_type", gettext_lazy("Type instrument"), "choice"),
    ("budget_impact", gettext_lazy("Budgettaire impact"), "choice"),
    ("budget_estimate", gettext_lazy("Raming (euro)"), "money"),
    ("linked_plans", gettext_lazy("Gekoppelde plannen"), "m2m"),
    ("planned_start", gettext_lazy("Geplande start"), "date"),
    ("planned_end", gettext_lazy("Gepland einde"), "date"),
    ("status", gettext_lazy("Status"), "choice"),
]


# --------------------------------------------------------------------------- helpers
def _require_align(request):
    perms = perms_for(request.user)
    if not perms.can_align:
        raise PermissionDenied(_("Alleen WEWIS-coördinatoren werken in de afstemmingsruimte."))
    return perms


def _require_reports(request):
    perms = perms_for(request.user)
    if not perms.can_view_alignment_reports:
        raise PermissionDenied(_("Alleen coördinatoren en kabinetten raadplegen dit overzicht."))
    return perms


def _get_action(request, pk) -> Action:
    return selectors.action_for_user(user=request.user, pk=pk)


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def _decide_links(action, back: str = "") -> list[dict]:
    """The decisions on a submitted action; with ``back`` (the board's place) each returns there."""
    base = reverse("action_transition", args=[action.pk])
    then = f"&{urlencode({'next': back})}" if back else ""
    merge = reverse("alignment_merge", args=[action.pk]) + (f"?{urlencode({'next': back})}" if back else "")
    return [
        {"label": _("Weerhouden"), "url": f"{base}?to={Status.RETAINED}{then}"},
        {"label": _("Niet weerhouden"), "url": f"{base}?to={Status.REJECTED}{then}"},
        {"label": _("Samenvoegen"), "url": merge},
        {"label": _("Terugsturen"), "url": f"{base}?to={Status.DRAFT}{then}"},
    ]


def board_place(page_number: int, barrier_pk) -> str:
    """The board's page and the section of the barrier: where a decision taken from the board returns to."""
    query = f"?page={page_number}" if page_number > 1 else ""
    return reverse("alignment_board") + query + (f"#drempel-{barrier_pk}" if barrier_pk else "")


def open_suggestions():
    """Submitted actions with an overlap suggestion not yet dismissed, in the board's order."""
    return similarity.with_suggestions(
        Action.objects.filter(status=Status.SUBMITTED)
    ).filter(suggestion_count__gt=0).order_by(*BOARD_ORDER)


# --------------------------------------------------------------------------- forms
class CarryOverField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            choices=alignment.CARRY_OVER_CHOICES, required=False, label=_("Wat neemt de overblijvende actie over?"),
            help_text=_("Aangevinkt: het verhuist naar de overblijvende actie. Een samenvoeging kan ongedaan "
                        "gemaakt worden."), **kwargs)


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Action.objects.none(), label=_("Samenvoegen in"),
        help_text=_("Een ingediende of weerhouden actie; gelijkaardige acties staan bovenaan."),
        error_messages={"required": _("Kies de actie waarin deze actie wordt samengevoegd."),
                        "invalid_choice": _("Kies een ingediende of weerhouden actie uit de lijst.")},
    )
    carry_over = CarryOverField()
    reason = forms.CharField(label=_("Reden"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, action: Action, choices: list[Action], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Action.objects.filter(status__in=alignment.MERGE_TARGET_STATUSES).exclude(
            pk=action.pk)
        self.fields["into"].choices = [("", "---------")] + [(a.pk, f"{a.code} – {a.title}") for a in choices]
        self.fields["into"].widget.attrs["aria-describedby"] = "id_into_helptext"
        self.initial.setdefault("carry_over", alignment.CARRY_OVER)


class CompareMergeForm(forms.Form):
    survivor = forms.TypedChoiceField(
        coerce=int, widget=forms.RadioSelect, label=_("Welke actie blijft bestaan?"),
        error_messages={"required": _("Kies welke actie blijft bestaan.")},
    )
    carry_over = CarryOverField()
    reason = forms.CharField(label=_("Reden"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, a: Action, b: Action, **kwargs):
        super().__init__(*args, **kwargs)
        label = _("%(keep)s blijft bestaan; %(merged)s wordt erin samengevoegd")
        self.fields["survivor"].choices = [
            (b.pk, label % {"keep": b.code, "merged": a.code}),
            (a.pk, label % {"keep": a.code, "merged": b.code}),
        ]
        self.initial.setdefault("carry_over", alignment.CARRY_OVER)


class LinkForm(forms.Form):
    """Link the action to another one, named by its code (``MOB-03``) or number.

    A text field rather than a drop-down: with thousands of actions a list of every
    action made the action page slow and useless to scroll.
    """

    type = forms.ChoiceField(label=_("Soort koppeling"), choices=LinkType.choices)
    to_action = forms.CharField(
        label=_("Met actie"), max_length=30,
        help_text=_("De code van de andere actie, bv. MOB-03 (of haar nummer)."),
        error_messages={"required": _("Geef de code van de actie om mee te koppelen.")},
    )
    reason = forms.CharField(label=_("Toelichting"), max_length=500, required=False)

    def __init__(self, *args, action: Action, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible = selectors.actions_visible_to(user).exclude(status=Status.DRAFT)

    def clean_to_action(self):
        value = self.cleaned_data["to_action"].strip().lstrip("#")
        pk = parse_id(value)
        matches = self.visible.filter(pk=pk) if pk else self.visible.filter(code__iexact=value)
        found = list(matches.select_related("working_group", "proposing_domain")[:2])
        if not found:
            raise forms.ValidationError(_("Er is geen ingediende actie met code of nummer ‘%(v)s’."), params={"v": value})
        if len(found) > 1:
            raise forms.ValidationError(
                _("Meerdere acties hebben code ‘%(v)s’; geef het nummer van de actie op."), params={"v": value}
            )
        return found[0]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden (optioneel)"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


# --------------------------------------------------------------------------- board
@login_required
def board(request):
    # Queries: session, user, permissions (3); count of the submitted actions; one page of
    # them with barrier, group, domains and their suggestion counts and best suggestion
    # (from the stored pairs); phase, progress counts, group and domain names (4).
    _require_align(request)
    actions = similarity.with_suggestions(
        Action.objects.filter(status=Status.SUBMITTED)
        .select_related("primary_barrier", "working_group", "proposing_domain", "lead_domain")
        .defer("description", "intended_result")
        .order_by(*BOARD_ORDER)
    )
    page = Paginator(actions, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    groups: OrderedDict = OrderedDict()
    for action in page.object_list:
        best = action.best_suggestion if action.suggestion_count else None
        action.compare_url = reverse("alignment_compare", args=[action.pk, best]) if best else None
        action.decide_links = _decide_links(action, board_place(page.number, action.primary_barrier_id))
        groups.setdefault(action.primary_barrier, []).append(action)
    context = {
        "groups": list(groups.items()),
        "page": page,
        "total": page.paginator.count,
        "threshold": similarity.THRESHOLD,
        "progress": alignment.phase_progress(),
        "next_suggestion_url": reverse("alignment_next_suggestion"),
        "similarity_model_missing": overlap.model_missing(),
    }
    return render(request, "actieplan/alignment/board.html", context)


@login_required
@require_GET
def next_suggestion(request):
    """"Volgende open suggestie": the compare page of the next submitted action with an open suggestion.

    ``?na=<id>`` starts after that action (in the board's order) and wraps around; with none
    left, back to the board with a message. Queries: session, user, permissions (3); the
    open suggestions' ids and best suggestion (1).
    """
    _require_align(request)
    after = parse_id(request.GET.get("na", ""))
    rows = list(open_suggestions().values_list("pk", "best_suggestion"))
    if after is not None:
        position = next((i for i, (pk, _best) in enumerate(rows) if pk == after), None)
        if position is not None:
            rows = rows[position + 1:] + rows[:position]
    if not rows:
        messages.info(request, _("Er zijn geen open suggesties van overlap meer."))
        return redirect("alignment_board")
    pk, best = rows[0]
    return redirect("alignment_compare", a=pk, b=best)


# --------------------------------------------------------------------------- compare
def _display(action, name, kind) -> str:
    if kind == "m2m":
        return ", ".join(str(o) for o in getattr(action, name).all()) or "—"
    if kind == "fk":
        value = getattr(action, name)
        return str(value.name if hasattr(value, "name") else value) if value else "—"
    if kind == "choice":
        return str(getattr(action, f"get_{name}_display")())
    if kind == "date":
        value = getattr(action, name)
        return value.strftime("%d/%m/%Y") if value else "—"
    if kind == "money":
        return format_euro(getattr(action, name)) or "—"
    value = getattr(action, name)
    return "—" if value in (None, "") else str(value)


def compare_rows(a, b) -> list[dict]:
    rows = []
    for name, label, kind in COMPARE_FIELDS:
        left, right = _display(a, name, kind), _display(b, name, kind)
        rows.append({"label": label, "a": left, "b": right, "differs": left != right, "long": name in (
            "description", "intended_result")})
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def compare(request, a, b):
    perms = _require_align(request)
    if a == b:
        raise Http404(_("Kies twee verschillende acties om te vergelijken."))
    found = alignment.actions_for_compare([a, b])
    for pk in (a, b):
        if pk not in found or not perms.can_view_action(found[pk]):  # hidden like a missing id
            raise Http404(_("Deze actie bestaat niet."))
    left, right = found[a], found[b]
    form = CompareMergeForm(request.POST if request.method == "POST" else None, a=left, b=right)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            survivor = form.cleaned_data["survivor"]
            merged, into = (left, right) if survivor == right.pk else (right, left)
            try:
                action_transition(action=merged, to=Status.MERGED, user=request.user,
                                  reason=form.cleaned_data["reason"], into=into,
                                  carry_over=form.cleaned_data["carry_over"])
            except TransitionNotAllowed as error:
                form.add_error(None, str(error))
                status = 409
            except ValidationError as error:
                add_service_errors(form, error, {"into": "survivor"})
            else:
                messages.success(request, _("%(merged)s is samengevoegd in %(into)s.")
                                 % {"merged": merged.code, "into": into.code})
                return redirect(_next_url(request, reverse("action_detail", args=[into.pk])))
    score = similarity.pair_score(left, right)
    # A decision, a merge or "geen overlap" taken here goes on to the next open suggestion.
    walk = reverse("alignment_next_suggestion") + f"?na={left.pk}"
    context = {
        "a": left, "b": right, "rows": compare_rows(left, right), "form": form, "score": score,
        "dismiss_url": reverse("alignment_dismiss", args=[left.pk, right.pk]),
        "can_merge": Status.SUBMITTED in (left.status, right.status),
        "preview_a_into_b": alignment.carry_over_preview(left, right),
        "preview_b_into_a": alignment.carry_over_preview(right, left),
        "decide_a": _decide_links(left, walk) if left.status == Status.SUBMITTED else [],
        "decide_b": _decide_links(right, walk) if right.status == Status.SUBMITTED else [],
        "next_suggestion_url": walk,
    }
    return render(request, "actieplan/alignment/compare.html", context, status=status)


# --------------------------------------------------------------------------- merge / undo
@login_required
@require_http_methods(["GET", "POST"])
def merge(request, pk):
    perms = _require_align(request)
    action = _get_action(request, pk)
    if not perms.can_transition(action, Status.MERGED):
        raise PermissionDenied(_("Alleen een ingediende actie kan worden samengevoegd."))
    suggested = [s.action for s in similarity.similar_to(action, limit=10)]
    targets = {a.pk: a for a in Action.objects.filter(status__in=alignment.MERGE_TARGET_STATUSES)
               .exclude(pk=action.pk).order_by("code", "pk")}
    choices = [targets[pk] for pk in suggested if pk in targets] + [a for pk, a in targets.items()
                                                                     if pk not in suggested]
    initial = {"into": request.GET.get("into")} if request.GET.get("into") else {}
    data = request.POST if request.method == "POST" else None
    form = MergeForm(data, action=action, choices=choices, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            into = form.cleaned_data["into"]
            try:
                action_transition(action=action, to=Status.MERGED, user=request.user,
                                  reason=form.cleaned_data["reason"], into=into,
                                  carry_over=form.cleaned_data["carry_over"])
            except TransitionNotAllowed as error:
                form.add_error(None, str(error))
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(merged)s is samengevoegd in %(into)s.")
                                 % {"merged": action.code, "into": into.code})
                return redirect(_next_url(request, reverse("action_detail", args=[into.pk])))
    context = {"action": action, "form": form, "suggested": set(suggested), "next": _next_url(request, "")}
    return render(request, "actieplan/alignment/merge.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def unmerge(request, pk):
    _require_align(request)
    action = _get_action(request, pk)
    merge_record = alignment.active_merge(action) if action.status == Status.MERGED else None
    if merge_record is None:
        return render(request, "actieplan/alignment/unmerge.html",
                      {"action": action, "error": _("Deze actie is niet samengevoegd: er is niets ongedaan te maken.")},
                      status=409)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                alignment.action_unmerge(action=action, user=request.user, reason=form.cleaned_data["reason"])
            except TransitionNotAllowed as error:
                form.add_error(None, str(error))
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De samenvoeging van %(code)s in %(into)s is ongedaan gemaakt.")
                                 % {"code": action.code, "into": merge_record.into.code})
                return redirect("action_detail", pk=action.pk)
    context = {"action": action, "merge": merge_record, "form": form}
    return render(request, "actieplan/alignment/unmerge.html", context, status=status)


@login_required
@require_POST
def dismiss(request, pk, other):
    _require_align(request)
    action, other_action = _get_action(request, pk), _get_action(request, other)
    try:
        alignment.similarity_dismiss(user=request.user, action=action, other=other_action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(a)s en %(b)s worden niet meer als mogelijke overlap voorgesteld.")
                         % {"a": action.code, "b": other_action.code})
    return redirect(_next_url(request, reverse("alignment_board")))


# --------------------------------------------------------------------------- links
@login_required
@require_POST
def link_create(request, pk):
    action = _get_action(request, pk)
    perms = perms_for(request.user)
    if not perms.can_link_actions(action):
        raise PermissionDenied(_("U mag deze actie niet koppelen."))
    form = LinkForm(request.POST, action=action, user=request.user)
    if form.is_valid():
        try:
            link = alignment.link_create(
                user=request.user, from_action=action, to_action=form.cleaned_data["to_action"],
                type=form.cleaned_data["type"], reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(a)s %(type)s %(b)s: koppeling toegevoegd.") % {
                "a": action.code, "type": link.get_type_display(), "b": link.to_action.code})
            return redirect(reverse("action_detail", args=[action.pk]) + "#koppelingen")
    return render(request, "actieplan/alignment/link_form.html", {"action": action, "form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def link_delete(request, pk):
    link = get_object_or_404(ActionLink.objects.select_related("from_action", "to_action"), pk=pk)
    perms = perms_for(request.user)
    if not (perms.can_view_action(link.from_action) and perms.can_view_action(link.to_action)):
        raise Http404(_("Deze koppeling bestaat niet."))
    if not perms.can_delete_link(link):
        raise PermissionDenied(_("Alleen een coördinator verwijdert koppelingen."))
    back = _next_url(request, reverse("action_detail", args=[link.from_action_id]) + "#koppelingen")
    if request.method == "POST":
        alignment.link_delete(user=request.user, link=link)
        messages.success(request, _("De koppeling tussen %(a)s en %(b)s is verwijderd.")
                         % {"a": link.from_action.code, "b": link.to_action.code})
        return redirect(back)
    return render(request, "actieplan/alignment/link_delete.html", {"link": link, "back": back})


# --------------------------------------------------------------------------- decision log
@login_required
def decision_log(request):
    # Queries: session, user, permissions (3); the filter form's choice lists (group,
    # barrier, coordinator: 3); count and one page of decisions with action, group,
    # domain, barrier, author and merge target (2).
    _require_reports(request)
    filterset, decisions = alignment.decision_log(params=request.GET or None)
    paginator = Paginator(decisions, DECISION_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    for change in page.object_list:
        change.decision = alignment.DecisionType.of(change)
        change.decision_label = alignment.DecisionType.label(change.decision)
    params = request.GET.copy()
    params.pop("page", None)
    form = filterset.form
    for name in ("date_from", "date_to"):
        form.fields[name].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    context = {
        "filter_form": form,
        "page": page,
        "decisions": page.object_list,
        "page_query": params.urlencode(),
        "is_filtered": any(request.GET.get(k) for k in form.fields),
        "filter_invalid": bool(request.GET) and not filterset.is_valid(),
    }
    return render(request, "actieplan/alignment/decision_log.html", context)


# --------------------------------------------------------------------------- coverage
@login_required
def coverage(request):
    # Queries: session, user, permissions (3); four counts, barriers, policy domains,
    # target groups (7).
    _require_reports(request)
    form = CoverageForm(request.GET if "groep" in request.GET or "toon" in request.GET else None)
    groups = form.cleaned_data["groep"] if form.is_valid() else list(alignment.COVERAGE_GROUPS)
    data = alignment.coverage(groups)
    list_url = alignment.coverage_list_url_maker(data["statuses"])
    for row in data["by_domain"]:
        for cell in row["cells"]:
            cell["url"] = list_url(barrier=cell["barrier"], lead_domain=cell["policy_domain"])
    for row in data["by_target_group"]:
        for cell in row["cells"]:
            cell["url"] = list_url(barrier=cell["barrier"], target_group=cell["target_group"])
    gaps = sum(1 for row in data["by_domain"] if row["barrier"].is_priority for c in row["cells"] if not c["total"])
    return render(request, "actieplan/alignment/coverage.html",
                  {**data, "priority_gaps": gaps, "form": form, "groups": groups,
                   "group_labels": [alignment.COVERAGE_GROUPS[g][0] for g in groups]},
                  status=400 if form.errors else 200)


class CoverageForm(forms.Form):
    """The toggles of the coverage matrix: which status groups it counts (at least one)."""

    toon = forms.CharField(required=False, widget=forms.HiddenInput)
    groep = forms.MultipleChoiceField(
        label=gettext_lazy("Tellen"), required=True, widget=forms.CheckboxSelectMultiple,
        initial=list(alignment.COVERAGE_GROUPS),
        choices=[(key, label) for key, (label, _statuses) in alignment.COVERAGE_GROUPS.items()],
        error_messages={"required": gettext_lazy("Kies minstens één groep van statussen."),
                        "invalid_choice": gettext_lazy("Onbekende groep van statussen.")},
    )


# --------------------------------------------------------------------------- action page panel
def action_panel_context(request, action: Action) -> dict:
    """Context for ``actieplan/alignment/_action_panel.html`` on the action detail page.

    Queries: lineage (4), links (1), active merge (1 when merged), suggestions (up to 7),
    and the link form's list of actions (1, only for users who may link).
    """
    perms = perms_for(request.user)
    data = {"threshold": similarity.THRESHOLD}
    data["lineage"] = alignment.lineage(action)
    data["merged_from"] = data["lineage"]["tree"]["merged_from"]
    data["merge"] = alignment.active_merge(action) if action.status == Status.MERGED else None
    data["can_unmerge"] = bool(data["merge"]) and perms.can_align
    links = []
    for link in alignment.links_of(action):
        outgoing = link.from_action_id == action.pk
        links.append({
            "link": link, "other": link.to_action if outgoing else link.from_action,
            "label": link.get_type_display() if outgoing or link.type != LinkType.DEPENDS_ON
            else _("is een voorwaarde voor"),
            "can_delete": perms.can_delete_link(link),
        })
    data["links"] = links
    data["can_link"] = perms.can_link_actions(action)
    if data["can_link"]:
        data["link_form"] = LinkForm(action=action, user=request.user)
    data["show_suggestions"] = perms.can_view_suggestions(action) and action.status in (
        Status.DRAFT, Status.SUBMITTED, Status.RETAINED)
    if data["show_suggestions"]:
        suggestions = overlap.similar_to(action, limit=5)
        others = {a.pk: a for a in Action.objects.filter(pk__in=[s.action for s in suggestions]).select_related(
            "working_group", "proposing_domain")}
        data["suggestions"] = [
            {"suggestion": s, "action": others[s.action], "percent": round(s.score * 100),
             "compare_url": reverse("alignment_compare", args=[action.pk, s.action]),
             "dismiss_url": reverse("alignment_dismiss", args=[action.pk, s.action])}
            for s in suggestions if s.action in others
        ]
    data["can_align"] = perms.can_align
    return data
