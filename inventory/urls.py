"""HTML pages of the inventory: barriers, existing measures, research and evidence."""

from django.urls import path

from common import ids  # noqa: F401  (registers the <id:…> path converter)
from inventory import views

urlpatterns = [
    path("drempels/", views.barrier_list, name="barrier_list"),
    path("drempels/<id:pk>/", views.barrier_detail, name="barrier_detail"),
    path("maatregelen/", views.measure_list, name="measure_list"),
    path("maatregelen/nieuw/", views.measure_create, name="measure_create"),
    path("maatregelen/<id:pk>/", views.measure_detail, name="measure_detail"),
    path("maatregelen/<id:pk>/bewerken/", views.measure_edit, name="measure_edit"),
    path("maatregelen/<id:pk>/acties/", views.measure_link_action, name="measure_link_action"),
    path("maatregelen/koppelingen/<id:pk>/verwijderen/", views.measure_link_delete, name="measure_link_delete"),
    path("evidentie/", views.evidence_list, name="evidence_list"),
    path("evidentie/nieuw/", views.evidence_create, name="evidence_create"),
    path("evidentie/<id:pk>/", views.evidence_detail, name="evidence_detail"),
    path("evidentie/<id:pk>/bewerken/", views.evidence_edit, name="evidence_edit"),
]
