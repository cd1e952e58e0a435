"""HTML pages of data exchange (import, exports, API tokens)."""

from django.urls import path

from actieplan import exchange_views as views

urlpatterns = [
    path("import/", views.import_start, name="import_start"),
    path("import/sjabloon.xlsx", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/<int:pk>/status/", views.import_status, name="import_status"),
    path("import/<int:pk>/bevestigen/", views.import_confirm, name="import_confirm"),
    path("api-tokens/", views.api_token_list, name="api_tokens"),
    path("api-tokens/<int:pk>/intrekken/", views.api_token_revoke, name="api_token_revoke"),
]
