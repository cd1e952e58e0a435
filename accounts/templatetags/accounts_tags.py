from django import template

from accounts.audit import describe
from werkgroepen.people import person_name

register = template.Library()


@register.filter
def person(user):
    """A person's name as everywhere in the application ("Naam (gedeactiveerd)")."""
    return person_name(user)


@register.filter
def rights(snapshot):
    """A snapshot of rights from the audit log as one Dutch line."""
    return describe(snapshot)
