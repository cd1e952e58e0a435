"""HTML pages of reminders (Herinneringen, preferences)."""

from django.urls import path

urlpatterns: list = []
