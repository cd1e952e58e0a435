from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


@shared_task(name="actieplan.tasks.notify_status_change", ignore_result=True)
def notify_status_change(status_change_id: int) -> int:
    """E-mail the people concerned that an action was sent back to draft."""
    from actieplan.models import Status, StatusChange

    change = StatusChange.objects.select_related("action", "action__working_group", "by").filter(
        pk=status_change_id
    ).first()
    if change is None or change.to_status != Status.DRAFT:
        return 0
    action = change.action
    recipients = []
    if action.working_group_id:
        recipients = list(
            action.working_group.memberships.filter(role="chair")
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    if not recipients:
        return 0
    with translation.override("nl-be"):
        context = {"change": change, "action": action, "site_url": settings.SITE_URL}
        subject = render_to_string("emails/action_sent_back_subject.txt", context).strip()
        body = render_to_string("emails/action_sent_back.txt", context)
        html = render_to_string("emails/action_sent_back.html", context)
    send_mail(subject, body, None, recipients, html_message=html)
    return len(recipients)
