"""``{% inbox_tasks %}``: the person's open tasks, shown at the top of the home page.

A template tag rather than a line in the home view, so that ``actieplan`` (whose view
renders the home page) does not import ``inbox``, which reads actieplan and monitoring.
"""

from django import template

from inbox import selectors

register = template.Library()


@register.inclusion_tag("inbox/task_block.html", takes_context=True)
def inbox_tasks(context):
    user = context["request"].user
    return {"tasks": selectors.tasks_for(user) if user.is_authenticated else []}
