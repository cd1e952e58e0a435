"""Celery tasks of the plan part: thin, they take ids and read what they need."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


@shared_task(name="actieplan.plan_tasks.notify_signoff_reset", ignore_result=True)
def notify_signoff_reset(signoff_id: int) -> int:
    """Tell a domain's contacts that their sign-off of the plan must be given again."""
    from actieplan.models import SignOff, SignOffState
    from werkgroepen.models import Profile

    signoff = SignOff.objects.select_related("plan", "domain").filter(pk=signoff_id).first()
    if signoff is None or signoff.state != SignOffState.PENDING:
        return 0
    recipients = sorted(set(
        Profile.objects.filter(contact_domains=signoff.domain, user__is_active=True)
        .exclude(user__email="").values_list("user__email", flat=True)
    ))
    if not recipients:
        return 0
    with translation.override("nl-be"):
        context = {
            "signoff": signoff, "plan": signoff.plan, "domain": signoff.domain, "site_url": settings.SITE_URL,
            "url": reverse("plan_signoff", args=[signoff.plan_id, signoff.pk]),
        }
        subject = render_to_string("emails/plan_signoff_reset_subject.txt", context).strip()
        body = render_to_string("emails/plan_signoff_reset.txt", context)
        html = render_to_string("emails/plan_signoff_reset.html", context)
    send_mail(subject, body, None, recipients, html_message=html)
    return len(recipients)
