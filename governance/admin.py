from django.contrib import admin

from governance.models import AgendaItem, Body, Decision, Meeting


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "order")
    list_filter = ("kind",)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("order", "title", "action", "notes")
    raw_id_fields = ("action",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("body", "date", "location")
    list_filter = ("body",)
    date_hierarchy = "date"
    filter_horizontal = ("attendees",)
    inlines = [AgendaItemInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("agenda_item", "text", "responsible", "due_date")
    raw_id_fields = ("agenda_item",)
