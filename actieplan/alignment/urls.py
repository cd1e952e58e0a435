"""HTML pages of the alignment part (phase 2): the coordinators' workspace."""

from django.urls import path

from actieplan.alignment import views
from common import ids  # noqa: F401  (registers the <id:…> path converter)

urlpatterns = [
    path("afstemming/", views.board, name="alignment_board"),
    path("afstemming/volgende/", views.next_suggestion, name="alignment_next_suggestion"),
    path("afstemming/vergelijken/<id:a>/<id:b>/", views.compare, name="alignment_compare"),
    path("afstemming/acties/<id:pk>/samenvoegen/", views.merge, name="alignment_merge"),
    path("afstemming/acties/<id:pk>/samenvoeging-ongedaan-maken/", views.unmerge, name="alignment_unmerge"),
    path("afstemming/acties/<id:pk>/geen-overlap/<id:other>/", views.dismiss, name="alignment_dismiss"),
    path("afstemming/acties/<id:pk>/koppelingen/", views.link_create, name="action_link_create"),
    path("afstemming/koppelingen/<id:pk>/verwijderen/", views.link_delete, name="action_link_delete"),
    path("afstemming/beslissingen/", views.decision_log, name="decision_log"),
    path("afstemming/dekking/", views.coverage, name="coverage_matrix"),
]
