"""Writes of monitoring: progress reports, measurements, milestones and baselines.

Progress transitions (adopted → in_progress → completed/stopped) are not here: they go
through the one lifecycle service ``actieplan.actions.services.action_transition``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.models import Action, Milestone, PlanItem
from actieplan.permissions import perms_for
from monitoring.models import (
    TOTAL,
    ActionBaseline,
    ActionOutcome,
    Indicator,
    IndicatorUnit,
    Measurement,
    OutcomeValue,
    StatusUpdate,
)

EDIT_WINDOW = timedelta(hours=24)
STATUS_UPDATE_FIELDS = ("date", "progress_state", "percent_complete", "done", "next_steps", "blockers", "link",
                        "attachment")
TEXT_FIELDS = ("done", "next_steps", "blockers", "link")
EARLIEST_YEAR = 1990
MAX_NUMBER = Decimal("999999999999.99")


class StatusUpdateLocked(PermissionDenied):
    """A progress report older than 24 hours: corrections are a new report."""


# --------------------------------------------------------------------------- status updates
def _today() -> date:
    return timezone.localdate()


def _clean_update(update: StatusUpdate):
    for name in TEXT_FIELDS:
        setattr(update, name, (getattr(update, name) or "").strip())
    errors = {}
    if update.date and update.date > _today():
        errors["date"] = _("De datum van een stand van zaken ligt niet in de toekomst.")
    elif update.date and update.date.year < EARLIEST_YEAR:
        errors["date"] = _("Deze datum is niet geloofwaardig.")
    if errors:
        raise ValidationError(errors)
    update.full_clean(exclude=["action", "created_by"])


@transaction.atomic
def status_update_create(*, action: Action, user, data: dict) -> StatusUpdate:
    """Post a progress report (stand van zaken) on an adopted action."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if not perms_for(user).can_post_status_update(locked):
        raise PermissionDenied(
            _("Alleen de contactpersoon van het trekkende beleidsdomein of een coördinator rapporteert de "
              "voortgang, en pas vanaf de opname in het actieplan.")
        )
    update = StatusUpdate(action=locked, created_by=user, **{k: v for k, v in data.items() if k in STATUS_UPDATE_FIELDS})
    if update.date is None:
        update.date = _today()
    _clean_update(update)
    update.save()
    _set_outcome_values(update, data.get("outcome_values"))
    return update


def can_edit_status_update(update: StatusUpdate, user, now=None) -> bool:
    """Within 24 hours, the author (still allowed to report) or a coordinator may correct a report."""
    now = now or timezone.now()
    if update.created_at is None or now - update.created_at >= EDIT_WINDOW:
        return False
    perms = perms_for(user)
    if not perms.can_post_status_update(update.action):
        return False
    return perms.is_coordinator or update.created_by_id == getattr(user, "pk", None)


@transaction.atomic
def status_update_edit(*, update: StatusUpdate, user, data: dict) -> StatusUpdate:
    """Correct a report within 24 hours of posting it; afterwards it is part of the record."""
    locked = StatusUpdate.objects.select_for_update().select_related("action").get(pk=update.pk)
    if timezone.now() - locked.created_at >= EDIT_WINDOW:
        raise StatusUpdateLocked(
            _("Een stand van zaken kan na 24 uur niet meer gewijzigd worden. Plaats een nieuwe stand van zaken "
              "als correctie.")
        )
    if not can_edit_status_update(locked, user):
        raise PermissionDenied(_("Alleen wie deze stand van zaken plaatste, of een coördinator, kan hem corrigeren."))
    for key, value in data.items():
        if key in STATUS_UPDATE_FIELDS:
            setattr(locked, key, value)
    _clean_update(locked)
    locked.save()
    _set_outcome_values(locked, data.get("outcome_values"))
    return locked


# --------------------------------------------------------------------------- milestones
@transaction.atomic
def milestone_set_done(*, milestone: Milestone, user, done_on: date | None) -> Milestone:
    """Mark a milestone done on ``done_on`` (or open again with ``None``)."""
    locked = Milestone.objects.select_for_update().select_related("action").get(pk=milestone.pk)
    if not perms_for(user).can_post_status_update(locked.action):
        raise PermissionDenied(_("Alleen de contactpersoon van het trekkende beleidsdomein of een coördinator "
                                 "markeert mijlpalen als gerealiseerd."))
    if done_on is not None:
        if done_on > _today():
            raise ValidationError({"done_on": _("Een mijlpaal kan niet in de toekomst gerealiseerd zijn.")})
        if done_on.year < EARLIEST_YEAR:
            raise ValidationError({"done_on": _("Deze datum is niet geloofwaardig.")})
    locked.done_on = done_on
    locked.save(update_fields=["done_on"])
    return locked


# --------------------------------------------------------------------------- measurements
def _fmt(value: Decimal) -> str:
    """100.50 → "100,5", 104.00 → "104" (Dutch decimal comma, no trailing zeros)."""
    return format(value.normalize(), "f").replace(".", ",")


def validate_measurement_value(indicator: Indicator, value) -> Decimal:
    """The plausible range per unit: a percentage 0-100, a number of persons a whole number ≥ 0."""
    try:
        value = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({"value": _("Geef een getal op.")})
    if not value.is_finite():
        raise ValidationError({"value": _("Geef een getal op.")})
    if indicator.unit == IndicatorUnit.PERCENT and not (0 <= value <= 100):
        raise ValidationError({"value": _("Een percentage ligt tussen 0 en 100; %(value)s kan niet.") % {
            "value": _fmt(value)}})
    if indicator.unit == IndicatorUnit.COUNT:
        if value < 0:
            raise ValidationError({"value": _("Een aantal personen kan niet negatief zijn.")})
        if value != value.to_integral_value():
            raise ValidationError({"value": _("Een aantal personen is een geheel getal; %(value)s kan niet.") % {
                "value": _fmt(value)}})
    if abs(value) > MAX_NUMBER:
        raise ValidationError({"value": _("Dit getal is te groot.")})
    if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise ValidationError({"value": _("Geef hoogstens twee cijfers na de komma.")})
    return value


@transaction.atomic
def measurement_create(
    *, indicator: Indicator, user, value, year: int | None = None, date: date | None = None, note: str = ""
) -> Measurement:
    """Add a measurement; values outside the plausible range of the unit are refused."""
    if not perms_for(user).can_manage_indicators:
        raise PermissionDenied(_("Alleen coördinatoren voegen metingen toe."))
    value = validate_measurement_value(indicator, value)
    today = _today()
    if year is None and date is None:
        raise ValidationError({"year": _("Geef het jaar of de datum van de meting op.")})
    if year is not None and not (EARLIEST_YEAR <= year <= today.year):
        raise ValidationError({"year": _("Het jaar ligt tussen %(first)s en %(last)s.") % {
            "first": EARLIEST_YEAR, "last": today.year}})
    if date is not None:
        if date > today:
            raise ValidationError({"date": _("Een meting ligt niet in de toekomst.")})
        if date.year < EARLIEST_YEAR:
            raise ValidationError({"date": _("Deze datum is niet geloofwaardig.")})
        if year is not None and year != date.year:
            raise ValidationError({"year": _("Het jaar en de datum spreken elkaar tegen.")})
    same = Measurement.objects.filter(TOTAL, indicator=indicator)
    same = same.filter(date=date) if date is not None else same.filter(year=year, date__isnull=True)
    if same.exists():
        raise ValidationError({"year" if date is None else "date": _(
            "Er is al een meting voor deze periode. Laat een coördinator de bestaande meting corrigeren in het "
            "beheer.")})
    measurement = Measurement(
        indicator=indicator, value=value, year=year if year is not None else date.year, date=date,
        note=(note or "").strip(), created_by=user,
    )
    measurement.full_clean(exclude=["created_by"])
    measurement.save()
    return measurement


# --------------------------------------------------------------------------- baselines
@transaction.atomic
def on_plan_finalised(sender, *, version, **kwargs) -> None:
    """Receiver of the core's ``plan_finalised`` signal (inside the finalising transaction)."""
    capture_baselines(version)


def capture_baselines(plan_version) -> int:
    """Keep each action's planned end and milestone dates as adopted in a final plan version.

    Call it when a plan is finalised, after its actions and milestones are final. A later
    final version moves the baseline to that version. Returns the number of actions.
    """
    action_ids = PlanItem.objects.filter(plan_id=plan_version.plan_id).values_list("action_id", flat=True)
    actions = Action.objects.filter(pk__in=action_ids).prefetch_related("milestones")
    count = 0
    for action in actions:
        ActionBaseline.objects.update_or_create(
            action=action,
            defaults={
                "plan_version": plan_version,
                "planned_end": action.planned_end,
                "milestones": {str(m.pk): m.due_date.isoformat() for m in action.milestones.all()},
            },
        )
        count += 1
    return count


# --------------------------------------------------------------------------- outcomes per action
OUTCOME_FIELDS = ("indicator", "kind", "description", "unit", "baseline_value", "baseline_year", "target_value",
                  "target_year")
LATEST_TARGET_YEAR = 2050


def validate_unit_value(unit: str, value, field: str = "value") -> Decimal:
    """A value in ``unit``: a percentage 0-100, a number of persons a whole number ≥ 0 (Dutch errors on ``field``)."""
    try:
        return validate_measurement_value(Indicator(unit=unit), value)
    except ValidationError as error:
        raise ValidationError({field: error.message_dict["value"]})


def _clean_outcome(outcome: ActionOutcome):
    errors = {}
    outcome.description = (outcome.description or "").strip()
    if outcome.unit not in IndicatorUnit.values:
        errors["unit"] = [_("Kies een eenheid: procent, aantal personen of getal.")]
    else:
        for name in ("baseline_value", "target_value"):
            value = getattr(outcome, name)
            if value is None:
                continue
            try:
                setattr(outcome, name, validate_unit_value(outcome.unit, value, name))
            except ValidationError as error:
                errors.update(error.message_dict)
    this_year = _today().year
    if outcome.target_year is not None and not (EARLIEST_YEAR <= outcome.target_year <= LATEST_TARGET_YEAR):
        errors["target_year"] = [_("Het streefjaar ligt tussen %(first)s en %(last)s.") % {
            "first": EARLIEST_YEAR, "last": LATEST_TARGET_YEAR}]
    if outcome.baseline_year is not None and not (EARLIEST_YEAR <= outcome.baseline_year <= this_year):
        errors["baseline_year"] = [_("Het basisjaar ligt tussen %(first)s en %(last)s.") % {
            "first": EARLIEST_YEAR, "last": this_year}]
    if (outcome.baseline_value is None) != (outcome.baseline_year is None):
        errors.setdefault("baseline_year", []).append(
            _("Geef de basiswaarde en het basisjaar samen op, of laat beide leeg."))
    if (outcome.baseline_year and outcome.target_year and "target_year" not in errors
            and outcome.target_year < outcome.baseline_year):
        errors["target_year"] = [_("Het streefjaar ligt vóór het basisjaar.")]
    if outcome.indicator_id:
        clash = ActionOutcome.objects.filter(action_id=outcome.action_id, indicator_id=outcome.indicator_id,
                                             kind=outcome.kind).exclude(pk=outcome.pk)
        if clash.exists():
            errors["indicator"] = [_("Deze actie heeft al een %(kind)s met deze indicator.") % {
                "kind": outcome.get_kind_display()}]
    if errors:
        raise ValidationError(errors)
    outcome.full_clean(exclude=["action"], validate_constraints=False)


def _check_outcome_editor(action: Action, user):
    if not perms_for(user).can_edit_action_outcomes(action):
        raise PermissionDenied(_("Alleen een coördinator of de contactpersoon van het trekkende beleidsdomein legt "
                                 "de beoogde resultaten van een actie vast."))


@transaction.atomic
def action_outcome_save(*, action: Action, user, data: dict, outcome: ActionOutcome | None = None) -> ActionOutcome:
    """Add an expected output or outcome to an action (``outcome`` None) or change one."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    _check_outcome_editor(locked, user)
    if outcome is None:
        outcome = ActionOutcome(action=locked)
        if not data.get("unit") and data.get("indicator") is not None:
            data = {**data, "unit": data["indicator"].unit}  # by default the indicator's unit
    elif outcome.action_id != locked.pk:
        raise PermissionDenied(_("Dit resultaat hoort niet bij deze actie."))
    for name in OUTCOME_FIELDS:
        if name in data:
            setattr(outcome, name, data[name])
    if outcome.pk is None:
        outcome.order = (locked.outcomes.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    _clean_outcome(outcome)
    outcome.save()
    return outcome


@transaction.atomic
def action_outcome_delete(*, outcome: ActionOutcome, user) -> None:
    locked = Action.objects.select_for_update().get(pk=outcome.action_id)
    _check_outcome_editor(locked, user)
    if outcome.values.exists():
        raise ValidationError(_("Voor dit resultaat werden al waarden gemeten; het kan niet meer verwijderd worden."))
    outcome.delete()


def _set_outcome_values(update: StatusUpdate, values: dict | None) -> None:
    """The measured values of a progress report: {outcome id: value or None (no value)}."""
    if not values:
        return
    outcomes = {o.pk: o for o in ActionOutcome.objects.filter(action_id=update.action_id, pk__in=list(values))}
    errors = {}
    cleaned = {}
    for pk, value in values.items():
        outcome = outcomes.get(pk)
        if outcome is None:
            errors[f"outcome_{pk}"] = [_("Dit resultaat hoort niet bij deze actie.")]
            continue
        if value is None or value == "":
            cleaned[pk] = None
            continue
        try:
            cleaned[pk] = validate_unit_value(outcome.unit, value, f"outcome_{pk}")
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    for pk, value in cleaned.items():
        if value is None:
            OutcomeValue.objects.filter(outcome_id=pk, status_update=update).delete()
        else:
            OutcomeValue.objects.update_or_create(outcome_id=pk, status_update=update, defaults={"value": value})
