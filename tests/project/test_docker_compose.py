"""docker-compose.yml describes the production stack, configured only by environment."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


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


def _compose_config(**env):
    clean = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    return subprocess.run(["docker-compose", "config", "-q"], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


needs_compose = pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is not installed")


@needs_compose
def test_docker_compose_config_is_valid():
    result = _compose_config(SECRET_KEY="een-lange-willekeurige-sleutel-voor-de-test")
    assert result.returncode == 0, result.stderr


@needs_compose
@pytest.mark.parametrize("env", [{}, {"SECRET_KEY": ""}])
def test_docker_compose_refuses_to_start_without_a_secret_key(env):
    result = _compose_config(**env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_the_secret_key_is_required_by_compose_itself(compose):
    assert compose["x-app-environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")


def test_no_mail_server_is_assumed_that_the_file_does_not_define(compose):
    env = compose["x-app-environment"]
    host = env["EMAIL_HOST"]
    assert host == "${EMAIL_HOST:-}", host  # the relay comes from the environment, never a made-up host
    assert "EMAIL_BACKEND" not in env  # settings pick SMTP when EMAIL_HOST is set, files otherwise


def test_the_web_container_collects_static_files_before_serving(compose):
    command = compose["services"]["web"]["command"]
    assert command.index("collectstatic --noinput") < command.index("gunicorn")
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = next(line for line in dockerfile.splitlines() if line.startswith("CMD"))
    assert cmd.index("collectstatic --noinput") < cmd.index("gunicorn")
