"""API of data exchange (imports, read-only tokens); registered by ``actieplan.api.urls``."""

urlpatterns: list = []


def register(router) -> None:
    """Register this part's viewsets on the shared router."""
