"""Hooks of the OpenAPI schema (drf-spectacular): the error answers every operation may give are
documented, with their bodies, so that clients (and the schema tests) know them; text parameters
say that control characters are refused (circuito/input_hygiene.py); the deprecated aliases of
renamed routes stay out of the schema."""

from typing import Any

# The characters circuito.input_hygiene refuses, as a JSON Schema (ECMA 262) pattern.
NO_CONTROL_CHARACTERS = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]*$"

DETAIL_ERROR = "ErrorDetail"
VALIDATION_ERROR = "ValidationErrors"

# What the portal's exception handler, DRF and the input-hygiene middleware answer.
ERROR_RESPONSES: dict[str, tuple[str, str]] = {
    "400": (VALIDATION_ERROR, "The request is malformed or its data is invalid (messages per field)."),
    "401": (DETAIL_ERROR, "The credentials sent are wrong."),
    "403": (DETAIL_ERROR, "Authentication is needed, or the user may not do this."),
    "404": (DETAIL_ERROR, "The object does not exist or the user may not see it, or the page is past the end."),
    "429": (DETAIL_ERROR, "Too many requests: retry after the number of seconds in Retry-After."),
}
BODY_ERROR_RESPONSES: dict[str, tuple[str, str]] = {
    "415": (DETAIL_ERROR, "The body's media type is not one the operation accepts."),
}


def _components() -> dict[str, dict[str, Any]]:
    return {
        DETAIL_ERROR: {
            "type": "object",
            "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
            "required": ["detail"],
        },
        VALIDATION_ERROR: {
            "type": "object",
            "description": "Messages per field name (`non_field_errors` for the whole object), or a `detail`.",
            "additionalProperties": True,
        },
    }


def _refuse_control_characters(schema: dict[str, Any]) -> None:
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        _refuse_control_characters(schema["items"])
    elif schema.get("type") == "string" and not {"enum", "format", "pattern"} & schema.keys():
        schema["pattern"] = NO_CONTROL_CHARACTERS


def document_error_responses(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """Add the error answers each operation may give, unless the operation documents its own,
    and the characters its text parameters may not hold."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(_components())
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") in ("query", "path") and isinstance(parameter.get("schema"), dict):
                    _refuse_control_characters(parameter["schema"])
            responses = operation.setdefault("responses", {})
            errors = {**ERROR_RESPONSES, **(BODY_ERROR_RESPONSES if "requestBody" in operation else {})}
            for status, (component, description) in errors.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
                    },
                )
    return result


def exclude_deprecated_aliases(endpoints: list[tuple]) -> list[tuple]:
    """Deprecated route aliases answer like their new names but are not documented twice."""
    from circuito.api import DEPRECATED_PREFIXES

    return [
        endpoint
        for endpoint in endpoints
        if not any(endpoint[0].startswith(f"/api/v1/{old}/") for old in DEPRECATED_PREFIXES)
    ]
