"""The one way to turn HTML into PDF (WeasyPrint), and the escaping its templates need.

WeasyPrint loads every URL a document names: stylesheets, images, fonts, and files named
by ``<link rel=attachment>``, which it embeds in the PDF. Left to its default fetcher a
user's text that slipped into the markup could make the server read its own files
(``file:///…``) into the PDF or request any URL. So every PDF is rendered by
``render_pdf`` with ``StaticFilesFetcher``, which answers only:

* the application's own static files (``{% static %}`` URLs: fonts, CSS, images), found
  through the staticfiles finders or the static storage, never outside them;
* ``data:`` images (PNG, JPEG, GIF, SVG) of at most ``MAX_DATA_BYTES``.

Everything else (``file:``, ``http(s):`` to anywhere, other ``data:``, other schemes) is
refused with a warning in the log; WeasyPrint then leaves that resource out. Relative URLs
resolve against ``BASE_URL``, a host that does not exist, never against the filesystem.

Templates escape user text as usual (autoescape); text in a CSS string (the ``@page``
footer) goes through ``css_string``, which cannot close the ``<style>`` element.
"""

from __future__ import annotations

import base64
import binascii
import logging
import mimetypes
from pathlib import PurePosixPath
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.utils.encoding import force_str
from django.utils.safestring import SafeString, mark_safe

log = logging.getLogger(__name__)
# WeasyPrint logs every layout step at INFO; on a busy server that costs time and fills the log.
logging.getLogger("weasyprint").setLevel(logging.WARNING)

BASE_HOST = "pdf.actieplan.invalid"  # ".invalid" never resolves (RFC 2606)
BASE_URL = f"https://{BASE_HOST}/"
MAX_DATA_BYTES = 64 * 1024
DATA_IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/svg+xml"}
STATIC_TYPES = {
    ".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".svg": "image/svg+xml", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
}


class ResourceRefused(ValueError):
    """A PDF named a resource it may not load (WeasyPrint leaves it out)."""


def _refuse(url: str, why: str):
    shown = url if len(url) <= 120 else url[:120] + "…"
    log.warning("PDF: %s niet geladen (%s)", shown, why)
    raise ResourceRefused(f"{why}: {shown}")


def _static_path(name: str) -> str | None:
    """The file of static file ``name`` (finders first, then the collected files), or None."""
    try:
        found = finders.find(name)
        if found:
            return found
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError, ValueError, OSError):
        return None
    return None


def _fetch_static(url: str) -> tuple[bytes, str]:
    parts = urlsplit(url)
    static = urlsplit(settings.STATIC_URL)
    prefix = static.path or "/static/"
    path = unquote(parts.path)
    # ``{% static %}`` gives a path (resolved against BASE_URL) or, with an absolute STATIC_URL, that URL.
    hosts = {BASE_HOST} | ({static.netloc.lower()} if static.netloc else set())
    if parts.netloc.lower() not in hosts or not path.startswith(prefix) or parts.query:
        _refuse(url, "geen statisch bestand van de toepassing")
    name = path[len(prefix):]
    pure = PurePosixPath(name)
    if not name or "\\" in name or "\x00" in name or pure.is_absolute() or ".." in pure.parts:
        _refuse(url, "ongeldig pad")
    content_type = STATIC_TYPES.get(pure.suffix.lower())
    if content_type is None:
        _refuse(url, "geen lettertype, stijlblad of afbeelding")
    found = _static_path(name)
    if found is None:
        _refuse(url, "statisch bestand bestaat niet")
    with open(found, "rb") as handle:
        return handle.read(), content_type


def _fetch_data(url: str) -> tuple[bytes, str]:
    header, comma, payload = url[len("data:"):].partition(",")
    if not comma:
        _refuse(url, "ongeldige data-URL")
    params = [p.strip().lower() for p in header.split(";")]
    content_type = params[0] or "text/plain"
    if content_type not in DATA_IMAGE_TYPES:
        _refuse(url, f"data-URL van het type {content_type}")
    is_base64 = "base64" in params[1:]
    if len(payload) > (MAX_DATA_BYTES * 4 // 3 + 4 if is_base64 else MAX_DATA_BYTES * 3):
        _refuse(url, "data-URL te groot")
    try:
        body = base64.b64decode(unquote(payload), validate=True) if is_base64 else unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        _refuse(url, "ongeldige data-URL")
    if len(body) > MAX_DATA_BYTES:
        _refuse(url, "data-URL te groot")
    return body, content_type


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Serves the application's static files and small data: images; refuses everything else."""

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                body, content_type = _fetch_data(url)
            elif scheme in ("http", "https"):
                body, content_type = _fetch_static(url)
            else:
                _refuse(url, f"schema {scheme or 'zonder schema'} niet toegelaten")
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticFilesFetcher


def static_files_fetcher():
    """A WeasyPrint URL fetcher that loads only the application's static files and small data: images."""
    return _fetcher_class()()


def render_pdf(html: str) -> bytes:
    """The PDF of ``html`` (a rendered template), loading nothing but our static files."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=static_files_fetcher()).write_pdf()


# Characters that must not appear as themselves in a CSS string inside an HTML <style> element.
_CSS_ESCAPE = set('\\"\'<>&') | {"\u2028", "\u2029"}


def css_string(value) -> SafeString:
    """``value`` as a quoted CSS string literal, safe inside ``<style>`` (e.g. ``content:`` of ``@page``).

    Quotes, backslashes, ``< > &`` and control characters (line breaks too) become CSS escapes
    (``\\3c ``), so the text can neither end the string nor close the style element.
    """
    out = []
    for ch in force_str(value):
        code = ord(ch)
        if ch in _CSS_ESCAPE or code < 0x20 or code == 0x7F:
            out.append("\\%x " % (code or 0xFFFD))
        else:
            out.append(ch)
    return mark_safe('"' + "".join(out) + '"')  # every character that could end the string is escaped above
