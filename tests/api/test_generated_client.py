"""A client generated from the OpenAPI schema works against a live server (issue 17).

openapi-python-client (pinned in requirements-dev.txt) generates a package from the schema the
server serves; every module of it must import, and a scripted session with it must do what an
integrating department does: log in, list with filters, page through every action, get one, a
full PUT round trip (accents, an empty optional field), PATCH, a transition, similar actions, a
status update, the cabinet report and a binary export.
"""

from __future__ import annotations

import datetime
import importlib
import json
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
import requests

from actieplan.models import Status
from tests import factories as f
from tests.monitoring_helpers import adopted_action

VENV_BIN = Path(sys.executable).parent
GENERATOR = shutil.which("openapi-python-client", path=str(VENV_BIN)) or shutil.which("openapi-python-client")
PACKAGE = "actieplan_api_client"

pytestmark = pytest.mark.skipif(GENERATOR is None, reason="openapi-python-client is not installed")

# The generator cannot parse binary responses of other media types than octet-stream: read them
# as bytes (what they are) through this override.
GENERATOR_CONFIG = {
    "content_type_overrides": {
        "application/pdf": "application/octet-stream",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "application/octet-stream",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "application/octet-stream",
        "text/csv": "application/octet-stream",
    }
}


@pytest.fixture
def world(transactional_db):
    mobility = f.barrier(name="Mobiliteit", slug="mobiliteit")
    f.barrier(name="Zorgtaken", slug="zorgtaken")
    domain = f.policy_domain(name="Werk en Sociale Economie", abbreviation="WSE")
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    coordinator = f.user("coordinator", is_coordinator=True, cabinet_all_domains=True)
    actions = [f.action(working_group=group, primary_barrier=mobility, code=f"MOB-{n:02d}",
                        title=f"Vervoer op maat {n}", status=Status.DRAFT) for n in range(1, 6)]
    running = adopted_action(group=group, barrier=mobility, domain=domain, code="MOB-20",
                             title="Busvervoer naar bedrijventerreinen")
    return {"coordinator": coordinator, "draft": actions[0], "running": running, "count": 6, "domain": domain}


def _generate(schema: dict, where: Path):
    (where / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (where / "config.json").write_text(json.dumps(GENERATOR_CONFIG), encoding="utf-8")
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(
        [GENERATOR, "generate", "--path", str(where / "schema.json"), "--config", str(where / "config.json"),
         "--meta", "none", "--output-path", str(where / PACKAGE)],
        check=True, capture_output=True, env=env, timeout=300,
    )
    sys.path.insert(0, str(where))
    return importlib.import_module(PACKAGE)


def _op(name: str):
    for group in ("v1", "alignment", "auth", "reports", "plans", "imports", "dashboard"):
        try:
            return importlib.import_module(f"{PACKAGE}.api.{group}.{name}")
        except ModuleNotFoundError:
            continue
    raise AssertionError(f"the generated client has no operation {name}")


def test_a_generated_client_runs_a_whole_session(live_server, world, tmp_path):
    base = live_server.url
    login = requests.post(f"{base}/api/v1/auth/token/", json={"username": "coordinator", "password": f.PASSWORD},
                          timeout=30)
    schema = requests.get(f"{base}/api/schema/?format=json", timeout=60,
                          headers={"Authorization": f"Token {login.json()['token']}"}).json()
    package = _generate(schema, tmp_path)
    try:
        broken = []
        for module in pkgutil.walk_packages(package.__path__, f"{PACKAGE}."):
            try:
                importlib.import_module(module.name)
            except Exception as error:  # noqa: BLE001 - every broken module is reported
                broken.append(f"{module.name}: {error}")
        assert broken == []

        models = importlib.import_module(f"{PACKAGE}.models")
        client_module = importlib.import_module(f"{PACKAGE}.client")

        # log in through the client itself
        anonymous = client_module.Client(base_url=base)
        token = _op("auth_token_create").sync(
            client=anonymous, body=models.TokenRequestRequest(username="coordinator", password=f.PASSWORD))
        assert token.token
        api = client_module.AuthenticatedClient(base_url=base, token=token.token, prefix="Token")

        # list with a filter, and page through every action two at a time
        drafts = _op("v1_actions_list").sync(client=api, status=[models.V1ActionsListStatusItem("draft")])
        assert drafts.count == 5
        codes, page = [], 1
        while True:
            listing = _op("v1_actions_list").sync(client=api, page=page, page_size=2)
            codes += [a.code for a in listing.results]
            if not listing.next_:
                break
            page += 1
        assert len(codes) == len(set(codes)) == world["count"]

        # get, then a full PUT of what was read, with accents and an empty optional field
        action_id = world["draft"].pk
        action = _op("v1_actions_retrieve").sync(id=action_id, client=api)
        writable = set(attrs.fields_dict(models.ActionUpdateRequest)) - {"additional_properties"}
        body = models.ActionUpdateRequest.from_dict({
            **{k: v for k, v in action.to_dict().items() if k in writable},
            "title": "Vervoer op maat: één loket voor Zoë (€ 250)",
            "intended_result": "",
        })
        updated = _op("v1_actions_update").sync_detailed(id=action_id, client=api, body=body)
        assert updated.status_code == 200, updated.content
        assert updated.parsed.title == "Vervoer op maat: één loket voor Zoë (€ 250)"
        assert updated.parsed.intended_result == ""
        assert updated.parsed.version == action.version + 1

        # PATCH one field
        patched = _op("v1_actions_partial_update").sync_detailed(
            id=action_id, client=api,
            body=models.PatchedActionUpdateRequest(description="Nieuwe beschrijving", version=updated.parsed.version))
        assert patched.status_code == 200, patched.content
        assert patched.parsed.description == "Nieuwe beschrijving"

        # a transition
        moved = _op("v1_actions_transition_create").sync_detailed(
            id=action_id, client=api, body=models.TransitionRequest(to=models.ActionStatusEnum("submitted")))
        assert moved.status_code == 200, moved.content
        assert moved.parsed.status == "submitted"

        # similar actions
        similar = _op("actions_similar_list").sync_detailed(id=action_id, client=api, limit=3)
        assert similar.status_code == 200, similar.content

        # a status update on the running action
        update = _op("v1_status_updates_create").sync_detailed(client=api, body=models.StatusUpdateRequest(
            action=world["running"].pk, date=datetime.date.today(),
            progress_state=models.ProgressStateEnum("on_track"), percent_complete=40, done="Eerste ritten gereden."))
        assert update.status_code == 201, update.content

        # the cabinet report, and a binary export
        report = _op("reports_cabinet_retrieve").sync_detailed(client=api)
        assert report.status_code == 200, report.content
        assert report.parsed.headline.actions >= 1
        template = _op("imports_template").sync_detailed(client=api)
        assert template.status_code == 200
        assert template.content[:2] == b"PK"  # an XLSX is a zip archive
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]
