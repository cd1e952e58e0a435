"""THE list of pages and API endpoints that ``bench/run.py`` measures.

Every new page or endpoint adds one row to :data:`TARGETS`: a name, the URL name (as
for ``reverse``), the role of the user who requests it, the sample objects that fill
the URL's arguments, and an optional query string. ``{sample}`` placeholders in the
query string are filled from :data:`SAMPLES` too. A later issue that needs another
object (a plan, an indicator) adds a function to :data:`SAMPLES`; one that needs another
kind of user adds a function to :data:`ROLES`.

The runner reports for every target: HTTP status, SQL queries per request (in-process),
median and p95 latency over the run's number of requests (one client), and both as a
ratio to the floor view. ``budget_p95_ms`` is the budget the issue sets (p95 ≤ 100 ms
at 10,000 actions on PostgreSQL); ``throughput=True`` also measures requests per second
with 8 concurrent clients.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count

from actieplan.models import Action, Status
from bench.scale_data import GROUP_PREFIX_RE, USER_PREFIX
from werkgroepen.models import Membership, WorkingGroup

ROLES_IN_ORDER = ("anonymous", "coordinator", "chair", "member", "domain_contact", "cabinet")
API_PAGE_SIZE = 25


@dataclass(frozen=True)
class Target:
    name: str
    url_name: str
    role: str
    args: tuple[str, ...] = ()  # names of SAMPLES, in the order of the URL's arguments
    query: str = ""  # e.g. "status=in_progress" or "page={middle_page}"
    api: bool = False  # authenticate with an API token (Authorization header) instead of a session
    throughput: bool = False  # also measure requests per second with 8 concurrent clients
    budget_p95_ms: float | None = 100.0

    @property
    def key(self) -> str:
        return f"{self.name}[{self.role}]"


TARGETS: list[Target] = [
    # ------------------------------------------------------------------ pages
    Target("login", "login", "anonymous"),
    Target("home", "home", "coordinator"),
    Target("home", "home", "chair"),
    Target("home", "home", "member"),
    Target("home", "home", "domain_contact"),
    Target("home", "home", "cabinet"),
    Target("group_list", "group_list", "member"),
    Target("group_detail", "group_detail", "chair", args=("group",)),
    Target("group_members", "group_members", "chair", args=("group",)),
    Target("group_submit", "group_submit", "chair", args=("group",)),
    Target("action_list", "action_list", "member", throughput=True),
    Target("action_list", "action_list", "coordinator"),
    Target("action_list", "action_list", "cabinet"),
    Target("action_list_filtered", "action_list", "coordinator", query="status=in_progress&ordering=-updated_at"),
    Target("action_list_search", "action_list", "coordinator", query="search=kinderopvang"),
    Target("action_list_deep_page", "action_list", "coordinator", query="page={middle_page}"),
    Target("action_create", "action_create", "member", query="working_group={group}"),
    Target("action_detail", "action_detail", "member", args=("action",)),
    Target("action_detail", "action_detail", "coordinator", args=("action",)),
    Target("action_edit", "action_edit", "member", args=("draft_action",)),
    Target("action_transition", "action_transition", "chair", args=("draft_action",), query="to=submitted"),
    # ------------------------------------------------------------------ API
    Target("api_actions", "api:action-list", "member", api=True, throughput=True),
    Target("api_actions", "api:action-list", "coordinator", api=True),
    Target("api_actions_filtered", "api:action-list", "coordinator", api=True,
           query="status=in_progress&ordering=-updated_at"),
    Target("api_actions_search", "api:action-list", "coordinator", api=True, query="search=kinderopvang"),
    Target("api_actions_deep_page", "api:action-list", "coordinator", api=True, query="page={middle_page}"),
    Target("api_action_detail", "api:action-detail", "coordinator", args=("action",), api=True),
    Target("api_working_groups", "api:working-group-list", "member", api=True),
    Target("api_barriers", "api:barrier-list", "member", api=True),
    Target("api_target_groups", "api:target-group-list", "member", api=True),
    Target("api_policy_domains", "api:policy-domain-list", "member", api=True),
    Target("api_organisations", "api:organisation-list", "member", api=True),
    Target("api_linked_plans", "api:linked-plan-list", "member", api=True),
    # ------------------------------------------------------------------ phase 2: alignment
    Target("alignment_board", "alignment_board", "coordinator"),
    Target("alignment_compare", "alignment_compare", "coordinator", args=("compare_a", "compare_b")),
    Target("decision_log", "decision_log", "coordinator"),
    Target("decision_log", "decision_log", "cabinet"),
    Target("coverage_matrix", "coverage_matrix", "coordinator"),
    Target("api_similar", "api:action-similar", "coordinator", args=("similar_action",), api=True),
    Target("api_lineage", "api:action-lineage", "coordinator", args=("lineage_action",), api=True),
    Target("api_decisions", "api:decision-list", "coordinator", api=True),
    Target("api_coverage", "api:coverage", "coordinator", api=True),
    Target("api_action_links", "api:action-link-list", "coordinator", api=True),
    # ------------------------------------------------------------------ phase 3: the plan
    Target("plan_list", "plan_list", "member"),
    Target("plan_detail", "plan_detail", "coordinator", args=("plan",)),
    Target("plan_detail", "plan_detail", "member", args=("plan",)),
    Target("plan_timeline", "plan_timeline", "member", args=("plan",)),
    Target("plan_diff", "plan_diff", "coordinator", args=("plan",)),
    Target("plan_diff_versions", "plan_diff", "coordinator", args=("plan",), query="from=1&to=2"),
    Target("assignment_list", "assignment_list", "domain_contact"),
    Target("api_plans", "api:plan-list", "member", api=True),
    Target("api_milestones", "api:milestone-list", "coordinator", api=True),
    Target("api_signoffs", "api:signoff-list", "coordinator", api=True),
    Target("api_assignments", "api:assignment-list", "domain_contact", api=True),
    # ------------------------------------------------------------------ monitoring
    Target("dashboard", "dashboard", "coordinator"),
    Target("domain_dashboard", "domain_dashboard", "domain_contact", args=("contact_domain",)),
    Target("group_dashboard", "group_dashboard", "chair", args=("group",)),
    Target("progress_list", "progress_list", "coordinator"),
    Target("phase_tracker", "phase_tracker", "coordinator"),
    Target("indicator_list", "indicator_list", "member"),
    Target("indicator_detail", "indicator_detail", "coordinator", args=("indicator",)),
    Target("cabinet_report", "cabinet_report", "cabinet"),
    Target("reminder_list", "reminder_list", "coordinator"),
    Target("api_status_updates", "monitoring_api:status-update-list", "coordinator", api=True),
    Target("api_indicators", "monitoring_api:indicator-list", "member", api=True),
    Target("api_dashboard", "monitoring_api:dashboard", "coordinator", api=True),
    Target("api_cabinet_report", "monitoring_api:cabinet-report", "cabinet", api=True),
    # ------------------------------------------------------------------ data exchange
    Target("api_imports", "api:import-list", "coordinator", api=True),
    Target("api_api_tokens", "api:api-token-list", "member", api=True),
    # Exports (XLSX, CSV, DOCX, PDF) have their own budget in seconds and their own script
    # (bench/bench_exports.py); they are not in this list.
    # ------------------------------------------------------------------ infrastructure
    Target("health", "health", "anonymous"),
]


# --------------------------------------------------------------------------- who and what
def bench_group() -> WorkingGroup:
    """The active generated working group with the most actions: the heaviest group pages."""
    return (
        WorkingGroup.objects.filter(code_prefix__regex=GROUP_PREFIX_RE.pattern, is_active=True)
        .annotate(n=Count("actions"))
        .order_by("-n", "pk")
        .first()
    )


def _generated_users():
    return get_user_model().objects.filter(username__startswith=USER_PREFIX, is_active=True).order_by("pk")


def _coordinator():
    return _generated_users().filter(profile__is_coordinator=True).first()


def _chair():
    return _generated_users().filter(
        memberships__working_group=bench_group(), memberships__role=Membership.Role.CHAIR
    ).first()


def _member():
    return _generated_users().filter(
        memberships__working_group=bench_group(), memberships__role=Membership.Role.MEMBER,
        profile__is_coordinator=False, profile__is_cabinet=False, profile__contact_domains__isnull=True,
    ).first()


def _busiest_domain():
    """The policy domain that leads most actions."""
    return (
        Action.objects.filter(lead_domain__isnull=False).values("lead_domain").annotate(n=Count("pk"))
        .order_by("-n", "lead_domain").values_list("lead_domain", flat=True).first()
    )


def _domain_contact():
    """A contact of the domain that leads most actions (the heaviest "Mijn beleidsdomein")."""
    users = _generated_users().filter(profile__contact_domains__isnull=False)
    return users.filter(profile__contact_domains=_busiest_domain()).first() or users.first()


def _cabinet():
    users = _generated_users().filter(profile__is_cabinet=True)
    return users.filter(profile__cabinet_all_domains=False).first() or users.first()


ROLES = {
    "anonymous": lambda: None,
    "coordinator": _coordinator,
    "chair": _chair,
    "member": _member,
    "domain_contact": _domain_contact,
    "cabinet": _cabinet,
}


def _action():
    """A visible action of the bench group with the most comments and status changes."""
    return (
        Action.objects.filter(working_group=bench_group()).exclude(status=Status.DRAFT)
        .annotate(n=Count("comments", distinct=True) + Count("status_changes", distinct=True))
        .order_by("-n", "pk").values_list("pk", flat=True).first()
    )


def _draft_action():
    drafts = Action.objects.filter(working_group=bench_group())
    return (drafts.filter(status=Status.DRAFT).order_by("pk").values_list("pk", flat=True).first()
            or drafts.order_by("pk").values_list("pk", flat=True).first())


def _middle_page():
    """A page halfway through the coordinator's list (OFFSET cost), same page size as the HTML list."""
    return max(1, Action.objects.count() // API_PAGE_SIZE // 2)


def _contact_domain():
    """The domain of the domain contact's dashboard: one the benchmark's contact is responsible for."""
    user = _domain_contact()
    if user is None:
        return None
    domains = list(user.profile.contact_domains.order_by("pk").values_list("pk", flat=True))
    busiest = _busiest_domain()
    return busiest if busiest in domains else (domains[0] if domains else None)


def _similar_action():
    """A submitted action of the bench group that has overlap suggestions (else any candidate)."""
    from actieplan.models import TermPosting

    candidates = TermPosting.objects.order_by("action_id").values_list("action_id", flat=True).distinct()
    in_group = Action.objects.filter(pk__in=candidates, working_group=bench_group(), status=Status.SUBMITTED)
    return (in_group.order_by("pk").values_list("pk", flat=True).first()
            or candidates.first())


def _compare_pair() -> tuple[int | None, int | None]:
    from actieplan.alignment import similarity

    a = _similar_action()
    if a is None:
        return None, None
    suggestions = similarity.similar_to(a, limit=1, min_score=0)
    if suggestions:
        return a, suggestions[0].action
    other = (Action.objects.filter(status__in=similarity.ELIGIBLE).exclude(pk=a).order_by("pk")
             .values_list("pk", flat=True).first())
    return a, other


def _lineage_action():
    """The action with most actions merged into it (the longest lineage)."""
    return (
        Action.objects.filter(merged_from__isnull=False).annotate(n=Count("merged_from"))
        .order_by("-n", "pk").values_list("pk", flat=True).first()
        or _action()
    )


def _plan():
    from actieplan.models import Plan

    return (Plan.objects.filter(created_by__username__startswith=USER_PREFIX).annotate(n=Count("items"))
            .order_by("-n", "pk").values_list("pk", flat=True).first())


def _indicator():
    """The generated indicator linked to most actions (ties: the first in the list)."""
    from monitoring.models import Indicator

    return (Indicator.objects.filter(is_generated=True).annotate(n=Count("actions"))
            .order_by("-n", "order", "pk").values_list("pk", flat=True).first())


SAMPLES = {
    "group": lambda: bench_group().pk,
    "action": _action,
    "draft_action": _draft_action,
    "middle_page": _middle_page,
    "contact_domain": _contact_domain,
    "similar_action": _similar_action,
    "compare_a": lambda: _compare_pair()[0],
    "compare_b": lambda: _compare_pair()[1],
    "lineage_action": _lineage_action,
    "plan": _plan,
    "indicator": _indicator,
}
