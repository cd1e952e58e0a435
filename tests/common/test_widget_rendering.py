"""Choice widgets rendered in Python (``field_widget``) give exactly Django's HTML."""

import re

import pytest
from django import forms

from actieplan.actions.forms import ActionForm
from actieplan.templatetags.actieplan_tags import _render_choice_inputs, _render_select
from tests import factories as f


class Sample(forms.Form):
    colours = forms.MultipleChoiceField(
        choices=[("r", "Rood & <roze>"), ("g", "Groen")], widget=forms.CheckboxSelectMultiple, required=False)
    answer = forms.ChoiceField(choices=[("ja", "Ja"), ("nee", "Nee")], widget=forms.RadioSelect)
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("a", "Appel"), ("p", "Peer")]), ("x", "Los")], widget=forms.RadioSelect)
    styled = forms.MultipleChoiceField(
        choices=[("1", "Een")], widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}), required=False)
    one = forms.ChoiceField(choices=[("1", "Een"), ("2", "Twee")])


@pytest.mark.parametrize("data", [None, {"colours": ["g"], "answer": "nee", "grouped": "p", "styled": ["1"]}])
def test_python_rendering_matches_django_templates(data):
    form = Sample(data)
    for name in ("colours", "answer", "grouped", "styled"):
        bound = form[name]
        attrs = {"aria-describedby": "x_helptext"}
        assert str(_render_choice_inputs(bound, dict(attrs))) == str(bound.as_widget(attrs=dict(attrs))), name
    # The <select> path leaves out the whitespace between tags, nothing else.
    assert str(_render_select(form["one"], {})) == re.sub(r">\s+<", "><", str(form["one"].as_widget(attrs={})))
    assert _render_choice_inputs(form["one"], {}) is None  # a <select> is not a choice input


def test_action_form_lists_render_as_django_would(db, group, barrier, target_group, domain):
    f.organisation(name="VDAB")
    action = f.action(working_group=group, primary_barrier=barrier, target_groups=[target_group],
                      partner_domains=[domain])
    form = ActionForm(instance=action)
    names = [n for n, field in form.fields.items() if isinstance(field.widget, forms.CheckboxSelectMultiple)]
    assert names
    for name in names:
        bound = form[name]
        assert str(_render_choice_inputs(bound, {})) == str(bound.as_widget(attrs={})), name
    assert 'checked' in str(_render_choice_inputs(form["target_groups"], {}))
