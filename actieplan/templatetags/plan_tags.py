"""Template helpers for the plan pages and exports: snapshot dates are ISO strings."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def isodate(value):
    """``2026-07-03`` as ``03/07/2026`` (empty when there is no date)."""
    if not value:
        return ""
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return ""


@register.filter
def isodatetime(value):
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")


@register.filter
def isoquarter(value):
    if not value:
        return ""
    try:
        d = date.fromisoformat(str(value)[:10])
    except ValueError:
        return ""
    return _("%(year)s K%(quarter)s") % {"year": d.year, "quarter": (d.month - 1) // 3 + 1}


@register.filter
def names(values, key="name"):
    """A list of strings or of dicts with ``name`` as one comma-separated string."""
    if not values:
        return ""
    return ", ".join(v.get(key, "") if isinstance(v, dict) else str(v) for v in values)


@register.filter
def rich_text(value):
    """A plan text (Markdown) as HTML: raw HTML in it stays text, and the result passes the nh3 allow-list."""
    from common.markdown import render

    return mark_safe(render(value))  # nh3 keeps only the allow-listed tags, attributes and URL schemes
