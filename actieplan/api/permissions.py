"""The one DRF permission class of the API: it asks the permission vocabulary.

A view names the questions of ``actieplan.permissions.Perms`` it needs per view
action, so adding an endpoint means adding one attribute:

    required_perms = {"create": "can_create_actions"}               # Perms property, before the object
    required_read_perms = {"list": "can_view_assignments"}           # the same for reads (GET)
    required_object_perms = {"update": "can_edit_action"}            # Perms method, called with the object

Rules that hold for every endpoint: anonymous users are refused (401 with token
auth), read-only users (cabinet) may only read, and reads of objects are scoped by
the view's queryset (a selector), so an object the user may not see is a 404.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from actieplan.permissions import perms_for


# Clear messages for refusals, per question of the vocabulary.
MESSAGES = {
    "can_create_actions": _("U kunt geen acties aanmaken: u bent geen lid van een werkgroep of contactpersoon."),
    "can_edit_action": _("U mag deze actie niet wijzigen."),
    "can_view_assignments": _("Deze lijst is er voor contactpersonen van beleidsdomeinen."),
    "can_view_assignment": _("Alleen de contactpersoon van het beleidsdomein of een coördinator ziet dit antwoord."),
    "can_view_signoff": _("Alleen de contactpersoon van het beleidsdomein of een coördinator ziet deze ondertekening."),
}


class VocabularyPermission(BasePermission):
    message = _("U hebt geen toestemming voor deze handeling.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            per_action = getattr(view, "required_read_perms", None)
            # (a plain name instead of a mapping is read by AlignmentPermission, for views without actions)
            name = per_action.get(getattr(view, "action", None)) if isinstance(per_action, dict) else None
            if name is None or getattr(perms_for(user), name):
                return True
            self.message = MESSAGES.get(name, self.message)
            return False
        perms = perms_for(user)
        if perms.is_read_only:
            self.message = _("Uw rol geeft enkel leestoegang.")
            return False
        name = getattr(view, "required_perms", {}).get(getattr(view, "action", None))
        if name is None or getattr(perms, name):
            return True
        self.message = MESSAGES.get(name, self.message)
        return False

    def has_object_permission(self, request, view, obj) -> bool:
        name = getattr(view, "required_object_perms", {}).get(getattr(view, "action", None))
        if name is None:
            return True
        if getattr(perms_for(request.user), name)(obj):
            return True
        self.message = MESSAGES.get(name, self.message)
        return False
