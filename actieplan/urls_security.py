"""Security pages: logins locked after too many wrong passwords."""

from django.urls import path

from actieplan import lockout_views as views
from common import ids  # noqa: F401  (registers the <id:…> path converter)

urlpatterns = [
    path("beveiliging/vergrendelingen/", views.lockout_list, name="lockout_list"),
    path("beveiliging/vergrendelingen/<id:pk>/ontgrendelen/", views.lockout_release, name="lockout_release"),
]
