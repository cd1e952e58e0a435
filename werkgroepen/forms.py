"""Forms for working-group membership (managed by the group's chair or a coordinator)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from werkgroepen.models import Membership


class MembershipForm(forms.ModelForm):
    """Add a user to a working group by username, with their role and domain or organisation."""

    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        help_text=_("De gebruikersnaam waarmee de persoon aanmeldt."),
        error_messages={"required": _("Geef de gebruikersnaam van het nieuwe lid op.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "user-suggestions"}),
    )

    class Meta:
        model = Membership
        fields = ["role", "policy_domain", "organisation"]
        widgets = {"role": forms.RadioSelect}
        help_texts = {
            "policy_domain": _("Het beleidsdomein dat dit lid vertegenwoordigt."),
            "organisation": _("Of de organisatie die dit lid vertegenwoordigt."),
        }

    field_order = ["username", "role", "policy_domain", "organisation"]

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["policy_domain"].empty_label = _("— Geen —")
        self.fields["organisation"].empty_label = _("— Geen —")

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("Er is geen actieve gebruiker met gebruikersnaam ‘%(username)s’."),
                params={"username": username},
                code="unknown_user",
            )
        if Membership.objects.filter(working_group=self.group, user=user).exists():
            raise forms.ValidationError(
                _("%(user)s is al lid van deze werkgroep."),
                params={"user": user.get_full_name() or user.username},
                code="duplicate",
            )
        self.user = user
        return username

    def save(self, commit=True):
        membership = super().save(commit=False)
        membership.working_group = self.group
        membership.user = self.user
        if commit:
            membership.save()
        return membership
