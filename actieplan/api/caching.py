"""Cached JSON list responses for the busiest API lists.

A list page is cached as rendered JSON per user, full path (filters, ordering, page),
language and day under the data version of :mod:`config.datacache`: any committed write
makes every cached page out of date at once, so a client never reads a stale page. Only
successful JSON answers are cached; exports, the browsable API and errors take the
normal path.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from config import datacache


class CachedListMixin:
    def list(self, request, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if getattr(renderer, "format", None) != "json" or not datacache.enabled():
            return super().list(request, *args, **kwargs)

        def render() -> bytes:
            data = super(CachedListMixin, self).list(request, *args, **kwargs).data
            return renderer.render(data, request.accepted_media_type, self.get_renderer_context())

        body = datacache.cached(
            f"api-list:{self.basename}",
            request.user.pk,
            request.get_full_path(),
            request.accepted_media_type,
            get_language(),
            timezone.localdate(),
            compute=render,
        )
        content_type = request.accepted_media_type
        if renderer.charset:
            content_type = f"{content_type}; charset={renderer.charset}"
        return HttpResponse(body, content_type=content_type)
