"""The periodic progress report of WEWIS to the Flemish Government (Voortgangsrapport)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportingPeriod(models.Model):
    """A reporting period (half-yearly by default): data, not code."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    starts_on = models.DateField(_("begindatum"))
    ends_on = models.DateField(_("einddatum"))

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="reporting_period_ends_after_start")]
        verbose_name = _("rapporteringsperiode")
        verbose_name_plural = _("rapporteringsperiodes")

    def __str__(self):
        return self.name


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("ontwerp")
    APPROVED = "approved", _("goedgekeurd")


class ProgressReport(models.Model):
    """Generated from the monitoring data at ``as_of``, edited by a coordinator, frozen when approved."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports",
                               verbose_name=_("periode"))
    as_of = models.DateField(_("stand op"))
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    title = models.CharField(_("titel"), max_length=300)
    introduction = models.TextField(_("inleiding"), blank=True, max_length=20000)
    conclusion = models.TextField(_("besluit"), blank=True, max_length=20000)
    # per chapter (priority barrier id): {"introduction": "...", "conclusion": "..."}
    chapters = models.JSONField(_("hoofdstukken"), default=dict, blank=True)
    communication = models.CharField(_("mededeling"), max_length=300, blank=True,
                                     default="Mededeling aan de Vlaamse Regering")
    vr_reference = models.CharField(_("VR-nummer"), max_length=100, blank=True)
    vr_date = models.DateField(_("datum Vlaamse Regering"), null=True, blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)  # the data, frozen at approval
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-as_of", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["period"], condition=models.Q(status="approved"),
                                    name="one_approved_report_per_period"),
        ]
        verbose_name = _("voortgangsrapport")
        verbose_name_plural = _("voortgangsrapporten")

    def __str__(self):
        return self.title

    @property
    def is_approved(self) -> bool:
        return self.status == ReportStatus.APPROVED
