"""API of the inbox, included under ``/api/v1/`` with namespace ``inbox_api``."""

from django.urls import path

from common import ids  # noqa: F401  (registers the <id:…> path converter)
from inbox import api

app_name = "inbox_api"

urlpatterns = [
    path("me/tasks/", api.MyTasksView.as_view(), name="my-tasks"),
    path("me/notifications/", api.MyNotificationsView.as_view(), name="my-notifications"),
    path("me/notifications/<id:pk>/read/", api.NotificationReadView.as_view(), name="notification-read"),
]
