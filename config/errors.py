"""Error pages: a 404 under ``/api/`` is JSON like the API's own errors, elsewhere the Dutch 404 page."""

from django.http import JsonResponse
from django.views import defaults
from rest_framework.exceptions import NotFound

API_PREFIX = "/api/"


def page_not_found(request, exception):
    """No route matched (e.g. ``/api/v1/plans/0.5/chapters/``, an id beyond 64 bits) or a view raised Http404."""
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
