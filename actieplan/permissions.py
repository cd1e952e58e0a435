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

# Statuses from which an action is monitored (progress reports, milestones).
MONITORING_STATUSES = (Status.ADOPTED, Status.IN_PROGRESS, Status.COMPLETED, Status.STOPPED)


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

    def can_submit_group(self, group) -> bool:
        """Whether the user may submit the group's draft actions (asks the lifecycle rule)."""
        return self.can_transition(Action(working_group_id=group.pk, status=Status.DRAFT), Status.SUBMITTED)

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

    # ----------------------------------------------------------------- phase 2: alignment
    @property
    def can_align(self) -> bool:
        """The alignment workspace: board, compare, merge, undo a merge, dismiss suggestions."""
        return self.is_coordinator

    @property
    def can_view_alignment_reports(self) -> bool:
        """The decision log and the coverage matrix (cabinets read them too)."""
        return self.is_coordinator or self.is_cabinet

    def can_view_suggestions(self, action: Action) -> bool:
        """Overlap suggestions (only submitted and retained actions, which everybody sees)."""
        return self.can_view_action(action)

    def _is_domain_action(self, action: Action) -> bool:
        return bool(
            (action.lead_domain_id and action.lead_domain_id in self.contact_domain_ids)
            or (not action.working_group_id and action.proposing_domain_id in self.contact_domain_ids)
        )

    def can_link_actions(self, a: Action, b: Action | None = None) -> bool:
        """Coordinators link any two actions; domain contacts when one of them is of their domain.

        With one action: may the user add links from its page at all (a contact may link
        any visible action to one of their domain).
        """
        if self.is_read_only or not self.can_view_action(a) or (b is not None and not self.can_view_action(b)):
            return False
        if self.is_coordinator:
            return True
        if b is None:
            return self.is_domain_contact
        return self._is_domain_action(a) or self._is_domain_action(b)

    def can_delete_link(self, link) -> bool:
        return self.is_coordinator

    # ----------------------------------------------------------------- phase 3: the overarching plan
    @property
    def can_view_plan(self) -> bool:
        """Every signed-in user reads the plan, its versions, diff, timeline and exports."""
        return self.authenticated

    @property
    def can_manage_plans(self) -> bool:
        """Assemble the plan, edit its texts and trajectories, change its state, finalise."""
        return self.is_coordinator

    @property
    def can_view_assignments(self) -> bool:
        """The "Ter bevestiging" list and the sign-offs: domain contacts (their domains) and coordinators (all)."""
        return self.is_coordinator or self.is_domain_contact

    def can_view_domain_answers(self, domain_id) -> bool:
        """A domain's answers (accept/decline with their remarks, a sign-off with its signer and remark):
        the contact of that domain and coordinators. Pages and API ask this one question."""
        return self.authenticated and (self.is_coordinator or domain_id in self.contact_domain_ids)

    def answer_domain_ids(self) -> frozenset | None:
        """The domains whose answers this user reads (None: all) — the scope of the lists."""
        return None if self.is_coordinator else self.contact_domain_ids

    def can_view_assignment(self, assignment) -> bool:
        return self.can_view_domain_answers(assignment.domain_id)

    def can_respond_assignment(self, assignment) -> bool:
        """Accept or decline a lead/partner assignment: the contact of the assigned domain."""
        return self.authenticated and not self.is_read_only and assignment.domain_id in self.contact_domain_ids

    def can_view_signoff(self, signoff) -> bool:
        return self.can_view_domain_answers(signoff.domain_id)

    def can_sign_off(self, signoff) -> bool:
        """Sign off the actions a domain leads in a plan: the contact of that domain."""
        return self.authenticated and not self.is_read_only and signoff.domain_id in self.contact_domain_ids

    # ----------------------------------------------------------------- inventory: measures and evidence
    @property
    def can_manage_measures(self) -> bool:
        """Add existing measures: coordinators (any domain) and domain contacts (their domains)."""
        return self.authenticated and not self.is_read_only and (self.is_coordinator or self.is_domain_contact)

    def can_edit_measure(self, measure) -> bool:
        """Edit a measure and link it to actions: coordinators, and the contacts of its responsible domain."""
        if not self.authenticated or self.is_read_only:
            return False
        return self.is_coordinator or measure.responsible_domain_id in self.contact_domain_ids

    @property
    def can_manage_evidence(self) -> bool:
        """Add and edit research and evidence sources: coordinators."""
        return self.is_coordinator

    # ----------------------------------------------------------------- security
    @property
    def can_manage_lockouts(self) -> bool:
        """See the logins locked after too many wrong passwords, and unlock them."""
        return self.is_coordinator

    @property
    def can_manage_users(self) -> bool:
        """/gebruikers/ and /api/v1/users/: invite people, change their rights, deactivate them."""
        return self.is_coordinator

    @property
    def can_view_audit(self) -> bool:
        """The audit log of access (/audit/)."""
        return self.is_coordinator

    # ----------------------------------------------------------------- monitoring
    def can_post_status_update(self, action: Action) -> bool:
        """Report progress (stand van zaken) or mark milestones: lead domain's contact or a coordinator,
        once the action is adopted in the plan."""
        if not self.authenticated or self.is_read_only:
            return False
        if action.status not in MONITORING_STATUSES:
            return False
        return bool(self.roles_for_action(action) & {"coordinator", "lead_contact"})

    def can_edit_action_outcomes(self, action: Action) -> bool:
        """Set an action's expected outputs and outcomes (indicator, baseline, target): a coordinator or the
        contact of the lead domain, at any stage except when the action is merged or not retained."""
        if not self.authenticated or self.is_read_only:
            return False
        if action.status in (Status.MERGED, Status.REJECTED):
            return False
        return bool(self.roles_for_action(action) & {"coordinator", "lead_contact"})

    @property
    def can_manage_indicators(self) -> bool:
        """Add measurements to indicators."""
        return self.is_coordinator

    @property
    def can_view_dashboard(self) -> bool:
        """The WEWIS dashboard and phase tracker over all domains: coordinators, cabinets linked to all."""
        return self.is_coordinator or (self.is_cabinet and self.cabinet_all_domains)

    def can_view_domain_dashboard(self, domain) -> bool:
        return self.can_view_domain_report([domain.pk])

    def can_view_group_dashboard(self, group) -> bool:
        return self.can_view_dashboard or group.pk in self.member_group_ids

    @property
    def can_manage_progress_reports(self) -> bool:
        """Draw up, edit and approve the progress report to the Flemish Government (WEWIS)."""
        return self.is_coordinator

    @property
    def can_view_progress_reports(self) -> bool:
        """Read the approved progress reports: coordinators and cabinets."""
        return self.is_coordinator or self.is_cabinet

    def report_domain_ids(self) -> frozenset | None:
        """The policy domains whose reports this user may read (None: all)."""
        if self.is_coordinator or (self.is_cabinet and self.cabinet_all_domains):
            return None
        return self.cabinet_domain_ids | self.contact_domain_ids

    def can_view_domain_report(self, domain_ids) -> bool:
        """Portfolio scoping of dashboards and the cabinet report. ``domain_ids`` empty = the whole plan."""
        if not self.authenticated:
            return False
        allowed = self.report_domain_ids()
        if allowed is None:
            return True
        wanted = set(domain_ids or ())
        return bool(wanted) and wanted <= allowed


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
