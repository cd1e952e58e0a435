"""JSON errors for the API: Django's validation and permission errors become DRF errors."""

import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from actieplan.actions.services import EditConflict, TransitionNotAllowed


def _is_generic_not_found(exc: Http404) -> bool:
    """Django's ``get_object_or_404`` message ("No Action matches the given query."), English only."""
    message = str(exc.args[0]) if exc.args else ""
    return not message or (message.startswith("No ") and message.endswith(" matches the given query."))


def exception_handler(exc, context):
    if isinstance(exc, Http404) and _is_generic_not_found(exc):
        exc = exceptions.NotFound()  # "Niet gevonden."
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, TransitionNotAllowed):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, exceptions.Throttled):
        wait = max(1, math.ceil(exc.wait or 1))
        detail = ngettext(
            "Te veel aanvragen. Probeer het opnieuw over %(n)s seconde.",
            "Te veel aanvragen. Probeer het opnieuw over %(n)s seconden.",
            wait,
        ) % {"n": wait}
        return Response({"detail": detail}, status=status.HTTP_429_TOO_MANY_REQUESTS,
                        headers={"Retry-After": str(wait)})
    elif isinstance(exc, EditConflict):
        return Response(
            {
                "detail": exc.message,
                "current_version": exc.action.version,
                "changes": [
                    {"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in exc.changes
                ],
            },
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
