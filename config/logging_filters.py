"""Logging filters of the project."""

import logging


class ForbiddenOnOneLine(logging.Filter):
    """A refused request (403) is logged as one line, without the traceback of the ``PermissionDenied``.

    Permissions are checked by raising ``PermissionDenied``; Django then logs "Forbidden
    (Permission denied): /path" with that exception's traceback, which is normal operation,
    not an error worth a traceback in the console.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
