"""API of monitoring, included under ``/api/v1/`` with namespace ``monitoring_api``."""

from rest_framework.routers import DefaultRouter

app_name = "monitoring_api"

router = DefaultRouter()
router.include_root_view = False

urlpatterns: list = [*router.urls]
