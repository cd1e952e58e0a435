"""Writes of the inventory. Each service checks the permission vocabulary, validates, then saves.

``data`` holds the model's plain fields, ``m2m`` its many-to-many fields (lists of objects).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actieplan.models import Action
from actieplan.permissions import perms_for
from inventory.models import EvidenceSource, LinkKind, Measure, MeasureActionLink

MEASURE_M2M = ("barriers", "target_groups")
EVIDENCE_M2M = ("barriers", "target_groups", "measures", "actions")


def _apply(instance, data: dict, m2m: dict, names) -> None:
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name in names:
        if name in m2m:
            getattr(instance, name).set(m2m[name])


def _check_domain(perms, domain) -> None:
    if domain is not None and not perms.is_coordinator and domain.pk not in perms.contact_domain_ids:
        raise ValidationError({"responsible_domain": [
            _("Kies een beleidsdomein waarvan u contactpersoon bent.")]})


def _check_links(perms, links) -> list[tuple[Action, str]]:
    seen, clean = set(), []
    for action, kind in links:
        if kind not in LinkKind.values:
            raise ValidationError({"action_links": [_("Kies bouwt voort op, vult aan of vervangt.")]})
        if not perms.can_view_action(action):
            raise ValidationError({"action_links": [_("Deze actie bestaat niet of u mag ze niet zien.")]})
        if action.pk in seen:
            raise ValidationError({"action_links": [_("Elke actie komt maar één keer voor.")]})
        seen.add(action.pk)
        clean.append((action, kind))
    return clean


@transaction.atomic
def measure_create(*, user, data: dict, m2m: dict | None = None, links=None) -> Measure:
    perms = perms_for(user)
    if not perms.can_manage_measures:
        raise PermissionDenied(_("Enkel coördinatoren en contactpersonen van beleidsdomeinen voegen maatregelen toe."))
    _check_domain(perms, data.get("responsible_domain"))
    links = _check_links(perms, links or [])
    measure = Measure(created_by=user)
    _apply(measure, data, m2m or {}, MEASURE_M2M)
    for action, kind in links:
        MeasureActionLink.objects.create(measure=measure, action=action, kind=kind, created_by=user)
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, user, data: dict, m2m: dict | None = None, links=None) -> Measure:
    """Change a measure; ``links`` (pairs of action and kind), when given, replace the links the user sees."""
    perms = perms_for(user)
    if not perms.can_edit_measure(measure):
        raise PermissionDenied(_("U mag deze maatregel niet wijzigen."))
    if "responsible_domain" in data and data["responsible_domain"].pk != measure.responsible_domain_id:
        _check_domain(perms, data["responsible_domain"])
    _apply(measure, data, m2m or {}, MEASURE_M2M)
    if links is not None:
        links = _check_links(perms, links)
        visible = [link for link in measure.action_links.select_related("action")
                   if perms.can_view_action(link.action)]
        wanted = {action.pk: (action, kind) for action, kind in links}
        for link in visible:
            if link.action_id not in wanted:
                link.delete()
        for action, kind in wanted.values():
            MeasureActionLink.objects.update_or_create(measure=measure, action=action,
                                                       defaults={"kind": kind, "created_by": user})
    return measure


@transaction.atomic
def measure_link_action(*, measure: Measure, action: Action, kind: str, user) -> MeasureActionLink:
    perms = perms_for(user)
    if not perms.can_edit_measure(measure):
        raise PermissionDenied(_("U mag deze maatregel niet koppelen."))
    _check_links(perms, [(action, kind)])
    link, _created = MeasureActionLink.objects.update_or_create(
        measure=measure, action=action, defaults={"kind": kind, "created_by": user})
    return link


@transaction.atomic
def measure_unlink_action(*, link: MeasureActionLink, user) -> None:
    if not perms_for(user).can_edit_measure(link.measure):
        raise PermissionDenied(_("U mag deze koppeling niet verwijderen."))
    link.delete()


def _check_evidence_actions(perms, m2m: dict) -> None:
    for action in m2m.get("actions", []):
        if not perms.can_view_action(action):
            raise ValidationError({"actions": [_("Deze actie bestaat niet of u mag ze niet zien.")]})


@transaction.atomic
def evidence_create(*, user, data: dict, m2m: dict | None = None) -> EvidenceSource:
    perms = perms_for(user)
    if not perms.can_manage_evidence:
        raise PermissionDenied(_("Enkel coördinatoren voegen onderzoek en evidentie toe."))
    _check_evidence_actions(perms, m2m or {})
    source = EvidenceSource(created_by=user)
    _apply(source, data, m2m or {}, EVIDENCE_M2M)
    return source


@transaction.atomic
def evidence_update(*, source: EvidenceSource, user, data: dict, m2m: dict | None = None) -> EvidenceSource:
    perms = perms_for(user)
    if not perms.can_manage_evidence:
        raise PermissionDenied(_("Enkel coördinatoren wijzigen onderzoek en evidentie."))
    _check_evidence_actions(perms, m2m or {})
    _apply(source, data, m2m or {}, EVIDENCE_M2M)
    return source
