"""HTML pages of data exchange (import, exports, API tokens)."""

from django.urls import path

from actieplan.exchange import views
from common import ids  # noqa: F401  (registers the <id:…> path converter)

urlpatterns = [
    path("import/", views.import_start, name="import_start"),
    path("import/sjabloon.xlsx", views.import_template, name="import_template"),
    path("import/<id:pk>/", views.import_detail, name="import_detail"),
    path("import/<id:pk>/status/", views.import_status, name="import_status"),
    path("import/<id:pk>/bevestigen/", views.import_confirm, name="import_confirm"),
    path("api-tokens/", views.api_token_list, name="api_tokens"),
    path("api-tokens/<id:pk>/intrekken/", views.api_token_revoke, name="api_token_revoke"),
]
