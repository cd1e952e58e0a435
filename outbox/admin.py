from django.contrib import admin

from outbox.models import OutboxEntry


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    list_display = ("task", "key", "created_at", "sent_at", "attempts", "last_error")
    list_filter = ("task",)
    search_fields = ("key", "task")
    readonly_fields = [f.name for f in OutboxEntry._meta.fields]
