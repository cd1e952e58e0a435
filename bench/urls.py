"""The application's URLs plus ``/bench/floor/``, mounted only in the benchmark server."""

from django.urls import path

from bench.floor import floor
from config.urls import urlpatterns as application_urlpatterns

urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    *application_urlpatterns,
]
