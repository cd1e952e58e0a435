from django.urls import path

from common import ids  # noqa: F401  (registers the <id:…> path converter)
from overlap import views

urlpatterns = [
    path("afstemming/thesaurus/", views.thesaurus, name="overlap_thesaurus"),
    path("afstemming/thesaurus/<id:pk>/verwijderen/", views.thesaurus_delete, name="overlap_thesaurus_delete"),
]
