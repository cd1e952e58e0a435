"""The action page's "Bestaande maatregelen en onderzoek": ``{% load inventory_tags %}{% action_inventory action %}``.

A template tag, so that ``actieplan`` itself does not import ``inventory`` (the action page is shown only to
whoever may see the action; measures and sources are readable by every signed-in user)."""

from django import template

from inventory.models import EvidenceSource, MeasureActionLink

register = template.Library()


@register.inclusion_tag("inventory/_action_inventory.html")
def action_inventory(action):
    links = list(MeasureActionLink.objects.filter(action=action).select_related("measure")
                 .order_by("measure__name", "pk"))
    sources = list(EvidenceSource.objects.filter(actions=action).order_by("-year", "title"))
    return {"action": action, "links": links, "sources": sources}
