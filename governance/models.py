"""Governance: the bodies of the concept note (the structural consultation with the ministers'
representatives, the working groups, the WEWIS coordination), their meetings, agenda items and decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    STEERING_GROUP = "steering_group", _("stuurgroep (structureel overleg)")
    WORKING_GROUP = "working_group", _("werkgroep")
    COORDINATION = "coordination", _("coördinatie WEWIS")


class Body(models.Model):
    """An overleg body; meetings belong to one body."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=BodyKind.choices)
    description = models.TextField(_("omschrijving"), blank=True, max_length=5000)
    composition = models.TextField(_("samenstelling"), blank=True, max_length=5000,
                                   help_text=_("Wie zetelt erin (bv. de vertegenwoordigers van de bevoegde vakministers)."))
    working_group = models.ForeignKey("werkgroepen.WorkingGroup", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("werkgroep"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("overlegorgaan")
        verbose_name_plural = _("overlegorganen")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance_body_detail", args=[self.pk])


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("overlegorgaan"))
    date = models.DateField(_("datum"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                       verbose_name=_("aanwezigen"))
    minutes = models.TextField(_("verslag"), blank=True, max_length=50000,
                               help_text=_("Platte tekst; een lege regel begint een nieuwe alinea."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")

    def __str__(self):
        return f"{self.body.name} {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("governance_meeting_detail", args=[self.pk])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items",
                                verbose_name=_("vergadering"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    title = models.CharField(_("agendapunt"), max_length=300)
    action = models.ForeignKey("actieplan.Action", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="agenda_items", verbose_name=_("actie"))
    notes = models.TextField(_("toelichting"), blank=True, max_length=10000)
    is_escalation = models.BooleanField(_("escalatie"), default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")

    def __str__(self):
        return self.title


class Decision(models.Model):
    """What the meeting decided on one agenda item."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions",
                                    verbose_name=_("agendapunt"))
    text = models.TextField(_("beslissing"), max_length=5000)
    responsible = models.CharField(_("wie"), max_length=200, blank=True)
    due_date = models.DateField(_("tegen"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item__order", "agenda_item_id", "id"]
        verbose_name = _("beslissing")
        verbose_name_plural = _("beslissingen")

    def __str__(self):
        return self.text[:60]
