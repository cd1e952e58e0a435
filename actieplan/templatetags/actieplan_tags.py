"""Template helpers for the HTML pages: quarters, status badges, accessible form fields."""

from datetime import date

from django import forms, template
from django.utils.html import escape
from django.utils.safestring import mark_safe
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
    fast = _render_select(bound_field, attrs)
    if fast is None:
        fast = _render_choice_inputs(bound_field, attrs)
    return fast if fast is not None else bound_field.as_widget(attrs=attrs)


def _attrs_html(attrs: dict) -> str:
    """Django's ``attrs.html`` in Python: ``True`` is a bare attribute, ``False`` is left out."""
    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        parts.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"')
    return "".join(parts)


def _widget_context(bound_field, attrs) -> dict:
    """The context Django's widget templates get, with the attributes ``as_widget`` would add."""
    widget = bound_field.field.widget
    widget_attrs = bound_field.build_widget_attrs(dict(attrs))
    if bound_field.auto_id and "id" not in widget.attrs:
        widget_attrs.setdefault("id", bound_field.auto_id)
    return widget.get_context(bound_field.html_name, bound_field.value(), widget_attrs)["widget"]


def _render_select(bound_field, attrs) -> str | None:
    """Plain <select> widgets rendered in Python, with the same HTML as Django's templates.

    Django renders every <option> through a template, which made the filter form of the
    action list the most expensive part of that page; lists with many options (working
    groups, organisations) pay for it on every request.
    """
    if type(bound_field.field.widget) not in (forms.Select, forms.SelectMultiple):
        return None
    context = _widget_context(bound_field, attrs)
    html = [f'<select name="{escape(context["name"])}"{_attrs_html(context["attrs"])}>']
    for group_name, options, _index in context["optgroups"]:
        if group_name:
            html.append(f'<optgroup label="{escape(group_name)}">')
        for option in options:
            html.append(
                f'<option value="{escape(option["value"])}"{_attrs_html(option["attrs"])}>{escape(option["label"])}</option>'
            )
        if group_name:
            html.append("</optgroup>")
    html.append("</select>")
    return mark_safe("".join(html))


def _render_choice_inputs(bound_field, attrs) -> str | None:
    """Check boxes and radio buttons rendered in Python, with the same HTML as Django's
    ``multiple_input.html`` / ``input_option.html`` templates (three templates per option
    made the action form's barrier, target-group and partner lists its most expensive part).
    """
    if type(bound_field.field.widget) not in (forms.CheckboxSelectMultiple, forms.RadioSelect):
        return None
    context = _widget_context(bound_field, attrs)
    root_id = context["attrs"].get("id")
    html = ["<div"]
    if root_id:
        html.append(f' id="{escape(root_id)}"')
    if context["attrs"].get("class"):
        html.append(f' class="{escape(context["attrs"]["class"])}"')
    html.append(">")
    for group_name, options, _index in context["optgroups"]:
        if group_name:
            html.append(f"\n  <div><label>{escape(group_name)}</label>")
        for option in options:
            if not option["wrap_label"]:
                return None
            value = "" if option["value"] is None else f' value="{escape(str(option["value"]))}"'
            tag = f'<input type="{escape(option["type"])}" name="{escape(option["name"])}"{value}{_attrs_html(option["attrs"])}>'
            label_for = f' for="{escape(option["attrs"]["id"])}"' if option["attrs"].get("id") else ""
            # The newlines are those at the end of Django's input.html, input_option.html and
            # checkbox_option.html / radio_option.html.
            html.append(f"<div>\n    <label{label_for}>{tag}\n {escape(option['label'])}</label>\n\n</div>")
        if group_name:
            html.append("\n  </div>")
    html.append("\n</div>")
    return mark_safe("".join(html))


@register.inclusion_tag("actieplan/includes/process_status.html")
def process_status():
    """Where the process stands: current phase and round, next deadline (2 queries)."""
    from actieplan.process import process_status as status

    return {"process": status()}
