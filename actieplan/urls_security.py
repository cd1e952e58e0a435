"""Security pages: logins locked after too many wrong passwords."""

from django.urls import path

from actieplan import lockout_views as views

urlpatterns = [
    path("beveiliging/vergrendelingen/", views.lockout_list, name="lockout_list"),
    path("beveiliging/vergrendelingen/<int:pk>/ontgrendelen/", views.lockout_release, name="lockout_release"),
]
