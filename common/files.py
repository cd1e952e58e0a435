"""Uploaded files back to the user: always as a download, through the view that checked the permission."""

from __future__ import annotations

import mimetypes
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def attachment_response(field_file) -> HttpResponse:
    """``field_file`` (a ``FieldFile``) as ``Content-Disposition: attachment`` with ``nosniff``.

    ``settings.ATTACHMENT_ACCEL_REDIRECT`` (e.g. ``/beveiligde-bijlagen/``, an ``internal``
    location of nginx pointing at ``MEDIA_ROOT``): the answer carries no bytes but
    ``X-Accel-Redirect: <that location><file name>`` and the web server sends the file.
    Empty (the default, and ``make run``): the file is streamed by Django.
    """
    name = field_file.name
    filename = posixpath.basename(name)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    prefix = getattr(settings, "ATTACHMENT_ACCEL_REDIRECT", "")
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
    else:
        response = FileResponse(field_file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
