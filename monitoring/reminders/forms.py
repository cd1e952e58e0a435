"""Forms of the reminder pages: the log filters and the user's preferences."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from monitoring.models import MANDATORY_KINDS, ReminderKind, ReminderPreference, SendState
from werkgroepen.models import Membership, Profile


class ReminderFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), required=False, choices=[("", _("alle soorten")), *ReminderKind.choices])
    state = forms.ChoiceField(label=_("Stand"), required=False, choices=[("", _("alle")), *SendState.choices])
    recipient = forms.CharField(
        label=_("Ontvanger"), required=False, max_length=100,
        help_text=_("Naam, gebruikersnaam of e-mailadres."),
    )
    since = forms.DateField(label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, show_recipient: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_recipient:
            del self.fields["recipient"]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("De einddatum ligt vóór de begindatum."))
        return data

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("state"):
            queryset = queryset.filter(state=data["state"])
        if data.get("recipient"):
            term = data["recipient"].strip()
            queryset = queryset.filter(
                Q(recipient__username__icontains=term) | Q(recipient__email__icontains=term)
                | Q(recipient__first_name__icontains=term) | Q(recipient__last_name__icontains=term)
            )
        if data.get("since"):
            queryset = queryset.filter(created_at__date__gte=data["since"])
        if data.get("until"):
            queryset = queryset.filter(created_at__date__lte=data["until"])
        return queryset


def domains_of(user) -> set[int]:
    """The policy domains a user works for: as domain contact or as a group member's domain."""
    contact = Profile.contact_domains.through.objects.filter(profile__user=user).values_list("policydomain_id", flat=True)
    member = Membership.objects.filter(user=user, policy_domain__isnull=False).values_list("policy_domain_id", flat=True)
    return set(contact) | set(member)


def colleagues_of(user, *, is_coordinator: bool):
    """Active users with an e-mail address who share a policy domain with ``user``
    (coordinators: also the other coordinators)."""
    domains = domains_of(user)
    same = Q(profile__contact_domains__in=domains) | Q(memberships__policy_domain__in=domains)
    if is_coordinator:
        same |= Q(profile__is_coordinator=True)
    return (
        get_user_model().objects.filter(same, is_active=True).exclude(email="").exclude(pk=user.pk)
        .distinct().order_by("last_name", "first_name", "username")
    )


class ReminderPreferenceForm(forms.ModelForm):
    delegate = forms.ModelChoiceField(
        label=_("Verplichte herinneringen doorsturen naar"), required=False,
        queryset=get_user_model().objects.none(), empty_label=_("niemand: ik ontvang ze zelf"),
        help_text=_("Bijvoorbeeld tijdens een afwezigheid: een collega van hetzelfde beleidsdomein ontvangt dan "
                    "uw verplichte herinneringen in uw plaats."),
    )

    class Meta:
        model = ReminderPreference
        fields = ["coordinator_digest", "group_digest", "delegate"]

    def __init__(self, *args, user, perms, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.perms = user, perms
        self.colleagues = colleagues_of(user, is_coordinator=perms.is_coordinator)
        # Accept any active user so that a wrong choice gets a clear message, offer only colleagues.
        field = self.fields["delegate"]
        field.queryset = get_user_model().objects.filter(is_active=True)
        field.label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.email})"
        field.widget.choices = [("", field.empty_label)] + [(u.pk, field.label_from_instance(u)) for u in self.colleagues]
        if not perms.is_coordinator:
            del self.fields["coordinator_digest"]
        else:
            self.fields["coordinator_digest"].help_text = _("Elke maandagochtend: wat vorige week veranderde.")
        if not perms.member_group_ids:
            del self.fields["group_digest"]
        else:
            self.fields["group_digest"].help_text = _("Elke maandagochtend, alleen als er in uw werkgroep iets gebeurde.")

    def clean_delegate(self):
        delegate = self.cleaned_data.get("delegate")
        if delegate is None:
            return None
        name = delegate.get_full_name() or delegate.username
        if delegate.pk == self.user.pk:
            raise forms.ValidationError(_("U kunt uw herinneringen niet naar uzelf doorsturen."), code="self")
        if not delegate.email:
            raise forms.ValidationError(
                _("%(name)s heeft geen e-mailadres en kan geen herinneringen ontvangen.") % {"name": name},
                code="no_email",
            )
        if not self.colleagues.filter(pk=delegate.pk).exists():
            if not domains_of(self.user) and not self.perms.is_coordinator:
                raise forms.ValidationError(
                    _("U bent aan geen beleidsdomein verbonden; doorsturen kan alleen naar een collega van "
                      "hetzelfde beleidsdomein."), code="no_domain")
            raise forms.ValidationError(
                _("%(name)s is geen collega van hetzelfde beleidsdomein. Kies een contactpersoon of werkgroeplid "
                  "van uw eigen beleidsdomein.") % {"name": name},
                code="other_domain",
            )
        return delegate


MANDATORY_LABELS = [ReminderKind(k).label for k in ReminderKind if k in MANDATORY_KINDS]
