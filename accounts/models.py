"""Invitations and the audit log of access. Users and their roles stay in ``werkgroepen``."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Invitation(models.Model):
    """A one-time link by e-mail to set a password (or to sign in through OIDC).

    Only the SHA-256 hash of the key is stored; the key itself is only in the e-mail.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("openstaand")
        ACCEPTED = "accepted", _("aanvaard")
        REVOKED = "revoked", _("ingetrokken")
        EXPIRED = "expired", _("verlopen")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations",
                             verbose_name=_("gebruiker"))
    key_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("uitgenodigd door"))
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))
    accepted_at = models.DateTimeField(_("aanvaard op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)


class AuditEntry(models.Model):
    """One event of access: who signed in, who changed whose rights (before → after)."""

    class Event(models.TextChoices):
        LOGIN = "login", _("aangemeld")
        LOGIN_FAILED = "login_failed", _("mislukte aanmelding")
        LOGOUT = "logout", _("afgemeld")
        INVITATION_SENT = "invitation_sent", _("uitnodiging verstuurd")
        INVITATION_ACCEPTED = "invitation_accepted", _("uitnodiging aanvaard")
        INVITATION_REVOKED = "invitation_revoked", _("uitnodiging ingetrokken")
        ROLES_CHANGED = "roles_changed", _("rechten gewijzigd")
        MEMBERSHIP_CHANGED = "membership_changed", _("lidmaatschap gewijzigd")
        DEACTIVATED = "deactivated", _("gedeactiveerd")
        REACTIVATED = "reactivated", _("opnieuw geactiveerd")
        PASSWORD_CHANGED = "password_changed", _("wachtwoord gewijzigd")
        PASSWORD_RESET = "password_reset", _("wachtwoord opnieuw ingesteld")
        TOKEN_CREATED = "token_created", _("API-token aangemaakt")
        TOKEN_REVOKED = "token_revoked", _("API-token ingetrokken")
        ANONYMISED = "anonymised", _("persoonsgegevens gewist")

    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    event = models.CharField(_("gebeurtenis"), max_length=30, choices=Event.choices, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("door"))
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="audit_entries", verbose_name=_("betreft"))
    username = models.CharField(_("gebruikersnaam"), max_length=254, blank=True,
                                help_text=_("De gebruikersnaam zoals opgegeven (ook bij een mislukte aanmelding)."))
    ip_address = models.GenericIPAddressField(_("adres"), null=True, blank=True)
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)
    detail = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_event_display()} {self.username}"
