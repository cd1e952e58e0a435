"""Template helpers of data exchange: links that export what a list page shows."""

from django import template

from common.exports import export_query

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context, fmt: str) -> str:
    """``?<the page's filters and ordering>&format=<fmt>`` (without the page number)."""
    return "?" + export_query(context["request"], fmt)
