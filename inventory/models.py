"""The inventory the concept note asks for: existing measures and research evidence.

New actions should complement what exists ("op basis van bestaande kennis en praktijkervaring"):
a ``Measure`` is an existing Flemish measure (with the barriers and target groups it addresses),
linked to actions by a ``MeasureActionLink`` that says how the action relates to it; an
``EvidenceSource`` is a study or evaluation with its key findings, linked to barriers, target
groups, measures and actions.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from actieplan.models import Action, Barrier, Organisation, PolicyDomain, TargetGroup


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    RUNNING = "running", _("lopend")
    ENDED = "ended", _("afgelopen")


class Measure(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    description = models.TextField(_("beschrijving"))
    responsible_domain = models.ForeignKey(
        PolicyDomain, on_delete=models.PROTECT, related_name="measures", verbose_name=_("verantwoordelijk beleidsdomein"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="measures",
        verbose_name=_("uitvoerende organisatie"),
    )
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="measures",
                                           verbose_name=_("doelgroepen"))
    barriers = models.ManyToManyField(Barrier, blank=True, related_name="measures", verbose_name=_("drempels"))
    basis = models.CharField(_("wettelijke of budgettaire basis"), max_length=400, blank=True)
    link = models.URLField(_("link"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices,
                              default=MeasureStatus.RUNNING)
    actions = models.ManyToManyField(Action, through="MeasureActionLink", related_name="measures",
                                     verbose_name=_("acties"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("bestaande maatregel")
        verbose_name_plural = _("bestaande maatregelen")

    def __str__(self):
        return self.name


class LinkKind(models.TextChoices):
    BUILDS_ON = "builds_on", _("bouwt voort op")
    COMPLEMENTS = "complements", _("vult aan")
    REPLACES = "replaces", _("vervangt")


class MeasureActionLink(models.Model):
    """How an action relates to an existing measure: the action builds on, complements or replaces it."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="action_links",
                                verbose_name=_("maatregel"))
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="measure_links",
                               verbose_name=_("actie"))
    kind = models.CharField(_("relatie"), max_length=20, choices=LinkKind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "action__code"]
        constraints = [models.UniqueConstraint(fields=["measure", "action"], name="unique_measure_action")]
        verbose_name = _("koppeling maatregel-actie")
        verbose_name_plural = _("koppelingen maatregel-actie")

    def __str__(self):
        return f"{self.action} {self.get_kind_display()} {self.measure}"


class SourceType(models.TextChoices):
    VIONA = "viona", _("VIONA-onderzoek")
    STEUNPUNT_WERK = "steunpunt_werk", _("Steunpunt Werk")
    POM = "pom", _("POM-studie")
    EVALUATION = "evaluation", _("evaluatie")
    PARLIAMENT = "parliament", _("parlementaire vraag")
    OTHER = "other", _("ander onderzoek")


class EvidenceSource(models.Model):
    title = models.CharField(_("titel"), max_length=300)
    authors = models.CharField(_("auteurs of organisatie"), max_length=300)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True,
                                            validators=[MinValueValidator(1900), MaxValueValidator(2100)])
    source_type = models.CharField(_("soort bron"), max_length=20, choices=SourceType.choices)
    link = models.URLField(_("link"), blank=True)
    key_findings = models.TextField(_("belangrijkste bevindingen"))
    barriers = models.ManyToManyField(Barrier, blank=True, related_name="evidence", verbose_name=_("drempels"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="evidence",
                                           verbose_name=_("doelgroepen"))
    measures = models.ManyToManyField(Measure, blank=True, related_name="evidence", verbose_name=_("maatregelen"))
    actions = models.ManyToManyField(Action, blank=True, related_name="evidence", verbose_name=_("acties"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("bron (onderzoek en evidentie)")
        verbose_name_plural = _("onderzoek en evidentie")

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title
