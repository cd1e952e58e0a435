"""Django admin for working groups, memberships and the roles of users.

This app imports neither ``actieplan`` nor ``monitoring``: related reference data
(barriers, target groups, policy domains, organisations) are reached through the
model fields only.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


from werkgroepen.models import Membership, Profile, WorkingGroup
from werkgroepen.services import user_deactivate


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    fields = ["user", "role", "policy_domain", "organisation"]
    autocomplete_fields = ["user", "policy_domain", "organisation"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code_prefix", "is_active", "member_count"]
    list_filter = ["is_active", "barriers"]
    search_fields = ["name", "code_prefix", "description"]
    ordering = ["name"]
    filter_horizontal = ["barriers", "target_groups"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    @admin.display(description=_("leden"), ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "working_group", "role", "policy_domain", "organisation"]
    list_filter = ["working_group", "role", "policy_domain"]
    list_select_related = ["user", "working_group", "policy_domain", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "working_group__name"]
    ordering = ["working_group__name", "-role", "user__last_name"]
    autocomplete_fields = ["user", "working_group", "policy_domain", "organisation"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "function_title", "is_coordinator", "is_cabinet", "cabinet_all_domains"]
    list_filter = ["is_coordinator", "is_cabinet", "cabinet_all_domains", "contact_domains"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "function_title"]
    ordering = ["user__username"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["contact_domains", "cabinet_domains"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    verbose_name_plural = _("rollen en profiel")
    fields = ["function_title", "is_coordinator", "contact_domains", "is_cabinet", "cabinet_all_domains",
              "cabinet_domains"]
    filter_horizontal = ["contact_domains", "cabinet_domains"]


class MembershipOfUserInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ["working_group", "role", "policy_domain", "organisation"]
    verbose_name_plural = _("lidmaatschappen van werkgroepen")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users are deactivated, never deleted: what they wrote keeps its author."""

    inlines = [ProfileInline, MembershipOfUserInline]
    actions = ["deactivate_users"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Deactiveren"), permissions=["change"])
    def deactivate_users(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=True):
            if user_deactivate(user=user, by=request.user):
                self.log_change(request, user, [{"changed": {"fields": ["is_active"]}}])
                count += 1
        self.message_user(
            request,
            ngettext("%(count)d gebruiker gedeactiveerd.", "%(count)d gebruikers gedeactiveerd.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        # Unticking "actief" on the form deactivates through the service, so sessions end too.
        deactivating = change and "is_active" in form.changed_data and not obj.is_active
        if deactivating:
            obj.is_active = True
        super().save_model(request, obj, form, change)
        if deactivating:
            user_deactivate(user=obj, by=request.user)
