import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_it_reports_ok_when_database_and_broker_are_up(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "outbox": 0}


@pytest.mark.django_db
def test_it_returns_503_naming_the_broker_when_it_is_down(client):
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_it_returns_503_naming_the_database_when_it_is_down(client, monkeypatch):
    from config import health

    monkeypatch.setattr(health, "check_database", lambda: False)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "down", "broker": "ok"}


def test_it_refuses_post(client):
    assert client.post("/health/").status_code == 405
