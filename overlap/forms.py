from django import forms
from django.utils.translation import gettext_lazy as _

from overlap.models import SynonymSet, parse_terms


class SynonymSetForm(forms.ModelForm):
    class Meta:
        model = SynonymSet
        fields = ["terms", "note", "is_active"]
        widgets = {"terms": forms.Textarea(attrs={"rows": 4})}

    def clean_terms(self):
        terms = parse_terms(self.cleaned_data["terms"])
        if len(terms) < 2:
            raise forms.ValidationError(_("Geef minstens twee termen die hetzelfde betekenen."))
        if any(len(term) > 100 for term in terms):
            raise forms.ValidationError(_("Een term is hoogstens 100 tekens lang."))
        return "\n".join(terms)
