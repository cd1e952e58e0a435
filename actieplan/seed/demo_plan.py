"""Demo data of phase 3: the overarching action plan with a frozen version 1 and a version 2 in the works.

``load()`` builds on the demo actions of ``actieplan.seed.demo`` (call it after
``load_demo``). It is idempotent: when the demo plan exists, nothing changes.

* Version 1 was approved by the Flemish Government before the 2026 summer recess
  (VR 2026 0307 MED.0123/1 of 3 July 2026): every adopted action, in a chapter per
  priority barrier plus a transversal chapter, with milestones, accepted assignments
  and all lead domains signed off.
* Version 2 (autumn 2026, in consultation): the actions retained in the second round
  are added (one partner declines, one action still lacks milestones), two stopped
  actions leave the plan, one action moves chapter, one gets a later end date, and
  the introduction is updated. The diff 1 → 2 therefore shows every kind of change.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

TZ = ZoneInfo("Europe/Brussels")
DEMO_TITLE = "Overkoepelend actieplan drempels naar werk 2026-2029"
VR_REFERENCE = "VR 2026 0307 MED.0123/1"
VR_DATE = date(2026, 7, 3)

INTRODUCTION_V1 = (
    "Vlaanderen wil tijdens deze legislatuur (tegen 2029) een werkzaamheidsgraad van 80% bij de 20- tot 64-jarigen. "
    "In 2024 was dat 76,9%. Ongeveer 794.000 Vlamingen tussen 20 en 64 jaar zijn niet beroepsactief. Veel van hun "
    "drempels naar werk liggen buiten het beleidsdomein Werk: kinderopvang, mobiliteit, gezondheid, taal en de "
    "aansluiting tussen onderwijs en arbeidsmarkt.\n\n"
    "Dit overkoepelend actieplan bundelt de acties die de thematische werkgroepen en de beleidsdomeinen "
    "voorstelden en die na afstemming werden weerhouden. Elke actie heeft een trekkend beleidsdomein, "
    "partners en een uitvoeringstraject.\n\n"
    "### Vijf prioritaire drempels\n\n"
    "- Gezondheidsproblematiek en arbeidsbeperking\n- Zorgtaken\n- Integratie & taal\n"
    "- Aansluiting onderwijs-arbeidsmarkt\n- Mobiliteit"
)
INTRODUCTION_V2 = INTRODUCTION_V1 + (
    "\n\n**Actualisering najaar 2026.** Versie 2 voegt de acties toe die in de tweede ronde werden "
    "weerhouden en haalt de stopgezette acties uit het plan."
)
CONCLUSION = (
    "Het departement WEWIS volgt de uitvoering op en rapporteert halfjaarlijks aan de betrokken "
    "beleidsdomeinen en aan de Vlaamse Regering."
)
CHAPTER_INTROS = {
    "mobiliteit": "Zeven op de tien jobs zijn afhankelijk van de auto; 14% van de Belgen heeft geen rijbewijs. "
                  "De acties maken werk bereikbaar zonder eigen wagen.",
    "zorgtaken": "37,1% van de 26- tot 64-jarigen is actieve mantelzorger. Flexibele opvang en zorg "
                 "maken werken haalbaar.",
}
ADOPTED = ("adopted", "in_progress", "completed", "stopped")
SECOND_ROUND = ("retained",)
TRANSVERSAL = "Transversale acties"


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def load(stdout=None):
    """Create the demo plan (once). Returns the plan, or None when it already existed or demo actions are missing."""
    from actieplan.models import Action, Plan

    if Plan.objects.filter(title=DEMO_TITLE).exists():
        _say(stdout, "Demo-actieplan: al aanwezig.")
        return None
    if not Action.objects.filter(status__in=ADOPTED).exists():
        _say(stdout, "Demo-actieplan: geen opgenomen demo-acties gevonden (eerst load_demo).")
        return None
    with transaction.atomic():
        plan = _build()
    _say(stdout, f"Demo-actieplan: versie 1 definitief ({VR_REFERENCE}), versie 2 in consultatie.")
    return plan


def _contacts() -> dict[int, object]:
    from werkgroepen.models import Profile

    contacts = {}
    for profile in Profile.objects.prefetch_related("contact_domains").select_related("user").order_by("user__username"):
        for domain in profile.contact_domains.all():
            contacts.setdefault(domain.pk, profile.user)
    return contacts


def _milestones(action, *, with_done: bool):
    from actieplan.models import Milestone

    if action.milestones.exists() or not action.planned_start:
        return
    start, end = action.planned_start, action.planned_end or action.planned_start + timedelta(days=365)
    middle = start + (end - start) / 2
    rows = [
        ("Startvergadering met de partners", start + timedelta(days=14), "Afspraken over rollen, planning en data."),
        ("Tussentijdse evaluatie", middle, "Stand van zaken aan de werkgroep en het departement WEWIS."),
        ("Eindrapport", end, ""),
    ]
    for title, due, description in rows:
        done = due if with_done and action.status == "completed" else None
        Milestone.objects.create(action=action, title=title, due_date=due, description=description, done_on=done)


def _build():
    from django.contrib.auth import get_user_model

    from actieplan.plan import selectors as sel
    from actieplan.plan import services as svc
    from actieplan.models import (
        Action, Assignment, AssignmentState, Barrier, Chapter, Plan, PlanItem, PlanStatus, PlanVersion, SignOff,
        SignOffState,
    )
    from actieplan.actions.services import action_update

    User = get_user_model()
    coordinator = User.objects.filter(username="coordinator").first() or User.objects.filter(
        profile__is_coordinator=True).first()
    contacts = _contacts()

    # ------------------------------------------------------------------ version 1
    plan = Plan.objects.create(title=DEMO_TITLE, introduction=INTRODUCTION_V1, conclusion=CONCLUSION,
                               created_by=coordinator)
    Plan.objects.filter(pk=plan.pk).update(created_at=_at(date(2026, 5, 18)))
    chapters = {}
    for order, barrier in enumerate(Barrier.objects.filter(is_priority=True).order_by("order", "name"), 1):
        chapters[barrier.pk] = Chapter.objects.create(
            plan=plan, title=barrier.name, barrier=barrier, order=order,
            introduction=CHAPTER_INTROS.get(barrier.slug, ""))
    transversal = Chapter.objects.create(
        plan=plan, title=TRANSVERSAL, order=len(chapters) + 1,
        introduction="Acties die meerdere drempels tegelijk aanpakken.")

    adopted = list(Action.objects.filter(status__in=ADOPTED).select_related("primary_barrier").order_by("code"))
    counters: dict[int, int] = {}
    for action in adopted:
        chapter = chapters.get(action.primary_barrier_id, transversal)
        counters[chapter.pk] = counters.get(chapter.pk, 0) + 1
        PlanItem.objects.create(plan=plan, chapter=chapter, action=action, order=counters[chapter.pk])
        _milestones(action, with_done=True)
        svc.assignments_sync(action)
    svc.signoffs_sync(plan)

    decided = _at(date(2026, 6, 12), 14)
    for index, assignment in enumerate(Assignment.objects.filter(action__in=adopted).select_related("domain")):
        remark = "Akkoord, mits de middelen in de begroting 2027 worden bevestigd." if index % 7 == 3 else ""
        Assignment.objects.filter(pk=assignment.pk).update(
            state=AssignmentState.ACCEPTED_WITH_REMARK if remark else AssignmentState.ACCEPTED, remark=remark,
            decided_by=contacts.get(assignment.domain_id), decided_at=decided + timedelta(hours=index % 30))
    for index, signoff in enumerate(SignOff.objects.filter(plan=plan)):
        contact = contacts.get(signoff.domain_id)
        SignOff.objects.filter(pk=signoff.pk).update(
            state=SignOffState.SIGNED, signed_by=contact or coordinator,
            signed_at=_at(date(2026, 6, 22) + timedelta(days=index % 6), 11),
            remark="" if contact else "Ondertekend door de leidend ambtenaar van het departement.")

    snapshot = sel.plan_snapshot(Plan.objects.get(pk=plan.pk))
    # On 3 July 2026 every action of the plan had just been adopted.
    for a in sel.snapshot_actions(snapshot):
        a["status"], a["status_display"] = "adopted", "opgenomen in actieplan"
        for m in a["milestones"]:
            m["done_on"] = None
    snapshot["plan"]["status"], snapshot["plan"]["status_display"] = "final", "definitief"
    finalised_at = _at(VR_DATE, 11)
    snapshot["version"] = {
        "number": 1, "finalised_at": finalised_at.isoformat(), "vr_reference": VR_REFERENCE,
        "vr_date": VR_DATE.isoformat(), "override_reason": "",
        "finalised_by": coordinator.get_full_name() or coordinator.username if coordinator else "",
    }
    PlanVersion.objects.create(plan=plan, number=1, finalised_at=finalised_at, finalised_by=coordinator,
                               vr_reference=VR_REFERENCE, vr_date=VR_DATE, snapshot=snapshot)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.FINAL)

    # ------------------------------------------------------------------ version 2 (changes since)
    plan = Plan.objects.get(pk=plan.pk)
    svc.plan_reopen(plan=plan, user=coordinator)
    svc.plan_update(plan=plan, user=coordinator, title=DEMO_TITLE, introduction=INTRODUCTION_V2, conclusion=CONCLUSION)
    second = list(Action.objects.filter(status__in=SECOND_ROUND).select_related("primary_barrier").order_by("code"))
    for index, action in enumerate(second):
        if index != len(second) - 1:  # the last one still lacks milestones: the plan page flags it
            _milestones(action, with_done=False)
        svc.item_add(plan=plan, chapter=chapters.get(action.primary_barrier_id, transversal), action=action,
                     user=coordinator)
    for item in PlanItem.objects.filter(plan=plan, action__status="stopped").select_related("action"):
        svc.item_remove(item=item, user=coordinator)
    movable = PlanItem.objects.filter(plan=plan, action__code="INT-02").first()
    target = next((c for c in chapters.values() if c.barrier and c.barrier.slug == "onderwijs-arbeidsmarkt"), None)
    if movable and target:
        svc.item_move(item=movable, user=coordinator, chapter=target)
    longer = Action.objects.filter(code="MOB-02", plan_items__plan=plan).first()
    if longer and longer.planned_end:
        action_update(action=longer, user=coordinator, data={"planned_end": date(2029, 6, 30)}, m2m={},
                      expected_version=longer.version)

    # answers to the new assignments: one decline, one accepted with a remark, the rest open
    pending = list(Assignment.objects.filter(action__in=second, state=AssignmentState.PENDING)
                   .select_related("domain").order_by("action__code", "domain__order"))
    partner = next((a for a in pending if a.role == "partner" and contacts.get(a.domain_id)
                    and contacts[a.domain_id].username != "domeincontact"), None)
    if partner:
        svc.assignment_respond(assignment=partner, user=contacts[partner.domain_id], decision="decline",
                               remark="Geen personeel beschikbaar voor deze actie in 2027; graag bespreken in "
                                      "de stuurgroep.")
    lead = next((a for a in pending if a.role == "lead" and a != partner and contacts.get(a.domain_id)
                 and contacts[a.domain_id].username != "domeincontact"), None)
    if lead:
        svc.assignment_respond(assignment=lead, user=contacts[lead.domain_id], decision="accept",
                               remark="Akkoord; de start hangt af van de begrotingsaanpassing.")
    return svc.plan_consult(plan=plan, user=coordinator)
