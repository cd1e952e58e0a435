"""API of monitoring, included under ``/api/v1/`` with namespace ``monitoring_api``."""

from django.urls import path
from common import ids  # noqa: F401  (registers the <id:…> path converter)
from common.ids import IdRouter
from monitoring import api

app_name = "monitoring_api"

router = IdRouter()
router.register("status-updates", api.StatusUpdateViewSet, basename="status-update")
router.register("indicators", api.IndicatorViewSet, basename="indicator")

urlpatterns: list = [
    path("actions/<id:pk>/outcomes/", api.ActionOutcomeListView.as_view(), name="action-outcomes"),
    path("dashboard/", api.DashboardView.as_view(), name="dashboard"),
    path("reports/cabinet/", api.CabinetReportView.as_view(), name="cabinet-report"),
    path("reports/cabinet.pdf", api.CabinetReportPdfView.as_view(), name="cabinet-report-pdf"),
    *router.urls,
]
