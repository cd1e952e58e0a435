"""The permission matrix, generated from the URL conf.

Every named URL of the application (pages and API) must have a row in ``RULES``:
method → role → expected outcome. A new URL without a rule fails
``test_every_url_has_a_rule``; every rule runs as a request of that role.

Outcomes: OK (2xx, or a redirect that is not to the login page), LOGIN (anonymous:
redirect to the login page for pages, 401 for the API), 403, 404, 405.

A key is a method, optionally followed by a variant that names a different object or
query: ``submitted`` (the submitted action instead of the draft one), ``draft`` (an object
of the draft action of ``group``), ``other`` (an object of ``other_domain``, or a query
for it), ``domain``/``group``/``other_group`` (a query scoped to them), ``…csv`` (the
``?format=csv`` export of a list page).

One test per URL name runs all its methods × roles against one world
(``tests/matrix_objects.py``, parts built on first use); every request runs in a savepoint
that is rolled back, so a write by one role does not change what the next role sees. One
test client serves the whole module (a new client reloads the middleware on its first
request, which dominated the run time). All mismatches of a URL are reported together.
"""

from __future__ import annotations

import logging
from datetime import date
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories as f
from tests import matrix_objects
from tests.conftest import ROLES
from tests.importing import media_root  # noqa: F401  (fixture: uploads go to a temporary folder)

OK, LOGIN = "ok", "login"
FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 403, 404, 405

EXCLUDED_NAMESPACES = {"admin"}
API_NAMESPACES = ("api:", "monitoring_api:", "accounts_api:", "inbox_api:", "reporting_api:", "inventory_api:", "governance_api:")

# Shorthands for the common shapes of a rule.
EVERYONE = {"anonymous": LOGIN, "*": OK}
PUBLIC = {"*": OK}
COORDINATOR_ONLY = {"anonymous": LOGIN, "coordinator": OK, "*": FORBIDDEN}
GROUP_MANAGERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "*": FORBIDDEN}
GROUP_EDITORS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "*": FORBIDDEN}
API_READ = {"anonymous": LOGIN, "*": OK}
API_NO_WRITE = {"anonymous": LOGIN, "cabinet": FORBIDDEN, "*": NOT_ALLOWED}  # read-only users are refused first
API_COORDINATOR_WRITE = {"anonymous": LOGIN, "coordinator": OK, "*": FORBIDDEN}
# alignment: the decision log and coverage matrix are read by coordinators and cabinets
ALIGNMENT_REPORTS = {"anonymous": LOGIN, "coordinator": OK, "cabinet": OK, "*": FORBIDDEN}
# links: coordinators, and contacts of the domain of one of both actions (``domain`` leads ``submitted``)
LINKERS = {"anonymous": LOGIN, "coordinator": OK, "domain_contact": OK, "*": FORBIDDEN}
# the plan: "Ter bevestiging" is for coordinators and domain contacts
ASSIGNMENT_READERS = {"anonymous": LOGIN, "coordinator": OK, "domain_contact": OK, "*": FORBIDDEN}
# sign off / accept an assignment: only the contact of the domain (not even a coordinator)
DOMAIN_CONTACT_ONLY = {"anonymous": LOGIN, "domain_contact": OK, "*": FORBIDDEN}
# monitoring: progress of an action led by ``domain``: its contact and coordinators
LEAD_CONTACT = {"anonymous": LOGIN, "coordinator": OK, "domain_contact": OK, "*": FORBIDDEN}
# dashboards and reports of ``domain``: coordinators, its contact and the cabinet linked to it
DOMAIN_PORTFOLIO = {"anonymous": LOGIN, "coordinator": OK, "domain_contact": OK, "cabinet": OK, "*": FORBIDDEN}
# dashboards of ``group``: coordinators and its members
GROUP_PORTFOLIO = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "*": FORBIDDEN}
# data exchange: the chair imports into ``group``; the job and the token belong to one user
IMPORTERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "*": FORBIDDEN}
JOB_VIEWERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "*": FORBIDDEN}  # the chair uploaded it
JOB_OWNER = {"anonymous": LOGIN, "chair": OK, "*": FORBIDDEN}
API_JOB_VIEWERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "*": NOT_FOUND}
API_JOB_OWNER = {"anonymous": LOGIN, "chair": OK, "coordinator": FORBIDDEN, "*": NOT_FOUND}
TOKEN_MANAGERS = {"anonymous": LOGIN, "coordinator": OK, "member": OK, "*": NOT_FOUND}  # the member's token
# variants about another domain's or group's objects, or the draft action of ``group``
NOBODY = {"anonymous": LOGIN, "*": FORBIDDEN}
OTHER_GROUP_PORTFOLIO = {"anonymous": LOGIN, "coordinator": OK, "other_member": OK, "*": FORBIDDEN}
# a draft of ``group`` answers 404 to those who may not see it, exactly like a missing id (no enumeration)
DRAFT_READERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "*": NOT_FOUND}
DRAFT_MANAGERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": FORBIDDEN, "*": NOT_FOUND}
API_DRAFT_READERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "*": NOT_FOUND}
# a draft progress report: coordinators; cabinets read only approved ones (the draft is not found)
DRAFT_REPORT = {"anonymous": LOGIN, "coordinator": OK, "cabinet": NOT_FOUND, "*": FORBIDDEN}
# inventory: measures are kept by coordinators and the contacts of the measure's domain (``domain``)
MEASURE_EDITORS = {"anonymous": LOGIN, "coordinator": OK, "domain_contact": OK, "*": FORBIDDEN}
# escalating the draft of ``group``: those who see it are refused (coordinators only), the others do not find it
DRAFT_MANAGERS_ESCALATE = {"anonymous": LOGIN, "coordinator": OK, "chair": FORBIDDEN, "member": FORBIDDEN,
                           "*": NOT_FOUND}


def _action_payload(o):
    return {
        "title": "Vervoer op maat naar bedrijventerreinen",
        "description": "Pendelbussen vanaf het station naar het bedrijventerrein.",
        "primary_barrier": o["barrier"].pk,
        "working_group": o["group"].pk,
        "level": "flemish",
        "instrument_type": "service",
        "budget_impact": "neutral",
    }


def _form_payload(o):
    data = _action_payload(o)
    data.pop("working_group")
    return data


# name → (kwargs builder, query string builder or "", {method: {role: outcome}}, payload builders)
RULES: dict[str, dict] = {
    # ------------------------------------------------------------------ pages
    "health": {"GET": PUBLIC, "POST": {"*": NOT_ALLOWED}},
    "login": {"GET": PUBLIC},
    "logout": {"POST": {"*": LOGIN}, "GET": {"*": NOT_ALLOWED}},  # logging out lands on the login page
    "home": {"GET": EVERYONE},
    "group_list": {"GET": EVERYONE},
    "group_detail": {"GET": EVERYONE},
    "group_members": {"GET": GROUP_MANAGERS, "POST": GROUP_MANAGERS},
    "membership_delete": {"GET": GROUP_MANAGERS, "POST": GROUP_MANAGERS},
    "group_submit": {"GET": GROUP_MANAGERS},
    "action_list": {"GET": EVERYONE},
    "action_create": {"GET": GROUP_EDITORS, "POST": GROUP_EDITORS},
    "action_detail": {
        "GET": DRAFT_READERS,
        "GET submitted": EVERYONE,
    },
    "action_edit": {
        "GET": DRAFT_READERS,
        "GET submitted": COORDINATOR_ONLY,
    },
    "comment_create": {
        "POST submitted": {"anonymous": LOGIN, "other_member": FORBIDDEN, "cabinet": FORBIDDEN, "*": OK},
    },
    "action_transition": {
        "GET": DRAFT_MANAGERS,
        "POST": DRAFT_MANAGERS,
        "GET submitted": COORDINATOR_ONLY,
    },
    # ------------------------------------------------------------------ API
    "api:token": {"POST": PUBLIC},
    "api:schema": {"GET": PUBLIC},
    "api:docs": {"GET": PUBLIC},
    "api:barrier-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:round-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:round-detail": {"GET": API_READ},
    "api:barrier-detail": {"GET": API_READ},
    "api:target-group-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:target-group-detail": {"GET": API_READ},
    "api:policy-domain-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:policy-domain-detail": {"GET": API_READ},
    "api:organisation-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:organisation-detail": {"GET": API_READ},
    "api:linked-plan-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:linked-plan-detail": {"GET": API_READ},
    "api:working-group-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:working-group-detail": {"GET": API_READ},
    "api:action-list": {
        "GET": API_READ,
        "POST": {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "*": FORBIDDEN},
    },
    "api:action-detail": {
        "GET": {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "*": NOT_FOUND},
        "GET submitted": API_READ,
        "PATCH": {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "cabinet": FORBIDDEN,
                  "*": NOT_FOUND},
        "PATCH submitted": {"anonymous": LOGIN, "coordinator": OK, "*": FORBIDDEN},
        "DELETE": {"anonymous": LOGIN, "cabinet": FORBIDDEN, "*": NOT_ALLOWED},
    },
    "api:action-transition": {
        "POST": {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": FORBIDDEN, "cabinet": FORBIDDEN,
                 "*": NOT_FOUND},
        "POST submitted": {"anonymous": LOGIN, "coordinator": OK, "*": FORBIDDEN},
    },
    # ------------------------------------------------------------------ alignment (phase 2) pages
    # ``submitted`` (group, led by ``domain``) and ``other_submitted`` are submitted; ``merged`` went into the latter.
    "alignment_board": {"GET": COORDINATOR_ONLY},
    "alignment_next_suggestion": {"GET": COORDINATOR_ONLY},
    "alignment_compare": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "alignment_merge": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "alignment_unmerge": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "alignment_dismiss": {"POST": COORDINATOR_ONLY},
    "action_link_create": {"POST": LINKERS, "POST other": COORDINATOR_ONLY},  # other: neither action is of domain
    "action_link_delete": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "decision_log": {"GET": ALIGNMENT_REPORTS},
    "coverage_matrix": {"GET": ALIGNMENT_REPORTS},
    # ------------------------------------------------------------------ alignment API
    "api:action-similar": {"GET": API_READ, "GET draft": API_DRAFT_READERS},
    "api:action-similar-dismiss": {"POST": API_COORDINATOR_WRITE},
    # the "Lijkt op …" warning: whoever may propose actions (the cabinet only reads)
    "api:action-similar-to": {"GET": {"anonymous": LOGIN, "cabinet": FORBIDDEN, "*": OK}},
    # the thesaurus of overlap detection: WEWIS
    "overlap_thesaurus": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "overlap_thesaurus_delete": {"POST": COORDINATOR_ONLY},
    "api:action-lineage": {"GET": API_READ, "GET draft": API_DRAFT_READERS},
    "api:action-unmerge": {"POST": API_COORDINATOR_WRITE},
    "api:action-link-list": {"GET": API_READ, "POST": LINKERS, "POST other": API_COORDINATOR_WRITE},
    "api:action-link-detail": {"GET": API_READ, "DELETE": API_COORDINATOR_WRITE},
    "api:decision-list": {"GET": ALIGNMENT_REPORTS},
    "api:coverage": {"GET": ALIGNMENT_REPORTS},
    # ------------------------------------------------------------------ the plan (phase 3) pages
    # ``plan`` is in consultation (version 1 final); ``draft_plan`` is a draft ready for consultation.
    "plan_list": {"GET": EVERYONE},
    "plan_create": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "plan_detail": {"GET": EVERYONE},
    "plan_edit": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "plan_chapter_create": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "plan_chapter_edit": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "plan_chapter_move": {"POST": COORDINATOR_ONLY},
    "plan_chapter_delete": {"POST": COORDINATOR_ONLY},
    "plan_item_add": {"POST": COORDINATOR_ONLY},
    "plan_item_move": {"POST": COORDINATOR_ONLY},
    "plan_item_remove": {"POST": COORDINATOR_ONLY},
    "plan_action_trajectory": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "plan_milestone_add": {"POST": COORDINATOR_ONLY},
    "plan_milestone_delete": {"POST": COORDINATOR_ONLY},
    "plan_consult": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "plan_finalise": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "plan_reopen": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "plan_signoffs": {"GET": COORDINATOR_ONLY},
    "plan_signoff": {"GET": ASSIGNMENT_READERS, "POST": DOMAIN_CONTACT_ONLY, "GET other": COORDINATOR_ONLY,
                     "POST other": NOBODY},
    "plan_versions": {"GET": EVERYONE},
    "plan_version": {"GET": EVERYONE},
    "plan_diff": {"GET": EVERYONE},
    "plan_timeline": {"GET": EVERYONE},
    "assignment_list": {"GET": ASSIGNMENT_READERS},
    "assignment_respond": {"GET": DOMAIN_CONTACT_ONLY, "POST": DOMAIN_CONTACT_ONLY, "GET other": NOBODY,
                           "POST other": NOBODY},
    # ------------------------------------------------------------------ the plan API
    "api:plan-list": {"GET": API_READ, "POST": API_COORDINATOR_WRITE},
    "api:plan-detail": {"GET": API_READ, "PATCH": API_COORDINATOR_WRITE, "PUT": API_COORDINATOR_WRITE},
    "api:plan-chapters": {"GET": API_READ, "POST": API_COORDINATOR_WRITE},
    "api:plan-items": {"POST": API_COORDINATOR_WRITE},
    "api:plan-versions": {"GET": API_READ},
    "api:plan-version": {"GET": API_READ},
    "api:plan-diff": {"GET": API_READ},
    "api:plan-consult": {"POST": API_COORDINATOR_WRITE},
    "api:plan-finalise": {"POST": API_COORDINATOR_WRITE},
    "api:plan-reopen": {"POST": API_COORDINATOR_WRITE},
    "api:plan-export": {"GET": API_READ},  # CSV: the formats share one view (PDF is slow to render)
    "api:milestone-list": {"GET": API_READ, "POST": API_COORDINATOR_WRITE},
    "api:milestone-detail": {
        "GET": API_READ, "PATCH": API_COORDINATOR_WRITE, "PUT": API_COORDINATOR_WRITE, "DELETE": API_COORDINATOR_WRITE,
        # reads are scoped to the actions the user may see (actieplan/api/permissions.py)
        "GET draft": API_DRAFT_READERS,
    },
    # the API reads a domain's answers by the rule of the pages (can_view_domain_answers)
    "api:signoff-list": {"GET": ASSIGNMENT_READERS},
    "api:signoff-detail": {"GET": ASSIGNMENT_READERS, "GET other": COORDINATOR_ONLY},
    "api:signoff-sign": {"POST": DOMAIN_CONTACT_ONLY, "POST other": NOBODY},
    "api:assignment-list": {"GET": ASSIGNMENT_READERS},
    "api:assignment-detail": {"GET": ASSIGNMENT_READERS, "GET other": COORDINATOR_ONLY},
    "api:assignment-accept": {"POST": DOMAIN_CONTACT_ONLY, "POST other": NOBODY},
    "api:assignment-decline": {"POST": DOMAIN_CONTACT_ONLY, "POST other": NOBODY},
    # ------------------------------------------------------------------ data exchange pages
    "import_start": {"GET": IMPORTERS, "POST": IMPORTERS},
    "import_template": {"GET": EVERYONE, "GET group": EVERYONE},
    "import_detail": {"GET": JOB_VIEWERS},
    "import_status": {"GET": JOB_VIEWERS},
    "import_confirm": {"GET": JOB_OWNER, "POST": JOB_OWNER},
    "api_tokens": {"GET": EVERYONE, "POST": EVERYONE},  # every signed-in user may make read-only tokens
    "api_token_revoke": {"GET": TOKEN_MANAGERS, "POST": TOKEN_MANAGERS},
    # ------------------------------------------------------------------ data exchange API
    "api:import-template": {"GET": API_READ, "GET group": API_READ},
    "api:import-list": {"GET": API_READ, "POST": IMPORTERS, "POST other": API_COORDINATOR_WRITE},  # other: other_group
    "api:import-detail": {"GET": API_JOB_VIEWERS},
    "api:import-confirm": {"POST": API_JOB_OWNER},
    "api:api-token-list": {"GET": API_READ, "POST": API_READ},
    "api:api-token-detail": {"GET": TOKEN_MANAGERS},
    "api:api-token-revoke": {"POST": TOKEN_MANAGERS},
    # ------------------------------------------------------------------ security: locked logins
    "lockout_list": {"GET": COORDINATOR_ONLY},
    "lockout_release": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    # ------------------------------------------------------------------ monitoring pages
    # ``adopted`` (group, led by ``domain``) is in the final plan; the contact reported on it just now.
    "action_progress": {"GET": EVERYONE, "POST": LEAD_CONTACT, "GET draft": DRAFT_READERS,
                        "POST other": COORDINATOR_ONLY},  # other: ZORG-10, led by other_domain
    "milestone_done": {"POST": LEAD_CONTACT, "POST other": COORDINATOR_ONLY},
    # outcomes of an action (issue 20 §4): its lead domain's contact and coordinators; other: ZORG-10
    "action_outcomes": {"GET": LEAD_CONTACT, "POST": LEAD_CONTACT, "GET other": COORDINATOR_ONLY,
                        "POST other": COORDINATOR_ONLY},
    "action_outcome_edit": {"GET": LEAD_CONTACT, "POST": LEAD_CONTACT},
    "action_outcome_delete": {"POST": LEAD_CONTACT, "GET": {"anonymous": LOGIN, "*": NOT_ALLOWED}},
    # the author (the contact) or a coordinator; other: the coordinator's report
    "status_update_attachment": {"GET": EVERYONE, "POST": {"anonymous": LOGIN, "*": NOT_ALLOWED}},
    "status_update_edit": {"GET": LEAD_CONTACT, "POST": LEAD_CONTACT, "GET other": COORDINATOR_ONLY,
                           "POST other": COORDINATOR_ONLY},
    # coordinators: the whole plan; the cabinet (linked to one domain): its portfolio, read-only (issue 19)
    "dashboard": {"GET": ALIGNMENT_REPORTS},
    "dashboard_xlsx": {"GET": ALIGNMENT_REPORTS},
    "domain_dashboard": {"GET": DOMAIN_PORTFOLIO, "GET other": COORDINATOR_ONLY},
    "domain_dashboard_xlsx": {"GET": DOMAIN_PORTFOLIO, "GET other": COORDINATOR_ONLY},
    "group_dashboard": {"GET": GROUP_PORTFOLIO, "GET other_group": OTHER_GROUP_PORTFOLIO},
    "group_dashboard_xlsx": {"GET": GROUP_PORTFOLIO, "GET other_group": OTHER_GROUP_PORTFOLIO},
    "progress_list": {
        "GET": COORDINATOR_ONLY, "GET domain": DOMAIN_PORTFOLIO, "GET other": COORDINATOR_ONLY,
        "GET group": GROUP_PORTFOLIO, "GET other_group": OTHER_GROUP_PORTFOLIO,
        # the export (?format=csv) has the same scope as the page
        "GET csv": COORDINATOR_ONLY, "GET domain_csv": DOMAIN_PORTFOLIO, "GET other_csv": COORDINATOR_ONLY,
    },
    "phase_tracker": {"GET": COORDINATOR_ONLY},
    "phase_burnup_chart": {"GET": COORDINATOR_ONLY},
    "indicator_list": {"GET": EVERYONE},
    "indicator_detail": {"GET": EVERYONE, "POST": COORDINATOR_ONLY},
    "indicator_chart": {"GET": EVERYONE},
    "cabinet_report": {"GET": DOMAIN_PORTFOLIO, "GET other": COORDINATOR_ONLY},
    "cabinet_report_pdf": {"GET": DOMAIN_PORTFOLIO, "GET other": COORDINATOR_ONLY},
    "reminder_list": {"GET": EVERYONE, "GET csv": EVERYONE},
    "reminder_preferences": {"GET": EVERYONE, "POST": EVERYONE},
    # ------------------------------------------------------------------ inbox ("Te doen", notifications)
    "inbox_overview": {"GET": EVERYONE, "POST": {"anonymous": LOGIN, "*": NOT_ALLOWED}},
    "inbox_tasks": {
        "GET": COORDINATOR_ONLY,  # /te-doen/beslissingen/
        "GET chair": {"anonymous": LOGIN, "chair": OK, "*": FORBIDDEN},  # /te-doen/in-te-dienen/
        "GET contact": {"anonymous": LOGIN, "domain_contact": OK, "*": FORBIDDEN},  # /te-doen/te-bevestigen/
        "GET cabinet": {"anonymous": LOGIN, "cabinet": OK, "*": FORBIDDEN},  # /te-doen/wijzigingen/
        "GET unknown": {"anonymous": LOGIN, "*": NOT_FOUND},
    },
    "notification_list": {"GET": EVERYONE},
    "notifications_read_all": {"POST": EVERYONE, "GET": {"anonymous": LOGIN, "*": NOT_ALLOWED}},
    "notification_open": {"GET": {"anonymous": LOGIN, "member": OK, "*": NOT_FOUND}},  # sent to the member
    "inbox_api:my-tasks": {"GET": API_READ},
    "inbox_api:my-notifications": {"GET": API_READ},
    "inbox_api:notification-read": {"POST": {"anonymous": LOGIN, "member": OK, "*": NOT_FOUND},
                                    "GET": {"anonymous": LOGIN, "*": NOT_ALLOWED}},
    # ------------------------------------------------------------------ monitoring API
    # ------------------------------------------------------------------ progress reports (issue 19)
    "progress_report_list": {"GET": ALIGNMENT_REPORTS, "POST": COORDINATOR_ONLY},
    "progress_report_detail": {"GET": DRAFT_REPORT, "POST": DRAFT_REPORT},
    "progress_report_approve": {"POST": DRAFT_REPORT},
    "progress_report_pdf": {"GET": DRAFT_REPORT},
    "progress_report_docx": {"GET": DRAFT_REPORT},
    "reporting_api:progress-report-list": {"GET": ALIGNMENT_REPORTS, "POST": API_COORDINATOR_WRITE},
    "reporting_api:progress-report-detail": {"GET": DRAFT_REPORT},
    "reporting_api:progress-report-approve": {"POST": API_COORDINATOR_WRITE},
    "reporting_api:progress-report-export-pdf": {"GET": DRAFT_REPORT},
    "reporting_api:progress-report-export-docx": {"GET": DRAFT_REPORT},
    "monitoring_api:status-update-list": {"GET": API_READ, "POST": LEAD_CONTACT, "POST other": API_COORDINATOR_WRITE},
    "monitoring_api:status-update-detail": {"GET": API_READ, "PATCH": LEAD_CONTACT, "PUT": LEAD_CONTACT,
                                            "PATCH other": API_COORDINATOR_WRITE},
    "monitoring_api:indicator-list": {"GET": API_READ},
    "monitoring_api:action-outcomes": {"GET": API_READ, "GET draft": API_DRAFT_READERS,
                                       "POST": {"anonymous": LOGIN, "cabinet": FORBIDDEN, "*": NOT_ALLOWED}},
    "monitoring_api:indicator-detail": {"GET": API_READ},
    "monitoring_api:indicator-measurements": {"GET": API_READ, "POST": API_COORDINATOR_WRITE},
    "monitoring_api:dashboard": {
        "GET": COORDINATOR_ONLY, "GET domain": DOMAIN_PORTFOLIO, "GET other": COORDINATOR_ONLY,
        "GET group": GROUP_PORTFOLIO, "GET other_group": OTHER_GROUP_PORTFOLIO,
    },
    "monitoring_api:cabinet-report": {"GET": DOMAIN_PORTFOLIO, "GET other": COORDINATOR_ONLY},
    "monitoring_api:cabinet-report-pdf": {"GET": DOMAIN_PORTFOLIO, "GET other": COORDINATOR_ONLY},
    # ------------------------------------------------------------------ accounts (issue 15)
    # without a provider configured the OIDC URLs lead back to the login page
    "oidc_authentication_init": {"GET": {"*": LOGIN}},
    "oidc_authentication_callback": {"GET": {"*": LOGIN}},
    "oidc_logout": {"GET": {"*": NOT_ALLOWED}, "POST": {"*": LOGIN}},
    "user_list": {"GET": COORDINATOR_ONLY},
    "user_invite": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "user_edit": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "user_deactivate": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "user_reactivate": {"POST": COORDINATOR_ONLY},
    "user_invitation_send": {"POST": COORDINATOR_ONLY},
    "user_invitation_revoke": {"POST": COORDINATOR_ONLY},
    "invitation_accept": {"GET": PUBLIC, "POST": PUBLIC},  # the key in the link is the credential
    "password_change": {"GET": EVERYONE, "POST": EVERYONE},
    "password_change_done": {"GET": EVERYONE},
    "password_reset": {"GET": PUBLIC, "POST": PUBLIC},
    "password_reset_done": {"GET": PUBLIC},
    "password_reset_confirm": {"GET": PUBLIC},
    "password_reset_complete": {"GET": PUBLIC},
    "audit_list": {"GET": COORDINATOR_ONLY, "GET xlsx": COORDINATOR_ONLY},
    "accounts_api:user-list": {"GET": API_COORDINATOR_WRITE, "POST": API_COORDINATOR_WRITE},
    "accounts_api:user-detail": {"GET": API_COORDINATOR_WRITE, "PATCH": API_COORDINATOR_WRITE},
    "accounts_api:user-invite": {"POST": API_COORDINATOR_WRITE},
    # ------------------------------------------------------------------ inventory (issue 20 §2)
    "barrier_list": {"GET": EVERYONE, "GET csv": EVERYONE},
    "barrier_detail": {"GET": EVERYONE},
    "measure_list": {"GET": EVERYONE, "GET csv": EVERYONE},
    "measure_create": {"GET": MEASURE_EDITORS, "POST": MEASURE_EDITORS},
    "measure_detail": {"GET": EVERYONE},
    "measure_edit": {"GET": MEASURE_EDITORS, "POST": MEASURE_EDITORS, "GET other": COORDINATOR_ONLY,
                     "POST other": COORDINATOR_ONLY},
    "measure_link_action": {"POST": MEASURE_EDITORS, "POST other": COORDINATOR_ONLY},
    "measure_link_delete": {"POST": MEASURE_EDITORS},
    "evidence_list": {"GET": EVERYONE, "GET csv": EVERYONE},
    "evidence_create": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "evidence_detail": {"GET": EVERYONE},
    "evidence_edit": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "inventory_api:measure-list": {"GET": API_READ, "GET csv": API_READ, "POST": MEASURE_EDITORS},
    "inventory_api:measure-detail": {"GET": API_READ, "PATCH": MEASURE_EDITORS, "PUT": MEASURE_EDITORS,
                                     "PATCH other": API_COORDINATOR_WRITE},
    "inventory_api:evidence-list": {"GET": API_READ, "GET csv": API_READ, "POST": API_COORDINATOR_WRITE},
    "inventory_api:evidence-detail": {"GET": API_READ, "PATCH": API_COORDINATOR_WRITE,
                                      "PUT": API_COORDINATOR_WRITE},
    # ------------------------------------------------------------------ governance: meetings (issue 20 §3)
    "governance_index": {"GET": EVERYONE},
    "governance_body_detail": {"GET": EVERYONE},
    "governance_body_create": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "governance_body_edit": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "governance_meeting_detail": {"GET": EVERYONE},
    "governance_meeting_create": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "governance_meeting_edit": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "governance_meeting_delete": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "governance_meeting_agenda_docx": {"GET": EVERYONE},
    "governance_meeting_decisions_docx": {"GET": EVERYONE},
    "governance_agenda_item_create": {"POST": COORDINATOR_ONLY, "GET": {"anonymous": LOGIN, "*": NOT_ALLOWED}},
    "governance_agenda_item_delete": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "governance_decision_create": {"POST": COORDINATOR_ONLY},
    "governance_decision_delete": {"GET": COORDINATOR_ONLY, "POST": COORDINATOR_ONLY},
    "governance_action_escalate": {"POST submitted": COORDINATOR_ONLY, "POST": DRAFT_MANAGERS_ESCALATE},
    "governance_api:meeting-list": {"GET": API_READ, "POST": API_COORDINATOR_WRITE},
    "governance_api:meeting-detail": {"GET": API_READ, "PATCH": API_COORDINATOR_WRITE, "PUT": API_COORDINATOR_WRITE,
                                      "DELETE": API_COORDINATOR_WRITE},
    "governance_api:meeting-agenda-items": {"POST": API_COORDINATOR_WRITE},
    "governance_api:meeting-decisions": {"POST": API_COORDINATOR_WRITE},
}


@pytest.fixture
def objects(media_root, users, group, other_group, barrier, other_barrier, domain, other_domain,  # noqa: F811
            draft_action, submitted_action):
    return matrix_objects.build(
        users=users, group=group, other_group=other_group, barrier=barrier, other_barrier=other_barrier,
        domain=domain, other_domain=other_domain, draft=draft_action, submitted=submitted_action,
    )


# --------------------------------------------------------------------------- building the requests
def _pk(key, **variants):
    """``{"pk": …}`` of ``o[key]``, or of ``o[variants[variant]]`` for a variant."""
    return lambda o, variant: {"pk": o[variants.get(variant, key)].pk}


def _plan_and(key, kwarg, **variants):
    return lambda o, variant: {"pk": o["plan"].pk, kwarg: o[variants.get(variant, key)].pk}


def _action(o, variant):
    return {"pk": (o["submitted"] if variant == "submitted" else o["draft"]).pk}


# name → kwargs builder (objects, variant) → kwargs; names without kwargs are absent
KWARGS = {
    # phase 1
    "group_detail": _pk("group"), "group_members": _pk("group"), "group_submit": _pk("group"),
    "membership_delete": lambda o, v: {"pk": o["group"].pk, "membership_pk": o["membership"].pk},
    "action_detail": _action, "action_edit": _action, "comment_create": _action, "action_transition": _action,
    "api:action-detail": _action, "api:action-transition": _action,
    "api:barrier-detail": _pk("barrier"), "api:working-group-detail": _pk("group"),
    "api:target-group-detail": lambda o, v: {"pk": f.target_group().pk},
    "api:policy-domain-detail": _pk("domain"),
    "api:round-detail": lambda o, v: {"pk": f.round_().pk},
    "api:organisation-detail": lambda o, v: {"pk": f.organisation().pk},
    "api:linked-plan-detail": lambda o, v: {"pk": f.linked_plan().pk},
    # alignment
    "alignment_compare": lambda o, v: {"a": o["submitted"].pk, "b": o["other_submitted"].pk},
    "alignment_merge": _pk("submitted"),
    "alignment_unmerge": _pk("merged"),
    "alignment_dismiss": lambda o, v: {"pk": o["submitted"].pk, "other": o["other_submitted"].pk},
    "action_link_create": _pk("submitted", other="other_submitted"),
    "action_link_delete": _pk("link"),
    "api:action-similar": _pk("submitted", draft="draft"),
    "api:action-similar-dismiss": lambda o, v: {"pk": o["submitted"].pk, "other_id": o["other_submitted"].pk},
    "api:action-lineage": _pk("other_submitted", draft="draft"),
    "overlap_thesaurus_delete": lambda o, v: {"pk": _synonym_set().pk},
    "api:action-unmerge": _pk("merged"),
    "api:action-link-detail": _pk("link"),
    # plan pages
    "plan_detail": _pk("plan"), "plan_edit": _pk("plan"), "plan_chapter_create": _pk("plan"),
    "plan_chapter_edit": _plan_and("chapter", "chapter_pk"), "plan_chapter_move": _plan_and("chapter", "chapter_pk"),
    "plan_chapter_delete": _plan_and("empty_chapter", "chapter_pk"),
    "plan_item_add": _pk("plan"),
    "plan_item_move": _plan_and("item", "item_pk"), "plan_item_remove": _plan_and("item", "item_pk"),
    "plan_action_trajectory": _plan_and("adopted", "action_pk"),
    "plan_milestone_add": _plan_and("adopted", "action_pk"),
    "plan_milestone_delete": lambda o, v: {"pk": o["plan"].pk, "action_pk": o["adopted"].pk,
                                           "milestone_pk": o["milestone"].pk},
    "plan_consult": _pk("draft_plan"), "plan_finalise": _pk("plan"), "plan_reopen": _pk("plan"),
    "plan_signoffs": _pk("plan"), "plan_signoff": _plan_and("signoff", "signoff_pk", other="other_signoff"),
    "plan_versions": _pk("plan"), "plan_version": lambda o, v: {"pk": o["plan"].pk, "number": o["version"].number},
    "plan_diff": _pk("plan"), "plan_timeline": _pk("plan"),
    "assignment_respond": _pk("assignment", other="other_assignment"),
    # plan API
    "api:plan-detail": _pk("plan"), "api:plan-chapters": _pk("plan"), "api:plan-items": _pk("plan"),
    "api:plan-versions": _pk("plan"),
    "api:plan-version": lambda o, v: {"pk": o["plan"].pk, "number": o["version"].number},
    "api:plan-diff": _pk("plan"), "api:plan-consult": _pk("draft_plan"), "api:plan-finalise": _pk("plan"),
    "api:plan-reopen": _pk("plan"),
    "api:plan-export": lambda o, v: {"id": o["plan"].pk, "fmt": "csv"},
    "api:milestone-detail": _pk("milestone", draft="draft_milestone"),
    "api:signoff-detail": _pk("signoff", other="other_signoff"), "api:signoff-sign": _pk("signoff", other="other_signoff"),
    "api:assignment-detail": _pk("assignment", other="other_assignment"), "api:assignment-accept": _pk("assignment", other="other_assignment"),
    "api:assignment-decline": _pk("assignment", other="other_assignment"),
    # data exchange
    "import_detail": _pk("job"), "import_status": _pk("job"), "import_confirm": _pk("job"),
    "api_token_revoke": _pk("token"),
    "api:import-detail": _pk("job"), "api:import-confirm": _pk("job"),
    "api:api-token-detail": _pk("token"), "api:api-token-revoke": _pk("token"),
    "lockout_release": lambda o, v: {"pk": o["lockout"].attempt_id},
    # monitoring
    "action_progress": _pk("adopted", draft="draft", other="other_adopted"),
    "milestone_done": lambda o, v: {"pk": o["other_adopted" if v == "other" else "adopted"].pk,
                                    "milestone_pk": o["other_milestone" if v == "other" else "milestone"].pk},
    "status_update_edit": _pk("status_update", other="coordinator_update"),
    "status_update_attachment": _pk("status_update"),
    "action_outcomes": _pk("adopted", other="other_adopted"),
    "action_outcome_edit": lambda o, v: {"pk": o["adopted"].pk, "outcome_pk": o["outcome"].pk},
    "action_outcome_delete": lambda o, v: {"pk": o["adopted"].pk, "outcome_pk": o["outcome"].pk},
    "monitoring_api:action-outcomes": _pk("adopted", draft="draft"),
    "domain_dashboard": lambda o, v: {"pk": o["other_domain" if v == "other" else "domain"].pk},
    "domain_dashboard_xlsx": lambda o, v: {"pk": o["other_domain" if v == "other" else "domain"].pk},
    "group_dashboard": _pk("group", other_group="other_group"),
    "group_dashboard_xlsx": _pk("group", other_group="other_group"),
    "indicator_detail": _pk("indicator"), "indicator_chart": _pk("indicator"),
    "monitoring_api:status-update-detail": _pk("status_update", other="coordinator_update"),
    "monitoring_api:indicator-detail": _pk("indicator"),
    "monitoring_api:indicator-measurements": _pk("indicator"),
    # accounts: the pages and the API about the member; a fresh invitation for the link
    **{name: lambda o, v: {"pk": o["users"]["member"].pk} for name in (
        "user_edit", "user_deactivate", "user_reactivate", "user_invitation_send", "user_invitation_revoke",
        "accounts_api:user-detail", "accounts_api:user-invite")},
    "invitation_accept": lambda o, v: {"key": matrix_objects.invitation_key()},
    "password_reset_confirm": lambda o, v: {"uidb64": "MQ", "token": "verlopen-token"},
    # inbox
    "inbox_tasks": lambda o, v: {"slug": {"chair": "in-te-dienen", "contact": "te-bevestigen", "cabinet": "wijzigingen",
                                          "unknown": "bestaat-niet"}.get(v, "beslissingen")},
    "notification_open": _pk("reminder"),
    "inbox_api:notification-read": _pk("reminder"),
    # progress reports
    "progress_report_detail": _pk("progress_report"), "progress_report_approve": _pk("progress_report"),
    "progress_report_pdf": _pk("progress_report"), "progress_report_docx": _pk("progress_report"),
    "reporting_api:progress-report-detail": _pk("progress_report"),
    "reporting_api:progress-report-approve": _pk("progress_report"),
    "reporting_api:progress-report-export-pdf": _pk("progress_report"),
    "reporting_api:progress-report-export-docx": _pk("progress_report"),
    # inventory
    "barrier_detail": _pk("barrier"),
    "measure_detail": _pk("measure"), "measure_edit": _pk("measure", other="other_measure"),
    "measure_link_action": _pk("measure", other="other_measure"), "measure_link_delete": _pk("measure_link"),
    "evidence_detail": _pk("evidence"), "evidence_edit": _pk("evidence"),
    "inventory_api:measure-detail": _pk("measure", other="other_measure"),
    "inventory_api:evidence-detail": _pk("evidence"),
    # governance
    "governance_body_detail": _pk("body"), "governance_body_edit": _pk("body"),
    **{name: _pk("meeting") for name in (
        "governance_meeting_detail", "governance_meeting_edit", "governance_meeting_delete",
        "governance_agenda_item_create", "governance_meeting_agenda_docx", "governance_meeting_decisions_docx",
        "governance_api:meeting-detail", "governance_api:meeting-agenda-items", "governance_api:meeting-decisions")},
    "governance_agenda_item_delete": _pk("agenda_item"), "governance_decision_create": _pk("agenda_item"),
    "governance_decision_delete": _pk("decision"),
    "governance_action_escalate": _action,
}


def _portfolio_query(param):
    """Variants: ``domain``/``other`` (a policy domain), ``group``/``other_group``; ``…csv``: the export."""
    def build(o, variant):
        query = []
        scope = variant.removesuffix("csv").removesuffix("_")
        if scope == "domain":
            query.append(f"{param}={o['domain'].pk}")
        elif scope == "other":
            query.append(f"{param}={o['other_domain'].pk}")
        elif scope in ("group", "other_group"):
            query.append(f"working_group={o[scope].pk}")
        if variant.endswith("csv"):
            query.append("format=csv")
        return "?" + "&".join(query) if query else ""
    return build


# name → query string builder (objects, variant) → "?…" or ""
QUERIES = {
    "api:action-similar-to": lambda o, v: "?title=Vervoer+op+maat&description=Pendelbus+naar+het+werk",
    "action_create": lambda o, v: f"?working_group={o['group'].pk}",
    "action_transition": lambda o, v: "?to=draft" if v == "submitted" else "?to=submitted",
    "plan_diff": lambda o, v: "?from=1&to=current",
    "api:plan-diff": lambda o, v: "?from=1&to=current",
    "import_template": lambda o, v: f"?working_group={o['group'].pk}" if v == "group" else "",
    "api:import-template": lambda o, v: f"?working_group={o['group'].pk}" if v == "group" else "",
    "progress_list": _portfolio_query("lead_domain"),
    "reminder_list": lambda o, v: "?format=csv" if v == "csv" else "",
    "monitoring_api:dashboard": _portfolio_query("domain"),
    "cabinet_report": _portfolio_query("domains"),
    "cabinet_report_pdf": _portfolio_query("domains"),
    "monitoring_api:cabinet-report": _portfolio_query("domains"),
    "monitoring_api:cabinet-report-pdf": _portfolio_query("domains"),
    "audit_list": lambda o, v: "?format=xlsx" if v == "xlsx" else "",
    **{name: lambda o, v: "?format=csv" if v == "csv" else "" for name in (
        "barrier_list", "measure_list", "evidence_list", "inventory_api:measure-list", "inventory_api:evidence-list")},
}


def _synonym_set():
    from overlap.models import SynonymSet

    return SynonymSet.objects.create(terms="pendel\nwoon-werkverkeer")


def _kwargs_and_query(name: str, variant: str, o: dict) -> tuple[dict, str]:
    kwargs = KWARGS[name](o, variant) if name in KWARGS else {}
    query = QUERIES[name](o, variant) if name in QUERIES else ""
    return kwargs, query


def _today() -> str:
    return date.today().isoformat()


def _status_form(o, v):
    return {"date": _today(), "progress_state": "delayed", "percent_complete": "35",
            "done": "Overleg met de vervoerregio.", "next_steps": "", "blockers": "", "link": ""}


def _status_api(o, v):
    return {"action": o["other_adopted" if v == "other" else "adopted"].pk, "date": _today(),
            "progress_state": "at_risk", "percent_complete": 30,
            "done": "Overleg met De Lijn afgerond.", "next_steps": "Pilootlijnen kiezen.", "blockers": "Budget."}


def _finalise(o, v):
    return {"vr_reference": "VR 2026 1810 MED.0400/1", "vr_date": "2026-10-18", "override_reason": "Politiek akkoord."}


# (name, method) or name → payload builder (objects, variant); without one the body is empty
PAYLOADS = {
    "overlap_thesaurus": lambda o, v: {"set-terms": "deeltijds werk\nparttime werk", "set-is_active": "on"},
    # phase 1
    "api:token": lambda o, v: {"username": "coordinator", "password": f.PASSWORD},
    "group_members": lambda o, v: {"username": f.user().username, "role": "member"},
    "action_create": lambda o, v: _form_payload(o),
    "comment_create": lambda o, v: {"text": "Dit sluit aan bij onze aanpak."},
    "action_transition": lambda o, v: {"to": "draft" if v == "submitted" else "submitted",
                                       "reason": "Graag aanvullen."},
    "api:action-list": lambda o, v: _action_payload(o),
    "api:action-detail": lambda o, v: {"title": "Aangepaste titel",
                                       "version": (o["submitted"] if v == "submitted" else o["draft"]).version},
    "api:action-transition": lambda o, v: {"to": "draft", "reason": "Graag aanvullen."} if v == "submitted"
    else {"to": "submitted"},
    # alignment
    "alignment_compare": lambda o, v: {"survivor": o["other_submitted"].pk, "reason": "Zelfde aanpak."},
    "alignment_merge": lambda o, v: {"into": o["other_submitted"].pk, "reason": "Zelfde aanpak."},
    "alignment_unmerge": lambda o, v: {"reason": "Toch twee verschillende acties."},
    "action_link_create": lambda o, v: {"type": "overlaps", "reason": "",
                                        "to_action": o["other_adopted" if v == "other" else "other_submitted"].pk},
    "api:action-unmerge": lambda o, v: {"reason": "Toch twee verschillende acties."},
    "api:action-link-list": lambda o, v: {"from_action": o["other_submitted" if v == "other" else "submitted"].pk,
                                          "to_action": o["other_adopted" if v == "other" else "other_submitted"].pk,
                                          "type": "overlaps"},
    # plan pages
    "plan_create": lambda o, v: {"title": "Actieplan 2030", "introduction": "<p>Inleiding.</p>", "conclusion": ""},
    "plan_edit": lambda o, v: {"title": "Nieuwe titel", "introduction": "<p>Inleiding.</p>", "conclusion": ""},
    "plan_chapter_create": lambda o, v: {"title": "Transversale acties", "barrier": "", "introduction": ""},
    "plan_chapter_edit": lambda o, v: {"title": "Mobiliteit en vervoer", "barrier": o["barrier"].pk,
                                       "introduction": ""},
    "plan_chapter_move": lambda o, v: {"direction": "down"},
    "plan_item_add": lambda o, v: {"action": o["extra"].pk, "chapter": o["chapter"].pk},
    "plan_item_move": lambda o, v: {"direction": "down"},
    "plan_action_trajectory": lambda o, v: {
        "lead_domain": o["domain"].pk, "partner_domains": [o["other_domain"].pk], "planned_start": "2026-09-01",
        "planned_end": "2027-12-31", "version": o["adopted"].version},
    "plan_milestone_add": lambda o, v: {"title": "Evaluatie", "due_date": "2027-06-01", "description": ""},
    "plan_finalise": _finalise,
    "plan_signoff": lambda o, v: {"remark": "Akkoord."},
    "assignment_respond": lambda o, v: {"decision": "accept", "remark": ""},
    # plan API
    "api:plan-list": lambda o, v: {"title": "Tweede actieplan"},
    ("api:plan-detail", "PATCH"): lambda o, v: {"title": "Nieuwe titel"},
    ("api:plan-detail", "PUT"): lambda o, v: {"title": "Nieuwe titel", "introduction": "<p>Inleiding.</p>",
                                              "conclusion": ""},
    "api:plan-chapters": lambda o, v: {"title": "Transversale acties"},
    "api:plan-items": lambda o, v: {"action": o["extra"].pk, "chapter": o["chapter"].pk},
    "api:plan-finalise": _finalise,
    "api:milestone-list": lambda o, v: {"action": o["adopted"].pk, "title": "Evaluatie", "due_date": "2027-06-01"},
    ("api:milestone-detail", "PATCH"): lambda o, v: {"title": "Startvergadering met alle partners"},
    ("api:milestone-detail", "PUT"): lambda o, v: {"action": o["adopted"].pk, "title": "Startvergadering",
                                                   "due_date": "2026-10-15", "description": ""},
    "api:signoff-sign": lambda o, v: {"remark": "Akkoord"},
    "api:assignment-accept": lambda o, v: {"remark": ""},
    "api:assignment-decline": lambda o, v: {"reason": "Geen middelen"},
    # data exchange (imports are multipart uploads)
    "import_start": lambda o, v: {"file": matrix_objects.import_file(), "working_group": o["group"].pk},
    "api:import-list": lambda o, v: {"file": matrix_objects.import_file(),
                                     "working_group": o["other_group" if v == "other" else "group"].pk},
    "api_tokens": lambda o, v: {"name": "Koppeling VDAB"},
    "api:api-token-list": lambda o, v: {"name": "Koppeling VDAB"},
    # monitoring
    "action_progress": _status_form,
    "status_update_edit": _status_form,
    "milestone_done": lambda o, v: {"done_on": _today()},
    "action_outcomes": lambda o, v: {"kind": "outcome", "indicator": o["indicator"].pk, "description": "",
                                     "unit": "", "baseline_value": "76,9", "baseline_year": "2024",
                                     "target_value": "80", "target_year": "2029"},
    "action_outcome_edit": lambda o, v: {"kind": "output", "indicator": o["indicator"].pk, "description": "",
                                         "unit": "percent", "baseline_value": "", "baseline_year": "",
                                         "target_value": "81", "target_year": "2029"},
    "indicator_detail": lambda o, v: {"year": "2025", "value": "77.4", "note": ""},
    "reminder_preferences": lambda o, v: {"delegate": ""},  # a non-empty form (an empty POST is not bound)
    "monitoring_api:status-update-list": _status_api,
    ("progress_report_list", "POST"): lambda o, v: {"period": o["period"].pk, "as_of": _today()},
    "reporting_api:progress-report-list": lambda o, v: {"period": o["period"].pk, "as_of": _today()},
    "progress_report_detail": lambda o, v: {"title": "Voortgangsrapport", "introduction": "", "conclusion": "",
                                            "communication": "Mededeling aan de Vlaamse Regering",
                                            "vr_reference": "", "vr_date": ""},
    ("monitoring_api:status-update-detail", "PATCH"): lambda o, v: {"percent_complete": 45},
    ("monitoring_api:status-update-detail", "PUT"): _status_api,
    "monitoring_api:indicator-measurements": lambda o, v: {"year": 2025, "value": 77.4},
    # accounts
    "user_invite": lambda o, v: {"first_name": "Nina", "last_name": "Nieuw", "email": "nina.nieuw@vlaanderen.be",
                                 "role": "member", f"group_{o['group'].pk}": "member"},
    "user_edit": lambda o, v: {"first_name": "Lotte", "last_name": "Lid", "email": "lotte@vlaanderen.be",
                               "role": "member", f"group_{o['group'].pk}": "chair"},
    "invitation_accept": lambda o, v: {"new_password1": "Zomerreces-2026!", "new_password2": "Zomerreces-2026!"},
    "password_change": lambda o, v: {"old_password": "fout", "new_password1": "x", "new_password2": "y"},
    "password_reset": lambda o, v: {"email": "iemand@vlaanderen.be"},
    "accounts_api:user-list": lambda o, v: {"name": "Nina Nieuw", "email": "nina.nieuw@vlaanderen.be",
                                            "role": "member",
                                            "memberships": [{"working_group": o["group"].pk, "role": "member"}]},
    ("accounts_api:user-detail", "PATCH"): lambda o, v: {"role": "contact", "policy_domains": [o["domain"].pk]},
    # inventory
    "measure_create": lambda o, v: _measure_form(o),
    "measure_edit": lambda o, v: _measure_form(o, o["other_domain" if v == "other" else "domain"]),
    "measure_link_action": lambda o, v: {"action": o["submitted"].pk, "kind": "complements"},
    "evidence_create": lambda o, v: _evidence_form(o),
    "evidence_edit": lambda o, v: _evidence_form(o),
    "inventory_api:measure-list": lambda o, v: {
        "name": "Jobbus naar het bedrijventerrein", "description": "Een pendelbus vanaf het station.",
        "responsible_domain": o["domain"].pk, "barriers": [o["barrier"].pk],
        "set_action_links": [{"action": o["submitted"].pk, "kind": "builds_on"}]},
    ("inventory_api:measure-detail", "PATCH"): lambda o, v: {"status": "ended"},
    ("inventory_api:measure-detail", "PUT"): lambda o, v: {
        "name": "Re-integratietrajecten RIZIV-VDAB", "description": "Trajecten naar werk.",
        "responsible_domain": o["domain"].pk},
    "inventory_api:evidence-list": lambda o, v: {
        "title": "Jobbereikbaarheid", "authors": "Departement WEWIS", "year": 2025, "source_type": "viona",
        "key_findings": "Zeven op tien jobs zijn enkel met de auto haalbaar.", "barriers": [o["barrier"].pk]},
    ("inventory_api:evidence-detail", "PATCH"): lambda o, v: {"year": 2024},
    ("inventory_api:evidence-detail", "PUT"): lambda o, v: {
        "title": "Jobbereikbaarheid", "authors": "Departement WEWIS", "source_type": "viona",
        "key_findings": "Zeven op tien jobs zijn enkel met de auto haalbaar."},
    # governance
    "governance_body_create": lambda o, v: {"name": "Werkgroep Mobiliteit", "kind": "working_group", "order": "3"},
    "governance_body_edit": lambda o, v: {"name": "Stuurgroep", "kind": "steering_group", "order": "1"},
    "governance_meeting_create": lambda o, v: {"body": o["body"].pk, "date": "2027-01-19", "location": "Brussel"},
    "governance_meeting_edit": lambda o, v: {"body": o["body"].pk, "date": "2027-01-19", "location": "Brussel",
                                             "minutes": "Verslag."},
    "governance_agenda_item_create": lambda o, v: {"title": "Stand van de uitvoering", "notes": ""},
    "governance_decision_create": lambda o, v: {f"item{o['agenda_item'].pk}-text": "Goedgekeurd."},
    "governance_api:meeting-list": lambda o, v: {"body": o["body"].pk, "date": "2027-01-19"},
    ("governance_api:meeting-detail", "PATCH"): lambda o, v: {"location": "Gent"},
    ("governance_api:meeting-detail", "PUT"): lambda o, v: {"body": o["body"].pk, "date": "2027-01-19",
                                                            "location": "Gent", "minutes": ""},
    "governance_api:meeting-agenda-items": lambda o, v: {"title": "Escalaties", "action": o["submitted"].pk},
    "governance_api:meeting-decisions": lambda o, v: {"agenda_item": o["agenda_item"].pk, "text": "Goedgekeurd."},
}


def _measure_form(o, domain=None):
    return {"name": "Jobbus naar het bedrijventerrein", "description": "Een pendelbus vanaf het station.",
            "responsible_domain": (domain or o["domain"]).pk, "barriers": [o["barrier"].pk], "status": "running",
            "basis": "", "link": ""}


def _evidence_form(o):
    return {"title": "Jobbereikbaarheid", "authors": "Departement WEWIS", "year": "2025", "source_type": "viona",
            "link": "", "key_findings": "Zeven op tien jobs zijn enkel met de auto haalbaar.",
            "barriers": [o["barrier"].pk]}
MULTIPART_API = {"api:import-list", "api:import-confirm"}


def _payload(name: str, method: str, variant: str, o: dict):
    build = PAYLOADS.get((name, method)) or PAYLOADS.get(name)
    return build(o, variant) if build else {}


# --------------------------------------------------------------------------- the tests
def iter_named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            full = f"{namespace}{ns}:" if ns else namespace
            yield from iter_named_urls(entry, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_rule():
    names = set(iter_named_urls())
    missing = sorted(names - set(RULES))
    assert not missing, f"URLs without a rule in the permission matrix: {missing}"
    stale = sorted(set(RULES) - names)
    assert not stale, f"rules for URLs that no longer exist: {stale}"


def test_every_rule_names_every_role():
    for name, methods in RULES.items():
        for key, per_role in methods.items():
            assert "*" in per_role or set(ROLES) <= set(per_role), (name, key)
            assert set(per_role) <= set(ROLES) | {"*"}, (name, key)
            assert per_role.get("anonymous", per_role.get("*")) in (LOGIN, OK, NOT_ALLOWED), (name, key)


@pytest.fixture(scope="module")
def matrix_client():
    """One test client for the module: its handler loads the middleware (and WhiteNoise's file list) once."""
    return Client()


def _sessions(client, users) -> dict:
    """The session cookies of every role (logged in once per test, outside the savepoints)."""
    sessions = {}
    for role, user in users.items():
        client.cookies = SimpleCookie()
        if user is not None:
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


def _send(client, session: str | None, name: str, method: str, url: str, data):
    """One request with the given session (None: anonymous), in a savepoint that is rolled back afterwards."""
    client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: session} if session else {})
    is_api = name.startswith(API_NAMESPACES)
    call = getattr(client, method.lower())
    with transaction.atomic():
        if method in ("GET", "DELETE"):
            response = call(url)
        elif is_api and name not in MULTIPART_API:
            response = call(url, data=data, content_type="application/json")
        else:
            response = call(url, data=data)  # a form (multipart) post
        transaction.set_rollback(True)
    return response


def _mismatch(name, method, url, role, expected, response) -> str | None:
    status = response.status_code
    location = response.get("Location", "")
    login_url = reverse("login")
    is_api = name.startswith(API_NAMESPACES)
    got = f"{status}" + (f" → {location}" if location else "")
    if expected == OK:
        if status >= 400 or (status in (301, 302) and location.startswith(login_url)):
            return f"{method} {url} as {role}: expected OK, got {got}{_detail(response)}"
    elif expected == LOGIN:
        good = status in (401, 403) if is_api else status == 302 and location.startswith(login_url)
        if not good:
            return f"{method} {url} as {role}: expected LOGIN, got {got}"
    elif status != expected:
        return f"{method} {url} as {role}: expected {expected}, got {got}{_detail(response)}"
    return None


def _detail(response) -> str:
    if response.status_code < 400 or response.get("Content-Type", "").startswith(("application/pdf", "image/")):
        return ""
    text = response.content[:300].decode(errors="replace")
    if "<html" in text.lower():  # a page: the message is in the body, not worth the noise
        return ""
    return f" ({text})"


@pytest.mark.parametrize("name", list(RULES))
def test_permissions(matrix_client, objects, caplog, name):
    """Every method × role of one URL; all mismatches are listed together."""
    caplog.set_level(logging.ERROR, logger="django.request")  # refusals are expected: keep the report short
    client = matrix_client
    sessions = _sessions(client, objects["users"])
    mismatches = []
    for key, per_role in RULES[name].items():
        method, _, variant = key.partition(" ")
        for role in ROLES:
            expected = per_role.get(role, per_role.get("*"))
            # Build the URL and body outside the savepoint: objects made on first use must survive it.
            kwargs, query = _kwargs_and_query(name, variant, objects)
            url = reverse(name, kwargs=kwargs) + query
            data = _payload(name, method, variant, objects)
            try:
                response = _send(client, sessions.get(role), name, method, url, data)
            except Exception as error:  # noqa: BLE001 - a crash is a mismatch like any other
                mismatches.append(f"{method} {url} as {role}: expected {expected}, raised "
                                  f"{type(error).__name__}: {error}")
                continue
            problem = _mismatch(name, method, url, role, expected, response)
            if problem:
                mismatches.append(problem)
    if mismatches:
        pytest.fail(f"{len(mismatches)} mismatches for {name}:\n" + "\n".join(mismatches), pytrace=False)


# --------------------------------------------------------------------------- the pages and the API agree
def _remark(obj) -> str:
    return f"Opmerking-{type(obj).__name__}-{obj.pk}"


def _page_shows(client, url, text) -> bool:
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


def _api_shows(client, url, text) -> bool:
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


def test_pages_and_api_show_the_same_objects_to_each_role(matrix_client, objects, caplog):
    """For the same objects and role, the API shows exactly what the pages show: a domain's answer
    (an assignment's decline reason, a sign-off's remark and signer), a draft of a group, and the
    answers quoted in the plan (page) and its frozen snapshot (API)."""
    caplog.set_level(logging.ERROR, logger="django.request")
    from actieplan.models import Assignment, SignOff

    o = objects
    for key in ("assignment", "other_assignment"):
        Assignment.objects.filter(pk=o[key].pk).update(state="declined", remark=_remark(o[key]))
    for key in ("signoff", "other_signoff"):
        SignOff.objects.filter(pk=o[key].pk).update(remark=_remark(o[key]))
    plan = o["plan"]
    client = matrix_client
    sessions = _sessions(client, o["users"])
    differences, seen = [], {}
    for role in ROLES:
        if role == "anonymous":
            continue
        client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: sessions[role]})
        for key in ("assignment", "other_assignment"):
            text = _remark(o[key])
            page = _page_shows(client, reverse("assignment_list"), text)
            api = (_api_shows(client, reverse("api:assignment-detail", kwargs={"pk": o[key].pk}), text)
                   and text in client.get(reverse("api:assignment-list") + f"?plan={plan.pk}").content.decode())
            seen[(role, key)] = page
            if page != api:
                differences.append(f"{role} {key}: page {page}, API {api}")
            # the plan (live page) and its frozen version (API snapshot) quote a declined remark by the same rule
            in_plan = _page_shows(client, reverse("plan_detail", kwargs={"pk": plan.pk}), text)
            if in_plan != page:
                differences.append(f"{role} {key}: plan page quotes it {in_plan}, the list page {page}")
        for key in ("signoff", "other_signoff"):
            text = _remark(o[key])
            page = _page_shows(client, reverse("plan_signoff", kwargs={"pk": plan.pk, "signoff_pk": o[key].pk}), text)
            api = (_api_shows(client, reverse("api:signoff-detail", kwargs={"pk": o[key].pk}), text)
                   and text in client.get(reverse("api:signoff-list") + f"?plan={plan.pk}").content.decode())
            seen[(role, key)] = page
            if page != api:
                differences.append(f"{role} {key}: page {page}, API {api}")
        for key in ("draft", "submitted"):
            action = o[key]
            page = client.get(reverse("action_detail", kwargs={"pk": action.pk})).status_code
            api = client.get(reverse("api:action-detail", kwargs={"pk": action.pk})).status_code
            seen[(role, key)] = page == 200
            if page != api:
                differences.append(f"{role} {key}: page {page}, API {api}")
    assert not differences, "\n".join(differences)
    # and what they agree on is the rule: the domain's contact and coordinators read its answers
    assert seen[("coordinator", "other_assignment")] and seen[("domain_contact", "assignment")]
    assert not seen[("domain_contact", "other_assignment")] and not seen[("member", "assignment")]
    assert not seen[("cabinet", "signoff")] and not seen[("chair", "signoff")] and seen[("domain_contact", "signoff")]
    assert seen[("member", "draft")] and not seen[("other_member", "draft")] and seen[("cabinet", "submitted")]


def test_the_frozen_snapshot_in_the_api_hides_answers_of_other_domains(matrix_client, objects):
    from actieplan.models import Assignment, PlanVersion

    o = objects
    version = o["version"]
    snapshot = version.snapshot
    for chapter in snapshot["chapters"]:
        for action in chapter["actions"]:
            for a in action["assignments"]:
                a["remark"] = f"Snapshot-opmerking-{a['domain_id']}"
    PlanVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
    assert Assignment.objects.filter(pk=o["other_assignment"].pk).exists()
    url = reverse("api:plan-version", kwargs={"pk": o["plan"].pk, "number": version.number})
    texts = {}
    for role in ("coordinator", "domain_contact", "member", "cabinet"):
        matrix_client.force_login(o["users"][role])
        texts[role] = matrix_client.get(url).content.decode()
    own, other = f"Snapshot-opmerking-{o['domain'].pk}", f"Snapshot-opmerking-{o['other_domain'].pk}"
    assert own in texts["coordinator"] and other in texts["coordinator"]
    assert own in texts["domain_contact"] and other not in texts["domain_contact"]
    assert own not in texts["member"] and other not in texts["cabinet"]
