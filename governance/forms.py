from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from actieplan.models import Action, StatusChange
from common.ids import parse_id
from governance.models import AgendaItem, Body, Decision, Meeting
from werkgroepen.people import person_name


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SafeModelChoiceField(forms.ModelChoiceField):
    """A choice by id: anything that is not an id is an invalid choice before the database is asked."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if parse_id(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        if any(parse_id(pk) is None for pk in value):
            raise forms.ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                        params={"pk": next(pk for pk in value if parse_id(pk) is None)})
        return super()._check_values(value)


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["name", "kind", "description", "composition", "working_group", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "composition": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"working_group": SafeModelChoiceField}


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["body", "date", "location", "attendees", "minutes"]
        widgets = {"date": DateInput(), "minutes": forms.Textarea(attrs={"rows": 12}),
                   "attendees": forms.SelectMultiple(attrs={"size": 8})}
        field_classes = {"body": SafeModelChoiceField, "attendees": SafeModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username")
        self.fields["attendees"].queryset = users
        self.fields["attendees"].label_from_instance = person_name
        self.fields["attendees"].help_text = _("Houd Ctrl (of Cmd) ingedrukt om meerdere personen te kiezen.")

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("body", "date", "location", "minutes")}


class ActionChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.title}"


class AgendaItemForm(forms.ModelForm):
    action = ActionChoiceField(Action.objects.exclude(status="draft").order_by("code"), required=False,
                               label=_("Actie"))

    class Meta:
        model = AgendaItem
        fields = ["title", "action", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class StatusChangeChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.at:%d/%m/%Y}: {obj.get_from_status_display()} → {obj.get_to_status_display()}"


class DecisionForm(forms.ModelForm):
    status_change = StatusChangeChoiceField(
        StatusChange.objects.none(), required=False, label=_("Statuswijziging van de actie"),
        help_text=_("Optioneel: de afstemmings- of planbeslissing die in deze vergadering genomen werd."))

    class Meta:
        model = Decision
        fields = ["text", "responsible", "due_date"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_date": DateInput()}

    def __init__(self, *args, status_changes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if status_changes is not None:
            self.fields["status_change"].queryset = status_changes
        else:
            del self.fields["status_change"]
