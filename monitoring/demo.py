"""Demo data of monitoring: progress reports over the last two quarters, indicator series.

``load(stdout=None)`` is idempotent: an action that already has a progress report is
left alone, a measurement is keyed on (indicator, year). Everything is fictitious and the
measurements are marked as demo data; the indicators' baselines themselves are the real
figures of the concept note (``monitoring.reference_data``).

Patterns, by the action's position in code order, so the dashboards have something to
show: on schedule, a point of attention turning into a delay, a report that is late
(the last one is older than the reporting interval), no report at all since adoption,
blocked, and steady progress. Where a final plan version exists, baselines are captured
and one in four actions in progress has its planned end moved a quarter later (slipped),
through the action service so the history shows who moved it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from monitoring.models import FICTITIOUS_NOTE
from monitoring.timeliness import add_months

DEMO_NOTE = FICTITIOUS_NOTE

# (days before today, progress state, percent, done, next steps, blockers)
PATTERNS = {
    "on_track": [
        (150, "on_track", 10, "Startvergadering met de partners gehouden; projectplan en taakverdeling goedgekeurd.",
         "Eerste pilootgemeenten selecteren.", ""),
        (40, "on_track", 35, "Drie pilootgemeenten geselecteerd en een samenwerkingsovereenkomst opgesteld.",
         "Overeenkomsten laten ondertekenen en de uitrol voorbereiden.", ""),
    ],
    "delayed": [
        (140, "at_risk", 15, "Analyse van de bestaande regelgeving afgerond.",
         "Ontwerp van besluit voorleggen aan de partners.",
         "Het advies van de partneradministratie laat op zich wachten."),
        (25, "delayed", 25, "Ontwerp van besluit besproken met de partners; er zijn bijkomende juridische vragen.",
         "Juridisch advies inwinnen en het ontwerp aanpassen.",
         "De juridische toets vraagt meer tijd: de geplande timing schuift minstens een kwartaal op."),
    ],
    "late": [
        (135, "on_track", 20, "Werkgroep met de uitvoerende organisaties samengesteld en eerste overleg gehouden.",
         "Een voorstel van dienstverleningsmodel uitwerken.", ""),
    ],
    "silent": [],
    "blocked": [
        (120, "on_track", 10, "Behoeften van de doelgroep in kaart gebracht via focusgroepen.",
         "Budget vastleggen bij de begrotingsaanpassing.", ""),
        (15, "blocked", 15, "Het voorstel voor de begrotingsaanpassing is ingediend.",
         "Beslissing over de middelen afwachten.",
         "Zonder bijkomende middelen kan de uitrol niet starten; beslissing van de Vlaamse Regering nodig."),
    ],
    "steady": [
        (160, "on_track", 20, "Opleidingsmodule voor consulenten ontwikkeld.",
         "Eerste opleidingsreeks plannen.", ""),
        (75, "on_track", 45, "Eerste opleidingsreeks gegeven aan 60 consulenten.",
         "Tweede reeks en evaluatie.", ""),
        (10, "at_risk", 60, "Tweede reeks gegeven; de evaluatie toont dat de module moet worden ingekort.",
         "Module inkorten en de derde reeks plannen.", "Beperkte beschikbaarheid van de trainers in december."),
    ],
}
# Expected outputs and outcomes of some demo actions (issue 20 §4): code -> rows of (indicator slug, kind,
# description, baseline (value, year) or None, target (value, year), values measured in its progress reports,
# oldest first). The targets of the actions and every measured value are fictitious ("fictief").
OUTCOMES: dict[str, list[tuple]] = {
    "GEZ-03": [
        ("re-integratietrajecten-langdurig-zieken", "output", "Nieuw opgestarte trajecten per jaar, zoals het "
         "RIZIV-streefcijfer voor 2024", None, ("12000", 2027), ["2150", "4380", "6020"]),
        ("werk-na-1-jaar-arbeidsongeschikten", "outcome", "Meer arbeidsongeschikten aan het werk één jaar later",
         ("10", 2024), ("15", 2029), ["10.4", "11.1"]),
    ],
    "GEZ-04": [
        ("bijkomende-toeleidingen-gezondheid", "output", "Doorverwijzingen door externe preventiediensten",
         ("0", 2023), ("4000", 2027), ["620", "1310", "1980"]),
    ],
    "INT-01": [
        ("niet-beroepsactiviteit-niet-eu-vrouwen", "outcome", "Meer vrouwelijke nieuwkomers aan het werk",
         ("42.5", 2023), ("38", 2029), ["42.3", "41.9", "41.6"]),
    ],
    "MOB-02": [
        ("auto-afhankelijkheid-jobs", "outcome", "Meer bedrijventerreinen bereikbaar zonder auto",
         ("70.5", 2025), ("68", 2029), ["70.4", "70.1", "69.8"]),
    ],
    "ZORG-02": [
        ("werkzaamheidsgraad-20-64", "outcome", "Bijdrage aan de werkzaamheidsgraad van ouders met jonge kinderen",
         ("76.9", 2024), ("80", 2029), ["77.1", "77.3"]),
    ],
    "OND-02": [
        ("neet-ratio-15-29", "outcome", "Minder jongeren zonder werk, onderwijs of opleiding", ("7.3", 2024),
         ("6.5", 2029), ["7.2", "7.0"]),
    ],
}
ORDER = ["on_track", "delayed", "late", "silent", "blocked", "steady"]

# Demo series per indicator: relative change per year against the baseline (fictitious).
YEARS_BEFORE = 3


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def _log(stdout, text: str):
    if stdout is not None:
        stdout.write(text)


@transaction.atomic
def load(stdout=None) -> dict:
    from actieplan.models import Action, PlanStatus, PlanVersion, Status, StatusChange
    from monitoring.models import (
        ActionBaseline,
        ActionOutcome,
        Indicator,
        IndicatorUnit,
        Measurement,
        OutcomeValue,
        StatusUpdate,
    )
    from monitoring.reference_data import NO_DEMO_SERIES, load_indicators, published_at
    from monitoring.services import capture_baselines
    from werkgroepen.models import Profile

    counts = {"outcomes": 0, "status_updates": 0, "measurements": 0, "baselines": 0, "slipped": 0, "milestones_done": 0}
    load_indicators()
    today = timezone.localdate()
    User = get_user_model()
    coordinator = User.objects.filter(profile__is_coordinator=True).order_by("pk").first()
    contacts = {}
    for profile in Profile.objects.prefetch_related("contact_domains").select_related("user").order_by("pk"):
        for domain in profile.contact_domains.all():
            contacts.setdefault(domain.pk, profile.user)

    # ----------------------------------------------------------- baselines (if a final plan exists)
    version = (PlanVersion.objects.filter(plan__status=PlanStatus.FINAL).order_by("-finalised_at", "-pk").first()
               or PlanVersion.objects.order_by("-finalised_at", "-pk").first())
    if version is not None and not ActionBaseline.objects.exists():
        counts["baselines"] = capture_baselines(version)

    # ----------------------------------------------------------- progress reports
    adopted_on = {}
    for action_id, at in StatusChange.objects.filter(to_status=Status.ADOPTED).values_list("action_id", "at"):
        adopted_on[action_id] = timezone.localtime(at).date()
    actions = list(
        Action.objects.filter(status__in=[Status.ADOPTED, Status.IN_PROGRESS, Status.COMPLETED])
        .select_related("lead_domain").order_by("code", "pk")
    )
    has_updates = set(StatusUpdate.objects.values_list("action_id", flat=True))
    for index, action in enumerate(actions):
        if action.pk in has_updates:
            continue
        author = contacts.get(action.lead_domain_id) or coordinator
        start = adopted_on.get(action.pk) or (today - timedelta(days=170))
        pattern = "steady" if action.status == Status.COMPLETED else ORDER[index % len(ORDER)]
        rows = PATTERNS[pattern]
        if action.status == Status.COMPLETED:
            rows = rows + [(3, "on_track", 100, "Actie afgerond en geëvalueerd; het eindverslag is bezorgd aan WEWIS.",
                            "", "")]
        for days_ago, state, percent, done, next_steps, blockers in rows:
            day = max(today - timedelta(days=days_ago), start + timedelta(days=7))
            if day > today:
                continue
            update = StatusUpdate.objects.create(
                action=action, date=day, progress_state=state, percent_complete=percent, done=done,
                next_steps=next_steps, blockers=blockers, created_by=author,
            )
            StatusUpdate.objects.filter(pk=update.pk).update(created_at=_aware(day), updated_at=_aware(day))
            counts["status_updates"] += 1
        # Milestones of the trajectory that are past: most done, some left open (overdue).
        for n, milestone in enumerate(action.milestones.filter(due_date__lt=today, done_on__isnull=True)):
            if pattern in ("late", "delayed", "blocked") and n == 0:
                continue
            milestone.done_on = milestone.due_date + timedelta(days=(index + n) % 9)
            if milestone.done_on > today:
                milestone.done_on = today
            milestone.save(update_fields=["done_on"])
            counts["milestones_done"] += 1
        # A delayed action whose planned end moved a quarter later than the baseline.
        if pattern == "delayed" and coordinator is not None and action.planned_end:
            baseline = ActionBaseline.objects.filter(action=action).first()
            if baseline is not None and baseline.planned_end == action.planned_end:
                from actieplan.actions.services import action_update

                action_update(action=action, user=coordinator, data={"planned_end": add_months(action.planned_end, 3)},
                              expected_version=action.version)
                counts["slipped"] += 1

    # ----------------------------------------------------------- indicator series
    for indicator in Indicator.objects.filter(baseline_value__isnull=False, baseline_year__isnull=False).exclude(
            slug__in=NO_DEMO_SERIES):
        base = indicator.baseline_value
        direction = Decimal(1) if indicator.higher_is_better else Decimal(-1)
        years = [indicator.baseline_year - k for k in range(YEARS_BEFORE, 0, -1)]
        years += [y for y in (indicator.baseline_year + 1, indicator.baseline_year + 2) if y < today.year]
        for year in years:
            step = year - indicator.baseline_year
            if indicator.unit == IndicatorUnit.PERCENT:
                value = base + direction * Decimal("0.4") * step + Decimal("0.1") * ((year * 7) % 3 - 1)
                value = min(Decimal(100), max(Decimal(0), value)).quantize(Decimal("0.1"))
            else:
                value = (base * (1 + direction * Decimal("0.015") * step)).quantize(Decimal("1"))
            measurement, created = Measurement.objects.get_or_create(
                indicator=indicator, year=year, date=None, defaults={"value": value, "note": DEMO_NOTE}
            )
            if created:
                Measurement.objects.filter(pk=measurement.pk).update(created_at=published_at(year))
                counts["measurements"] += 1

    # ----------------------------------------------------------- outcomes per action (fictitious values)
    indicators = {i.slug: i for i in Indicator.objects.filter(slug__in={r[0] for rows in OUTCOMES.values()
                                                                         for r in rows})}
    for action in Action.objects.filter(code__in=OUTCOMES).order_by("code", "pk"):
        updates = list(action.status_updates.order_by("date", "id"))
        for order, (slug, kind, description, base, target, measured) in enumerate(OUTCOMES[action.code], start=1):
            if slug not in indicators:
                continue
            indicator = indicators[slug]
            outcome, created = ActionOutcome.objects.get_or_create(
                action=action, indicator=indicator, kind=kind,
                defaults=dict(description=description, unit=indicator.unit, order=order,
                              baseline_value=Decimal(base[0]) if base else None, baseline_year=base[1] if base else None,
                              target_value=Decimal(target[0]), target_year=target[1]),
            )
            if not created:
                continue
            counts["outcomes"] += 1
            # the last values on the last reports
            for update, value in zip(updates[-len(measured):], measured[-len(updates):] if updates else []):
                OutcomeValue.objects.create(outcome=outcome, status_update=update, value=Decimal(value),
                                            note=DEMO_NOTE)

    if any(counts.values()):
        _log(stdout, "  monitoring: {outcomes} beoogde resultaten, {status_updates} standen van zaken, {measurements} metingen, {baselines} "
                     "basislijnen, {slipped} verschoven einddata, {milestones_done} mijlpalen gerealiseerd\n"
             .format(**counts))
    else:
        _log(stdout, "  monitoring: alles was al aanwezig.\n")
    return counts
