"""HTML pages of data exchange (import, exports, API tokens)."""

from django.urls import path

urlpatterns: list = []
