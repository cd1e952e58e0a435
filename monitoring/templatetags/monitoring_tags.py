"""Template helpers of monitoring: numbers in Dutch notation per indicator unit."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from common.money import format_number
from monitoring.models import IndicatorUnit

register = template.Library()


def format_measure(value, unit: str) -> str:
    if value is None or value == "":
        return "—"
    value = Decimal(str(value))
    if unit == IndicatorUnit.PERCENT:
        text = f"{value:,.1f}"
        suffix = " %"
    elif unit == IndicatorUnit.COUNT or value == value.to_integral_value():
        text = f"{value:,.0f}"
        suffix = ""
    else:
        text = f"{value:,.2f}"
        suffix = ""
    # 1,234.5 -> 1.234,5 (Dutch)
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".") + suffix


def format_distance(value, unit: str) -> str:
    """A distance to a target: for a percentage in ``procentpunt`` (76,9 % → 80 % is 3,1 procentpunt)."""
    if unit == IndicatorUnit.PERCENT and value is not None and value != "":
        return format_number(value, 1) + " " + _("procentpunt")
    return format_measure(value, unit)


@register.filter
def distance(value, unit):
    """A distance to a target in the indicator's unit; percentages in procentpunt."""
    return format_distance(value, unit)


@register.filter
def measure(value, unit):
    """A value in the indicator's unit: ``76,9 %``, ``794.276``."""
    return format_measure(value, unit)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0


@register.inclusion_tag("monitoring/_action_progress.html", takes_context=True)
def action_progress(context, action):
    """The progress panel on the action page: ``{% load monitoring_tags %}{% action_progress action %}``.

    A template tag rather than an import in ``actieplan.actions.views``: ``actieplan`` does not
    depend on ``monitoring``; the page only names the tag.
    """
    from monitoring.views import action_progress_context

    request = context["request"]
    panel = action_progress_context(request, action)
    panel.update(
        action=action,
        request=request,
        user=context.get("user"),
        perms_app=context.get("perms_app"),
        csrf_token=context.get("csrf_token"),
    )
    return panel


@register.inclusion_tag("monitoring/_action_outcomes.html", takes_context=True)
def action_outcomes(context, action):
    """The expected outputs and outcomes on the action page: ``{% action_outcomes action %}`` (see ``action_progress``)."""
    from monitoring.views import action_outcomes_context

    return {**action_outcomes_context(context["request"], action), "action": action}


@register.inclusion_tag("monitoring/_cabinet_summary.html", takes_context=True)
def cabinet_summary(context):
    """The cabinet's one screen on the home page: ``{% load monitoring_tags %}{% cabinet_summary %}``."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from actieplan.permissions import perms_for
    from monitoring import reports
    from monitoring.cabinet_summary import cabinet_summary as build
    from monitoring.forms import CabinetReportForm

    request = context["request"]
    form = CabinetReportForm(request.GET or None)
    since = form.cleaned_data.get("since") if form.is_bound and form.is_valid() else None
    try:
        domain_ids = reports.resolve_portfolio(perms_for(request.user), [])
    except (PermissionDenied, ValidationError):
        return {"summary": None}
    return {"summary": build(domain_ids=domain_ids, since=since, user=request.user), "on_home": True,
            "since_field": form["since"]}
