"""HTML pages of monitoring."""

from django.urls import path

urlpatterns: list = []
