"""API of the progress reports: ``/api/v1/progress-reports/`` (list, create, read, approve, export)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, renderers, serializers, status, viewsets
from rest_framework.decorators import action as view_action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from actieplan.api.permissions import VocabularyPermission
from monitoring.api import FIELD_ERRORS, FORBIDDEN, NOT_AUTHENTICATED, NOT_FOUND
from reporting import content, services
from reporting.models import ProgressReport, ReportingPeriod
from reporting.selectors import reports_visible_to

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ProgressReportSerializer(serializers.ModelSerializer):
    period = serializers.PrimaryKeyRelatedField(queryset=ReportingPeriod.objects.all())
    period_name = serializers.CharField(source="period.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    as_of = serializers.DateField(required=False)
    export_pdf = serializers.SerializerMethodField()
    export_docx = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = ["id", "period", "period_name", "as_of", "status", "status_display", "title", "communication",
                  "vr_reference", "vr_date", "created_at", "approved_at", "export_pdf", "export_docx"]
        read_only_fields = ["status", "title", "communication", "vr_reference", "vr_date", "created_at",
                            "approved_at"]

    def get_export_pdf(self, obj) -> str:
        return f"/api/v1/progress-reports/{obj.pk}/export.pdf"

    def get_export_docx(self, obj) -> str:
        return f"/api/v1/progress-reports/{obj.pk}/export.docx"


def _service_call(func, **kwargs):
    try:
        return func(**kwargs)
    except PermissionDenied as error:
        raise ApiPermissionDenied(str(error))
    except ValidationError as error:
        raise ApiValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


@extend_schema(tags=["progress-reports"])
class ProgressReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                            viewsets.GenericViewSet):
    """The periodic progress reports to the Flemish Government: drafts (coordinators) and approved ones."""

    serializer_class = ProgressReportSerializer
    permission_classes = [VocabularyPermission]
    required_perms = {"create": "can_manage_progress_reports", "approve": "can_manage_progress_reports"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return ProgressReport.objects.none()
        try:
            return reports_visible_to(self.request.user).order_by("-as_of", "-id")
        except PermissionDenied as error:
            raise ApiPermissionDenied(str(error))

    @extend_schema(responses={201: ProgressReportSerializer, 400: FIELD_ERRORS, 401: NOT_AUTHENTICATED,
                              403: FORBIDDEN})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = _service_call(services.progress_report_create, period=serializer.validated_data["period"],
                               as_of=serializer.validated_data.get("as_of"), user=request.user)
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ProgressReportSerializer, 400: FIELD_ERRORS,
                                            401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND})
    @view_action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        report = self.get_object()
        report = _service_call(services.progress_report_approve, report=report, user=request.user)
        return Response(self.get_serializer(report).data)


class BinaryRenderer(renderers.BaseRenderer):
    media_type = "*/*"
    format = "bin"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class ProgressReportExportView(APIView):
    """A progress report as an A4 PDF or DOCX (nl-BE)."""

    permission_classes = [VocabularyPermission]
    renderer_classes = [renderers.JSONRenderer, BinaryRenderer]
    file_format = "pdf"

    @extend_schema(
        tags=["progress-reports"],
        parameters=[OpenApiParameter("pk", OpenApiTypes.INT, OpenApiParameter.PATH,
                                     description=_("Id van het voortgangsrapport."))],
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY,
                                                                      description=_("Het rapport als bestand.")),
                   401: NOT_AUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def handle_exception(self, exc):
        """Errors are JSON whatever format was asked for (``?format=bin`` must not turn a 403 into bytes)."""
        response = super().handle_exception(exc)
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = "application/json"
        return response

    def get_serializer(self, *args, **kwargs):  # noqa: D401 — for drf-spectacular: a file, no serializer
        return None

    def get(self, request, pk):
        try:
            report = reports_visible_to(request.user).get(pk=pk)
        except PermissionDenied as error:
            raise ApiPermissionDenied(str(error))
        except ProgressReport.DoesNotExist:
            raise Http404
        return export_response(report, self.file_format)


def export_response(report, file_format: str) -> HttpResponse:
    stamp = report.as_of.strftime("%Y-%m-%d")
    if file_format == "docx":
        response = HttpResponse(content.render_docx(report), content_type=DOCX)
    else:
        response = HttpResponse(content.render_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="voortgangsrapport-{stamp}.{file_format}"'
    return response
