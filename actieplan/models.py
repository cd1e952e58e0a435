"""Reference data from the concept note, actions and their lifecycle."""

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from werkgroepen.models import WorkingGroup


# --------------------------------------------------------------------------- reference data
class Barrier(models.Model):
    """A barrier to work (drempel) from the concept note's table."""

    name = models.CharField(_("drempel (beleid)"), max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    citizen_wording = models.CharField(_("drempel vanuit de werkzoekende"), max_length=300)
    reason = models.CharField(_("waarom (niet) verder uitgewerkt"), max_length=400)
    is_priority = models.BooleanField(_("prioritair"), default=False)
    taken_further = models.BooleanField(_("verder uitgewerkt"), default=False)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("drempel")
        verbose_name_plural = _("drempels")

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    has_largest_potential = models.BooleanField(_("grootste potentieel"), default=False)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("hoofdgroep")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")

    def __str__(self):
        return self.name


class PolicyDomain(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    abbreviation = models.CharField(_("afkorting"), max_length=20, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("beleidsdomein")
        verbose_name_plural = _("beleidsdomeinen")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    abbreviation = models.CharField(_("afkorting"), max_length=30, blank=True)
    policy_domain = models.ForeignKey(
        PolicyDomain, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations",
        verbose_name=_("beleidsdomein"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("uitvoerende organisatie")
        verbose_name_plural = _("uitvoerende organisaties")

    def __str__(self):
        return self.name


class LinkedPlan(models.Model):
    """A plan of the Flemish Government that an action can link to."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    reference = models.CharField(_("referentie"), max_length=100, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gekoppeld plan")
        verbose_name_plural = _("gekoppelde plannen")

    def __str__(self):
        return self.name


class Phase(models.Model):
    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("beschrijving"), blank=True)
    starts_on = models.DateField(_("start"))
    deadline = models.DateField(_("deadline"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")

    def __str__(self):
        return f"{_('Fase')} {self.number}: {self.name}"


# --------------------------------------------------------------------------- actions
class Status(models.TextChoices):
    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ingediend")
    RETAINED = "retained", _("weerhouden")
    MERGED = "merged", _("samengevoegd")
    REJECTED = "rejected", _("niet weerhouden")
    ADOPTED = "adopted", _("opgenomen in actieplan")
    IN_PROGRESS = "in_progress", _("in uitvoering")
    COMPLETED = "completed", _("gerealiseerd")
    STOPPED = "stopped", _("stopgezet")


@dataclass(frozen=True)
class TransitionRule:
    """Who may move an action from one status to another.

    ``roles`` names entries of the permission vocabulary (see ``actieplan.permissions``):
    ``coordinator``, ``chair`` (of the proposing group), ``domain_proposer`` (contact of
    the proposing domain), ``lead_contact`` (contact of the lead domain).
    """

    roles: frozenset
    reason_required: bool = False
    label: str = ""


# The lifecycle as data: (from, to) -> rule. One service performs every transition.
TRANSITIONS: dict[tuple[str, str], TransitionRule] = {
    (Status.DRAFT, Status.SUBMITTED): TransitionRule(
        frozenset({"coordinator", "chair", "domain_proposer"}), label=_("indienen voor afstemming")
    ),
    (Status.SUBMITTED, Status.DRAFT): TransitionRule(
        frozenset({"coordinator"}), reason_required=True, label=_("terugsturen")
    ),
}


class Level(models.TextChoices):
    FLEMISH = "flemish", _("Vlaams")
    LOCAL = "local", _("lokaal")
    FEDERAL_SIGNAL = "federal_signal", _("federaal signaal")


class InstrumentType(models.TextChoices):
    REGULATION = "regulation", _("regelgeving")
    FUNDING = "funding", _("financiering")
    SERVICE = "service", _("dienstverlening")
    AWARENESS = "awareness", _("sensibilisering")
    COOPERATION = "cooperation", _("samenwerking")
    DATA = "data", _("data en monitoring")
    OTHER = "other", _("andere")


class BudgetImpact(models.TextChoices):
    NEUTRAL = "neutral", _("budgetneutraal")
    EXISTING = "existing", _("binnen bestaande middelen")
    EXTRA = "extra", _("extra middelen")


class Action(models.Model):
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), max_length=10000)
    primary_barrier = models.ForeignKey(
        Barrier, on_delete=models.PROTECT, related_name="primary_actions", verbose_name=_("drempel")
    )
    secondary_barriers = models.ManyToManyField(
        Barrier, blank=True, related_name="secondary_actions", verbose_name=_("andere drempels")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="actions", verbose_name=_("doelgroepen")
    )
    intended_result = models.TextField(_("beoogd resultaat"), max_length=5000, blank=True)
    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="actions",
        verbose_name=_("werkgroep"),
    )
    proposing_domain = models.ForeignKey(
        PolicyDomain, on_delete=models.PROTECT, null=True, blank=True, related_name="proposed_actions",
        verbose_name=_("voorgesteld door beleidsdomein"),
    )
    lead_domain = models.ForeignKey(
        PolicyDomain, on_delete=models.PROTECT, null=True, blank=True, related_name="led_actions",
        verbose_name=_("trekker (beleidsdomein)"),
    )
    partner_domains = models.ManyToManyField(
        PolicyDomain, blank=True, related_name="partner_actions", verbose_name=_("partnerdomeinen")
    )
    partner_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="actions", verbose_name=_("partnerorganisaties")
    )
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, default=Level.FLEMISH)
    instrument_type = models.CharField(
        _("type instrument"), max_length=20, choices=InstrumentType.choices, default=InstrumentType.SERVICE
    )
    budget_impact = models.CharField(
        _("budgettaire impact"), max_length=20, choices=BudgetImpact.choices, default=BudgetImpact.NEUTRAL
    )
    budget_estimate = models.DecimalField(
        _("raming (euro)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    linked_plans = models.ManyToManyField(
        LinkedPlan, blank=True, related_name="actions", verbose_name=_("gekoppelde plannen")
    )
    planned_start = models.DateField(_("geplande start"), null=True, blank=True)
    planned_end = models.DateField(_("geplande einde"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)
    is_generated = models.BooleanField(default=False, editable=False)

    history = HistoricalRecords(
        m2m_fields=[secondary_barriers, target_groups, partner_domains, partner_organisations, linked_plans],
        excluded_fields=["updated_at", "is_generated"],
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "code"],
                condition=models.Q(working_group__isnull=False),
                name="unique_code_per_group",
            ),
            models.UniqueConstraint(
                fields=["proposing_domain", "code"],
                condition=models.Q(working_group__isnull=True),
                name="unique_code_per_domain",
            ),
            models.CheckConstraint(
                condition=models.Q(working_group__isnull=False) | models.Q(proposing_domain__isnull=False),
                name="action_has_proposer",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "code"]),
            models.Index(fields=["working_group", "status"]),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("action_detail", args=[self.pk])

    @property
    def proposer_name(self) -> str:
        if self.working_group_id:
            return self.working_group.name
        return self.proposing_domain.name if self.proposing_domain_id else ""


class StatusChange(models.Model):
    """One lifecycle transition: who moved the action, when, and why."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("van"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("naar"), max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    at = models.DateTimeField(_("op"), auto_now_add=True, db_index=True)
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")

    def __str__(self):
        return f"{self.action.code}: {self.from_status} → {self.to_status}"


class Comment(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur")
    )
    text = models.TextField(_("opmerking"), max_length=5000)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("opmerking")
        verbose_name_plural = _("opmerkingen")

    def __str__(self):
        return f"{self.action.code}: {self.text[:40]}"
