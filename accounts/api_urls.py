"""API of accounts, included under ``/api/v1/`` with namespace ``accounts_api``."""

from common.ids import IdRouter
from accounts import api

app_name = "accounts_api"

router = IdRouter()
router.register("users", api.UserViewSet, basename="user")

urlpatterns: list = [*router.urls]
