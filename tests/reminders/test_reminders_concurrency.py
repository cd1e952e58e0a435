"""Exactly once under two runs at the same time, each with its own database connection.

The database's uniqueness constraint decides which run owns a reminder; this needs a real
database server (PostgreSQL in CI). SQLite serialises writers and its in-memory test database
is not shared between threads, so the test is skipped there.
"""

import threading
from collections import Counter
from datetime import date

import pytest
from django.core import mail
from django.db import connection, connections

from monitoring.reminders import engine as reminders
from monitoring.models import SendState, SentReminder
from tests import factories as f
from tests.reminder_helpers import monitored_action

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two concurrent runs need a database server (PostgreSQL); SQLite's test database is per connection",
)

DAY = date(2026, 9, 2)


def _concurrent_runs(monkeypatch, n=2):
    """Start ``n`` runs that collect first, then insert and deliver at the same moment."""
    barrier = threading.Barrier(n, timeout=30)
    original = reminders.collect

    def collect_then_wait(*args, **kwargs):
        dues = original(*args, **kwargs)
        barrier.wait()  # every run has decided what is due before any of them writes
        return dues

    monkeypatch.setattr(reminders, "collect", collect_then_wait)
    results, errors = [], []

    def worker():
        try:
            results.append(reminders.run(today=DAY))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_reminder_once(monkeypatch, coordinator):
    domains = [f.policy_domain() for _ in range(3)]
    contacts = [f.user(f"contact{n}", contact_domains=[d]) for n, d in enumerate(domains)]
    group = f.working_group(code_prefix="CON")
    chair = f.user("voorzitter-c")
    f.membership(chair, group, role="chair")
    f.phase(1, deadline=date(2026, 9, 3))
    for n in range(40):
        f.action(working_group=group, code=f"CON-{n:02d}")
    for n in range(60):
        monitored_action(lead_domain=domains[n % 3], last_update=date(2026, 6, 1), working_group=group,
                         code=f"CON-M{n:02d}")

    results = _concurrent_runs(monkeypatch)

    rows = list(SentReminder.objects.all())
    assert len(rows) == 40 + 60  # 40 drafts to the chair, 20 overdue actions to each of 3 contacts
    assert sum(len(r.reminders) for r in results) == 100  # each row created by exactly one run
    assert all(r.state == SendState.SENT for r in rows)
    per_recipient = Counter(m.to[0] for m in mail.outbox)
    assert per_recipient == Counter({c.email: 1 for c in contacts} | {chair.email: 1})  # one mail each, no repeat
    items = Counter((m.to[0], line) for m in mail.outbox for line in m.body.splitlines() if line.startswith("- "))
    assert len(items) == 100 and set(items.values()) == {1}, items.most_common(3)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_deliveries_of_one_batch_send_one_mail(domain_contact, domain):
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 1))
    batch, created = reminders.record(reminders.collect(DAY))
    row = created[0]
    barrier = threading.Barrier(2, timeout=30)
    counts = []

    def worker():
        barrier.wait()
        try:
            counts.append(reminders.deliver(batch=batch, recipient_id=row.recipient_id))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert sorted(counts) == [0, 1]
    assert len(mail.outbox) == 1
