"""Django admin of monitoring: WEWIS staff maintain indicators and settings; reports are read-only
after 24 hours (a correction is a new report), so the admin only lets superusers delete."""

from django.contrib import admin

from monitoring.models import (
    ActionBaseline,
    Indicator,
    Measurement,
    MonitoringSettings,
    StatusUpdate,
)


@admin.register(MonitoringSettings)
class MonitoringSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reporting_interval_months", "due_soon_days"]

    def has_add_permission(self, request):
        return not MonitoringSettings.objects.exists()


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["year", "date", "value", "note"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "baseline_value", "baseline_year", "target_value", "target_year", "order"]
    list_editable = ["order"]
    search_fields = ["name", "source"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["barriers", "actions"]
    inlines = [MeasurementInline]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(admin.ModelAdmin):
    list_display = ["action", "date", "progress_state", "percent_complete", "created_by", "created_at"]
    list_filter = ["progress_state", "date"]
    search_fields = ["action__code", "action__title", "done"]
    list_select_related = ["action", "created_by"]
    raw_id_fields = ["action"]
    readonly_fields = ["action", "date", "progress_state", "percent_complete", "done", "next_steps", "blockers",
                       "link", "attachment", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(ActionBaseline)
class ActionBaselineAdmin(admin.ModelAdmin):
    list_display = ["action", "plan_version", "planned_end"]
    list_select_related = ["action", "plan_version", "plan_version__plan"]
    raw_id_fields = ["action"]
from monitoring.reminders import admin as reminder_admin  # noqa: E402,F401  (registers the reminder models)
