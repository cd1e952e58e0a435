"""The transactional outbox: work for Celery, written in the same transaction as the change."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEntry(models.Model):
    key = models.CharField(_("sleutel"), max_length=200, unique=True,
                           help_text=_("Dezelfde sleutel wordt maar één keer doorgegeven."))
    task = models.CharField(_("taak"), max_length=200)
    args = models.JSONField(_("argumenten"), default=list)
    kwargs = models.JSONField(_("benoemde argumenten"), default=dict)
    queue = models.CharField(_("wachtrij"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    sent_at = models.DateTimeField(_("doorgegeven"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("uitgaande taak")
        verbose_name_plural = _("uitgaande taken")
        ordering = ["pk"]
        indexes = [models.Index(fields=["sent_at", "id"], name="outbox_pending")]

    def __str__(self):
        return f"{self.task} {self.key}"
