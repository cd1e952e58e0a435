"""Page-number paging with strict parameters: ``page`` and ``page_size`` are whole numbers in range,
anything else (``page_size=null``, ``page=0``) answers 400 instead of quietly using the default."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from common.api_schema import MAX_PAGE_SIZE, PAGING


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def _checked(self, request, name):
        raw = request.query_params.get(name)
        if raw is None:
            return None
        low, high = PAGING[name]["minimum"], PAGING[name]["maximum"]
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high or not raw.strip().isdigit():
            raise ValidationError({name: [_("Geef een geheel getal van %(low)s tot %(high)s.")
                                          % {"low": low, "high": high}]})
        return value

    def get_page_size(self, request):
        return self._checked(request, self.page_size_query_param) or self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        self._checked(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(PAGING.get(parameter["name"], {}))
        return parameters
