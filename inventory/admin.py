from django.contrib import admin

from inventory.models import EvidenceSource, Measure, MeasureActionLink


class MeasureActionLinkInline(admin.TabularInline):
    model = MeasureActionLink
    extra = 0
    autocomplete_fields = ("action",)
    readonly_fields = ("created_by", "created_at")


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("name", "responsible_domain", "organisation", "status")
    list_filter = ("status", "responsible_domain")
    search_fields = ("name", "description")
    filter_horizontal = ("barriers", "target_groups")
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = [MeasureActionLinkInline]


@admin.register(EvidenceSource)
class EvidenceSourceAdmin(admin.ModelAdmin):
    list_display = ("title", "authors", "year", "source_type")
    list_filter = ("source_type", "year")
    search_fields = ("title", "authors", "key_findings")
    filter_horizontal = ("barriers", "target_groups", "measures")
    autocomplete_fields = ("actions",)
    readonly_fields = ("created_by", "created_at", "updated_at")
