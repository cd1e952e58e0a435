"""Helpers for tests of the login lockout (django-axes)."""

from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


def lock_out(username: str, ip_address: str, failures: int | None = None) -> AccessAttempt:
    """Record as many failed logins as lock ``username`` from ``ip_address`` (as django-axes stores them)."""
    return AccessAttempt.objects.create(
        username=username, ip_address=ip_address, user_agent="pytest", get_data="", post_data="",
        http_accept="*/*", path_info="/accounts/login/",
        failures_since_start=failures if failures is not None else settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
