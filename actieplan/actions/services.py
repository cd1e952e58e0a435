"""Writes to actions. Every status change goes through ``action_transition``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from actieplan.actions import notifications
from actieplan.models import TRANSITIONS, Action, Comment, Round, Status, StatusChange
from actieplan.permissions import perms_for
from actieplan.signals import action_changed
from werkgroepen.people import person_name

M2M_FIELDS = ("secondary_barriers", "target_groups", "partner_domains", "partner_organisations", "linked_plans")
CODE_RE = re.compile(r"^[A-Z0-9]{1,8}-\d{1,4}$")


class TransitionNotAllowed(Exception):
    """The lifecycle has no such transition from the action's current status."""


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str


class EditConflict(Exception):
    """Somebody else saved the action after the editor loaded it."""

    def __init__(self, action: Action, changes: list[FieldChange], changed_by: str):
        self.action = action
        self.changes = changes
        self.changed_by = changed_by
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _(
            "Deze actie werd intussen gewijzigd door %(who)s. Uw wijzigingen zijn niet opgeslagen: "
            "bekijk wat er veranderde en sla opnieuw op."
        ) % {"who": self.changed_by}


# --------------------------------------------------------------------------- helpers
def next_code(*, working_group=None, proposing_domain=None) -> str:
    if working_group is not None:
        prefix = working_group.code_prefix
        existing = Action.objects.filter(working_group=working_group)
    else:
        prefix = proposing_domain.abbreviation.upper()
        existing = Action.objects.filter(working_group__isnull=True, proposing_domain=proposing_domain)
    highest = 0
    for code in existing.filter(code__startswith=f"{prefix}-").values_list("code", flat=True):
        suffix = code.rsplit("-", 1)[-1]
        if suffix.isdigit():
            highest = max(highest, int(suffix))
    return f"{prefix}-{highest + 1:02d}"


def _validate_code_unique(action: Action):
    if not CODE_RE.match(action.code or ""):
        raise ValidationError({"code": _("Een code bestaat uit hoofdletters of cijfers, een streepje en een nummer, bv. MOB-03.")})
    clash = Action.objects.filter(code=action.code).exclude(pk=action.pk)
    if action.working_group_id:
        clash = clash.filter(working_group_id=action.working_group_id)
    else:
        clash = clash.filter(working_group__isnull=True, proposing_domain_id=action.proposing_domain_id)
    if clash.exists():
        raise ValidationError({"code": _("De code %(code)s bestaat al in deze werkgroep.") % {"code": action.code}})


def _validate_dates(action: Action):
    if action.planned_start and action.planned_end and action.planned_end < action.planned_start:
        raise ValidationError({"planned_end": _("Het geplande einde ligt vóór de geplande start.")})


def _m2m_changes(action: Action, m2m: dict | None) -> bool:
    """Whether the many-to-many values sent differ from the saved ones."""
    for name, values in (m2m or {}).items():
        if name not in M2M_FIELDS or values is None:
            continue
        sent = {getattr(v, "pk", v) for v in values}
        if sent != set(getattr(action, name).values_list("pk", flat=True)):
            return True
    return False


def _save_with_history(action: Action, user, reason: str, m2m: dict | None = None):
    """Save fields and many-to-many values, writing exactly one history record."""
    creating = action.pk is None
    action._history_user = user
    action._change_reason = history_reason(reason)
    m2m = {name: values for name, values in (m2m or {}).items() if name in M2M_FIELDS and values is not None}
    if not m2m:
        action.save()
        return
    action.skip_history_when_saving = True
    action.save()
    for name, values in m2m.items():
        getattr(action, name).set(values)
    del action.skip_history_when_saving
    action.save(update_fields=["updated_at"])
    if creating:  # the one record of a new action is its creation, not a change
        action.history.filter(history_id=action.history.latest().history_id).update(history_type="+")


def history_reason(text: str) -> str:
    """The history's change reason holds 100 characters; the full reason is in StatusChange."""
    return text if len(text) <= 100 else text[:99] + "…"


def _reindex(action: Action):
    """Keep the overlap suggestions current: re-index the action's Dutch text (a few queries)."""
    from actieplan.alignment import similarity
    from actieplan.signals import action_text_changed

    similarity.index_action(action)
    action_text_changed.send(sender=Action, action=action)


def _reindex_status(action: Action):
    """Only submitted and retained actions are overlap candidates (two queries)."""
    from actieplan.alignment import similarity

    similarity.status_changed(action)


# --------------------------------------------------------------------------- create / update
@transaction.atomic
def action_create(*, user, data: dict, m2m: dict | None = None) -> Action:
    """Create a draft action in a working group or for a proposing policy domain."""
    perms = perms_for(user)
    action = Action(**data)
    action.status = Status.DRAFT
    action.version = 1
    if action.working_group_id:
        action.proposing_domain = None
        if not perms.can_create_action_in(action.working_group):
            raise PermissionDenied(_("U kunt geen acties toevoegen aan deze werkgroep."))
    elif action.proposing_domain_id:
        if not perms.can_propose_for_domain(action.proposing_domain):
            raise PermissionDenied(_("U kunt geen acties voorstellen voor dit beleidsdomein."))
    else:
        raise ValidationError({"working_group": _("Kies de werkgroep die de actie voorstelt.")})
    if not action.code:
        action.code = next_code(working_group=action.working_group, proposing_domain=action.proposing_domain)
    if not action.proposed_round_id:
        action.proposed_round = Round.current()  # the round in which it is proposed
    action.created_by = user
    action.updated_by = user
    _validate_code_unique(action)
    _validate_dates(action)
    action.full_clean(validate_unique=False, validate_constraints=False)
    _save_with_history(action, user, _("Aangemaakt"), m2m)
    _reindex(action)
    return action



def changes_since(action: Action, version: int) -> tuple[list[FieldChange], str]:
    """Field changes between the history record of ``version`` and the current action."""
    records = list(action.history.filter(version__gte=version).order_by("history_date", "history_id"))
    same = [r for r in records if r.version == version]
    old = same[-1] if same else None
    new = records[-1] if records else None
    who = ""
    if new is not None and new.history_user is not None:
        who = person_name(new.history_user)
    if old is None or new is None:
        return [], who
    changes = []
    for field in old.instance._meta.concrete_fields:
        name = field.name
        if name in ("version", "updated_at", "updated_by", "id") or not field.editable:
            continue  # only what a user changes (not created_at, timestamps the system keeps)
        a, b = getattr(old, field.attname, None), getattr(new, field.attname, None)
        if a != b:
            changes.append(FieldChange(name, str(field.verbose_name), _value(old, field), _value(new, field)))
    for name in M2M_FIELDS:
        a = sorted(str(x) for x in _hist_m2m(old, name))
        b = sorted(str(x) for x in _hist_m2m(new, name))
        if a != b:
            label = str(Action._meta.get_field(name).verbose_name)
            changes.append(FieldChange(name, label, ", ".join(a), ", ".join(b)))
    return changes, who


def _value(record, field) -> str:
    if field.is_relation:
        obj = getattr(record, field.name, None)
        return "" if obj is None else str(obj)
    value = getattr(record, field.attname)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return display_value(value)


def display_value(value) -> str:
    """A value as the pages show it (nl-BE): dates dd/mm/jjjj, decimal comma, Ja/Nee."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nee"))
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value,
                                   "d/m/Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, (Decimal, float)):
        return formats.number_format(value, use_l10n=True)
    return str(value)


def _hist_m2m(record, name):
    through = getattr(record, name)
    target = Action._meta.get_field(name).related_model
    column = target._meta.model_name
    return [getattr(row, column) for row in through.all()]


@transaction.atomic
def action_update(*, action: Action, user, data: dict, m2m: dict | None = None, expected_version: int | None) -> Action:
    """Save edits; refuse when somebody else saved since ``expected_version`` (lost update)."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    perms = perms_for(user)
    if not perms.can_edit_action(locked):
        raise PermissionDenied(_("U mag deze actie niet wijzigen."))
    if expected_version is None:
        raise ValidationError({"version": _("De versie van de actie ontbreekt.")})
    if int(expected_version) != locked.version:
        changes, who = changes_since(locked, int(expected_version))
        raise EditConflict(locked, changes, who)
    changed = False
    for key, value in data.items():
        if key in ("status", "version", "working_group", "working_group_id", "proposing_domain", "proposing_domain_id"):
            continue
        changed = changed or getattr(locked, key) != value
        setattr(locked, key, value)
    changed = changed or _m2m_changes(locked, m2m)
    if not changed:
        return locked  # an edit that changes nothing keeps the version (no conflict for others, no history)
    locked.updated_by = user
    _validate_code_unique(locked)
    _validate_dates(locked)
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.version += 1
    _save_with_history(locked, user, _("Gewijzigd"), m2m)
    _reindex(locked)
    action_changed.send(sender=Action, action=locked, user=user, what="")  # the plan resets its sign-offs
    return locked


# --------------------------------------------------------------------------- lifecycle
@transaction.atomic
def action_transition(
    *, action: Action, to: str, user, reason: str = "", into: Action | int | None = None,
    carry_over: list[str] | None = None,
) -> Action:
    """Move ``action`` to status ``to``: lock, check the rule and role, save, log, notify.

    ``to == "merged"`` needs ``into`` (the surviving action) and takes ``carry_over``
    (what moves to it; ``None`` = everything); the merge itself is done by
    ``actieplan.alignment.services.merge_prepare`` / ``merge_apply``.
    """
    locked = Action.objects.select_for_update().get(pk=action.pk)
    rule = TRANSITIONS.get((locked.status, to))
    if rule is None:
        raise TransitionNotAllowed(
            _("Een actie met status ‘%(from)s’ kan niet naar ‘%(to)s’.")
            % {"from": locked.get_status_display(), "to": dict(Status.choices).get(to, to)}
        )
    perms = perms_for(user)
    if not perms.roles_for_action(locked) & rule.roles:
        raise PermissionDenied(_("U mag deze statuswijziging niet uitvoeren."))
    reason = (reason or "").strip()
    if rule.reason_required and not reason:
        raise ValidationError({"reason": _("Geef een reden op.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("De reden is te lang (maximaal 2000 tekens).")})
    previous = locked.status
    merge = None
    if to == Status.MERGED:
        from actieplan.alignment import services as alignment_services

        merge = alignment_services.merge_prepare(action=locked, into=into, user=user, carry_over=carry_over)
    locked.status = to
    if to == Status.ADOPTED and not locked.adopted_round_id:
        locked.adopted_round = Round.current()  # the round in which it is adopted
    locked.version += 1
    locked.updated_by = user
    _save_with_history(locked, user, reason or str(rule.label))
    change = StatusChange.objects.create(action=locked, from_status=previous, to_status=to, by=user, reason=reason)
    if merge is not None:
        alignment_services.merge_apply(merge, reason=reason)
    _reindex_status(locked)
    notifications.status_changed(change.pk)  # in the transaction: the outbox entry commits with the change
    return locked


def actions_submit(*, actions: list[Action], user) -> list[Action]:
    """Submit several draft actions for alignment; all or nothing."""
    with transaction.atomic():
        return [action_transition(action=a, to=Status.SUBMITTED, user=user) for a in actions]


# --------------------------------------------------------------------------- comments
def comment_create(*, action: Action, user, text: str) -> Comment:
    text = (text or "").strip()
    if not perms_for(user).can_comment_action(action):
        raise PermissionDenied(_("U mag bij deze actie geen opmerkingen plaatsen."))
    comment = Comment(action=action, author=user, text=text)
    comment.full_clean()
    comment.save()
    return comment
