"""Django admin: WEWIS staff maintain the reference data here; actions are mainly read.

Status changes of actions go through the lifecycle service (the application's pages
and API); the admin shows them but does not create or edit them.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from actieplan.models import (
    Action,
    Barrier,
    Comment,
    LinkedPlan,
    Organisation,
    Phase,
    PolicyDomain,
    Round,
    StatusChange,
    TargetGroup,
)


# --------------------------------------------------------------------------- reference data
@admin.register(Barrier)
class BarrierAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "citizen_wording", "is_priority", "taken_further"]
    list_display_links = ["name"]
    list_editable = ["order"]
    list_filter = ["is_priority", "taken_further"]
    search_fields = ["name", "citizen_wording", "reason"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "parent", "has_largest_potential"]
    list_display_links = ["name"]
    list_editable = ["order"]
    list_filter = ["has_largest_potential", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "description"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["name"]}


class OrganisationInline(admin.TabularInline):
    model = Organisation
    extra = 0
    fields = ["name", "abbreviation"]


@admin.register(PolicyDomain)
class PolicyDomainAdmin(admin.ModelAdmin):
    list_display = ["order", "abbreviation", "name"]
    list_display_links = ["abbreviation", "name"]
    search_fields = ["name", "abbreviation"]
    ordering = ["order", "name"]
    inlines = [OrganisationInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "policy_domain"]
    list_filter = ["policy_domain"]
    list_select_related = ["policy_domain"]
    search_fields = ["name", "abbreviation"]
    ordering = ["name"]


@admin.register(LinkedPlan)
class LinkedPlanAdmin(admin.ModelAdmin):
    list_display = ["name", "reference"]
    search_fields = ["name", "reference", "description"]
    ordering = ["name"]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    """Phase dates are data: WEWIS staff move them here (the loader never overwrites them)."""

    list_display = ["number", "name", "starts_on", "deadline"]
    list_display_links = ["number", "name"]
    list_editable = ["starts_on", "deadline"]
    search_fields = ["name"]
    ordering = ["number"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Rounds of proposals with their own deadlines (the loader never overwrites them)."""

    list_display = ["number", "name", "starts_on", "proposals_deadline", "alignment_deadline", "plan_update_deadline"]
    list_display_links = ["number", "name"]
    search_fields = ["name"]
    ordering = ["number"]


# --------------------------------------------------------------------------- actions
class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["at", "from_status", "to_status", "by", "reason"]
    readonly_fields = fields
    can_delete = False
    ordering = ["at", "id"]

    def has_add_permission(self, request, obj=None):
        return False


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    fields = ["created_at", "author", "text"]
    readonly_fields = ["created_at", "author"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "status", "working_group", "proposing_domain", "primary_barrier",
                    "lead_domain", "updated_at"]
    list_display_links = ["code", "title"]
    list_filter = ["status", "working_group", "primary_barrier", "lead_domain", "level", "instrument_type",
                   "budget_impact", "target_groups", "linked_plans"]
    list_select_related = ["working_group", "proposing_domain", "primary_barrier", "lead_domain"]
    search_fields = ["code", "title", "description", "intended_result"]
    ordering = ["code"]
    date_hierarchy = "created_at"
    readonly_fields = ["status", "merged_into", "version", "created_by", "created_at", "updated_by", "updated_at"]
    autocomplete_fields = ["primary_barrier", "working_group", "proposing_domain", "lead_domain"]
    filter_horizontal = ["secondary_barriers", "target_groups", "partner_domains", "partner_organisations",
                         "linked_plans"]
    history_list_display = ["status", "version"]
    inlines = [StatusChangeInline, CommentInline]
    fieldsets = [
        (None, {"fields": ["code", "title", "description", "intended_result", "status", "merged_into", "version"]}),
        (_("Drempels en doelgroepen"), {"fields": ["primary_barrier", "secondary_barriers", "target_groups"]}),
        (_("Voorsteller, trekker en partners"), {
            "fields": ["working_group", "proposing_domain", "lead_domain", "partner_domains",
                       "partner_organisations"],
        }),
        (_("Uitvoering"), {
            "fields": ["level", "instrument_type", "budget_impact", "budget_estimate", "linked_plans",
                       "planned_start", "planned_end"],
        }),
        (_("Registratie"), {"fields": ["created_by", "created_at", "updated_by", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        # Keep the lost-update protection meaningful: an admin save is a new version.
        if change:
            obj.version += 1
        else:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    """The lifecycle log: read-only, written by the transition service."""

    list_display = ["at", "action", "from_status", "to_status", "by"]
    list_filter = ["to_status", "from_status"]
    list_select_related = ["action", "by"]
    search_fields = ["action__code", "action__title", "reason"]
    ordering = ["-at", "-id"]
    date_hierarchy = "at"
    readonly_fields = ["action", "from_status", "to_status", "by", "at", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Comments are written on the action page; here they can be read, corrected or removed."""

    list_display = ["created_at", "action", "author", "short_text"]
    list_select_related = ["action", "author"]
    search_fields = ["text", "action__code", "action__title", "author__username"]
    ordering = ["-created_at", "-id"]
    date_hierarchy = "created_at"
    readonly_fields = ["action", "author", "created_at"]
    fields = ["action", "author", "created_at", "text"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("opmerking"))
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"
