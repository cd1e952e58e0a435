"""The API's shared OpenAPI responses and the schema post-processing that documents them everywhere.

Every operation can answer with the same error shapes, so they are documented once here and added to
each operation by ``document_common_responses`` (a drf-spectacular post-processing hook):

- 400: field → list of messages (``{"title": ["Dit veld is vereist."]}``), or ``{"detail": "…"}``
  (malformed JSON, a refused file); nested serializers give nested objects.
- 401 (not signed in, or a bad, revoked or expired token), 403 (role, read-only token), 404 (unknown id,
  unknown path, an object you may not see), 415 (a body that is not JSON where JSON is expected),
  429 (throttled, with ``Retry-After``): ``{"detail": "…"}``.

Integer query parameters that name an object get the id range (1 … 2**63 - 1), and the paging
parameters their range, so a client (and a fuzzer) knows what is valid.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from common.ids import MAX_ID

ERROR = "ApiError"
VALIDATION_ERROR = "ApiValidationError"
MAX_PAGE_SIZE = 200
PAGING = {"page": {"minimum": 1, "maximum": MAX_ID}, "page_size": {"minimum": 1, "maximum": MAX_PAGE_SIZE}}
NOT_ID = {"limit", "version", "year"}

DESCRIPTIONS = {
    "400": "Ongeldige invoer: per veld een lijst met meldingen, of {\"detail\": …}.",
    "401": "Niet aangemeld, of het token is ongeldig, ingetrokken of verlopen.",
    "403": "Uw rol, portefeuille of een alleen-lezen-token laat dit niet toe.",
    "404": "Bestaat niet of u mag het niet zien.",
    "415": "De inhoud moet JSON zijn (Content-Type: application/json).",
    "429": "Te veel aanvragen; probeer opnieuw na Retry-After seconden.",
}

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": "Veldnaam → meldingen (`detail` voor een melding over het geheel).",
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
            {"type": "string"},
            {"type": "object"},
        ]
    },
}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


NOT_AUTHENTICATED = OpenApiResponse(ErrorSerializer, description=DESCRIPTIONS["401"])
FORBIDDEN = OpenApiResponse(ErrorSerializer, description=DESCRIPTIONS["403"])
NOT_FOUND = OpenApiResponse(ErrorSerializer, description=DESCRIPTIONS["404"])
UNSUPPORTED_MEDIA_TYPE = OpenApiResponse(ErrorSerializer, description=DESCRIPTIONS["415"])
THROTTLED = OpenApiResponse(ErrorSerializer, description=DESCRIPTIONS["429"])


def _json(ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


def _response(code: str, ref: str) -> dict:
    response = {"description": DESCRIPTIONS[code], "content": _json(ref)}
    if code == "429":
        response["headers"] = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconden."}}
    return response


def _widen_400(response: dict) -> None:
    """Keep what an operation says about its 400, and allow the shared field → messages shape too."""
    content = response.setdefault("content", {})
    media = content.get("application/json")
    if not media or "schema" not in media:
        content["application/json"] = {"schema": {"$ref": f"#/components/schemas/{VALIDATION_ERROR}"}}
        return
    own = media["schema"]
    if own.get("$ref", "").endswith("/" + VALIDATION_ERROR):
        return
    media["schema"] = {"anyOf": [own, {"$ref": f"#/components/schemas/{VALIDATION_ERROR}"}]}
    for other in [k for k in content if k != "application/json"]:
        del content[other]


def _constrain_query(parameters: list) -> None:
    for parameter in parameters:
        if parameter.get("in") != "query":
            continue
        schema = parameter.setdefault("schema", {})
        name = parameter.get("name")
        if name in PAGING:
            schema.update(type="integer", **PAGING[name])
        elif schema.get("type") == "integer" and name not in NOT_ID and "minimum" not in schema:
            schema.update(minimum=1, maximum=MAX_ID, format="int64")
        elif schema.get("type") == "string" and schema.get("format") in ("date", "date-time"):
            parameter["allowEmptyValue"] = False


def document_common_responses(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOK: the shared error responses on every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas[ERROR] = ERROR_SCHEMA
    schemas[VALIDATION_ERROR] = VALIDATION_ERROR_SCHEMA
    for name, component in schemas.items():
        # PATCH bodies are all-optional, but an edit without the version read is refused (400)
        if name.startswith("Patched") and name.endswith("UpdateRequest") and "version" in component.get("properties", {}):
            component["required"] = sorted({*component.get("required", []), "version"})
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            _constrain_query(operation.get("parameters", []))
            if "400" in responses:
                _widen_400(responses["400"])
            elif operation.get("parameters") or "requestBody" in operation:
                responses["400"] = _response("400", VALIDATION_ERROR)
            for code in ("401", "403", "404", "429"):
                responses.setdefault(code, _response(code, ERROR))
            if "requestBody" in operation:
                responses.setdefault("415", _response("415", ERROR))
    return result
