"""HTML pages. Working-group pages are here too: they show actions and use the
permission vocabulary of ``actieplan`` (``werkgroepen`` must not import ``actieplan``)."""

from django.urls import path

from actieplan.actions import views
from common import ids  # noqa: F401  (registers the <id:…> path converter)

urlpatterns = [
    path("", views.home, name="home"),
    path("werkgroepen/", views.group_list, name="group_list"),
    path("werkgroepen/<id:pk>/", views.group_detail, name="group_detail"),
    path("werkgroepen/<id:pk>/leden/", views.group_members, name="group_members"),
    path(
        "werkgroepen/<id:pk>/leden/<id:membership_pk>/verwijderen/",
        views.membership_delete,
        name="membership_delete",
    ),
    path("werkgroepen/<id:pk>/indienen/", views.group_submit, name="group_submit"),
    path("acties/", views.action_list, name="action_list"),
    path("acties/nieuw/", views.action_create, name="action_create"),
    path("acties/<id:pk>/", views.action_detail, name="action_detail"),
    path("acties/<id:pk>/bewerken/", views.action_edit, name="action_edit"),
    path("acties/<id:pk>/opmerkingen/", views.comment_create, name="comment_create"),
    path("acties/<id:pk>/status/", views.action_transition, name="action_transition"),
]
