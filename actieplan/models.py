"""Reference data from the concept note, actions and their lifecycle."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
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

    @classmethod
    def current(cls, today=None):
        """The phase that runs on ``today``: the last one that has started (None before the first)."""
        today = today or timezone.localdate()
        return cls.objects.filter(starts_on__lte=today).order_by("-starts_on", "-number").first()


class Round(models.Model):
    """A round (ronde) of proposals: its own deadlines for proposals, alignment and the plan update.

    Round 1 is the start of the process (the deadlines of phases 1-3); during the implementation
    phase new proposals arrive in later rounds. An action records the round in which it was
    proposed and the one in which it was adopted, and its timeliness is measured against the
    deadlines of its own round.
    """

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("beschrijving"), blank=True)
    starts_on = models.DateField(_("start"))
    proposals_deadline = models.DateField(_("deadline voorstellen"))
    alignment_deadline = models.DateField(_("deadline afstemming"))
    plan_update_deadline = models.DateField(_("deadline actualisering actieplan"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("ronde")
        verbose_name_plural = _("rondes")

    def __str__(self):
        return f"{_('Ronde')} {self.number}: {self.name}"

    def clean(self):
        from django.core.exceptions import ValidationError

        days = [self.starts_on, self.proposals_deadline, self.alignment_deadline, self.plan_update_deadline]
        if all(days) and days != sorted(days):
            raise ValidationError(_("De data volgen elkaar op: start, voorstellen, afstemming, actualisering."))

    #: phase step (1 proposals, 2 alignment, 3 plan) -> the field with that step's deadline
    STEP_DEADLINES = {1: "proposals_deadline", 2: "alignment_deadline", 3: "plan_update_deadline"}

    def deadline_for_step(self, step: int):
        return getattr(self, self.STEP_DEADLINES[step])

    def deadlines(self) -> list[tuple[str, object]]:
        """(label, day) of each deadline of the round, in order."""
        return [(str(self._meta.get_field(name).verbose_name), getattr(self, name))
                for name in self.STEP_DEADLINES.values()]

    def next_deadline(self, today=None):
        """(label, day) of the first deadline on or after ``today``, or None when all have passed."""
        today = today or timezone.localdate()
        return next(((label, day) for label, day in self.deadlines() if day >= today), None)

    @classmethod
    def current(cls, today=None):
        """The round that runs on ``today``: the last one that has started (None before the first)."""
        today = today or timezone.localdate()
        return cls.objects.filter(starts_on__lte=today).order_by("-starts_on", "-number").first()


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
    # Phase 2 (afstemming): the coordinators' decisions on a submitted action.
    (Status.SUBMITTED, Status.RETAINED): TransitionRule(frozenset({"coordinator"}), label=_("weerhouden")),
    (Status.SUBMITTED, Status.REJECTED): TransitionRule(
        frozenset({"coordinator"}), reason_required=True, label=_("niet weerhouden")
    ),
    # Needs the action it is merged into (``into``); see actieplan.alignment.services.
    (Status.SUBMITTED, Status.MERGED): TransitionRule(frozenset({"coordinator"}), label=_("samenvoegen")),
    # Phase 3: finalising the overarching plan adopts its retained actions (actieplan.plan.services).
    (Status.RETAINED, Status.ADOPTED): TransitionRule(
        frozenset({"coordinator"}), label=_("opnemen in actieplan")
    ),
    # Monitoring: implementation of adopted actions, by the lead domain's contact or a coordinator.
    (Status.ADOPTED, Status.IN_PROGRESS): TransitionRule(
        frozenset({"coordinator", "lead_contact"}), label=_("uitvoering starten")
    ),
    (Status.IN_PROGRESS, Status.COMPLETED): TransitionRule(
        frozenset({"coordinator", "lead_contact"}), label=_("als gerealiseerd markeren")
    ),
    (Status.IN_PROGRESS, Status.STOPPED): TransitionRule(
        frozenset({"coordinator", "lead_contact"}), reason_required=True, label=_("stopzetten")
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
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="led_actions",
        verbose_name=_("trekkende organisatie"),
    )
    responsible = models.CharField(_("verantwoordelijke (persoon of team)"), max_length=200, blank=True)
    local_partners = models.TextField(
        _("lokale partners"), max_length=3000, blank=True,
        help_text=_("Gemeenten, OCMW's, lokale partnerschappen …: één per regel."),
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
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from",
        verbose_name=_("samengevoegd in"),
    )
    proposed_round = models.ForeignKey(
        Round, on_delete=models.PROTECT, null=True, blank=True, related_name="proposed_actions",
        verbose_name=_("voorgesteld in ronde"),
    )
    adopted_round = models.ForeignKey(
        Round, on_delete=models.PROTECT, null=True, blank=True, related_name="adopted_actions",
        verbose_name=_("opgenomen in ronde"),
    )
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
            models.Index(fields=["code", "id"], name="action_code_order"),
            models.Index(fields=["status", "code"]),
            models.Index(fields=["working_group", "status"]),
            # phase 2 (alignment board, coverage matrix): progress per proposer and coverage per
            # barrier, counted from the index alone on PostgreSQL
            models.Index(fields=["status", "working_group", "proposing_domain"], name="action_status_proposer",
                         include=["id", "primary_barrier", "lead_domain"]),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("action_detail", args=[self.pk])

    @property
    def local_partner_list(self) -> list[str]:
        return [line.strip() for line in (self.local_partners or "").splitlines() if line.strip()]

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
    # The meeting in which the decision was taken (governance; optional, set there).
    meeting = models.ForeignKey("governance.Meeting", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="status_changes", verbose_name=_("vergadering"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        indexes = [
            # The decision log (phase 2): the decisions about submitted actions, newest first.
            # The condition is the log's filter (``alignment_services.DecisionType.q``).
            models.Index(
                fields=["-at", "-id"], name="statuschange_decisions",
                condition=(
                    models.Q(from_status="submitted", to_status="retained")
                    | models.Q(from_status="submitted", to_status="rejected")
                    | models.Q(from_status="submitted", to_status="merged")
                    | models.Q(from_status="submitted", to_status="draft")
                    | models.Q(from_status="merged", to_status="submitted")
                ),
            ),
        ]

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


# --------------------------------------------------------------------------- phase 2: alignment
class Merge(models.Model):
    """One merge of a submitted action into another; keeps what is needed to undo it exactly."""

    merged = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="merges_out", verbose_name=_("samengevoegde actie"))
    into = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="merges_in", verbose_name=_("in actie"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reden"), blank=True)
    # What moved to the surviving action: {"target_groups": [ids added], "partner_domains": [...],
    # "partner_organisations": [...], "linked_plans": [...], "comments": [ids moved]}
    carried_over = models.JSONField(default=dict, blank=True)
    # Both actions' fields and many-to-many values just before the merge, to restore them exactly.
    before = models.JSONField(default=dict, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("samenvoeging")
        verbose_name_plural = _("samenvoegingen")

    def __str__(self):
        return f"{self.merged.code} → {self.into.code}"


class LinkType(models.TextChoices):
    OVERLAPS = "overlaps", _("overlapt met")
    COMPLEMENTS = "complements", _("vult aan")
    DEPENDS_ON = "depends_on", _("hangt af van")
    SHARED_OPPORTUNITY = "shared_opportunity", _("gedeelde opportuniteit")


class ActionLink(models.Model):
    from_action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("van actie"))
    to_action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("naar actie"))
    type = models.CharField(_("soort"), max_length=30, choices=LinkType.choices)
    reason = models.CharField(_("toelichting"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["from_action", "to_action", "type"], name="unique_action_link"),
            models.CheckConstraint(condition=~models.Q(from_action=models.F("to_action")), name="link_not_to_self"),
        ]
        indexes = [models.Index(fields=["-created_at", "-id"], name="action_link_newest")]  # the API list

    def __str__(self):
        return f"{self.from_action_id} {self.type} {self.to_action_id}"


class SimilarityDismissal(models.Model):
    """A coordinator's verdict "geen overlap" for a pair of actions (stored with low id first)."""

    action_low = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    action_high = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action_low", "action_high"], name="unique_dismissal"),
            models.CheckConstraint(condition=models.Q(action_low__lt=models.F("action_high")), name="dismissal_ordered"),
        ]


class TermPosting(models.Model):
    """Inverted index for overlap detection: a stemmed Dutch term of an action and its weight."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="term_postings")
    term = models.CharField(max_length=60)
    weight = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["term", "action"])]
        constraints = [models.UniqueConstraint(fields=["action", "term"], name="unique_posting")]


class ActionTermVector(models.Model):
    """The full term vector of an action (shown words and norm), kept next to the postings."""

    action = models.OneToOneField(Action, on_delete=models.CASCADE, primary_key=True, related_name="term_vector")
    terms = models.JSONField(default=dict)  # stem -> [weight, display word]
    norm = models.FloatField(default=0.0)
    updated_at = models.DateTimeField(auto_now=True)


class SimilarityPair(models.Model):
    """Derived: two overlap candidates whose score reaches ``similarity.THRESHOLD``, stored both ways.

    Kept by ``actieplan.alignment.similarity`` whenever a candidate's postings or metadata change, so
    the alignment board counts and ranks the suggestions of a page of actions with one
    indexed read instead of scoring every pair. Dismissed pairs are left out when read.
    Derived rows, rebuilt in bulk (hundreds of thousands with many similar actions): no
    database constraints to check on every row; Django deletes them with their actions.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+", db_index=False,
                               db_constraint=False)
    other = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    score = models.FloatField()
    text = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["action", "-score", "-text", "other"], name="similarity_pair_rank")]


# --------------------------------------------------------------------------- phase 3: the overarching plan
class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("ontwerp")
    IN_CONSULTATION = "in_consultation", _("in consultatie")
    FINAL = "final", _("definitief")


class Plan(models.Model):
    title = models.CharField(_("titel"), max_length=300)
    introduction = models.TextField(_("inleiding"), blank=True)  # sanitised HTML
    conclusion = models.TextField(_("besluit"), blank=True)  # sanitised HTML
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("actieplan")
        verbose_name_plural = _("actieplannen")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plan_detail", args=[self.pk])


class Chapter(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="chapters")
    title = models.CharField(_("titel"), max_length=300)
    barrier = models.ForeignKey(Barrier, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("drempel"))
    introduction = models.TextField(_("inleiding"), blank=True)  # sanitised HTML
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("hoofdstuk")
        verbose_name_plural = _("hoofdstukken")

    def __str__(self):
        return self.title


class PlanItem(models.Model):
    """An action in a chapter of a plan; an action sits in at most one chapter of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="items")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="plan_items")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["chapter__order", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "action"], name="action_once_per_plan")]


class PlanVersion(models.Model):
    """A frozen, immutable snapshot of a plan, made when it is finalised."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    finalised_at = models.DateTimeField(_("definitief op"))
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    vr_reference = models.CharField(_("referentie Vlaamse Regering"), max_length=100)
    vr_date = models.DateField(_("datum beslissing Vlaamse Regering"))
    override_reason = models.TextField(_("reden van afwijking"), blank=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")]
        verbose_name = _("planversie")
        verbose_name_plural = _("planversies")

    def __str__(self):
        return f"{self.plan} v{self.number}"


class PlanVersionContents(models.Model):
    """A frozen version's snapshot unpacked for its pages (derived data, never edited).

    Made once from :attr:`PlanVersion.snapshot` (when the version is frozen, or on the
    first read of an older one): the outline (texts, chapters without their actions,
    sign-offs) here, one :class:`PlanVersionAction` per action. The version's pages,
    timeline and diff read a page of rows instead of the whole snapshot.
    """

    version = models.OneToOneField(PlanVersion, on_delete=models.CASCADE, primary_key=True, related_name="contents")
    outline = models.JSONField()
    action_count = models.PositiveIntegerField(default=0)


class PlanVersionAction(models.Model):
    """One action of a frozen version, as in its snapshot, with the columns its pages sort and compare on."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="action_rows")
    position = models.PositiveIntegerField()  # place in the version: chapter by chapter, in plan order
    action_pk = models.BigIntegerField()  # not a foreign key: the version outlives changes to the action
    chapter_pk = models.BigIntegerField()
    code = models.CharField(max_length=50)
    lead_pk = models.BigIntegerField(null=True)
    lead_name = models.CharField(max_length=300, blank=True)
    first_date = models.DateField(null=True)  # earliest of planned start, end and milestones (the timeline's span)
    last_date = models.DateField(null=True)
    fingerprint = models.CharField(max_length=32)  # of the fields the diff compares
    data = models.JSONField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="unique_version_position"),
            models.UniqueConstraint(fields=["version", "action_pk"], name="unique_version_action"),
        ]


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("titel"), max_length=200)
    due_date = models.DateField(_("vervaldatum"))
    description = models.TextField(_("beschrijving"), blank=True, max_length=2000)
    done_on = models.DateField(_("gerealiseerd op"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            # Open milestones by due date: the overdue milestones of the dashboards and reminders.
            models.Index(fields=["due_date", "id"], name="milestone_open_due", condition=models.Q(done_on__isnull=True)),
        ]
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")

    def __str__(self):
        return self.title


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("trekker")
    PARTNER = "partner", _("partner")


class AssignmentState(models.TextChoices):
    PENDING = "pending", _("ter bevestiging")
    ACCEPTED = "accepted", _("akkoord")
    ACCEPTED_WITH_REMARK = "accepted_with_remark", _("akkoord met opmerking")
    DECLINED = "declined", _("niet akkoord")


class Assignment(models.Model):
    """A policy domain made lead or partner of an action, and whether it agrees."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="assignments")
    domain = models.ForeignKey(PolicyDomain, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("rol"), max_length=10, choices=AssignmentRole.choices)
    state = models.CharField(_("stand"), max_length=30, choices=AssignmentState.choices, default=AssignmentState.PENDING)
    remark = models.TextField(_("opmerking of reden"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["action", "domain"], name="unique_assignment")]
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")


class SignOffState(models.TextChoices):
    PENDING = "pending", _("nog niet ondertekend")
    SIGNED = "signed", _("ondertekend")


class SignOff(models.Model):
    """A lead domain's sign-off of the set of actions it leads in a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="signoffs")
    domain = models.ForeignKey(PolicyDomain, on_delete=models.PROTECT, related_name="signoffs")
    state = models.CharField(_("stand"), max_length=20, choices=SignOffState.choices, default=SignOffState.PENDING)
    remark = models.TextField(_("opmerking"), blank=True, max_length=2000)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    reset_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["domain__order", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "domain"], name="unique_signoff")]
        verbose_name = _("goedkeuring beleidsdomein")
        verbose_name_plural = _("goedkeuringen beleidsdomeinen")


# --------------------------------------------------------------------------- data exchange
class ImportStatus(models.TextChoices):
    PENDING = "pending", _("in wachtrij")
    VALIDATING = "validating", _("wordt gecontroleerd")
    PREVIEW = "preview", _("klaar voor bevestiging")
    IMPORTING = "importing", _("wordt ingelezen")
    DONE = "done", _("ingelezen")
    FAILED = "failed", _("mislukt")


class ImportJob(models.Model):
    """An uploaded XLSX of proposed actions: validated into a preview, written only on confirmation."""

    # PROTECT: users are deactivated, never deleted; an import keeps who uploaded it.
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="import_jobs")
    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    proposing_domain = models.ForeignKey(PolicyDomain, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    file = models.FileField(upload_to="imports/%Y/%m/", max_length=300)
    filename = models.CharField(max_length=255)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    total_rows = models.PositiveIntegerField(default=0)
    preview = models.JSONField(default=list, blank=True)  # [{"row": n, "operation": "create|update", "code": …, "title": …}]
    errors = models.JSONField(default=list, blank=True)  # [{"row": n, "column": "…", "message": "…"}]
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")


def api_token_expiry():
    """When a token made now expires: ``API_TOKEN_TTL_DAYS`` from now."""
    return timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS)


class ApiToken(models.Model):
    """A token of the API: made on the page API-tokens for another system (read-only, key
    ``dnw_…``) or by ``POST /api/v1/auth/token/`` with a username and password (full rights
    of its user). Both kinds share one lifecycle (``actieplan/api_tokens.py``): only a hash
    of the key is kept; listed with the last use; revoked by the owner or a coordinator, on
    a password change and on deactivation; no longer valid after ``expires_at``."""

    class Kind(models.TextChoices):
        READ_ONLY = "read_only", _("alleen lezen")
        LOGIN = "login", _("aanmelding via de API")

    class RevokedReason(models.TextChoices):
        BY_USER = "by_user", _("ingetrokken")
        PASSWORD_CHANGED = "password_changed", _("wachtwoord gewijzigd")
        DEACTIVATED = "deactivated", _("gebruiker gedeactiveerd")
        REPLACED = "replaced", _("vervangen door een nieuwer token")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.READ_ONLY)
    name = models.CharField(_("naam"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("vervalt op"), default=api_token_expiry)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revoked_reason = models.CharField(_("reden van intrekking"), max_length=20, choices=RevokedReason.choices, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_expired(self, now=None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired()
