from actieplan.permissions import perms_for


def permissions(request):
    """Expose the permission vocabulary to templates as ``perms_app``."""
    user = getattr(request, "user", None)
    return {"perms_app": perms_for(user) if user is not None else None}
