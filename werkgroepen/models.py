"""Working groups, their membership, and the roles of users.

This app is the base of the dependency graph: it imports neither ``actieplan`` nor
``monitoring``. It refers to reference data (barriers, target groups, policy
domains, organisations) only by lazy model references.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Profile(models.Model):
    """The roles of a user that are not tied to one working group."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    is_coordinator = models.BooleanField(
        _("WEWIS-coördinator"), default=False, help_text=_("Medewerker van het Departement WEWIS.")
    )
    contact_domains = models.ManyToManyField(
        "actieplan.PolicyDomain",
        blank=True,
        related_name="contacts",
        verbose_name=_("contactpersoon voor beleidsdomeinen"),
    )
    is_cabinet = models.BooleanField(_("kabinet"), default=False)
    cabinet_all_domains = models.BooleanField(_("kabinet: alle beleidsdomeinen"), default=False)
    cabinet_domains = models.ManyToManyField(
        "actieplan.PolicyDomain",
        blank=True,
        related_name="cabinet_users",
        verbose_name=_("kabinet: portefeuille"),
    )
    function_title = models.CharField(_("functie"), max_length=200, blank=True)
    language = models.CharField(_("taal"), max_length=10, default="nl-be", choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self):
        return str(self.user)


class WorkingGroup(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    code_prefix = models.CharField(
        _("codeprefix"),
        max_length=6,
        unique=True,
        help_text=_("Voorvoegsel van de actiecodes van deze werkgroep, bv. MOB."),
    )
    description = models.TextField(_("beschrijving"), blank=True)
    barriers = models.ManyToManyField(
        "actieplan.Barrier", blank=True, related_name="working_groups", verbose_name=_("drempels")
    )
    target_groups = models.ManyToManyField(
        "actieplan.TargetGroup", blank=True, related_name="working_groups", verbose_name=_("doelgroepen")
    )
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[barriers, target_groups])

    class Meta:
        ordering = ["name"]
        verbose_name = _("werkgroep")
        verbose_name_plural = _("werkgroepen")

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("voorzitter")
        MEMBER = "member", _("lid")

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("werkgroep")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("gebruiker")
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    policy_domain = models.ForeignKey(
        "actieplan.PolicyDomain",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beleidsdomein"),
    )
    organisation = models.ForeignKey(
        "actieplan.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Every addition, change of role and removal is kept with who did it (audit trail).
    history = HistoricalRecords()

    class Meta:
        ordering = ["working_group", "-role", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["working_group", "user"], name="unique_membership"),
        ]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self):
        return f"{self.user} – {self.working_group} ({self.get_role_display()})"
