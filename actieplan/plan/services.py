"""Writes to the overarching plan (phase 3).

The plan goes ``draft → in_consultation → final``; a change after ``final`` makes a
new draft version of the same plan. Finalising freezes a :class:`PlanVersion` (the
snapshot of :func:`actieplan.plan.selectors.plan_snapshot`) and adopts every retained
action through the one lifecycle service ``action_transition``.

Assignments (a domain made lead or partner of an action in a plan) follow the
action's lead and partner domains; sign-offs (one per lead domain of a plan) follow
the plan's actions. A change to an action resets the sign-off of its lead domain and
tells the domain's contacts (Celery, on commit).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.plan import selectors as plan_selectors
from actieplan.models import (
    Action,
    Assignment,
    AssignmentRole,
    AssignmentState,
    Barrier,
    Chapter,
    Milestone,
    Plan,
    PlanItem,
    PlanStatus,
    PlanVersion,
    PlanVersionAction,
    PlanVersionContents,
    SignOff,
    SignOffState,
    Status,
)
from actieplan.permissions import perms_for
from actieplan.signals import plan_finalised
from werkgroepen.people import person_name

log = logging.getLogger(__name__)

def formatted_text(value: str | None) -> str:
    """A formatted text as it is stored: its Markdown source (rendered and sanitised when shown, see
    ``common.markdown``), with Windows line ends and trailing blanks removed."""
    return "\n".join(line.rstrip() for line in (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()


def _check_manage(user):
    if not perms_for(user).can_manage_plans:
        raise PermissionDenied(_("Alleen een coördinator stelt het actieplan samen."))


def _not_allowed(message: str):
    from actieplan.actions.services import TransitionNotAllowed

    return TransitionNotAllowed(message)


def _lock(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().get(pk=plan.pk)


def _touch(plan: Plan, *, reason: str = "") -> None:
    """A change to the plan: after ``final`` it is the start of a new draft version."""
    if plan.status == PlanStatus.FINAL:
        plan.status = PlanStatus.DRAFT
        plan.save(update_fields=["status", "updated_at"])
        SignOff.objects.filter(plan=plan, state=SignOffState.SIGNED).update(
            state=SignOffState.PENDING, reset_reason=reason or _("Nieuwe ontwerpversie van het actieplan.")
        )
    else:
        plan.save(update_fields=["updated_at"])


# --------------------------------------------------------------------------- plan and texts
@transaction.atomic
def plan_create(*, user, title: str, introduction: str = "", conclusion: str = "",
                default_chapters: bool = True) -> Plan:
    """A new draft plan with, by default, one chapter per priority barrier."""
    _check_manage(user)
    plan = Plan(title=(title or "").strip(), introduction=formatted_text(introduction),
                conclusion=formatted_text(conclusion), created_by=user)
    plan.full_clean()
    plan.save()
    if default_chapters:
        for order, barrier in enumerate(Barrier.objects.filter(is_priority=True).order_by("order", "name"), 1):
            Chapter.objects.create(plan=plan, title=barrier.name, barrier=barrier, order=order)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, user, title: str, introduction: str = "", conclusion: str = "") -> Plan:
    _check_manage(user)
    plan = _lock(plan)
    plan.title = (title or "").strip()
    plan.introduction = formatted_text(introduction)
    plan.conclusion = formatted_text(conclusion)
    plan.full_clean()
    plan.save()
    _touch(plan)
    return plan


# --------------------------------------------------------------------------- chapters
@transaction.atomic
def chapter_create(*, plan: Plan, user, title: str, barrier: Barrier | None = None, introduction: str = "") -> Chapter:
    _check_manage(user)
    plan = _lock(plan)
    order = (plan.chapters.aggregate(m=Max("order"))["m"] or 0) + 1
    chapter = Chapter(plan=plan, title=(title or "").strip(), barrier=barrier,
                      introduction=formatted_text(introduction), order=order)
    chapter.full_clean()
    chapter.save()
    _touch(plan)
    return chapter


@transaction.atomic
def chapter_update(*, chapter: Chapter, user, title: str, barrier: Barrier | None = None,
                   introduction: str = "") -> Chapter:
    _check_manage(user)
    plan = _lock(chapter.plan)
    chapter.title = (title or "").strip()
    chapter.barrier = barrier
    chapter.introduction = formatted_text(introduction)
    chapter.full_clean()
    chapter.save()
    _touch(plan)
    return chapter


def _swap(objects: list, obj, direction: str) -> bool:
    """Move ``obj`` one place up or down in ``objects`` and renumber ``order``; False at an end."""
    index = next(i for i, o in enumerate(objects) if o.pk == obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(objects):
        return False
    objects[index], objects[other] = objects[other], objects[index]
    for order, o in enumerate(objects, 1):
        if o.order != order:
            o.order = order
            o.save(update_fields=["order"])
    return True


@transaction.atomic
def chapter_move(*, chapter: Chapter, user, direction: str) -> bool:
    _check_manage(user)
    plan = _lock(chapter.plan)
    moved = _swap(list(plan.chapters.order_by("order", "id")), chapter, direction)
    if moved:
        _touch(plan)
    return moved


@transaction.atomic
def chapter_delete(*, chapter: Chapter, user) -> None:
    _check_manage(user)
    plan = _lock(chapter.plan)
    if chapter.items.exists():
        raise ValidationError(_("Een hoofdstuk met acties kan niet weg: verplaats of verwijder eerst de acties."))
    chapter.delete()
    _touch(plan)


# --------------------------------------------------------------------------- actions in chapters
@transaction.atomic
def item_add(*, plan: Plan, chapter: Chapter, action: Action, user) -> PlanItem:
    """Put a retained action in a chapter; an action sits in at most one chapter of a plan."""
    _check_manage(user)
    plan = _lock(plan)
    if chapter.plan_id != plan.pk:
        raise ValidationError({"chapter": _("Dit hoofdstuk hoort niet bij dit actieplan.")})
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.status not in plan_selectors.PLAN_ELIGIBLE_STATUSES:
        raise ValidationError({"action": _(
            "Alleen weerhouden acties kunnen in het actieplan; %(code)s heeft status ‘%(status)s’."
        ) % {"code": action.code, "status": action.get_status_display()}})
    existing = PlanItem.objects.filter(plan=plan, action=action).select_related("chapter").first()
    if existing is not None:
        raise ValidationError({"action": _("%(code)s staat al in hoofdstuk ‘%(chapter)s’ van dit actieplan.") % {
            "code": action.code, "chapter": existing.chapter.title}})
    order = (chapter.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = PlanItem.objects.create(plan=plan, chapter=chapter, action=action, order=order)
    _touch(plan)
    assignments_sync(action)
    signoffs_sync(plan)
    if action.lead_domain_id:
        _reset_signoffs(plan, {action.lead_domain_id}, _("%(code)s werd toegevoegd aan het actieplan.") % {
            "code": action.code})
    return item


@transaction.atomic
def item_move(*, item: PlanItem, user, direction: str | None = None, chapter: Chapter | None = None) -> bool:
    """Move an action up or down in its chapter, or to the end of another chapter of the plan."""
    _check_manage(user)
    plan = _lock(item.plan)
    if chapter is not None and chapter.pk != item.chapter_id:
        if chapter.plan_id != plan.pk:
            raise ValidationError({"chapter": _("Dit hoofdstuk hoort niet bij dit actieplan.")})
        item.chapter = chapter
        item.order = (chapter.items.aggregate(m=Max("order"))["m"] or 0) + 1
        item.save(update_fields=["chapter", "order"])
        _touch(plan)
        return True
    moved = _swap(list(item.chapter.items.order_by("order", "id")), item, direction or "")
    if moved:
        _touch(plan)
    return moved


@transaction.atomic
def item_remove(*, item: PlanItem, user) -> None:
    _check_manage(user)
    plan = _lock(item.plan)
    action = item.action
    item.delete()
    _touch(plan)
    assignments_sync(action)
    signoffs_sync(plan)
    if action.lead_domain_id:
        _reset_signoffs(plan, {action.lead_domain_id}, _("%(code)s werd uit het actieplan gehaald.") % {
            "code": action.code})


# --------------------------------------------------------------------------- trajectory
def trajectory_update(*, action: Action, user, data: dict, m2m: dict, expected_version) -> Action:
    """Lead, partners and planned start/end of an action in the plan (history through ``action_update``)."""
    from actieplan.actions.services import action_update

    _check_manage(user)
    allowed = {k: v for k, v in data.items() if k in ("lead_domain", "planned_start", "planned_end")}
    allowed_m2m = {k: v for k, v in m2m.items() if k in ("partner_domains", "partner_organisations")}
    return action_update(action=action, user=user, data=allowed, m2m=allowed_m2m, expected_version=expected_version)


@transaction.atomic
def milestone_create(*, action: Action, user, title: str, due_date, description: str = "", done_on=None) -> Milestone:
    _check_manage(user)
    milestone = Milestone(action=action, title=(title or "").strip(), due_date=due_date,
                          description=(description or "").strip(), done_on=done_on)
    milestone.full_clean()
    milestone.save()
    action_changed(action=action, user=user, what=_("nieuwe mijlpaal ‘%(title)s’") % {"title": milestone.title})
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, user, **fields) -> Milestone:
    _check_manage(user)
    for key in ("title", "due_date", "description", "done_on"):
        if key in fields:
            value = fields[key]
            setattr(milestone, key, value.strip() if isinstance(value, str) else value)
    milestone.full_clean()
    milestone.save()
    action_changed(action=milestone.action, user=user,
                   what=_("mijlpaal ‘%(title)s’ gewijzigd") % {"title": milestone.title})
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, user) -> None:
    _check_manage(user)
    action = milestone.action
    title = milestone.title
    milestone.delete()
    action_changed(action=action, user=user, what=_("mijlpaal ‘%(title)s’ verwijderd") % {"title": title})


# --------------------------------------------------------------------------- assignments
def assignments_sync(action: Action) -> None:
    """Make the action's assignments match its lead and partner domains while it is in a plan.

    A new domain, or a domain whose role changed, must confirm again (pending).
    """
    if not PlanItem.objects.filter(action=action).exists():
        Assignment.objects.filter(action=action).delete()
        return
    wanted: dict[int, str] = {}
    if action.lead_domain_id:
        wanted[action.lead_domain_id] = AssignmentRole.LEAD
    for domain_id in action.partner_domains.values_list("pk", flat=True):
        wanted.setdefault(domain_id, AssignmentRole.PARTNER)
    existing = {a.domain_id: a for a in Assignment.objects.filter(action=action)}
    for domain_id, assignment in existing.items():
        if domain_id not in wanted:
            assignment.delete()
        elif assignment.role != wanted[domain_id]:
            assignment.role = wanted[domain_id]
            assignment.state = AssignmentState.PENDING
            assignment.remark = ""
            assignment.decided_by = None
            assignment.decided_at = None
            assignment.save()
    Assignment.objects.bulk_create([
        Assignment(action=action, domain_id=domain_id, role=role)
        for domain_id, role in wanted.items() if domain_id not in existing
    ])


@transaction.atomic
def assignment_respond(*, assignment: Assignment, user, decision: str, remark: str = "") -> Assignment:
    """A domain's contact agrees (optionally with a remark) or declines with a reason."""
    assignment = Assignment.objects.select_for_update().select_related("action", "domain").get(pk=assignment.pk)
    if not perms_for(user).can_respond_assignment(assignment):
        raise PermissionDenied(_("Alleen de contactpersoon van %(domain)s kan dit bevestigen.") % {
            "domain": assignment.domain.name})
    remark = (remark or "").strip()
    if len(remark) > 2000:
        raise ValidationError({"remark": _("De tekst is te lang (maximaal 2000 tekens).")})
    if decision == "accept":
        assignment.state = AssignmentState.ACCEPTED_WITH_REMARK if remark else AssignmentState.ACCEPTED
    elif decision == "decline":
        if not remark:
            raise ValidationError({"reason": _("Geef een reden op waarom uw beleidsdomein niet akkoord gaat.")})
        assignment.state = AssignmentState.DECLINED
    else:
        raise ValidationError({"decision": _("Kies akkoord of niet akkoord.")})
    assignment.remark = remark
    assignment.decided_by = user
    assignment.decided_at = timezone.now()
    assignment.save()
    return assignment


# --------------------------------------------------------------------------- sign-offs
def signoffs_sync(plan: Plan) -> None:
    """One sign-off per lead domain of the plan's actions."""
    leads = set(
        PlanItem.objects.filter(plan=plan, action__lead_domain__isnull=False)
        .values_list("action__lead_domain_id", flat=True)
    )
    SignOff.objects.filter(plan=plan).exclude(domain_id__in=leads).delete()
    have = set(SignOff.objects.filter(plan=plan).values_list("domain_id", flat=True))
    SignOff.objects.bulk_create([SignOff(plan=plan, domain_id=d) for d in sorted(leads - have)])


def _reset_signoffs(plan: Plan, domain_ids: set, reason: str) -> list[int]:
    """Back to pending for the signed sign-offs of ``domain_ids``; their contacts get an e-mail."""
    ids = list(SignOff.objects.filter(plan=plan, domain_id__in=domain_ids, state=SignOffState.SIGNED)
               .values_list("pk", flat=True))
    if ids:
        SignOff.objects.filter(pk__in=ids).update(state=SignOffState.PENDING, reset_reason=reason[:300])
        for pk in ids:
            _queue_reset_notice(pk)  # in the transaction (outbox)
    return ids


def _queue_reset_notice(signoff_id: int) -> None:
    from actieplan.actions.notifications import signoff_was_reset

    signoff_was_reset(signoff_id)


@transaction.atomic
def signoff_sign(*, signoff: SignOff, user, remark: str = "") -> SignOff:
    signoff = SignOff.objects.select_for_update().select_related("plan", "domain").get(pk=signoff.pk)
    if not perms_for(user).can_sign_off(signoff):
        raise PermissionDenied(_("Alleen de contactpersoon van %(domain)s ondertekent voor dit beleidsdomein.") % {
            "domain": signoff.domain.name})
    if signoff.plan.status != PlanStatus.IN_CONSULTATION:
        raise _not_allowed(_("U kunt alleen ondertekenen terwijl het actieplan in consultatie is."))
    remark = (remark or "").strip()
    if len(remark) > 2000:
        raise ValidationError({"remark": _("De opmerking is te lang (maximaal 2000 tekens).")})
    signoff.state = SignOffState.SIGNED
    signoff.remark = remark
    signoff.signed_by = user
    signoff.signed_at = timezone.now()
    signoff.reset_reason = ""
    signoff.save()
    return signoff


def on_action_changed(sender, *, action: Action, user=None, what: str = "", **kwargs) -> None:
    """Receiver of the core's ``action_changed`` signal."""
    action_changed(action=action, user=user, what=what)


def action_changed(*, action: Action, user=None, what: str = "") -> None:
    """Called after every change to an action (``action_update``, milestones).

    For each plan holding the action: the sign-off of its lead domain (and of its
    previous lead) goes back to pending and the contacts are told; a final plan
    becomes a new draft; assignments and sign-offs follow the new lead and partners.
    """
    plan_ids = list(PlanItem.objects.filter(action=action).values_list("plan_id", flat=True))
    if not plan_ids:
        return
    leads = set(Assignment.objects.filter(action=action, role=AssignmentRole.LEAD).values_list("domain_id", flat=True))
    if action.lead_domain_id:
        leads.add(action.lead_domain_id)
    reason = _("%(code)s werd gewijzigd") % {"code": action.code} + (f": {what}" if what else "") + "."
    for plan in Plan.objects.filter(pk__in=plan_ids):
        _reset_signoffs(plan, leads, reason)
        _touch(plan, reason=reason)
    assignments_sync(action)
    for plan in Plan.objects.filter(pk__in=plan_ids):
        signoffs_sync(plan)


# --------------------------------------------------------------------------- plan state
@transaction.atomic
def plan_consult(*, plan: Plan, user) -> Plan:
    """``draft → in_consultation``: the lead domains are asked to sign off."""
    _check_manage(user)
    plan = _lock(plan)
    if plan.status != PlanStatus.DRAFT:
        raise _not_allowed(_("Alleen een ontwerp kan in consultatie."))
    if not PlanItem.objects.filter(plan=plan).exists():
        raise ValidationError(_("Voeg eerst acties toe aan het actieplan."))
    signoffs_sync(plan)
    plan.status = PlanStatus.IN_CONSULTATION
    plan.save(update_fields=["status", "updated_at"])
    return plan


@transaction.atomic
def plan_reopen(*, plan: Plan, user) -> Plan:
    """Back to draft: from consultation, or after ``final`` as a new draft version."""
    _check_manage(user)
    plan = _lock(plan)
    if plan.status == PlanStatus.DRAFT:
        raise _not_allowed(_("Het actieplan is al een ontwerp."))
    if plan.status == PlanStatus.FINAL:
        _touch(plan)
    else:
        plan.status = PlanStatus.DRAFT
        plan.save(update_fields=["status", "updated_at"])
    return plan



@transaction.atomic
def plan_finalise(*, plan: Plan, user, vr_reference: str, vr_date, override_reason: str = "") -> PlanVersion:
    """``in_consultation → final``: adopt the actions and freeze a new version.

    Refused while a domain has not signed off or an action lacks a lead or trajectory,
    unless a coordinator records why the plan is final anyway (``override_reason``).
    """
    from actieplan.actions.services import action_transition

    _check_manage(user)
    plan = _lock(plan)
    if plan.status != PlanStatus.IN_CONSULTATION:
        raise _not_allowed(_("Alleen een actieplan in consultatie kan definitief worden."))
    vr_reference = (vr_reference or "").strip()
    override_reason = (override_reason or "").strip()
    errors = {}
    if not vr_reference:
        errors["vr_reference"] = _("Geef de referentie van de beslissing van de Vlaamse Regering op.")
    elif len(vr_reference) > 100:
        errors["vr_reference"] = _("De referentie is te lang (maximaal 100 tekens).")
    if not vr_date:
        errors["vr_date"] = _("Geef de datum van de beslissing van de Vlaamse Regering op.")
    if len(override_reason) > 5000:
        errors["override_reason"] = _("De reden is te lang (maximaal 5000 tekens).")
    problems = plan_selectors.live_problems(
        plan, plan_selectors.live_signoffs(plan), PlanItem.objects.filter(plan=plan).count(), cached=False)
    if problems["empty"]:
        errors["__all__"] = _("Een actieplan zonder acties kan niet definitief worden.")
    elif plan_selectors.has_problems(problems) and not override_reason:
        errors["override_reason"] = _(
            "Het actieplan is nog niet volledig: %(problems)s Geef een reden om toch af te ronden."
        ) % {"problems": " ".join(plan_selectors.problem_lines(problems))}
    if errors:
        raise ValidationError(errors)
    number = (plan.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    reason = _("Opgenomen in ‘%(plan)s’, versie %(number)s (%(ref)s).") % {
        "plan": plan.title, "number": number, "ref": vr_reference}
    retained = Action.objects.filter(plan_items__plan=plan, status=Status.RETAINED).order_by("code", "pk")
    for action in retained:
        action_transition(action=action, to=Status.ADOPTED, user=user, reason=reason)
    plan.status = PlanStatus.FINAL
    plan.save(update_fields=["status", "updated_at"])
    now = timezone.now()
    snapshot = plan_selectors.plan_snapshot(plan)
    snapshot["version"] = {
        "number": number, "finalised_at": now.isoformat(), "vr_reference": vr_reference,
        "vr_date": vr_date.isoformat(), "override_reason": override_reason,
        "finalised_by": person_name(user),
    }
    version = PlanVersion.objects.create(
        plan=plan, number=number, finalised_at=now, finalised_by=user, vr_reference=vr_reference,
        vr_date=vr_date, override_reason=override_reason, snapshot=snapshot,
    )
    version_unpack(version=version)
    plan_finalised.send(sender=PlanVersion, version=version)
    return version


def version_unpack(*, version: PlanVersion) -> PlanVersionContents:
    """Unpack a frozen version's snapshot for its pages: the outline and one row per action.

    Versions never change, so this happens once: when the version is frozen, or on the
    first read of a version made before (or without) it. Safe to call again, also at the
    same time from two requests.
    """
    existing = PlanVersionContents.objects.filter(version=version).first()
    if existing is not None:
        return existing
    if "snapshot" in version.get_deferred_fields():
        snapshot = PlanVersion.objects.values_list("snapshot", flat=True).get(pk=version.pk)
    else:
        snapshot = version.snapshot
    outline, rows = plan_selectors.unpack_snapshot(snapshot)
    try:
        with transaction.atomic():
            contents = PlanVersionContents.objects.create(version=version, outline=outline, action_count=len(rows))
            PlanVersionAction.objects.bulk_create(
                [PlanVersionAction(version=version, **row) for row in rows], batch_size=500)
    except IntegrityError:  # unpacked meanwhile by another request
        contents = PlanVersionContents.objects.get(version=version)
    return contents
