"""Forms of the monitoring pages. Validation messages are Dutch; writes go through the services."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actieplan.actions.forms import DateInput
from actieplan.models import Barrier, PolicyDomain
from monitoring.models import ActionOutcome, Indicator, IndicatorUnit, Measurement, ProgressState, StatusUpdate
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

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        current = {}
        if self.instance.pk and self.outcomes:
            current = dict(self.instance.outcome_values.values_list("outcome_id", "value"))
        for outcome in self.outcomes:
            name = f"outcome_{outcome.pk}"
            self.fields[name] = forms.DecimalField(
                label=_("Gemeten waarde: %(name)s") % {"name": outcome.indicator.name}, required=False, max_digits=14, decimal_places=2,
                help_text=_("Optioneel. %(kind)s in %(unit)s; streefwaarde %(target)s in %(year)s.") % {
                    "kind": outcome.get_kind_display(), "unit": outcome.get_unit_display(),
                    "target": _number(outcome.target_value), "year": outcome.target_year},
                error_messages={"invalid": _("Geef een getal op, bv. 12,5."),
                                "max_digits": _("Dit getal is te groot."),
                                "max_decimal_places": _("Geef hoogstens twee cijfers na de komma.")},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                localize=True,
            )
            if outcome.pk in current and not self.is_bound:
                self.initial[name] = current[outcome.pk]
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

    @property
    def outcome_fields(self):
        return [self[f"outcome_{o.pk}"] for o in self.outcomes]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("attachment"):
            data.pop("attachment", None)
        values = {o.pk: data.pop(f"outcome_{o.pk}", None) for o in self.outcomes}
        if values:
            data["outcome_values"] = values
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


def _number(value) -> str:
    return format(value.normalize(), "f").replace(".", ",") if value is not None else "—"


class ActionOutcomeForm(forms.ModelForm):
    """An expected output or outcome of an action; the range checks per unit are in the service."""

    class Meta:
        model = ActionOutcome
        fields = ["kind", "indicator", "description", "unit", "baseline_value", "baseline_year", "target_value",
                  "target_year"]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {
            "unit": _("Laat de eenheid van de indicator staan, tenzij de actie iets anders telt."),
            "baseline_value": _("Optioneel: de waarde bij de start, met het jaar."),
            "target_year": _("Het jaar waarin de streefwaarde bereikt moet zijn, bv. 2029."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.order_by("order", "name")
        self.fields["indicator"].empty_label = _("— Kies een indicator —")
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0] != ""]
        self.fields["unit"].required = False
        self.fields["unit"].choices = [("", _("— De eenheid van de indicator —")), *IndicatorUnit.choices]
        messages = {
            "indicator": {"required": _("Kies de indicator die het resultaat meet."),
                          "invalid_choice": _("Kies een indicator uit de lijst.")},
            "unit": {"invalid_choice": _("Kies een eenheid: procent, aantal personen of getal.")},
            "target_value": {"required": _("Geef de streefwaarde op.")},
            "target_year": {"required": _("Geef het streefjaar op."),
                            "invalid": _("Geef het streefjaar als een jaartal, bv. 2029.")},
            "baseline_year": {"invalid": _("Geef het basisjaar als een jaartal, bv. 2024.")},
        }
        for name in ("baseline_value", "target_value"):
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
            messages.setdefault(name, {}).update({
                "invalid": _("Geef een getal op, bv. 12,5."), "max_digits": _("Dit getal is te groot."),
                "max_decimal_places": _("Geef hoogstens twee cijfers na de komma."),
                "max_whole_digits": _("Dit getal is te groot.")})
        for name in ("baseline_year", "target_year"):
            messages.setdefault(name, {}).update({
                "min_value": _("Geef een jaartal tussen 1990 en 2050 op."),
                "max_value": _("Geef een jaartal tussen 1990 en 2050 op.")})
        for name, errors in messages.items():
            self.fields[name].error_messages.update(errors)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("unit"):
            indicator = data.get("indicator")
            data["unit"] = indicator.unit if indicator is not None else ""
        return data
