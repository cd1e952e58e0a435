"""A person's rights in one shape: the role, the working groups (with the role in each) and
the policy domains. The same shape is shown on /gebruikers/, written by the API and kept in
the audit log as "before → after"."""

from __future__ import annotations

from contextvars import ContextVar

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from actieplan.models import PolicyDomain
from werkgroepen.models import Membership, Profile



# True while ``apply`` changes memberships: the caller writes one audit entry for the whole change.
applying: ContextVar[bool] = ContextVar("accounts_roles_applying", default=False)


class Role(TextChoices):
    COORDINATOR = "coordinator", _("WEWIS-coördinator")
    CONTACT = "contact", _("contactpersoon beleidsdomein")
    CABINET = "cabinet", _("kabinet")
    MEMBER = "member", _("werkgroeplid")


def profile_of(user) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def role_of(profile: Profile | None, contact_ids=(), cabinet_ids=()) -> str:
    if profile is None:
        return Role.MEMBER
    if profile.is_coordinator:
        return Role.COORDINATOR
    if contact_ids:
        return Role.CONTACT
    if profile.is_cabinet:
        return Role.CABINET
    return Role.MEMBER


def snapshot(user) -> dict:
    """The rights of ``user`` as plain data (sorted, so two snapshots compare)."""
    profile = Profile.objects.filter(user=user).first()
    contact_ids = sorted(profile.contact_domains.values_list("pk", flat=True)) if profile else []
    cabinet_ids = sorted(profile.cabinet_domains.values_list("pk", flat=True)) if profile else []
    role = role_of(profile, contact_ids, cabinet_ids)
    domains = contact_ids if role == Role.CONTACT else cabinet_ids if role == Role.CABINET else []
    memberships = [
        {"working_group": group_id, "name": name, "role": member_role}
        for group_id, name, member_role in Membership.objects.filter(user=user)
        .order_by("working_group__name").values_list("working_group_id", "working_group__name", "role")
    ]
    names = dict(PolicyDomain.objects.filter(pk__in=domains).values_list("pk", "name")) if domains else {}
    return {"role": str(role), "memberships": memberships, "policy_domains": domains,
            "policy_domain_names": [names.get(pk, "") for pk in domains]}


def apply(*, user, role: str, memberships: dict, policy_domains) -> None:
    """Give ``user`` exactly these rights. ``memberships`` maps a working group to "member"/"chair"."""
    profile = profile_of(user)
    domain_ids = [d.pk for d in policy_domains]
    profile.is_coordinator = role == Role.COORDINATOR
    profile.is_cabinet = role == Role.CABINET
    profile.cabinet_all_domains = role == Role.CABINET and not domain_ids
    profile.save()
    profile.contact_domains.set(domain_ids if role == Role.CONTACT else [])
    profile.cabinet_domains.set(domain_ids if role == Role.CABINET else [])
    token = applying.set(True)
    try:
        _apply_memberships(user, {group.pk: member_role for group, member_role in memberships.items()})
    finally:
        applying.reset(token)
    if hasattr(user, "_actieplan_perms"):
        del user._actieplan_perms


def _apply_memberships(user, wanted: dict) -> None:
    for membership in Membership.objects.filter(user=user):
        if membership.working_group_id not in wanted:
            membership.delete()  # one by one: the membership history keeps each removal
        elif membership.role != wanted[membership.working_group_id]:
            membership.role = wanted[membership.working_group_id]
            membership.save()
        wanted.pop(membership.working_group_id, None)
    for group_id, member_role in wanted.items():
        Membership.objects.create(user=user, working_group_id=group_id, role=member_role)
