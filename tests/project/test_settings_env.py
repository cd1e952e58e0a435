"""The strict environment reader and the production guard on SECRET_KEY."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_accepts_true_and_false(monkeypatch):
    monkeypatch.setenv("X_FLAG", "true")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "False")
    assert env_bool("X_FLAG") is False


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("X_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG")


def test_env_int_refuses_text(monkeypatch):
    monkeypatch.setenv("X_NUM", "twaalf")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("X_LIST", "a.be, b.be,")
    assert env_list("X_LIST", []) == ["a.be", "b.be"]


def _settings_process(env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; "
         "django.setup(); from django.conf import settings; print(settings.LANGUAGE_CODE, settings.TIME_ZONE)"],
        cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60,
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = _settings_process({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_allows_the_dev_secret_key_and_uses_flemish_locale():
    result = _settings_process({"DEBUG": "true"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "nl-be Europe/Brussels"


def test_production_settings_start_with_a_secret_key():
    result = _settings_process({"DEBUG": "false", "SECRET_KEY": "a-real-secret",
                                "SITE_URL": "https://actieplan.example.be"})
    assert result.returncode == 0, result.stderr


def test_check_and_makemigrations_run_on_a_bare_checkout():
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    for args in (["check"], ["makemigrations", "--check", "--dry-run"]):
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=clean,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr


def test_serving_commands_still_refuse_without_a_secret_key():
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    result = subprocess.run([sys.executable, "manage.py", "migrate", "--plan"], cwd=ROOT, env=clean,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def _cache_backend(env):
    clean = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "DJANGO_SETTINGS_MODULE")}
    clean.update({"DEBUG": "true", **env})
    return subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; "
         "django.setup(); from django.conf import settings; c = settings.CACHES['default']; "
         "print(c['BACKEND'], c['LOCATION'])"],
        cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60,
    )


def test_the_cache_is_redis_with_cache_url_and_a_shared_file_cache_without(tmp_path):
    redis = _cache_backend({"CACHE_URL": "redis://127.0.0.1:6379/1"})
    assert redis.returncode == 0, redis.stderr
    assert redis.stdout.split() == ["config.redis_cache.RedisCache", "redis://127.0.0.1:6379/1"]
    files = _cache_backend({"VAR_DIR": str(tmp_path)})
    assert files.stdout.split() == ["django.core.cache.backends.filebased.FileBasedCache", str(tmp_path / "cache")]


def test_a_cache_url_that_is_not_redis_is_refused():
    result = _cache_backend({"CACHE_URL": "memcached://127.0.0.1:11211"})
    assert result.returncode != 0
    assert "CACHE_URL must be a redis:// URL" in result.stderr
