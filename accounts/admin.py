"""Admin: the audit log (read only), invitations, and "Anonimiseren" on users."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import AuditEntry, Invitation
from accounts.services import user_anonymise
from werkgroepen.admin import UserAdmin as BaseUserAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "username", "subject", "actor", "ip_address"]
    list_filter = ["event"]
    list_select_related = ["subject", "actor"]
    search_fields = ["username", "subject__username", "actor__username", "detail"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "expires_at", "accepted_at", "revoked_at", "invited_by"]
    list_select_related = ["user", "invited_by"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    actions = [*BaseUserAdmin.actions, "anonymise_users"]

    @admin.action(description=_("Anonimiseren (AVG): naam en e-mail wissen van gedeactiveerde gebruikers"),
                  permissions=["change"])
    def anonymise_users(self, request, queryset):
        done, refused = 0, 0
        for user in queryset:
            try:
                user_anonymise(user=user, by=request.user)
                done += 1
            except ValidationError:
                refused += 1
        self.message_user(request, ngettext("%(count)d gebruiker geanonimiseerd.",
                                            "%(count)d gebruikers geanonimiseerd.", done) % {"count": done},
                          messages.SUCCESS)
        if refused:
            self.message_user(request, _("Alleen gedeactiveerde gebruikers kunnen worden geanonimiseerd; "
                                         "%(count)d overgeslagen.") % {"count": refused}, messages.WARNING)
