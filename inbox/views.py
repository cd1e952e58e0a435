"""Pages of the inbox: the open tasks of one kind (``/te-doen/<slug>/``) and the notifications (``/meldingen/``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from actieplan.permissions import perms_for
from common.ids import parse_id
from inbox import selectors, services
from monitoring.models import SentReminder

NOTIFICATIONS_PAGE_SIZE = 25


def _get_kind_for_user(request, slug: str) -> selectors.Kind:
    kind = selectors.BY_SLUG.get(slug)
    if kind is None:
        raise Http404(_("Deze lijst bestaat niet."))
    if not kind.applies(perms_for(request.user)):
        raise PermissionDenied(_("Deze lijst hoort niet bij uw rol."))
    return kind


@login_required
@require_GET
def task_overview(request):
    # Queries: session, user, permissions (3); one aggregate per kind of task of the person.
    return render(request, "inbox/overview.html")


@login_required
@require_GET
def task_list(request, slug):
    # Queries: session, user, permissions (3); the rows of the kind (1); the visit (1-2, news kinds only).
    kind = _get_kind_for_user(request, slug)
    items = selectors.task_items(request.user, kind)
    if kind.visit:
        services.visit_record(user=request.user, key=kind.visit)
    return render(request, "inbox/task_list.html", {"kind": kind, "items": items, "limit": selectors.ITEM_LIMIT})


def _get_notification_for_user(request, pk) -> SentReminder:
    reminder = SentReminder.objects.filter(pk=parse_id(pk) or 0, recipient_id=request.user.pk).first()
    if reminder is None:
        raise Http404(_("Deze melding bestaat niet of is niet voor u."))
    return reminder


@login_required
@require_GET
def notification_list(request):
    # Queries: session, user, permissions (3); count and one page of notifications with their read mark (2).
    rows = selectors.notifications_for(request.user)
    page = Paginator(rows, NOTIFICATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "rows": page.object_list, "page_query": ""}
    return render(request, "inbox/notifications.html", context)


@login_required
@require_GET
def notification_open(request, pk):
    """Open a notification: mark it read and go to where it points."""
    reminder = _get_notification_for_user(request, pk)
    services.notification_mark_read(user=request.user, reminder=reminder)
    url = reminder.url
    if url and url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return redirect(url)
    return redirect("notification_list")


@login_required
@require_POST
def notifications_read_all(request):
    n = services.notifications_mark_all_read(user=request.user)
    messages.success(request, ngettext("%(n)d melding als gelezen gemarkeerd.",
                                       "%(n)d meldingen als gelezen gemarkeerd.", n) % {"n": n})
    return redirect("notification_list")
