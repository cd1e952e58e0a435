"""Forms of the monitoring pages. Validation messages are Dutch; writes go through the services."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actieplan.actions.forms import DateInput
from actieplan.models import Barrier, PolicyDomain
from monitoring.models import Measurement, ProgressState, StatusUpdate
from monitoring.timeliness import MilestoneState, Timeliness
from werkgroepen.models import WorkingGroup

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "jpeg", "txt", "csv"]


class StatusUpdateForm(forms.ModelForm):
    link = forms.URLField(
        label=_("Link"), required=False, max_length=500, assume_scheme="https",
        help_text=_("Optioneel: een link naar een verslag of document."),
    )
    attachment = forms.FileField(
        label=_("Bijlage"), required=False,
        help_text=_("Optioneel: pdf, docx, xlsx, odt, ods, png, jpg, txt of csv; hoogstens 10 MB."),
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)],
    )

    class Meta:
        model = StatusUpdate
        fields = ["date", "progress_state", "percent_complete", "done", "next_steps", "blockers", "link", "attachment"]
        widgets = {
            "date": DateInput(),
            "progress_state": forms.RadioSelect,
            "done": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "blockers": forms.Textarea(attrs={"rows": 3}),
            "percent_complete": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
        }
        help_texts = {
            "percent_complete": _("Een geheel getal van 0 tot 100."),
            "blockers": _("Wat houdt de uitvoering tegen en wie kan helpen?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress_state"].choices = list(ProgressState.choices)
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
        self.fields["percent_complete"].error_messages.update({
            "min_value": _("Het percentage ligt tussen 0 en 100."),
            "max_value": _("Het percentage ligt tussen 0 en 100."),
        })

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and getattr(upload, "size", 0) > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(_("De bijlage is groter dan 10 MB."))
        return upload

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("attachment"):
            data.pop("attachment", None)
        return data


class MilestoneDoneForm(forms.Form):
    """Left empty on purpose: the person types the date the milestone was reached (never "today" by default)."""

    done_on = forms.DateField(label=_("Gerealiseerd op"), widget=DateInput(),
                              error_messages={"required": _("Geef de datum op waarop de mijlpaal gerealiseerd werd."),
                                              "invalid": _("Geef een geldige datum op.")})


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["year", "date", "value", "note"]
        widgets = {"date": DateInput()}
        help_texts = {
            "year": _("Het jaar waarop de meting slaat (bv. 2025)."),
            "date": _("Of een precieze datum, als de bron die geeft."),
            "value": _("Percentages tussen 0 en 100; aantallen als geheel getal."),
        }

    def clean(self):
        data = super().clean()
        if not data.get("year") and not data.get("date") and not self.errors:
            raise forms.ValidationError(_("Geef het jaar of de datum van de meting op."))
        return data


class ProgressFilterForm(forms.Form):
    """Filters of the progress list (the list behind the dashboard numbers)."""

    progress_state = forms.ChoiceField(
        label=_("Voortgang"), required=False,
        choices=[("", _("alle"))] + list(ProgressState.choices) + [("none", _("nog geen stand van zaken"))],
    )
    reporting = forms.ChoiceField(
        label=_("Stand van zaken"), required=False,
        choices=[("", _("alle"))] + [(k, v) for k, v in Timeliness.LABELS.items()],
    )
    milestones = forms.ChoiceField(
        label=_("Mijlpalen"), required=False,
        choices=[("", _("alle")), (MilestoneState.OVERDUE, _("met een mijlpaal te laat"))],
    )
    slipped = forms.BooleanField(label=_("Alleen acties met een verschoven einddatum"), required=False)
    lead_domain = forms.ModelChoiceField(label=_("Trekker"), required=False, queryset=PolicyDomain.objects.all())
    working_group = forms.ModelChoiceField(label=_("Werkgroep"), required=False, queryset=WorkingGroup.objects.all())
    barrier = forms.ModelChoiceField(label=_("Drempel"), required=False, queryset=Barrier.objects.all())


class CabinetReportForm(forms.Form):
    domains = forms.ModelMultipleChoiceField(
        label=_("Portefeuille (beleidsdomeinen)"), required=False, queryset=PolicyDomain.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: het hele actieplan (als u daar toegang toe hebt)."),
    )
    as_of = forms.DateField(
        label=_("Stand op"), required=False, widget=DateInput(),
        help_text=_("Een datum in het verleden toont de toestand van toen, bv. voor het rapport van vorig kwartaal."),
    )

    since = forms.DateField(
        label=_("Wat is er veranderd sinds"), required=False, widget=DateInput(),
        help_text=_("Leeg: het vorige voortgangsrapport of uw vorige bezoek."),
    )

    def clean_as_of(self):
        day = self.cleaned_data.get("as_of")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Kies vandaag of een datum in het verleden."))
        return day

    def clean_since(self):
        day = self.cleaned_data.get("since")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Kies vandaag of een datum in het verleden."))
        return day
