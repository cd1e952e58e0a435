"""Broker down: the change succeeds, the work waits in the outbox, and is handed to the broker
exactly once when it is back (issue 21, property 1). The broker is a real Redis process on a
free port: first nothing listens there, then it is started."""

import json
import shutil
import time

import pytest
import redis
from django.core.management import call_command
from django.test import Client

from actieplan.actions.services import action_transition
from actieplan.models import Status
from config.celery import app as celery_app
from outbox.models import OutboxEntry
from outbox import services as outbox
from tests import factories as f
from tests.faults.redis_process import RedisProcess, free_port

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")


@pytest.fixture
def broker(monkeypatch):
    """Celery publishes to redis://127.0.0.1:<port> where, at first, nothing listens."""
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # Celery prefers this variable to broker_url
    saved = {k: celery_app.conf.get(k) for k in ("broker_url", "task_always_eager", "broker_transport_options")}
    celery_app.conf.update(broker_url=url, task_always_eager=False,
                           broker_transport_options={"socket_connect_timeout": 1, "socket_timeout": 5})
    _forget_connections()
    monkeypatch.setattr(outbox, "_paused_until", 0.0)
    server = RedisProcess(port=port)
    yield server
    server.cleanup()
    celery_app.conf.update(**saved)
    _forget_connections()


def _forget_connections():
    """Celery keeps its connection and producer pools: drop them so the next publish uses broker_url."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _queued(server) -> list[dict]:
    r = redis.Redis(host="127.0.0.1", port=server.port)
    return [json.loads(raw)["headers"] for raw in r.lrange("celery", 0, -1)]


def test_a_decision_with_the_broker_down_succeeds_and_its_notice_is_sent_once_it_is_back(
        broker, coordinator, submitted_action, django_capture_on_commit_callbacks):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        action_transition(action=submitted_action, user=coordinator, to=Status.RETAINED)
    assert time.monotonic() - started < 5  # the broker's refusal does not hold the decision up
    submitted_action.refresh_from_db()
    assert submitted_action.status == Status.RETAINED

    pending = OutboxEntry.objects.filter(sent_at__isnull=True)
    assert [e.task for e in pending] == ["monitoring.tasks.notify_decision"]
    assert pending[0].attempts == 1 and pending[0].last_error

    health = Client().get("/health/")
    assert health.json()["outbox"] == 1

    broker.start()
    call_command("relay_outbox", stdout=open("/dev/null", "w"))
    assert OutboxEntry.objects.filter(sent_at__isnull=True).count() == 0
    queued = _queued(broker)
    assert [h["task"] for h in queued] == ["monitoring.tasks.notify_decision"]
    assert queued[0]["id"] == pending[0].key  # the idempotency key is the task id

    call_command("relay_outbox", stdout=open("/dev/null", "w"))  # again: nothing is sent twice
    assert len(_queued(broker)) == 1


def test_with_the_broker_up_the_work_is_handed_over_on_commit(broker, coordinator, submitted_action,
                                                              django_capture_on_commit_callbacks):
    broker.start()
    with django_capture_on_commit_callbacks(execute=True):
        action_transition(action=submitted_action, user=coordinator, to=Status.RETAINED)
    entry = OutboxEntry.objects.get()
    assert entry.sent_at is not None, (entry.attempts, entry.last_error)
    assert [h["task"] for h in _queued(broker)] == ["monitoring.tasks.notify_decision"]


def test_an_entry_is_recorded_once_per_key(db):
    first = outbox.enqueue("monitoring.tasks.notify_decision", 1, key="notify_decision:1")
    second = outbox.enqueue("monitoring.tasks.notify_decision", 1, key="notify_decision:1")
    assert first.pk == second.pk and OutboxEntry.objects.count() == 1
