"""Writes of the inbox: a visit to a list, a notification marked read."""

from __future__ import annotations

from django.utils import timezone

from inbox.models import NotificationRead, Visit


def visit_record(*, user, key: str) -> None:
    """Remember that ``user`` saw the list ``key`` now: its news counts from here."""
    Visit.objects.update_or_create(user_id=user.pk, key=key, defaults={"seen_at": timezone.now()})


def notification_mark_read(*, user, reminder) -> bool:
    """Mark one of the person's notifications read; True if it was unread."""
    if reminder.recipient_id != user.pk:
        raise ValueError("not the recipient")
    _, created = NotificationRead.objects.get_or_create(user_id=user.pk, reminder_id=reminder.pk)
    return created


def notifications_mark_all_read(*, user) -> int:
    from inbox.selectors import notifications_for

    ids = list(notifications_for(user, unread_only=True).values_list("pk", flat=True))
    NotificationRead.objects.bulk_create([NotificationRead(user_id=user.pk, reminder_id=pk) for pk in ids],
                                         ignore_conflicts=True)
    return len(ids)
