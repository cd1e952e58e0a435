"""Monitoring: progress reports, indicators, and the reminders that keep the plan moving."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from actieplan.models import Action, Barrier, PlanVersion, TargetGroup


class MonitoringSettings(models.Model):
    """Settings WEWIS staff adjust without a deploy (one row)."""

    reporting_interval_months = models.PositiveSmallIntegerField(
        _("rapporteringsinterval (maanden)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    due_soon_days = models.PositiveSmallIntegerField(
        _("'bijna te laat' vanaf (dagen vóór de vervaldatum)"), default=14
    )

    class Meta:
        verbose_name = _("monitoringinstellingen")
        verbose_name_plural = _("monitoringinstellingen")

    def __str__(self):
        return str(_("Monitoringinstellingen"))

    @classmethod
    def current(cls) -> "MonitoringSettings":
        obj = cls.objects.order_by("pk").first()
        return obj if obj is not None else cls()


class ProgressState(models.TextChoices):
    ON_TRACK = "on_track", _("op schema")
    AT_RISK = "at_risk", _("aandachtspunt")
    DELAYED = "delayed", _("vertraagd")
    BLOCKED = "blocked", _("geblokkeerd")


class StatusUpdate(models.Model):
    """A progress report (stand van zaken); never edited after 24 hours."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_updates", verbose_name=_("actie"))
    date = models.DateField(_("datum"))
    progress_state = models.CharField(_("voortgang"), max_length=20, choices=ProgressState.choices)
    percent_complete = models.PositiveSmallIntegerField(
        _("percentage gerealiseerd"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    done = models.TextField(_("wat werd gedaan"), max_length=5000)
    next_steps = models.TextField(_("volgende stappen"), max_length=5000, blank=True)
    blockers = models.TextField(_("knelpunten"), max_length=5000, blank=True)
    link = models.URLField(_("link"), blank=True, max_length=500)
    attachment = models.FileField(_("bijlage"), upload_to="status-updates/%Y/%m/", blank=True, max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_generated = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            # the latest report of an action (dashboards, progress list), newest first in the API list;
            # on PostgreSQL with its state and percentage in the index, so reading them needs no table row
            models.Index(fields=["action", "-date", "-id"], include=["progress_state", "percent_complete"],
                         name="statusupdate_latest_idx"),
            models.Index(fields=["-date", "-id"]),
            models.Index(fields=["progress_state", "-date"]),
        ]
        verbose_name = _("stand van zaken")
        verbose_name_plural = _("standen van zaken")

    def __str__(self):
        return f"{self.action.code} {self.date}"


class ActionBaseline(models.Model):
    """The planned end and milestones of an action as adopted in a final plan version."""

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="baseline")
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    planned_end = models.DateField(null=True, blank=True)
    milestones = models.JSONField(default=dict, blank=True)  # {milestone id: "YYYY-MM-DD"}

    class Meta:
        verbose_name = _("basislijn")
        verbose_name_plural = _("basislijnen")


class IndicatorUnit(models.TextChoices):
    PERCENT = "percent", _("procent")
    COUNT = "count", _("aantal personen")
    NUMBER = "number", _("getal")


class Indicator(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    definition = models.TextField(_("definitie"), blank=True)
    unit = models.CharField(_("eenheid"), max_length=20, choices=IndicatorUnit.choices)
    source = models.CharField(_("bron"), max_length=300)
    # Empty only when the source gives a target without a starting value (e.g. the RIZIV target for 2024).
    baseline_value = models.DecimalField(_("basiswaarde"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("basisjaar"), null=True, blank=True)
    target_value = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("streefjaar"), null=True, blank=True)
    higher_is_better = models.BooleanField(_("hoger is beter"), default=True)
    barriers = models.ManyToManyField(Barrier, blank=True, related_name="indicators", verbose_name=_("drempels"))
    actions = models.ManyToManyField(Action, blank=True, related_name="indicators", verbose_name=_("acties"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_generated = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self):
        return self.name


# A series in time order, the same on every database: within a year the figure for the whole
# year (no date) comes first, where the chart puts it, then the dated ones. The latest is the
# last in this order.
SERIES_ORDER = ("year", models.F("date").asc(nulls_first=True), "id")
LATEST_FIRST = ("-year", models.F("date").desc(nulls_last=True), "-id")


#: The note that marks a made-up demo measurement; lists and reports label such values "fictief".
FICTITIOUS_NOTE = "demogegeven (fictief)"


#: Measurements of the whole population and the whole of Flanders: the indicator's own series. A
#: measurement with a target group or a region is a breakdown, shown beside it, never as "Laatste meting".
TOTAL = models.Q(target_group__isnull=True, region="")


def is_fictitious_note(note: str | None) -> bool:
    return bool(note) and "fictief" in note


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    date = models.DateField(_("datum"), null=True, blank=True)
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)
    # A breakdown where the source has one: empty = the whole population and Flanders.
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="measurements",
        verbose_name=_("doelgroep"),
    )
    region = models.CharField(_("regio"), max_length=100, blank=True,
                              help_text=_("Leeg voor heel Vlaanderen; bv. West-Vlaanderen."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", *SERIES_ORDER]
        indexes = [models.Index(fields=["indicator", "year", "date", "id"])]  # an indicator's series
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__isnull=False) | models.Q(date__isnull=False), name="measurement_has_period"
            ),
        ]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")

    def __str__(self):
        return f"{self.indicator}: {self.value}"


# --------------------------------------------------------------------------- outcomes per action
class OutcomeKind(models.TextChoices):
    OUTPUT = "output", _("output (prestatie)")
    OUTCOME = "outcome", _("outcome (effect)")


class ActionOutcome(models.Model):
    """An expected output or outcome of an action, measured by an indicator: baseline, target, target year."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("actie"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="action_outcomes",
                                  verbose_name=_("indicator"))
    kind = models.CharField(_("soort"), max_length=10, choices=OutcomeKind.choices, default=OutcomeKind.OUTPUT)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True,
                                   help_text=_("Wat de actie precies wil bereiken, in één zin."))
    unit = models.CharField(_("eenheid"), max_length=20, choices=IndicatorUnit.choices)
    baseline_value = models.DecimalField(_("basiswaarde"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("basisjaar"), null=True, blank=True)
    target_value = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("streefjaar"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "indicator", "kind"], name="outcome_once_per_action"),
        ]
        verbose_name = _("beoogd resultaat")
        verbose_name_plural = _("beoogde resultaten")

    def __str__(self):
        return f"{self.action.code}: {self.indicator.name}"


class OutcomeValue(models.Model):
    """A value of an action's outcome, measured in one progress report."""

    outcome = models.ForeignKey(ActionOutcome, on_delete=models.CASCADE, related_name="values")
    status_update = models.ForeignKey(StatusUpdate, on_delete=models.CASCADE, related_name="outcome_values")
    value = models.DecimalField(_("gemeten waarde"), max_digits=14, decimal_places=2)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)

    class Meta:
        ordering = ["outcome", "status_update__date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "status_update"], name="outcome_value_once_per_update"),
        ]
        verbose_name = _("gemeten waarde")
        verbose_name_plural = _("gemeten waarden")

    @property
    def is_fictitious(self) -> bool:
        return is_fictitious_note(self.note)


# --------------------------------------------------------------------------- reminders
class ReminderKind(models.TextChoices):
    PHASE_DEADLINE = "phase_deadline", _("fasedeadline")
    STATUS_DUE = "status_due", _("stand van zaken verwacht")
    STATUS_ESCALATION = "status_escalation", _("escalatie: stand van zaken blijft uit")
    MILESTONE = "milestone", _("mijlpaal")
    PENDING_CONFIRMATION = "pending_confirmation", _("bevestiging of goedkeuring gevraagd")
    COORDINATOR_DIGEST = "coordinator_digest", _("weekoverzicht coördinatoren")
    GROUP_DIGEST = "group_digest", _("weekoverzicht werkgroep")
    DECISION = "decision", _("beslissing over een actie")
    SIGNOFF_RESET = "signoff_reset", _("ondertekening opnieuw gevraagd")


MANDATORY_KINDS = {
    ReminderKind.PHASE_DEADLINE,
    ReminderKind.STATUS_DUE,
    ReminderKind.STATUS_ESCALATION,
    ReminderKind.MILESTONE,
    ReminderKind.PENDING_CONFIRMATION,
    ReminderKind.DECISION,
    ReminderKind.SIGNOFF_RESET,
}


#: Sent when they happen (``monitoring.notifications``), not by the daily run.
EVENT_KINDS = {ReminderKind.DECISION, ReminderKind.SIGNOFF_RESET}


class ReminderPreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    coordinator_digest = models.BooleanField(_("weekoverzicht voor coördinatoren"), default=True)
    group_digest = models.BooleanField(_("weekoverzicht van mijn werkgroepen"), default=False)
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="delegated_reminders",
        verbose_name=_("verplichte herinneringen doorsturen naar"),
    )

    class Meta:
        verbose_name = _("voorkeur herinneringen")
        verbose_name_plural = _("voorkeuren herinneringen")


class SendState(models.TextChoices):
    PENDING = "pending", _("te verzenden")
    SENT = "sent", _("verzonden")
    FAILED = "failed", _("mislukt")


class SentReminder(models.Model):
    """The sent log: one row per recipient, item, kind and period decides 'exactly once'."""

    # PROTECT: users are deactivated, never deleted; the sent log keeps its recipients.
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reminders")
    intended_for = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("De oorspronkelijke ontvanger wanneer de herinnering gedelegeerd werd."),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=ReminderKind.choices)
    item_type = models.CharField(max_length=30)
    item_id = models.PositiveBigIntegerField()
    period = models.CharField(_("periode"), max_length=40)
    reason = models.CharField(_("reden"), max_length=500)
    url = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=SendState.choices, default=SendState.PENDING)
    batch = models.UUIDField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    is_generated = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "item_type", "item_id", "period"], name="reminder_exactly_once"
            ),
        ]
        indexes = [models.Index(fields=["kind", "item_type", "item_id"])]
        verbose_name = _("verzonden herinnering")
        verbose_name_plural = _("verzonden herinneringen")

    def __str__(self):
        return f"{self.kind} → {self.recipient}"
