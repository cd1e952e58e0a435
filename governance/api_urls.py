"""API of the meetings, included under ``/api/v1/`` with namespace ``governance_api``."""

from common.ids import IdRouter
from governance import api

app_name = "governance_api"

router = IdRouter()
router.register("meetings", api.MeetingViewSet, basename="meeting")

urlpatterns: list = [*router.urls]
