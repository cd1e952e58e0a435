"""Cached JSON answers: rendered once, then served until the data changes.

Keys hold the caller's parts (the user or the visibility scope, the filters), the media
type, the language and the day, under the data version of :mod:`common.datacache`: any
committed write to the data an answer shows (its topics) makes it out of date at once, so a
client never reads a stale one. Only JSON is cached; exports, the browsable API and errors take the normal path.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from rest_framework.response import Response

from common import datacache


def cached_json(view, request, name: str, *parts, data: Callable[[], object], topics=None) -> HttpResponse:
    """``data()`` as a JSON answer, rendered once per ``parts``, media type, language and day;
    ``topics``: the kinds of data it shows (``common.datacache.TOPICS``; default all)."""
    renderer = getattr(request, "accepted_renderer", None)
    if getattr(renderer, "format", None) != "json" or not datacache.enabled():
        return Response(data())
    body = datacache.cached(
        name, *parts, request.accepted_media_type, get_language(), timezone.localdate(),
        compute=lambda: renderer.render(data(), request.accepted_media_type, view.get_renderer_context()),
        topics=topics,
    )
    content_type = request.accepted_media_type
    if renderer.charset:
        content_type = f"{content_type}; charset={renderer.charset}"
    return HttpResponse(body, content_type=content_type)


class CachedListMixin:
    """A list viewset whose JSON pages are cached per user and full path (filters, ordering, page)."""

    def list(self, request, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if getattr(renderer, "format", None) != "json" or not datacache.enabled():
            return super().list(request, *args, **kwargs)
        return cached_json(
            self, request, f"api-list:{self.basename}", request.user.pk, request.get_full_path(),
            data=lambda: super(CachedListMixin, self).list(request, *args, **kwargs).data,
        )
