"""HTML pages of reminders (Herinneringen, preferences)."""

from django.urls import path

from monitoring.reminders import views as reminder_views

urlpatterns: list = [
    path("herinneringen/", reminder_views.reminder_list, name="reminder_list"),
    path("herinneringen/voorkeuren/", reminder_views.reminder_preferences, name="reminder_preferences"),
]
