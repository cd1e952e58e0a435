"""Demo data of the governance app: the bodies of the concept note and the steering-group meetings of the
2026 process, with agenda items on demo actions, decisions, and the alignment and plan decisions they took.

``load(stdout=None)`` is idempotent: bodies are keyed on their name, meetings on (body, date). The texts
follow the concept note (the structural consultation "in samenspraak met de bevoegde vakministers", the
thematic administrative working groups, WEWIS coordinating implementation and follow-up); the meetings,
attendees and decisions are fictitious.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

STEERING = "Stuurgroep Drempels naar Werk (structureel overleg)"
COORDINATION = "Coördinatie WEWIS"

BODIES = [
    dict(name=STEERING, kind="steering_group", order=1,
         description="Het structureel overleg dat de minister van Werk in samenspraak met de bevoegde "
                     "vakministers opricht om de investeringen in kinderopvang, mobiliteit, inburgering en "
                     "integratie en sociale huisvesting mee te richten op het wegwerken van drempels naar werk. "
                     "Het volgt de drie fasen op en beslist over de afstemming, het actieplan en de escalaties "
                     "tijdens de uitvoering.",
         composition="Vertegenwoordigers van de bevoegde vakministers (kabinetten), de trekkers van de "
                     "werkgroepen en de contactpersonen van de betrokken beleidsdomeinen. Voorzitter: het "
                     "kabinet van de Vlaamse minister van Onderwijs, Justitie en Werk. Secretariaat: "
                     "Departement WEWIS."),
    dict(name=COORDINATION, kind="coordination", order=2,
         description="Het Departement Werk, Economie, Wetenschap, Innovatie en Sociale Economie coördineert de "
                     "uitvoering en opvolging van het actieplan en staat in voor de monitoring van de voortgang "
                     "en de terugkoppeling naar de betrokken beleidsdomeinen.",
         composition="De coördinatoren van het Departement WEWIS."),
]

# (date, location, [(agenda title, notes, [(decision, who, due)])], minutes, which action decisions it took)
STEERING_MEETINGS = [
    (date(2026, 2, 3), "Boudewijngebouw, Brussel", [
        ("Opstart en werkwijze", "Toelichting bij de conceptnota en de drie fasen tot het zomerreces van 2026.",
         [("De stuurgroep bevestigt de timing: voorstellen van de werkgroepen tegen half maart, afstemming in "
           "april en mei, het actieplan voor het zomerreces.", "Departement WEWIS", date(2026, 3, 16))]),
        ("Samenstelling van de thematische werkgroepen",
         "Per prioritaire drempel een administratieve werkgroep met experten en vertegenwoordigers van de "
         "relevante beleidsdomeinen.",
         [("Elke vakminister duidt tegen 17 februari een vertegenwoordiger per werkgroep aan.",
           "Kabinetten", date(2026, 2, 17))]),
    ], "De voorzitter opent het structureel overleg en licht de conceptnota toe.\n\n"
       "De leden bevestigen de werkwijze en de timing. De werkgroepen starten in februari; het Departement "
       "WEWIS bezorgt een sjabloon voor de actievoorstellen.", None),
    (date(2026, 5, 26), "Boudewijngebouw, Brussel", [
        ("Resultaat van de afstemming van de actievoorstellen",
         "Overzicht van de weerhouden, samengevoegde en niet weerhouden voorstellen; de beslissingen staan in "
         "het beslissingslogboek.",
         [("De stuurgroep bekrachtigt de beslissingen van de afstemming.", "", None)]),
        ("Dekking van de prioritaire drempels",
         "De dekkingsmatrix toont enkele drempels met weinig acties van andere beleidsdomeinen.",
         [("De beleidsdomeinen met een lege cel bekijken tegen 15 juni of een bijkomend voorstel mogelijk is.",
           "Contactpersonen beleidsdomeinen", date(2026, 6, 15))]),
    ], "De coördinatoren lichten de afstemming toe: overlappende voorstellen werden samengevoegd, "
       "voorstellen zonder hefboom bij een ander beleidsdomein werden niet weerhouden.\n\n"
       "De leden vragen om bij de uitvoering de lokale partners vroeg te betrekken.", "alignment"),
    (date(2026, 6, 23), "Boudewijngebouw, Brussel", [
        ("Ontwerp van overkoepelend actieplan",
         "Het ontwerp bundelt de weerhouden acties per drempel, met de trekkers en het implementatietraject.",
         [("Het ontwerp wordt na de ondertekening door de beleidsdomeinen als mededeling voorgelegd aan de "
           "Vlaamse Regering.", "Kabinet Werk", date(2026, 7, 3))]),
    ], "Het ontwerp-actieplan wordt overlopen per hoofdstuk. De beleidsdomeinen bevestigen hun trekkerschap.\n\n"
       "De stuurgroep keurt het ontwerp goed voor mededeling aan de Vlaamse Regering voor het zomerreces.", "plan"),
    (date(2026, 11, 17), "Herman Teirlinckgebouw, Brussel", [
        ("Eerste opvolging van de uitvoering",
         "Stand van zaken van de acties in uitvoering en de eerste standen van zaken van de trekkers.",
         [("De trekkers rapporteren elk kwartaal; het Departement WEWIS maakt een halfjaarlijks "
           "voortgangsrapport op.", "Departement WEWIS", None)]),
        ("Tweede ronde actievoorstellen",
         "Nieuwe voorstellen uit het najaar van 2026; de afgestemde voorstellen staan in het beslissingslogboek.",
         [("De stuurgroep bekrachtigt de beslissingen over de voorstellen van de tweede ronde.", "", None)]),
    ], "De coördinatoren stellen het eerste overzicht van de uitvoering voor.\n\n"
       "Acties die langer dan een kwartaal vertraagd of geblokkeerd zijn, komen voortaan op de agenda van de "
       "stuurgroep.", "round2"),
]


def _log(stdout, text: str):
    if stdout is not None:
        stdout.write(text)


def _next_tuesday(day: date) -> date:
    return day + timedelta(days=(1 - day.weekday()) % 7 or 7)


@transaction.atomic
def load(stdout=None) -> dict:
    from actieplan.models import Action, Status, StatusChange
    from governance import selectors, services
    from governance.models import AgendaItem, Body, Meeting
    from monitoring.models import ProgressState, StatusUpdate
    from werkgroepen.models import WorkingGroup

    counts = {"bodies": 0, "meetings": 0, "decisions": 0, "linked": 0, "escalations": 0}
    User = get_user_model()
    coordinator = User.objects.filter(profile__is_coordinator=True).order_by("pk").first()
    if coordinator is None:
        return counts
    today = timezone.localdate()
    for row in BODIES:
        _body, created = Body.objects.get_or_create(name=row["name"], defaults=row)
        counts["bodies"] += created
    for n, group in enumerate(WorkingGroup.objects.order_by("name"), 3):
        _body, created = Body.objects.get_or_create(
            name=f"Werkgroep {group.name}"[:200],
            defaults=dict(kind="working_group", working_group=group, order=n,
                          description="Thematische administratieve werkgroep uit fase 1 van de conceptnota."))
        counts["bodies"] += created
    steering = Body.objects.get(name=STEERING)
    attendees = list(User.objects.filter(
        Q(profile__is_coordinator=True) | Q(profile__is_cabinet=True) | Q(profile__contact_domains__isnull=False))
        .distinct().order_by("pk")[:12])

    windows = {"alignment": (date(2026, 4, 1), date(2026, 5, 26), [Status.RETAINED, Status.REJECTED,
                                                                    Status.MERGED, Status.DRAFT]),
               "plan": (date(2026, 6, 24), date(2026, 7, 10), [Status.ADOPTED]),
               "round2": (date(2026, 10, 1), date(2026, 11, 17), [Status.RETAINED, Status.REJECTED,
                                                                  Status.MERGED, Status.DRAFT])}
    for day, location, items, minutes, window in STEERING_MEETINGS:
        if day > today or Meeting.objects.filter(body=steering, date=day).exists():
            continue
        meeting = services.meeting_create(user=coordinator, data={"body": steering, "date": day,
                                                                  "location": location, "minutes": minutes},
                                          attendees=attendees)
        counts["meetings"] += 1
        for title, notes, decisions in items:
            item = services.agenda_item_create(meeting=meeting, user=coordinator, title=title, notes=notes)
            for text, responsible, due in decisions:
                services.decision_create(item=item, user=coordinator, text=text, responsible=responsible,
                                         due_date=due)
                counts["decisions"] += 1
        if window:
            start, end, statuses = windows[window]
            changes = StatusChange.objects.filter(
                meeting__isnull=True, at__date__gte=start, at__date__lte=end, to_status__in=statuses,
                from_status__in=[Status.SUBMITTED, Status.RETAINED])
            counts["linked"] += changes.update(meeting=meeting)

    # Escalation: actions whose latest report says "geblokkeerd" were already blocked a quarter ago
    # (a fictitious earlier report), so the steering group can take them up.
    blocked = []
    for action in Action.objects.filter(status__in=[Status.ADOPTED, Status.IN_PROGRESS]).order_by("code"):
        latest = action.status_updates.order_by("-date", "-id").first()
        if latest is None or latest.progress_state != ProgressState.BLOCKED:
            continue
        if not selectors.escalation(action, today)["eligible"]:
            StatusUpdate.objects.create(
                action=action, date=today - timedelta(days=100), progress_state=ProgressState.BLOCKED,
                percent_complete=max((latest.percent_complete or 0) - 5, 0),
                done="De uitrol is voorbereid; de middelen zijn nog niet vastgelegd.",
                next_steps="Beslissing over de middelen afwachten.",
                blockers="Zonder bijkomende middelen kan de uitrol niet starten.", created_by=latest.created_by)
        blocked.append(action)
    upcoming = selectors.next_steering_meeting(today)
    if upcoming is None:
        upcoming = services.meeting_create(
            user=coordinator, attendees=attendees,
            data={"body": steering, "date": _next_tuesday(today + timedelta(days=14)),
                  "location": "Herman Teirlinckgebouw, Brussel", "minutes": ""})
        services.agenda_item_create(meeting=upcoming, user=coordinator, title="Voortgangsrapport aan de Vlaamse Regering",
                                    notes="Bespreking van het ontwerp van het halfjaarlijkse voortgangsrapport.")
        counts["meetings"] += 1
    for action in blocked[:1]:
        if not AgendaItem.objects.filter(meeting=upcoming, action=action).exists():
            services.action_escalate(action=action, user=coordinator, today=today)
            counts["escalations"] += 1
    _log(stdout, f"  overleg: {counts['bodies']} organen, {counts['meetings']} vergaderingen, "
                 f"{counts['decisions']} beslissingen, {counts['linked']} actiebeslissingen gekoppeld, "
                 f"{counts['escalations']} escalaties\n")
    return counts
