"""docker-compose.yml describes the production stack, configured only by environment."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_has_the_five_services(compose):
    assert set(compose["services"]) == {"postgres", "redis", "web", "worker", "beat"}


def test_app_services_are_configured_by_environment(compose):
    for name in ("web", "worker", "beat"):
        env = compose["services"][name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["DATABASE_URL"].endswith("@postgres:5432/actieplan")
        assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
        assert env["CACHE_URL"] == "redis://redis:6379/1"  # one cache for web and worker
        assert "SECRET_KEY" in env and env["DEBUG"] == "false"
        assert compose["services"][name]["build"] == "."


def test_web_runs_gunicorn_and_worker_and_beat_run_celery(compose):
    assert "gunicorn config.wsgi:application" in compose["services"]["web"]["command"]
    assert compose["services"]["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert "beat" in compose["services"]["beat"]["command"]
    assert "django_celery_beat.schedulers:DatabaseScheduler" in compose["services"]["beat"]["command"]


def test_dockerfile_exists_and_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "gunicorn" in dockerfile and "requirements.txt" in dockerfile


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is not installed")
def test_docker_compose_config_is_valid():
    result = subprocess.run(["docker-compose", "config", "-q"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
