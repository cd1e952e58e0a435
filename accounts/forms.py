"""Forms of the user pages: invite a person, change their rights, filter the audit log."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEntry
from accounts.roles import Role
from actieplan.models import PolicyDomain
from werkgroepen.models import Membership, WorkingGroup

NO_MEMBERSHIP = ""
GROUP_ROLE_CHOICES = [(NO_MEMBERSHIP, _("geen lid")), *Membership.Role.choices]


class RightsForm(forms.Form):
    """The role, the policy domains and one field per working group (no role / member / chair)."""

    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.MEMBER)
    policy_domains = forms.ModelMultipleChoiceField(
        label=_("Beleidsdomeinen"), queryset=PolicyDomain.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Voor een contactpersoon: de domeinen die hij of zij vertegenwoordigt. Voor een kabinet: "
                    "de portefeuille (geen domein aangeduid = alle beleidsdomeinen)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = list(WorkingGroup.objects.filter(is_active=True).order_by("name"))
        for group in self.groups:
            self.fields[self.group_field(group)] = forms.ChoiceField(
                label=group.name, choices=GROUP_ROLE_CHOICES, required=False, initial=NO_MEMBERSHIP,
            )

    @staticmethod
    def group_field(group) -> str:
        return f"group_{group.pk}"

    def group_fields(self):
        return [self[self.group_field(group)] for group in self.groups]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.CONTACT and not cleaned.get("policy_domains"):
            self.add_error("policy_domains", _("Duid minstens één beleidsdomein aan voor een contactpersoon."))
        return cleaned

    def memberships(self) -> dict:
        return {group: self.cleaned_data[self.group_field(group)] for group in self.groups
                if self.cleaned_data.get(self.group_field(group))}

    def rights(self) -> dict:
        return {"role": self.cleaned_data["role"], "memberships": self.memberships(),
                "policy_domains": list(self.cleaned_data["policy_domains"])}

    @classmethod
    def initial_for(cls, snapshot: dict) -> dict:
        initial = {"role": snapshot["role"], "policy_domains": snapshot["policy_domains"]}
        for membership in snapshot["memberships"]:
            initial[f"group_{membership['working_group']}"] = membership["role"]
        return initial


class PersonForm(RightsForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Familienaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254,
                             help_text=_("Hierheen gaat de uitnodiging; bij aanmelden met een overheidsaccount "
                                         "wordt de persoon aan dit adres herkend."))
    field_order = ["first_name", "last_name", "email", "role", "policy_domains"]


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    role = forms.ChoiceField(label=_("Rol"), required=False, choices=[("", _("alle rollen")), *Role.choices])
    working_group = forms.ModelChoiceField(label=_("Werkgroep"), required=False,
                                           queryset=WorkingGroup.objects.order_by("name"),
                                           empty_label=_("alle werkgroepen"))
    policy_domain = forms.ModelChoiceField(label=_("Beleidsdomein"), required=False,
                                           queryset=PolicyDomain.objects.all(), empty_label=_("alle beleidsdomeinen"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("actief en uitgenodigd")), ("active", _("actief")), ("invited", _("uitgenodigd")),
        ("deactivated", _("gedeactiveerd")), ("all", _("iedereen")),
    ])


class AuditFilterForm(forms.Form):
    event = forms.ChoiceField(label=_("Gebeurtenis"), required=False,
                              choices=[("", _("alle gebeurtenissen")), *AuditEntry.Event.choices])
    person = forms.CharField(label=_("Persoon"), required=False, max_length=100)
    date_from = forms.DateField(label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
