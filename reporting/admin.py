from django.contrib import admin

from reporting.models import ProgressReport, ReportingPeriod


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ("name", "starts_on", "ends_on")


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ("title", "period", "as_of", "status")
    list_filter = ("status", "period")
    readonly_fields = ("status", "snapshot", "approved_by", "approved_at", "created_by")
