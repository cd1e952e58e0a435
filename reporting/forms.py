from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.models import ProgressReport, ReportingPeriod


class ProgressReportCreateForm(forms.Form):
    period = forms.ModelChoiceField(ReportingPeriod.objects.all(), label=_("Periode"))
    as_of = forms.DateField(label=_("Stand op"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("Leeg: het einde van de periode, of vandaag als die nog loopt."))


class ProgressReportForm(forms.ModelForm):
    """The coordinator's texts; per chapter an introduction and a conclusion (fields added per barrier)."""

    class Meta:
        model = ProgressReport
        fields = ["title", "introduction", "conclusion", "communication", "vr_reference", "vr_date"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 6}), "conclusion": forms.Textarea(attrs={"rows": 6}),
                   "vr_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, chapters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.chapters = list(chapters)
        stored = self.instance.chapters or {}
        for pk, name in self.chapters:
            texts = stored.get(str(pk), {})
            self.fields[f"chapter_{pk}_introduction"] = forms.CharField(
                label=_("%(name)s: inleiding") % {"name": name}, required=False, max_length=10000,
                initial=texts.get("introduction", ""), widget=forms.Textarea(attrs={"rows": 3}))
            self.fields[f"chapter_{pk}_conclusion"] = forms.CharField(
                label=_("%(name)s: besluit") % {"name": name}, required=False, max_length=10000,
                initial=texts.get("conclusion", ""), widget=forms.Textarea(attrs={"rows": 3}))

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["chapters"] = {
            str(pk): {"introduction": self.cleaned_data[f"chapter_{pk}_introduction"],
                      "conclusion": self.cleaned_data[f"chapter_{pk}_conclusion"]}
            for pk, _name in self.chapters}
        return data
