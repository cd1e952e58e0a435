"""``{% load money %}``: ``{{ amount|euro }}`` → ``€ 450.000,50``; ``{{ value|number }}`` → ``1.250,5`` (common.money)."""

from django import template

from common.money import format_euro, format_number

register = template.Library()


@register.filter
def euro(value) -> str:
    return format_euro(value)


@register.filter
def number(value, decimals=None) -> str:
    return format_number(value, None if decimals in (None, "") else int(decimals))
