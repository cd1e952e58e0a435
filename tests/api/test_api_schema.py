"""API: the OpenAPI 3 schema and the docs page (Swagger UI from local static files)."""

import base64
import hashlib
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.validation import validate_schema

SCHEMA = reverse("api:schema")
DOCS = reverse("api:docs")

# Warnings that disappear once the lead applies the two settings/filter changes named in
# the API report (ENUM_NAME_OVERRIDES for the status enum; field_name="primary_barrier" on
# ActionFilter.barrier). Empty this set then: any other warning fails the test.
PENDING_WARNINGS: tuple[str, ...] = ()


@pytest.fixture
def schema(client, db):
    response = client.get(SCHEMA, {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_is_valid_openapi_3(schema):
    validate_schema(schema)  # raises on an invalid document
    assert schema["openapi"].startswith("3.")
    for path in [
        "/api/v1/auth/token/", "/api/v1/barriers/", "/api/v1/target-groups/", "/api/v1/policy-domains/",
        "/api/v1/organisations/", "/api/v1/plans-linked/", "/api/v1/working-groups/",
        "/api/v1/actions/", "/api/v1/actions/{id}/", "/api/v1/actions/{id}/transition/",
    ]:
        assert path in schema["paths"], path
    assert "delete" not in schema["paths"]["/api/v1/actions/{id}/"]


def test_schema_documents_filters_and_auth(schema):
    params = {p["name"] for p in schema["paths"]["/api/v1/actions/"]["get"]["parameters"]}
    assert {"barrier", "target_group", "working_group", "status", "lead_domain", "search", "ordering", "page"} <= params
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    assert "cookieAuth" in schema["components"]["securitySchemes"]


def test_schema_describes_transition_bodies_and_errors(schema):
    operation = schema["paths"]["/api/v1/actions/{id}/transition/"]["post"]
    request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    # into and carry_over: merging in phase 2 ({"to": "merged", "into": <id>, "reason": "…"})
    assert set(schema["components"]["schemas"][request]["properties"]) == {"to", "reason", "into", "carry_over"}
    assert {"200", "400", "401", "403", "404", "409"} <= set(operation["responses"])
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][ok]["properties"]) == {"id", "status", "version"}


def test_schema_describes_token_and_conflict_bodies(schema):
    token = schema["paths"]["/api/v1/auth/token/"]["post"]
    assert {"200", "400"} <= set(token["responses"])
    request = token["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][request]["required"]) == {"username", "password"}
    conflict = schema["paths"]["/api/v1/actions/{id}/"]["put"]["responses"]["409"]
    ref = conflict["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {"detail", "current_version", "changes"}


def test_action_schema_marks_extras_read_only(schema):
    action = schema["components"]["schemas"]["Action"]["properties"]
    extras = ["status", "status_display", "working_group_name", "lead_domain_name", "created_by", "url"]
    for name in [*extras, "allowed_transitions"]:
        assert action[name].get("readOnly"), name
    request = schema["components"]["schemas"]["ActionRequest"]["properties"]
    assert "status" not in request and "status_display" not in request
    assert "version" in request


def test_spectacular_command_finds_no_errors(db, tmp_path):
    GENERATOR_STATS.reset()
    stderr = io.StringIO()
    call_command("spectacular", "--validate", "--file", str(tmp_path / "schema.yaml"), stderr=stderr)
    assert not GENERATOR_STATS._error_cache, stderr.getvalue()
    unexpected = [w for w in GENERATOR_STATS._warn_cache if not any(p in w for p in PENDING_WARNINGS)]
    assert not unexpected, stderr.getvalue()


def test_docs_page_loads_from_local_files(client, db):
    response = client.get(DOCS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "http://" not in html and "https://" not in html  # no CDN
    # the start-up script is a same-origin file, so script-src 'self' is enough
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'"]
    assert "<script>" not in html
    # every asset the page names is served
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert any(a.endswith("swagger-ui.css") for a in assets)
    for asset in assets:
        asset_response = client.get(asset.replace("&amp;", "&"))
        assert asset_response.status_code == 200, asset
        body = b"".join(asset_response.streaming_content) if asset_response.streaming else asset_response.content
        assert body, asset
    script = client.get(DOCS, {"script": ""})
    assert script["Content-Type"].startswith("application/javascript")
    assert SCHEMA in script.content.decode()


def test_docs_page_allows_only_its_own_inline_style(client, db):
    response = client.get(DOCS)
    style_src = next(d for d in response["Content-Security-Policy"].split(";") if d.strip().startswith("style-src"))
    assert "'unsafe-inline'" not in style_src
    for block in re.findall(r"<style>(.*?)</style>", response.content.decode(), re.S):
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in style_src.split()


def test_other_pages_keep_the_strict_style_policy(client, db):
    response = client.get(SCHEMA)
    assert "sha256" not in response["Content-Security-Policy"]
