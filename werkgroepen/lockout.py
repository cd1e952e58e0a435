"""Lockout after repeated failed logins (django-axes), the same on every way in.

The login page, the admin's login and ``POST /api/v1/auth/token/`` all call Django's
``authenticate(request, …)``, so django-axes sees every attempt there: after
``AXES_FAILURE_LIMIT`` wrong passwords for one username from one address that pair is
refused, even with the right password, until the cool-off has passed since the last
attempt (or a coordinator unlocks it). Attempts live in the database, so the lockout
holds without a cache.

The answer says in Dutch from when one may try again: a page for the browser, ``{"detail":
…}`` for the API, both with status 429 and ``Retry-After``.
"""

from __future__ import annotations

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework.throttling import BaseThrottle

API_PREFIX = "/api/"


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, for logins over HTTP. ``authenticate()`` without a request (the
    test client's ``login()``, a shell) has no address to lock and is left to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The client's address, by the same rule as the API's throttles (``TRUSTED_PROXY_COUNT``)."""
    return BaseThrottle().get_ident(request)


def retry_at(request):
    """When the locked pair may try again: the cool-off after this (the latest) attempt."""
    attempt_time = getattr(request, "axes_attempt_time", None) or timezone.now()
    return attempt_time + get_cool_off(request)


def lockout_message(until) -> str:
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    return ngettext(
        "Te veel mislukte aanmeldpogingen. U kunt opnieuw proberen vanaf %(time)s (over %(n)s minuut).",
        "Te veel mislukte aanmeldpogingen. U kunt opnieuw proberen vanaf %(time)s (over %(n)s minuten).",
        minutes,
    ) % {"time": date_format(timezone.localtime(until), "H:i"), "n": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: JSON for the API, the lockout page for the browser."""
    until = retry_at(request)
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    message = lockout_message(until)
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"detail": message}, status=429)
    else:
        context = {"message": message, "until": timezone.localtime(until)}
        response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
