"""API of the inventory, included under ``/api/v1/`` with namespace ``inventory_api``."""

from common.ids import IdRouter
from inventory import api

app_name = "inventory_api"

router = IdRouter()
router.register("measures", api.MeasureViewSet, basename="measure")
router.register("evidence", api.EvidenceViewSet, basename="evidence")

urlpatterns: list = [*router.urls]
