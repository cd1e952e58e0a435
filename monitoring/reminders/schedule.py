"""The periodic tasks, kept in one place.

The schedule lives in the database (django-celery-beat's ``DatabaseScheduler``) so that WEWIS
staff can change times or switch a task off in the admin ("Periodic tasks") without a deploy.
:func:`ensure_schedule` (``manage.py setup_schedule``, run by ``make run`` and at deploy)
creates the defaults below when they are missing and leaves existing rows alone, so an
edit made in the admin survives every deploy. ``reset=True`` restores the defaults.
Times are Europe/Brussels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction

from monitoring.models import ReminderKind
from monitoring.reminders.engine import DAILY_KINDS

TIMEZONE = ZoneInfo("Europe/Brussels")


@dataclass(frozen=True)
class Scheduled:
    name: str
    task: str
    minute: str
    hour: str
    day_of_week: str = "*"
    kwargs: dict = field(default_factory=dict)
    description: str = ""


DEFAULTS: list[Scheduled] = [
    Scheduled(
        name="Herinneringen: dagelijks",
        task="monitoring.tasks.send_reminders",
        minute="0", hour="7",
        kwargs={"kinds": [str(k) for k in DAILY_KINDS]},
        description="Fasedeadlines, standen van zaken, escalaties, mijlpalen en openstaande bevestigingen.",
    ),
    Scheduled(
        name="Herinneringen: weekoverzicht coördinatoren",
        task="monitoring.tasks.send_reminders",
        minute="30", hour="7", day_of_week="1",
        kwargs={"kinds": [str(ReminderKind.COORDINATOR_DIGEST)]},
        description="Maandagochtend: wat veranderde vorige week, beslissingen, achterstanden, weigeringen.",
    ),
    Scheduled(
        name="Herinneringen: weekoverzicht werkgroepen",
        task="monitoring.tasks.send_reminders",
        minute="0", hour="8", day_of_week="1",
        kwargs={"kinds": [str(ReminderKind.GROUP_DIGEST)]},
        description="Maandagochtend, voor wie het aanvroeg: de activiteit van de eigen werkgroepen.",
    ),
    Scheduled(
        name="Uitgaande taken doorgeven",
        task="outbox.tasks.relay_outbox",
        minute="*", hour="*",
        description="Geeft taken die tijdens een storing van de broker bleven wachten alsnog door aan Celery.",
    ),
    Scheduled(
        name="Auditlog opkuisen",
        task="accounts.tasks.purge_audit_log",
        minute="30", hour="3",
        description="Wist auditregels ouder dan de bewaartermijn (AUDIT_RETENTION_DAYS, standaard 2 jaar).",
    ),
]


def ensure_schedule(*, reset: bool = False) -> dict[str, str]:
    """Create the default periodic tasks; return ``{name: "created" | "kept" | "reset"}``."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    report = {}
    with transaction.atomic():
        for item in DEFAULTS:
            existing = PeriodicTask.objects.filter(name=item.name).first()
            if existing is not None and not reset:
                report[item.name] = "kept"
                continue
            crontab, _created = CrontabSchedule.objects.get_or_create(
                minute=item.minute, hour=item.hour, day_of_week=item.day_of_week,
                day_of_month="*", month_of_year="*", timezone=TIMEZONE,
            )
            values = dict(
                task=item.task, crontab=crontab, interval=None, kwargs=json.dumps(item.kwargs),
                description=item.description, enabled=True,
            )
            if existing is None:
                PeriodicTask.objects.create(name=item.name, **values)
                report[item.name] = "created"
            else:
                for key, value in values.items():
                    setattr(existing, key, value)
                existing.save()
                report[item.name] = "reset"
    return report
