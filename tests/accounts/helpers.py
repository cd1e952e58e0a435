"""Helpers of the accounts tests: the link of the last e-mail, the audit events of a person."""

import re
from urllib.parse import urlparse

from django.core import mail

from accounts.models import AuditEntry


def last_link(pattern=r"https?://\S+") -> str:
    """The path of the first link in the last e-mail's text."""
    assert mail.outbox, "no e-mail was sent"
    match = re.search(pattern, mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return urlparse(match.group(0)).path


def events(user=None, **filters) -> list[str]:
    qs = AuditEntry.objects.order_by("created_at", "id")
    if user is not None:
        qs = qs.filter(subject=user)
    return list(qs.filter(**filters).values_list("event", flat=True))
