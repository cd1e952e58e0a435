"""HTML pages of the plan part."""

from django.urls import path

urlpatterns: list = []
