from django import template

register = template.Library()


@register.inclusion_tag("governance/_action_panel.html", takes_context=True)
def action_meetings(context, action):
    """The governance panel on the action page: ``{% load governance_tags %}{% action_meetings action %}``.

    The meetings that discussed the action and their decisions; for coordinators, the escalation button
    when the action has been delayed or blocked for more than a quarter. A template tag, so ``actieplan``
    does not import ``governance``.
    """
    from governance import selectors

    request = context["request"]
    can_manage = selectors.can_manage(request.user)
    decisions = list(selectors.decisions_of_action(action)[:20])
    panel = {"action": action, "decisions": decisions, "can_manage": can_manage,
             "csrf_token": context.get("csrf_token")}
    if can_manage:
        panel["escalation"] = selectors.escalation(action)
        meeting = selectors.next_steering_meeting()
        panel["next_meeting"] = meeting
        panel["on_agenda"] = selectors.open_escalation(action, meeting)
    return panel
