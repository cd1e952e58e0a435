from django.contrib import admin
from django.urls import include, path

from config import health

urlpatterns = [
    path("health/", health.health, name="health"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("actieplan.api.urls")),
    path("", include("werkgroepen.urls")),
    path("", include("actieplan.urls")),
]
