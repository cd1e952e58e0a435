"""Pages "Herinneringen" (the sent log) and "Voorkeuren" (digests on/off, delegation).

Everyone who is logged in sees what was sent to them (or on their behalf to a delegate);
coordinators see what was sent to whom, with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from common.exports import Column, export_if_requested
from actieplan.permissions import perms_for
from monitoring.models import ReminderPreference, SentReminder
from monitoring.reminders.forms import MANDATORY_LABELS, ReminderFilterForm, ReminderPreferenceForm

PAGE_SIZE = 50


def sent_log_for(user, perms):
    """The sent log rows ``user`` may see: all for coordinators, else their own."""
    rows = SentReminder.objects.select_related("recipient", "intended_for").order_by("-created_at", "-id")
    if perms.is_coordinator:
        return rows
    return rows.filter(Q(recipient=user) | Q(intended_for=user))



REMINDER_COLUMNS = [
    Column("ID", "pk"),
    Column(gettext_lazy("Datum"), "created_at"),
    Column(gettext_lazy("Ontvanger"), "recipient.username"),
    Column(gettext_lazy("E-mail"), "recipient.email"),
    Column(gettext_lazy("Oorspronkelijke ontvanger"), "intended_for.username"),
    Column(gettext_lazy("Soort"), "kind"),
    Column(gettext_lazy("Reden"), "reason"),
    Column(gettext_lazy("Stand"), "state"),
    Column(gettext_lazy("Verzonden op"), "sent_at"),
    Column(gettext_lazy("Pogingen"), "attempts"),
]

@login_required
def reminder_list(request):
    # Queries: session, user, permissions (profile, memberships, profile domains), count,
    # one page of rows with recipient and intended recipient.
    perms = perms_for(request.user)
    form = ReminderFilterForm(request.GET or None, show_recipient=perms.is_coordinator)
    rows = sent_log_for(request.user, perms)
    if form.is_bound and form.is_valid():
        rows = form.filter(rows)
    if response := export_if_requested(request, rows, REMINDER_COLUMNS, "herinneringen"):
        return response  # ?format=xlsx|csv: every filtered row, not one page
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": page.object_list,
        "page_query": params.urlencode(),
        "show_all": perms.is_coordinator,
        "is_filtered": form.is_bound and any(v for k, v in request.GET.items() if k != "page"),
    }
    return render(request, "monitoring/reminders/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reminder_preferences(request):
    perms = perms_for(request.user)
    preference = ReminderPreference.objects.filter(user=request.user).first() or ReminderPreference(user=request.user)
    form = ReminderPreferenceForm(request.POST or None, instance=preference, user=request.user, perms=perms)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uw voorkeuren voor herinneringen zijn bewaard."))
        return redirect("reminder_preferences")
    context = {"form": form, "mandatory_labels": MANDATORY_LABELS, "preference": preference}
    return render(request, "monitoring/reminders/preferences.html", context, status=400 if form.errors else 200)
