"""Pages of login lockouts: the list of current lockouts and unlocking one (coordinators)."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from actieplan import lockouts
from actieplan.permissions import perms_for

PER_PAGE = 50


def _require_lockout_manager(request):
    if not perms_for(request.user).can_manage_lockouts:
        raise PermissionDenied(_("Alleen WEWIS-coördinatoren beheren vergrendelde aanmeldingen."))


@login_required
@require_GET
def lockout_list(request):
    _require_lockout_manager(request)
    page = Paginator(lockouts.current_lockouts(), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "lockouts": page.object_list,
        "limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": round(get_cool_off().total_seconds() / 60),
    }
    return render(request, "actieplan/security/lockouts.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def lockout_release(request, pk):
    _require_lockout_manager(request)
    lockout = lockouts.lockout_for(pk)
    if lockout is None:
        raise Http404(_("Deze vergrendeling bestaat niet (meer)."))
    if request.method == "POST":
        lockouts.lockout_release(lockout=lockout, user=request.user)
        messages.success(request, _("‘%(username)s’ kan zich opnieuw aanmelden vanaf %(address)s.")
                         % {"username": lockout.username or "", "address": lockout.ip_address or ""})
        return redirect("lockout_list")
    return render(request, "actieplan/security/lockout_release.html", {"lockout": lockout})
