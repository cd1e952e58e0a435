"""How the application names a person: one rule for every page, e-mail, export and API field.

A user is never deleted, only deactivated (``werkgroepen.services.user_deactivate``): what
they wrote keeps their name, marked "(gedeactiveerd)". A record whose user was removed all
the same (from the shell) shows "verwijderde gebruiker" instead of breaking the page.
"""

from django.utils.translation import gettext, gettext_lazy

DELETED_USER = gettext_lazy("verwijderde gebruiker")


def person_name(user, default=DELETED_USER) -> str | None:
    """Full name (or user name) of ``user``; ``default`` when there is no user.

    The API passes ``default=None`` so a missing person stays ``null`` there.
    """
    if user is None:
        return None if default is None else str(default)
    name = user.get_full_name() or user.username
    if not user.is_active:
        return gettext("%(name)s (gedeactiveerd)") % {"name": name}
    return name
