"""Forms of the plan pages. They validate input; the writes go through ``plan_services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actieplan.actions.forms import DateInput
from actieplan.models import Action, Barrier, Chapter

RICH_HELP = _(
    "Opmaak in Markdown: een lege regel begint een nieuwe alinea, **vet**, *cursief*, een lijst met \"- \" of "
    "\"1. \" aan het begin van de regel, een tussentitel met \"### \" en een link als [tekst](https://…). "
    "Met \"Voorbeeld bekijken\" ziet u het resultaat voor u opslaat."
)


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300,
                            error_messages={"required": _("Geef het actieplan een titel.")})
    introduction = forms.CharField(label=_("Inleiding"), required=False, help_text=RICH_HELP,
                                   widget=forms.Textarea(attrs={"rows": 8}), max_length=50000)
    conclusion = forms.CharField(label=_("Besluit"), required=False, help_text=RICH_HELP,
                                 widget=forms.Textarea(attrs={"rows": 6}), max_length=50000)


class ChapterForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300,
                            error_messages={"required": _("Geef het hoofdstuk een titel.")})
    barrier = forms.ModelChoiceField(label=_("Drempel"), required=False, queryset=Barrier.objects.order_by("order", "name"),
                                     empty_label=_("(geen: een extra hoofdstuk)"))
    introduction = forms.CharField(label=_("Inleiding van het hoofdstuk"), required=False, help_text=RICH_HELP,
                                   widget=forms.Textarea(attrs={"rows": 5}), max_length=20000)


class ItemAddForm(forms.Form):
    action = forms.ModelChoiceField(label=_("Weerhouden actie"), queryset=Action.objects.none(),
                                    error_messages={"required": _("Kies een actie."),
                                                    "invalid_choice": _("Deze actie kan niet (meer) in het actieplan.")})
    chapter = forms.ModelChoiceField(label=_("Hoofdstuk"), queryset=Chapter.objects.none(),
                                     error_messages={"required": _("Kies een hoofdstuk."),
                                                     "invalid_choice": _("Kies een hoofdstuk van dit actieplan.")})

    def __init__(self, *args, plan, actions, choices=None, **kwargs):
        """``choices``: the options to show, as ``(id, code, title)`` (the page passes them cached)."""
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda a: f"{a.code} – {a.title}"
        if choices is not None:
            self.fields["action"].choices = [("", self.fields["action"].empty_label)] + [
                (pk, f"{code} – {title}") for pk, code, title in choices]
        self.fields["chapter"].queryset = plan.chapters.order_by("order", "id")


class ItemChapterForm(forms.Form):
    chapter = forms.ModelChoiceField(label=_("Naar hoofdstuk"), queryset=Chapter.objects.none(),
                                     error_messages={"invalid_choice": _("Kies een hoofdstuk van dit actieplan.")})

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = plan.chapters.order_by("order", "id")


class TrajectoryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Action
        fields = ["lead_domain", "partner_domains", "partner_organisations", "planned_start", "planned_end"]
        widgets = {
            "partner_domains": forms.CheckboxSelectMultiple,
            "partner_organisations": forms.CheckboxSelectMultiple,
            "planned_start": DateInput,
            "planned_end": DateInput,
        }
        labels = {"lead_domain": _("Trekker (beleidsdomein)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_domain"].required = True
        self.fields["lead_domain"].error_messages["required"] = _("Elke actie in het actieplan heeft één trekker.")
        self.fields["planned_start"].required = True
        self.fields["planned_start"].error_messages["required"] = _("Geef de geplande start op.")
        self.fields["planned_end"].required = True
        self.fields["planned_end"].error_messages["required"] = _("Geef het geplande einde op.")

    def clean(self):
        data = super().clean()
        lead, partners = data.get("lead_domain"), data.get("partner_domains")
        if lead and partners and lead in partners:
            self.add_error("partner_domains", _("De trekker is niet ook partner."))
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("Het geplande einde ligt vóór de geplande start."))
        return data


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Mijlpaal"), max_length=200,
                            error_messages={"required": _("Geef de mijlpaal een titel.")})
    due_date = forms.DateField(label=_("Vervaldatum"), widget=DateInput,
                               error_messages={"required": _("Geef de vervaldatum op."),
                                               "invalid": _("Geef een geldige datum op.")})
    description = forms.CharField(label=_("Beschrijving"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class AssignmentResponseForm(forms.Form):
    ACCEPT, ACCEPT_WITH_REMARK, DECLINE = "accept", "accept_with_remark", "decline"
    decision = forms.ChoiceField(
        label=_("Uw antwoord"), widget=forms.RadioSelect,
        choices=[(ACCEPT, _("Akkoord")), (ACCEPT_WITH_REMARK, _("Akkoord met opmerking")),
                 (DECLINE, _("Niet akkoord"))],
        error_messages={"required": _("Kies akkoord, akkoord met opmerking of niet akkoord.")},
    )
    remark = forms.CharField(
        label=_("Opmerking of reden"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij ‘akkoord met opmerking’ en bij ‘niet akkoord’."),
    )

    def clean(self):
        data = super().clean()
        decision, remark = data.get("decision"), (data.get("remark") or "").strip()
        if decision == self.ACCEPT_WITH_REMARK and not remark:
            self.add_error("remark", _("Schrijf uw opmerking."))
        if decision == self.DECLINE and not remark:
            self.add_error("remark", _("Geef een reden op waarom uw beleidsdomein niet akkoord gaat."))
        return data


class SignOffForm(forms.Form):
    remark = forms.CharField(label=_("Opmerking (niet verplicht)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class FinaliseForm(forms.Form):
    vr_reference = forms.CharField(
        label=_("Referentie van de Vlaamse Regering"), max_length=100,
        help_text=_("Bijvoorbeeld VR 2026 0307 MED.0123/1."),
        error_messages={"required": _("Geef de referentie van de beslissing van de Vlaamse Regering op.")},
    )
    vr_date = forms.DateField(
        label=_("Datum van de beslissing"), widget=DateInput,
        error_messages={"required": _("Geef de datum van de beslissing op."), "invalid": _("Geef een geldige datum op.")},
    )
    override_reason = forms.CharField(
        label=_("Reden om toch af te ronden"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen nodig als het actieplan nog niet volledig is; de reden wordt bij de versie bewaard."),
    )
