"""Template helpers for the HTML pages: quarters, status badges, accessible form fields."""

from datetime import date

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def quarter(value):
    """A date as its quarter, e.g. ``2026 K3`` (empty when there is no date)."""
    if not isinstance(value, date):
        return ""
    return _("%(year)s K%(quarter)s") % {"year": value.year, "quarter": (value.month - 1) // 3 + 1}


@register.inclusion_tag("includes/status_badge.html")
def status_badge(action):
    return {"status": action.status, "label": action.get_status_display()}


@register.filter
def is_multi_input(bound_field):
    """True for widgets made of several inputs (checkbox lists, radios): they need a fieldset."""
    return isinstance(bound_field.field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect))


@register.filter
def is_checkbox(bound_field):
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


def _described_by(bound_field) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    return " ".join(ids)


@register.filter
def described_by(bound_field):
    """The ids of a field's help text and errors (for ``aria-describedby`` on a fieldset)."""
    return _described_by(bound_field)


@register.simple_tag
def field_widget(bound_field):
    """Render a widget linked to its help text and errors through ``aria-describedby``.

    Widgets made of several inputs get the link on their fieldset instead.
    """
    attrs = {}
    if not is_multi_input(bound_field):
        described = _described_by(bound_field)
        if described:
            attrs["aria-describedby"] = described
        if bound_field.errors:
            attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)
