"""Pages of the inbox: what needs me now, and my notifications."""

from django.urls import path

from common import ids  # noqa: F401  (registers the <id:…> path converter)
from inbox import views

urlpatterns = [
    path("te-doen/", views.task_overview, name="inbox_overview"),
    path("te-doen/<slug:slug>/", views.task_list, name="inbox_tasks"),
    path("meldingen/", views.notification_list, name="notification_list"),
    path("meldingen/alles-gelezen/", views.notifications_read_all, name="notifications_read_all"),
    path("meldingen/<id:pk>/", views.notification_open, name="notification_open"),
]
