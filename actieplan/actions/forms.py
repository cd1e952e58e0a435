"""Forms of the action pages. Validation messages are Dutch; writes go through the services."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from actieplan.models import Action
from actieplan.actions.services import M2M_FIELDS

ACTION_FIELDS = [
    "code",
    "title",
    "description",
    "intended_result",
    "primary_barrier",
    "secondary_barriers",
    "target_groups",
    "lead_domain",
    "lead_organisation",
    "responsible",
    "partner_domains",
    "partner_organisations",
    "local_partners",
    "level",
    "instrument_type",
    "budget_impact",
    "budget_estimate",
    "linked_plans",
    "planned_start",
    "planned_end",
]

# Fields the form shows grouped under a heading (fieldset legend).
ACTION_SECTIONS = [
    (_("Algemeen"), ["code", "title", "description", "intended_result"]),
    (_("Drempels en doelgroepen"), ["primary_barrier", "secondary_barriers", "target_groups"]),
    (_("Trekker en partners"), ["lead_domain", "lead_organisation", "responsible", "partner_domains",
                                "partner_organisations", "local_partners"]),
    (_("Aanpak en budget"), ["level", "instrument_type", "budget_impact", "budget_estimate", "linked_plans"]),
    (_("Planning"), ["planned_start", "planned_end"]),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ActionForm(forms.ModelForm):
    """Create or edit an action. On edit a hidden ``version`` guards against lost updates."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Action
        fields = ACTION_FIELDS
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "intended_result": forms.Textarea(attrs={"rows": 3}),
            "local_partners": forms.Textarea(attrs={"rows": 3}),
            "secondary_barriers": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "partner_domains": forms.CheckboxSelectMultiple,
            "partner_organisations": forms.CheckboxSelectMultiple,
            "linked_plans": forms.CheckboxSelectMultiple,
            "level": forms.RadioSelect,
            "budget_impact": forms.RadioSelect,
            "planned_start": DateInput,
            "planned_end": DateInput,
        }
        help_texts = {
            "code": _("Bijvoorbeeld MOB-03. Laat leeg om automatisch de volgende code te krijgen."),
            "title": _("Kort en concreet, maximaal 200 tekens."),
            "primary_barrier": _("De drempel die deze actie vooral wegwerkt."),
            "lead_domain": _("Het beleidsdomein dat de actie trekt."),
            "lead_organisation": _("Optioneel: de organisatie die de actie uitvoert, bv. VDAB."),
            "responsible": _("Optioneel: de verantwoordelijke persoon of het team, bv. Team Activering."),
            "budget_estimate": _("Optioneel: een raming in euro, zonder punten (bv. 250000)."),
            "planned_start": _("Een kwartaal volstaat: kies bv. de eerste dag van het kwartaal."),
            "planned_end": _("Een kwartaal volstaat: kies bv. de laatste dag van het kwartaal."),
        }

    @cached_property
    def barriers_with_wording(self) -> list:
        """The barriers to choose from, for the list of their citizen wordings under the field (1 query)."""
        return list(self.fields["primary_barrier"].queryset)

    @property
    def chosen_barrier(self):
        """The barrier chosen in the form (bound data or the action's), to show its citizen wording."""
        value = self["primary_barrier"].value()
        try:
            pk = int(value)
        except (TypeError, ValueError):
            return None
        return next((b for b in self.barriers_with_wording if b.pk == pk), None)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.fields["primary_barrier"].empty_label = _("— Kies een drempel —")
        required_messages = {
            "title": _("Geef de actie een titel."),
            "description": _("Beschrijf de actie."),
            "primary_barrier": _("Kies de drempel die de actie aanpakt."),
        }
        for name, message in required_messages.items():
            self.fields[name].error_messages["required"] = message
        self.fields["lead_domain"].empty_label = _("— Nog niet bepaald —")
        self.fields["lead_organisation"].empty_label = _("— Nog niet bepaald —")
        # Radio lists show no "---------" choice for fields with a default.
        for name in ("level", "budget_impact"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
        if editing:
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _(
                "De versie van de actie ontbreekt. Laad de pagina opnieuw."
            )
            if not self.is_bound:
                self.initial["version"] = self.instance.version
        else:
            del self.fields["version"]
            self.fields["code"].required = False

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(_("Geef de actie een titel."), code="required")
        return title

    def service_data(self) -> tuple[dict, dict]:
        """The cleaned values split into plain fields and many-to-many values for the services."""
        data, m2m = {}, {}
        for name in ACTION_FIELDS:
            if name in M2M_FIELDS:
                m2m[name] = list(self.cleaned_data.get(name) or [])
            else:
                data[name] = self.cleaned_data.get(name)
        if not data.get("code"):
            data["code"] = "" if not self.editing else self.instance.code
        return data, m2m

    @property
    def sections(self):
        return [(legend, [self[name] for name in names]) for legend, names in ACTION_SECTIONS]


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Uw opmerking"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf eerst een opmerking.")},
    )


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            field = self.fields["reason"]
            field.required = True
            field.error_messages["required"] = _("Geef een reden op.")
            field.help_text = _("Verplicht: de reden wordt bewaard en gemeld aan de werkgroep.")
        else:
            self.fields["reason"].label = _("Toelichting (optioneel)")


class GroupSubmitForm(forms.Form):
    actions = forms.ModelMultipleChoiceField(
        label=_("Acties om in te dienen"),
        queryset=Action.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één actie om in te dienen."),
            "invalid_choice": _("Actie %(value)s kan niet (meer) ingediend worden."),
            "invalid_pk_value": _("‘%(pk)s’ is geen geldige actie."),
        },
    )

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = queryset if queryset is not None else Action.objects.none()
        self.fields["actions"].label_from_instance = lambda a: f"{a.code} – {a.title}"
