"""HTML pages. Working-group pages are here too: they show actions and use the
permission vocabulary of ``actieplan`` (``werkgroepen`` must not import ``actieplan``)."""

from django.urls import path

from actieplan import views

urlpatterns = [
    path("", views.home, name="home"),
    path("werkgroepen/", views.group_list, name="group_list"),
    path("werkgroepen/<int:pk>/", views.group_detail, name="group_detail"),
    path("werkgroepen/<int:pk>/leden/", views.group_members, name="group_members"),
    path(
        "werkgroepen/<int:pk>/leden/<int:membership_pk>/verwijderen/",
        views.membership_delete,
        name="membership_delete",
    ),
    path("werkgroepen/<int:pk>/indienen/", views.group_submit, name="group_submit"),
    path("acties/", views.action_list, name="action_list"),
    path("acties/nieuw/", views.action_create, name="action_create"),
    path("acties/<int:pk>/", views.action_detail, name="action_detail"),
    path("acties/<int:pk>/bewerken/", views.action_edit, name="action_edit"),
    path("acties/<int:pk>/opmerkingen/", views.comment_create, name="comment_create"),
    path("acties/<int:pk>/status/", views.action_transition, name="action_transition"),
]
