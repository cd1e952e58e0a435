"""The one permission vocabulary of the application.

Roles come from a user's profile (coordinator, domain contact, cabinet) and from
their working-group memberships (chair, member). ``perms_for(user)`` reads them once
per request and caches them on the user object; templates, views and the API all
ask the same questions (``can_edit_action`` ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from actieplan.models import TRANSITIONS, Action, Status
from werkgroepen.models import Membership, Profile


@dataclass
class Perms:
    authenticated: bool = False
    is_superuser: bool = False
    is_coordinator: bool = False
    is_cabinet: bool = False
    cabinet_all_domains: bool = False
    chair_group_ids: frozenset = field(default_factory=frozenset)
    member_group_ids: frozenset = field(default_factory=frozenset)  # members and chairs
    contact_domain_ids: frozenset = field(default_factory=frozenset)
    cabinet_domain_ids: frozenset = field(default_factory=frozenset)

    # ----------------------------------------------------------------- roles
    @property
    def is_domain_contact(self) -> bool:
        return bool(self.contact_domain_ids)

    @property
    def is_chair(self) -> bool:
        return bool(self.chair_group_ids)

    @property
    def is_member(self) -> bool:
        return bool(self.member_group_ids)

    @property
    def is_read_only(self) -> bool:
        """A cabinet user with no other role only reads."""
        return self.is_cabinet and not (
            self.is_coordinator or self.member_group_ids or self.contact_domain_ids
        )

    def roles_for_action(self, action: Action) -> set[str]:
        roles = set()
        if self.is_coordinator:
            roles.add("coordinator")
        if action.working_group_id and action.working_group_id in self.chair_group_ids:
            roles.add("chair")
        if action.working_group_id and action.working_group_id in self.member_group_ids:
            roles.add("member")
        if not action.working_group_id and action.proposing_domain_id in self.contact_domain_ids:
            roles.add("domain_proposer")
        if action.lead_domain_id and action.lead_domain_id in self.contact_domain_ids:
            roles.add("lead_contact")
        return roles

    # ----------------------------------------------------------------- working groups
    def can_view_group(self, group) -> bool:
        return self.authenticated

    def can_manage_members(self, group) -> bool:
        return self.is_coordinator or group.pk in self.chair_group_ids

    def can_create_action_in(self, group) -> bool:
        if not group.is_active:
            return self.is_coordinator
        return self.is_coordinator or group.pk in self.member_group_ids

    def can_propose_for_domain(self, domain) -> bool:
        return self.is_coordinator or domain.pk in self.contact_domain_ids

    @property
    def can_create_actions(self) -> bool:
        return self.is_coordinator or bool(self.member_group_ids) or bool(self.contact_domain_ids)

    # ----------------------------------------------------------------- actions
    def can_view_action(self, action: Action) -> bool:
        if not self.authenticated:
            return False
        if self.is_coordinator or action.status != Status.DRAFT:
            return True
        return bool(self.roles_for_action(action) & {"member", "chair", "domain_proposer"})

    def can_edit_action(self, action: Action) -> bool:
        if not self.authenticated:
            return False
        if self.is_coordinator:
            return action.status not in (Status.MERGED,)
        if action.status == Status.DRAFT:
            return bool(self.roles_for_action(action) & {"member", "chair", "domain_proposer"})
        return False

    def can_comment_action(self, action: Action) -> bool:
        if not self.can_view_action(action):
            return False
        if self.is_coordinator or self.is_domain_contact:
            return True
        return bool(self.roles_for_action(action) & {"member", "chair"})

    def allowed_transitions(self, action: Action) -> list[str]:
        roles = self.roles_for_action(action)
        return [
            to for (frm, to), rule in TRANSITIONS.items() if frm == action.status and roles & rule.roles
        ]

    def can_transition(self, action: Action, to: str) -> bool:
        rule = TRANSITIONS.get((action.status, to))
        return bool(rule and self.roles_for_action(action) & rule.roles)

    def visible_actions_q(self) -> Q:
        """A filter for the actions this user may see (used by the selector)."""
        if self.is_coordinator:
            return Q()
        visible = ~Q(status=Status.DRAFT)
        if self.member_group_ids:
            visible |= Q(working_group_id__in=self.member_group_ids)
        if self.contact_domain_ids:
            visible |= Q(working_group__isnull=True, proposing_domain_id__in=self.contact_domain_ids)
        return visible


ANONYMOUS = Perms()


def perms_for(user) -> Perms:
    """The permissions of ``user``, read with two queries and cached on the user."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_actieplan_perms", None)
    if cached is not None:
        return cached
    profile = Profile.objects.filter(user=user).values(
        "is_coordinator", "is_cabinet", "cabinet_all_domains"
    ).first() or {}
    chair, member = set(), set()
    contact, cabinet = set(), set()
    # One query over memberships and both domain lists of the profile.
    for group_id, role in Membership.objects.filter(user=user).values_list("working_group_id", "role"):
        member.add(group_id)
        if role == Membership.Role.CHAIR:
            chair.add(group_id)
    if profile:
        rows = Profile.objects.filter(user=user).values_list("contact_domains", "cabinet_domains")
        for contact_id, cabinet_id in rows:
            if contact_id:
                contact.add(contact_id)
            if cabinet_id:
                cabinet.add(cabinet_id)
    perms = Perms(
        authenticated=True,
        is_superuser=user.is_superuser,
        is_coordinator=bool(profile.get("is_coordinator")) or user.is_superuser,
        is_cabinet=bool(profile.get("is_cabinet")),
        cabinet_all_domains=bool(profile.get("cabinet_all_domains")),
        chair_group_ids=frozenset(chair),
        member_group_ids=frozenset(member),
        contact_domain_ids=frozenset(contact),
        cabinet_domain_ids=frozenset(cabinet),
    )
    user._actieplan_perms = perms
    return perms
