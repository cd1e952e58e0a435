"""API of the progress reports, included under ``/api/v1/`` with namespace ``reporting_api``."""

from django.urls import path

from common.ids import IdRouter
from reporting import api

app_name = "reporting_api"

router = IdRouter()
router.register("progress-reports", api.ProgressReportViewSet, basename="progress-report")

urlpatterns: list = [
    path("progress-reports/<id:pk>/export.pdf", api.ProgressReportExportView.as_view(file_format="pdf"),
         name="progress-report-export-pdf"),
    path("progress-reports/<id:pk>/export.docx", api.ProgressReportExportView.as_view(file_format="docx"),
         name="progress-report-export-docx"),
    *router.urls,
]
