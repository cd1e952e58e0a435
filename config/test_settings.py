"""Test settings: the same settings with fast hashing and an in-memory mailbox."""

import os

os.environ.setdefault("DEBUG", "true")

from config.settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# One process: an in-memory cache, emptied before every test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
# The suite sends thousands of API requests as a few users within seconds; the throttle's
# own tests lower these rates (tests/api/test_api_throttling.py).
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": "100000/minute", "anon": "100000/minute",
                                                                   "similar_to": "100000/minute"}}  # noqa: F405
# Links in e-mails: a fixed address, whatever PORT the machine running the suite has set.
SITE_URL = "http://127.0.0.1:8000"
# Overlap detection on the lexical path: embedding every action the suite saves would cost
# minutes of CPU. The tests of the hybrid path switch it on (settings.SIMILARITY_BACKEND = "hybrid").
SIMILARITY_BACKEND = "lexical"
