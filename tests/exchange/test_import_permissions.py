"""Permission rows of every page and endpoint of data exchange, per role.

Same outcomes as ``tests/security/test_permission_matrix.py`` (OK, LOGIN, 403, 404), so the rows
can move into its ``RULES``. ``test_every_exchange_url_has_a_rule`` fails when a URL of
``actieplan.exchange.urls`` or ``actieplan.exchange.api`` has no row here.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from actieplan.exchange import importer
from actieplan.api_tokens import api_token_create
from tests.conftest import ROLES
from tests.importing import media_root, upload, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("media_root")

OK, LOGIN, FORBIDDEN, NOT_FOUND = "ok", "login", 403, 404
EVERYONE = {"anonymous": LOGIN, "*": OK}
IMPORTERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "*": FORBIDDEN}
JOB_VIEWERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "*": FORBIDDEN}  # the chair uploaded it
JOB_OWNER = {"anonymous": LOGIN, "chair": OK, "*": FORBIDDEN}
API_JOB_VIEWERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "*": NOT_FOUND}
API_JOB_OWNER = {"anonymous": LOGIN, "chair": OK, "coordinator": FORBIDDEN, "*": NOT_FOUND}
TOKEN_MANAGERS = {"anonymous": LOGIN, "coordinator": OK, "member": OK, "*": NOT_FOUND}  # the member's token

RULES = {
    # pages
    "import_start": {"GET": IMPORTERS, "POST": IMPORTERS},
    "import_template": {"GET": EVERYONE},
    "import_detail": {"GET": JOB_VIEWERS},
    "import_status": {"GET": JOB_VIEWERS},
    "import_confirm": {"GET": JOB_OWNER, "POST": JOB_OWNER},
    "api_tokens": {"GET": EVERYONE, "POST": EVERYONE},
    "api_token_revoke": {"GET": TOKEN_MANAGERS, "POST": TOKEN_MANAGERS},
    # API
    "api:import-template": {"GET": EVERYONE},
    "api:import-list": {"GET": EVERYONE, "POST": IMPORTERS},
    "api:import-detail": {"GET": API_JOB_VIEWERS},
    "api:import-confirm": {"POST": API_JOB_OWNER},
    "api:api-token-list": {"GET": EVERYONE, "POST": EVERYONE},
    "api:api-token-detail": {"GET": TOKEN_MANAGERS},
    "api:api-token-revoke": {"POST": TOKEN_MANAGERS},
}

GOOD_ROW = {"title": "Vervoer op maat", "description": "Een busje.", "primary_barrier": "Mobiliteit"}


@pytest.fixture
def objects(users, group, barrier, chair, member):
    job = importer.import_start(user=chair, upload=upload(xlsx_bytes([GOOD_ROW])), working_group=group)
    token, _key = api_token_create(user=member, name="Rapportering")
    return {"group": group, "job": job, "token": token, "users": users}


def _kwargs(name, o):
    if name in ("import_detail", "import_status", "import_confirm", "api:import-detail", "api:import-confirm"):
        return {"pk": o["job"].pk}
    if name in ("api_token_revoke", "api:api-token-detail", "api:api-token-revoke"):
        return {"pk": o["token"].pk}
    return {}


def _payload(name, o):
    if name in ("import_start", "api:import-list"):
        return {"file": upload(xlsx_bytes([GOOD_ROW])), "working_group": o["group"].pk}
    if name in ("api_tokens", "api:api-token-list"):
        return {"name": "Koppeling"}
    return {}


def _cases():
    for name, methods in RULES.items():
        for method, per_role in methods.items():
            for role in ROLES:
                expected = per_role.get(role, per_role.get("*"))
                yield pytest.param(name, method, role, expected, id=f"{name}-{method}-{role}")


def test_every_exchange_url_has_a_rule():
    from actieplan.exchange import urls as urls_exchange
    from actieplan.exchange import api as exchange
    from actieplan.api.urls import router

    names = {p.name for p in urls_exchange.urlpatterns} | {f"api:{p.name}" for p in exchange.urlpatterns}
    names |= {f"api:{u.name}" for u in router.urls if u.name and u.name.startswith(("import-", "api-token-"))}
    assert names == set(RULES)


@pytest.mark.parametrize("name, method, role, expected", list(_cases()))
def test_permission(client, objects, name, method, role, expected):
    user = objects["users"][role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=_kwargs(name, objects))
    is_api = name.startswith("api:")
    if method == "GET":
        response = client.get(url)
    elif is_api and name != "api:import-list":  # the API takes JSON bodies; the upload stays multipart
        response = client.post(url, data=_payload(name, objects), content_type="application/json")
    else:
        response = client.post(url, data=_payload(name, objects))
    status = response.status_code
    if expected == OK:
        assert status < 400, f"{method} {url} as {role}: {status}"
        if status in (301, 302):
            assert not response["Location"].startswith(reverse("login")), f"{method} {url} as {role} went to login"
    elif expected == LOGIN:
        if is_api:
            assert status in (401, 403), f"{method} {url} as anonymous: {status}"
        else:
            assert status == 302 and response["Location"].startswith(reverse("login")), f"{method} {url}: {status}"
    else:
        assert status == expected, f"{method} {url} as {role}: expected {expected}, got {status}"
