"""URLs of the API, included under ``/api/`` by ``config.urls``.

Names are namespaced ``api:`` (``api:action-list``, ``api:action-transition``,
``api:token``, ``api:schema``, ``api:docs`` ...).
"""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from actieplan.alignment import api as alignment
from actieplan.exchange import api as exchange
from actieplan.plan import api as plan
from actieplan.actions import api as views
from common.ids import IdRouter

app_name = "api"

router = IdRouter()  # detail routes take <id:pk>: other text is a JSON 404
router.register("barriers", views.BarrierViewSet, basename="barrier")
router.register("target-groups", views.TargetGroupViewSet, basename="target-group")
router.register("policy-domains", views.PolicyDomainViewSet, basename="policy-domain")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("plans-linked", views.LinkedPlanViewSet, basename="linked-plan")
router.register("working-groups", views.WorkingGroupViewSet, basename="working-group")
router.register("rounds", views.RoundViewSet, basename="round")
router.register("actions", views.ActionViewSet, basename="action")
alignment.register(router)
plan.register(router)
exchange.register(router)

# The docs page is Swagger UI from drf-spectacular-sidecar's local static files. The
# "split" view serves its start-up script as a separate same-origin file, so
# script-src 'self' holds. The page template has one small inline <style> block; it is
# allowed by its hash on this page only (tests/api/test_api_schema.py checks the hash still
# matches the served page; a mismatch would only lose that cosmetic style).
DOCS_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"
docs_view = csp_update({"style-src": [DOCS_STYLE_HASH]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema", title="Actieplan Drempels naar Werk API")
)

urlpatterns = [
    path("v1/auth/token/", views.TokenObtainView.as_view(), name="token"),
    path("v1/", include(alignment.urlpatterns)),
    path("v1/", include(plan.urlpatterns)),
    path("v1/", include(exchange.urlpatterns)),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs_view, name="docs"),
]
