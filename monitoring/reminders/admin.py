"""Admin for the reminders: the sent log (read-only, with a retry action) and preferences.

Import this module from ``monitoring/admin.py`` (``from monitoring.reminders import admin``).
The schedule itself is edited under "Periodic tasks" (django-celery-beat).
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from monitoring.models import ReminderPreference, SendState, SentReminder


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "reason", "state", "attempts", "sent_at"]
    list_filter = ["kind", "state", "created_at"]
    search_fields = ["recipient__username", "recipient__email", "reason", "period"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in SentReminder._meta.fields]
    actions = ["retry_delivery"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Opnieuw proberen te verzenden (mislukte of wachtende)"))
    def retry_delivery(self, request, queryset):
        from monitoring.tasks import deliver_batch

        pairs = set(
            queryset.filter(state__in=[SendState.PENDING, SendState.FAILED]).values_list("batch", "recipient_id")
        )
        for batch, recipient_id in pairs:
            deliver_batch.delay(str(batch), recipient_id)
        self.message_user(request, ngettext("%(n)d e-mail opnieuw in de wachtrij gezet.", "%(n)d e-mails opnieuw in de wachtrij gezet.",
                                   len(pairs)) % {"n": len(pairs)},
                          messages.SUCCESS)


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "coordinator_digest", "group_digest", "delegate"]
    list_select_related = ["user", "delegate"]
    search_fields = ["user__username", "user__email", "delegate__username"]
    raw_id_fields = ["user", "delegate"]
