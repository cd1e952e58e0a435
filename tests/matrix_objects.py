"""The objects the permission matrix (``tests/security/test_permission_matrix.py``) requests pages about.

``build(...)`` makes one small world through the services (so the objects are in the
states the application itself produces). Parts are built on first use (``Objects``), so
a URL of phase 1 does not pay for the plan, and a test builds each part at most once.

What each part holds (actions are of ``group`` and led by ``domain`` unless said otherwise):

* core: ``draft`` (MOB-01), ``submitted`` (MOB-02), the member's ``membership``.
* alignment: ``other_submitted`` (ZORG-20, of ``other_group``, led by ``other_domain``),
  ``merged`` (ZORG-21, merged into ``other_submitted``) with its ``merge``, and ``link``
  (``submitted`` complements ``other_submitted``).
* plan: ``plan`` (version 1 final, then changed and in consultation again, so it has a
  ``version``), with ``chapter`` (and an ``empty_chapter``), ``item`` and ``milestone`` of
  ``adopted`` (MOB-10, led by ``domain``, partner ``other_domain``, adopted by the final
  version), the ``assignment`` and ``signoff`` of ``domain``; the same of the other domain
  (``other_adopted`` ZORG-10 with ``other_milestone``, ``other_signoff``, ``other_assignment``:
  the partner assignment of MOB-10); ``extra`` (a retained action not in a plan),
  ``draft_plan`` (a draft with one action, ready for consultation) and ``draft_milestone``
  (a milestone of the draft action MOB-01).
* monitoring: ``status_update`` on ``adopted`` by the domain contact and ``coordinator_update``
  by the coordinator (just now, so still correctable), ``indicator`` with a ``measurement``
  (2024), a ``reminder`` sent to the member.
* exchange: ``job`` (an import of the chair into ``group``, previewed), ``token`` (an API
  token of the member).
* security: ``lockout`` (the member's login locked from one address after too many wrong passwords).
* inventory: ``measure`` (of ``domain``, about ``barrier``; ``submitted`` builds on it: ``measure_link``),
  ``other_measure`` (of ``other_domain``) and ``evidence`` (about ``barrier``, ``measure`` and ``submitted``).
"""

from __future__ import annotations

import uuid
from datetime import date

from actieplan import api_tokens
from actieplan.exchange import importer
from actieplan.plan import services as svc
from actieplan.models import Action, ActionLink, Assignment, Merge, PlanItem, SignOff, Status
from actieplan.actions.services import action_transition, action_update
from django.core.files.base import ContentFile

from monitoring.models import (
    ActionOutcome,
    Indicator,
    Measurement,
    ReminderKind,
    SendState,
    SentReminder,
    StatusUpdate,
)
from tests import factories as f
from tests.importing import upload, xlsx_bytes
from tests.plan_factories import make_plan, retained_action

IMPORT_ROW = {"title": "Vervoer op maat", "description": "Een busje naar het bedrijventerrein.",
              "primary_barrier": "Mobiliteit"}


def invitation_key() -> str:
    """The key of a fresh invitation of a new person (the link /account/uitnodiging/<key>/)."""
    from accounts.services import invitation_send

    person = f.user(f"uitgenodigd-{uuid.uuid4().hex[:8]}")
    person.set_unusable_password()
    person.save()
    return invitation_send(user=person, by=None).key


def import_file():
    """A small valid XLSX upload of one action (a fresh file object per request)."""
    return upload(xlsx_bytes([IMPORT_ROW]))


class Objects(dict):
    """A dict whose parts are built on first access of one of their keys."""

    def __init__(self, base: dict):
        super().__init__(base)
        self._parts = {key: builder for builder, keys in PARTS for key in keys}

    def __missing__(self, key):
        builder = self._parts.get(key)
        if builder is None:
            raise KeyError(key)
        self.update(builder(self))
        for built in [k for k, b in self._parts.items() if b is builder]:
            self._parts.pop(built)
        return self[key]


def _alignment(o) -> dict:
    coordinator = o["users"]["coordinator"]
    other = f.action(working_group=o["other_group"], primary_barrier=o["other_barrier"], lead_domain=o["other_domain"],
                     code="ZORG-20", status=Status.SUBMITTED, title="Vervoer op maat naar de kinderopvang")
    merged = f.action(working_group=o["other_group"], primary_barrier=o["other_barrier"], code="ZORG-21",
                      status=Status.SUBMITTED, title="Busje naar de kinderopvang")
    action_transition(action=merged, to=Status.MERGED, user=coordinator, into=other, reason="Zelfde aanpak.")
    link = ActionLink.objects.create(from_action=o["submitted"], to_action=other, type="complements",
                                     created_by=coordinator)
    return {"other_submitted": other, "merged": Action.objects.get(pk=merged.pk),
            "merge": Merge.objects.get(merged=merged, undone_at__isnull=True),
            "link": link}


def _plan(o) -> dict:
    coordinator = o["users"]["coordinator"]
    a1 = retained_action(working_group=o["group"], primary_barrier=o["barrier"], lead_domain=o["domain"],
                         code="MOB-10", partner_domains=[o["other_domain"]], title="Jobbus naar bedrijventerreinen")
    a2 = retained_action(working_group=o["other_group"], primary_barrier=o["other_barrier"],
                         lead_domain=o["other_domain"], code="ZORG-10", title="Flexibele kinderopvang")
    plan = make_plan(coordinator, [a1, a2])
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference="VR 2026 0307 MED.0123/1", vr_date=date(2026, 7, 3),
                      override_reason="Politiek akkoord.")
    a1 = Action.objects.get(pk=a1.pk)
    action_update(action=a1, user=coordinator, data={"title": "Jobbus en deelfietsen"}, m2m={},
                  expected_version=a1.version)
    svc.plan_consult(plan=plan, user=coordinator)
    empty = svc.chapter_create(plan=plan, user=coordinator, title="Transversale acties")
    plan.refresh_from_db()
    extra = retained_action(working_group=o["group"], primary_barrier=o["barrier"], code="MOB-50")
    ready = retained_action(working_group=o["group"], primary_barrier=o["barrier"], lead_domain=o["domain"],
                            code="MOB-51")
    draft_plan = make_plan(coordinator, [ready], title="Actieplan 2028")
    # The API lets a coordinator add a milestone to any action, a draft too.
    draft_milestone = svc.milestone_create(action=o["draft"], user=coordinator, title="Voorstel uitwerken",
                                           due_date=date(2026, 12, 1))
    return {
        "plan": plan, "adopted": Action.objects.get(pk=a1.pk), "extra": extra, "draft_plan": draft_plan,
        "other_adopted": Action.objects.get(pk=a2.pk), "other_milestone": a2.milestones.order_by("id").first(),
        "other_signoff": SignOff.objects.get(plan=plan, domain=o["other_domain"]),
        "other_assignment": Assignment.objects.get(action=a1, domain=o["other_domain"]),
        "draft_milestone": draft_milestone,
        "version": plan.versions.get(number=1),
        "chapter": plan.chapters.get(title="Mobiliteit"), "empty_chapter": empty,
        "item": PlanItem.objects.get(plan=plan, action=a1),
        "milestone": a1.milestones.order_by("id").first(),
        "signoff": SignOff.objects.get(plan=plan, domain=o["domain"]),
        "assignment": Assignment.objects.get(action=a1, domain=o["domain"]),
    }


def _monitoring(o) -> dict:
    adopted = o["adopted"]
    assert adopted.status == Status.ADOPTED, adopted.status
    update = StatusUpdate.objects.create(action=adopted, date=date.today(), progress_state="on_track",
                                         percent_complete=40, done="Piloot gestart.",
                                         created_by=o["users"]["domain_contact"])
    update.attachment.save("verslag.pdf", ContentFile(b"%PDF-1.4 verslag"), save=True)
    by_coordinator = StatusUpdate.objects.create(action=adopted, date=date.today(), progress_state="on_track",
                                                 percent_complete=45, done="Overleg met de partners.",
                                                 created_by=o["users"]["coordinator"])
    indicator = Indicator.objects.create(
        name="Werkzaamheidsgraad 20-64 jaar", slug="werkzaamheidsgraad", unit="percent", source="Steunpunt Werk",
        baseline_value="76.9", baseline_year=2024, target_value="80", target_year=2029)
    measurement = Measurement.objects.create(indicator=indicator, year=2024, value="76.9")
    outcome = ActionOutcome.objects.create(action=adopted, indicator=indicator, kind="output", unit="percent",
                                           target_value="80", target_year=2029)
    reminder = SentReminder.objects.create(
        recipient=o["users"]["member"], kind=ReminderKind.STATUS_DUE, item_type="action", item_id=adopted.pk,
        period="due:2026-09-01:w0", reason="MOB-10 stand van zaken te laat", url=f"/acties/{adopted.pk}/",
        state=SendState.SENT, batch=uuid.uuid4())
    return {"status_update": update, "coordinator_update": by_coordinator, "indicator": indicator,
            "measurement": measurement, "reminder": reminder, "outcome": outcome}


def _exchange(o) -> dict:
    job = importer.import_start(user=o["users"]["chair"], upload=import_file(), working_group=o["group"])
    token, _key = api_tokens.api_token_create(user=o["users"]["member"], name="Rapportering")
    return {"job": job, "token": token}


def _security(o) -> dict:
    from actieplan import lockouts
    from tests.lockout_helpers import lock_out

    lock_out(o["users"]["member"].username, "203.0.113.7")
    return {"lockout": lockouts.current_lockouts()[0]}


def _reporting(o) -> dict:
    from reporting.models import ProgressReport, ReportingPeriod

    f.reporting_periods()
    period = ReportingPeriod.objects.filter(starts_on__lte=date.today()).order_by("-starts_on").first()
    report = ProgressReport.objects.create(period=period, as_of=period.starts_on, title="Voortgangsrapport",
                                           created_by=o["users"]["coordinator"])
    return {"period": period, "progress_report": report}


def _inventory(o) -> dict:
    from tests.inventory.factories import evidence_source, measure

    first = measure(domain=o["domain"], barriers=[o["barrier"]], name="Re-integratietrajecten RIZIV-VDAB",
                    links=[(o["submitted"], "builds_on")])
    other = measure(domain=o["other_domain"], barriers=[o["other_barrier"]], name="Nieuwe krachten kinderopvang")
    source = evidence_source(barriers=[o["barrier"]], measures=[first], actions=[o["submitted"]])
    return {"measure": first, "other_measure": other, "evidence": source,
            "measure_link": first.action_links.get()}
def _governance(o) -> dict:
    from governance import services as governance

    coordinator = o["users"]["coordinator"]
    body = governance.body_create(user=coordinator, data={"name": "Stuurgroep Drempels naar Werk",
                                                          "kind": "steering_group",
                                                          "description": "Structureel overleg.",
                                                          "composition": "Vertegenwoordigers van de vakministers."})
    meeting = governance.meeting_create(user=coordinator, data={"body": body, "date": date.today(),
                                                                "location": "Brussel", "minutes": "Verslag."},
                                        attendees=[coordinator, o["users"]["cabinet"]])
    item = governance.agenda_item_create(meeting=meeting, user=coordinator, title="Afstemming",
                                         action=o["submitted"], notes="Toelichting.")
    decision = governance.decision_create(item=item, user=coordinator, text="Goedgekeurd.", responsible="WEWIS")
    return {"body": body, "meeting": meeting, "agenda_item": item, "decision": decision}


PARTS = [
    (_alignment, ["other_submitted", "merged", "merge", "link"]),
    (_plan, ["plan", "adopted", "extra", "draft_plan", "version", "chapter", "empty_chapter", "item", "milestone",
             "signoff", "assignment", "other_adopted", "other_milestone", "other_signoff", "other_assignment",
             "draft_milestone"]),
    (_monitoring, ["status_update", "coordinator_update", "indicator", "measurement", "reminder", "outcome"]),
    (_exchange, ["job", "token"]),
    (_security, ["lockout"]),
    (_reporting, ["period", "progress_report"]),
    (_inventory, ["measure", "other_measure", "evidence", "measure_link"]),
    (_governance, ["body", "meeting", "agenda_item", "decision"]),
]


def build(*, users, group, other_group, barrier, other_barrier, domain, other_domain, draft, submitted) -> Objects:
    return Objects({
        "users": users, "group": group, "other_group": other_group, "barrier": barrier,
        "other_barrier": other_barrier, "domain": domain, "other_domain": other_domain,
        "draft": draft, "submitted": submitted,
        "membership": group.memberships.get(user=users["member"]),
    })
