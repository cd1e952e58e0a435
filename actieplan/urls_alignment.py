"""HTML pages of the alignment part."""

from django.urls import path

urlpatterns: list = []
