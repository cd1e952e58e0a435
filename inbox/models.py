"""What the inbox remembers per person: when a list was last looked at, which notifications were read.

The open tasks themselves are never stored: ``inbox.selectors`` computes them from the
actions, assignments, sign-offs, imports and progress reports each time. Notifications are
the rows of the reminders' sent log (``monitoring.SentReminder``): what is mailed is what
the bell shows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visit(models.Model):
    """The last time a person opened a list whose news is counted 'since the last visit'."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="inbox_visit_once")]
        verbose_name = _("bezoek")
        verbose_name_plural = _("bezoeken")


class NotificationRead(models.Model):
    """A notification (a row of the sent log) its recipient has opened."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reminder = models.ForeignKey("monitoring.SentReminder", on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "reminder"], name="inbox_read_once")]
        verbose_name = _("gelezen melding")
        verbose_name_plural = _("gelezen meldingen")
