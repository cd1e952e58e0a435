"""Forms of the inventory pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actieplan.actions.selectors import actions_visible_to
from actieplan.models import PolicyDomain, Status
from actieplan.permissions import perms_for
from inventory.models import EvidenceSource, LinkKind, Measure


def _linkable_actions(user):
    return actions_visible_to(user).exclude(status=Status.MERGED).order_by("code", "pk")


def _link_field():
    return forms.URLField(label=_("Link"), required=False, max_length=200, assume_scheme="https",
                          help_text=_("Een webadres met meer uitleg (https://…)."))


class MeasureForm(forms.ModelForm):
    link = _link_field()

    class Meta:
        model = Measure
        fields = ["name", "description", "responsible_domain", "organisation", "target_groups", "barriers",
                  "basis", "link", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "target_groups": forms.CheckboxSelectMultiple,
            "barriers": forms.CheckboxSelectMultiple,
            "status": forms.RadioSelect,
        }
        help_texts = {
            "basis": _("Bv. het decreet, het besluit, de oproep of de begrotingslijn waarop de maatregel steunt."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        perms = perms_for(user)
        if not perms.is_coordinator:
            allowed = set(perms.contact_domain_ids)
            if self.instance.pk:
                allowed.add(self.instance.responsible_domain_id)
            self.fields["responsible_domain"].queryset = PolicyDomain.objects.filter(pk__in=allowed)


class MeasureLinkForm(forms.Form):
    action = forms.ModelChoiceField(label=_("Actie"), queryset=None)
    kind = forms.ChoiceField(label=_("De actie …"), choices=LinkKind.choices, widget=forms.RadioSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = _linkable_actions(user)


class EvidenceForm(forms.ModelForm):
    link = _link_field()

    class Meta:
        model = EvidenceSource
        fields = ["title", "authors", "year", "source_type", "link", "key_findings", "barriers", "target_groups",
                  "measures", "actions"]
        widgets = {
            "key_findings": forms.Textarea(attrs={"rows": 8}),
            "barriers": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "measures": forms.CheckboxSelectMultiple,
            "actions": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "key_findings": _("In eigen woorden: wat leert deze bron over de drempels en wat werkt."),
            "year": _("Het jaar van publicatie; laat leeg als het niet bekend is."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = _linkable_actions(user)
