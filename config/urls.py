from django.contrib import admin
from django.urls import include, path

from config import health

urlpatterns = [
    path("health/", health.health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", include("actieplan.api.urls")),
    path("api/v1/", include("monitoring.api_urls")),
    path("api/v1/", include("accounts.api_urls")),
    path("", include("accounts.urls")),
    path("api/v1/", include("inbox.api_urls")),
    path("api/v1/", include("reporting.api_urls")),
    path("api/v1/", include("governance.api_urls")),
    path("", include("actieplan.actions.urls")),
    path("", include("actieplan.alignment.urls")),
    path("", include("overlap.urls")),
    path("", include("actieplan.plan.urls")),
    path("", include("actieplan.exchange.urls")),
    path("", include("actieplan.urls_security")),
    path("", include("monitoring.urls")),
    path("", include("monitoring.reminders.urls")),
    path("", include("inbox.urls")),
    path("", include("reporting.urls")),
    path("api/v1/", include("inventory.api_urls")),
    path("", include("inventory.urls")),
    path("", include("governance.urls")),
]

handler404 = "config.errors.page_not_found"
