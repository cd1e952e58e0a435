"""Pages of accounts: sign in and out, users and invitations (coordinators), the invitation
link, password change and reset, and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import audit, oidc, roles, selectors, services
from accounts.forms import AuditFilterForm, PersonForm, UserFilterForm
from accounts.models import AuditEntry
from actieplan.permissions import perms_for
from common import spreadsheet

PER_PAGE = 50
Event = AuditEntry.Event


# --------------------------------------------------------------------------- sign in / out
class LoginView(auth_views.LoginView):
    """Sign in: "Aanmelden met je overheidsaccount" first when OIDC is configured, then the
    local password form unless ``LOCAL_LOGIN=false``."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc.enabled()
        context["local_login"] = settings.LOCAL_LOGIN
        return context

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_LOGIN:
            raise PermissionDenied(_("Aanmelden met een wachtwoord is uitgeschakeld; meld u aan met uw overheidsaccount."))
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Sign out with POST only; after an OIDC sign-in the provider's session ends too
    (RP-initiated logout) when the provider offers it."""

    def post(self, request, *args, **kwargs):
        provider_logout = oidc.logout_url(request) if request.user.is_authenticated else None
        response = super().post(request, *args, **kwargs)
        if provider_logout:
            # A page that moves on to the provider rather than a redirect: the Content Security
            # Policy (form-action 'self') forbids a form's redirect to another origin.
            return render(request, "accounts/logout_provider.html", {"provider_logout": provider_logout})
        return response


# --------------------------------------------------------------------------- users (coordinators)
def _require_user_manager(request):
    if not perms_for(request.user).can_manage_users:
        raise PermissionDenied(_("Alleen WEWIS-coördinatoren beheren gebruikers."))


def _user_for_manager(request, pk):
    _require_user_manager(request)
    return get_object_or_404(services.User, pk=pk)


@login_required
@require_GET
def user_list(request):
    _require_user_manager(request)
    form = UserFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.users(**{k: v for k, v in filters.items() if v not in (None, "")})
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"user": u, "status": services.user_status(u), "role": roles.Role(_role(u)).label}
            for u in page.object_list]
    for row in rows:
        row["status_label"] = services.STATUS_LABELS[row["status"]]
    return render(request, "accounts/user_list.html", {"form": form, "page": page, "rows": rows})


def _role(user) -> str:
    try:
        profile = user.profile
    except ObjectDoesNotExist:
        return roles.Role.MEMBER
    return roles.role_of(profile, list(profile.contact_domains.all()))


@login_required
@require_http_methods(["GET", "POST"])
def user_invite(request):
    _require_user_manager(request)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_invite(by=request.user, request=request, first_name=data["first_name"],
                                        last_name=data["last_name"], email=data["email"], **form.rights())
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": user.email})
            return redirect("user_edit", pk=user.pk)
    return render(request, "accounts/user_invite.html", {"form": form})


def _errors_to_form(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    person = _user_for_manager(request, pk)
    snapshot = roles.snapshot(person)
    initial = {**PersonForm.initial_for(snapshot), "first_name": person.first_name,
               "last_name": person.last_name, "email": person.email}
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update_details(user=person, by=request.user, first_name=data["first_name"],
                                         last_name=data["last_name"], email=data["email"], request=request)
            services.user_set_roles(user=person, by=request.user, request=request, **form.rights())
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("De gegevens en rechten van %(name)s zijn bewaard.")
                             % {"name": person.get_full_name() or person.username})
            return redirect("user_edit", pk=person.pk)
    context = {
        "person": person, "form": form, "status": services.user_status(person),
        "invitations": person.invitations.select_related("invited_by")[:10],
        "entries": audit.entries().filter(subject=person)[:20],
    }
    context["status_label"] = services.STATUS_LABELS[context["status"]]
    return render(request, "accounts/user_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def user_deactivate(request, pk):
    person = _user_for_manager(request, pk)
    if request.method == "POST":
        try:
            if services.account_deactivate(user=person, by=request.user, request=request):
                messages.success(request, _("%(name)s is gedeactiveerd: de sessies en API-tokens zijn beëindigd.")
                                 % {"name": person.get_full_name() or person.username})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("user_edit", pk=person.pk)
    return render(request, "accounts/user_deactivate.html", {"person": person})


@login_required
@require_POST
def user_reactivate(request, pk):
    person = _user_for_manager(request, pk)
    if services.account_reactivate(user=person, by=request.user, request=request):
        messages.success(request, _("%(name)s is opnieuw actief.") % {"name": person.get_full_name() or person.username})
    return redirect("user_edit", pk=person.pk)


@login_required
@require_POST
def user_invitation_send(request, pk):
    person = _user_for_manager(request, pk)
    try:
        services.invitation_send(user=person, by=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Een nieuwe uitnodiging is verstuurd naar %(email)s; de vorige link werkt niet meer.")
                         % {"email": person.email})
    return redirect("user_edit", pk=person.pk)


@login_required
@require_POST
def user_invitation_revoke(request, pk):
    person = _user_for_manager(request, pk)
    revoked = [services.invitation_revoke(invitation=i, by=request.user, request=request)
               for i in person.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)]
    if any(revoked):
        messages.success(request, _("De uitnodiging is ingetrokken."))
    else:
        messages.info(request, _("Er was geen openstaande uitnodiging."))
    return redirect("user_edit", pk=person.pk)


# --------------------------------------------------------------------------- the invitation link
@require_http_methods(["GET", "POST"])
def invitation_accept(request, key):
    invitation = services.invitation_for_key(key)
    if not services.invitation_usable(invitation):
        reason = "unknown" if invitation is None else invitation.status
        return render(request, "accounts/invitation_invalid.html", {"reason": reason}, status=410 if invitation else 404)
    person = invitation.user
    form = SetPasswordForm(person, request.POST or None) if settings.LOCAL_LOGIN else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Aanmelden met een wachtwoord is uitgeschakeld; meld u aan met uw overheidsaccount."))
        if form.is_valid():
            services.invitation_accept(invitation=invitation, password=form.cleaned_data["new_password1"],
                                       request=request)
            person.refresh_from_db()
            auth_login(request, person, backend="accounts.backends.LocalPasswordBackend")
            messages.success(request, _("Welkom! Uw wachtwoord is ingesteld en u bent aangemeld."))
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/invitation_accept.html", {
        "person": person, "form": form, "invitation": invitation, "oidc_enabled": oidc.enabled(),
    })


# --------------------------------------------------------------------------- password change and reset
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(Event.PASSWORD_CHANGED, actor=self.request.user, subject=self.request.user, request=self.request)
        messages.success(self.request, _("Uw wachtwoord is gewijzigd."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Always the same answer, whether the address exists or not."""

    template_name = "accounts/password_reset.html"
    email_template_name = "emails/password_reset.txt"
    html_email_template_name = "emails/password_reset.html"
    subject_template_name = "emails/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        if not settings.LOCAL_LOGIN:
            raise PermissionDenied(_("Aanmelden met een wachtwoord is uitgeschakeld."))
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(Event.PASSWORD_RESET, actor=form.user, subject=form.user, request=self.request)
        return response


# --------------------------------------------------------------------------- audit
@login_required
@require_GET
def audit_list(request):
    if not perms_for(request.user).can_view_audit:
        raise PermissionDenied(_("Alleen WEWIS-coördinatoren zien het auditlog."))
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = audit.entries(event=filters.get("event") or "", person=filters.get("person") or "",
                       date_from=filters.get("date_from"), date_to=filters.get("date_to"))
    if request.GET.get("format") == "xlsx":
        return _audit_xlsx(qs)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_list.html", {"form": form, "page": page, "entries": page.object_list,
                                                        "retention_days": settings.AUDIT_RETENTION_DAYS})


AUDIT_EXPORT_LIMIT = 100_000


def _audit_xlsx(qs):
    from werkgroepen.people import person_name

    headers = [_("Tijdstip"), _("Gebeurtenis"), _("Gebruikersnaam"), _("Betreft"), _("Door"), _("Adres"),
               _("Voor"), _("Na"), _("Toelichting")]
    rows = ([e.created_at, e.get_event_display(), e.username, person_name(e.subject, default="") or "",
             person_name(e.actor, default="") or "", e.ip_address or "", audit.describe(e.before),
             audit.describe(e.after), e.detail] for e in qs[:AUDIT_EXPORT_LIMIT])
    workbook = spreadsheet.new_workbook()
    sheet = workbook.active
    sheet.title = spreadsheet.sheet_title(_("Auditlog"))
    spreadsheet.write_table(sheet, headers, rows)
    response = HttpResponse(spreadsheet.workbook_bytes(workbook),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="auditlog-{timezone.localdate():%Y%m%d}.xlsx"'
    return response
