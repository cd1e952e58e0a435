"""``{{ user|person }}``: a person's name as the application shows it (see ``werkgroepen.people``)."""

from django import template

from werkgroepen.people import person_name

register = template.Library()


@register.filter
def person(user):
    """The name of ``user``; "(gedeactiveerd)" after a deactivated one, "verwijderde gebruiker" for none."""
    return person_name(user)
