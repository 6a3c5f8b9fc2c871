"""The error responses of each operation, added to the schema drf-spectacular writes.

drf-spectacular documents the success response only; a client (and a schema
conformance test) must also know the errors each operation can answer, and
that they are JSON: `{"detail": "..."}`, or for invalid input the fields with
their messages.
"""

from rest_framework.settings import api_settings

DETAIL = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
    },
    "required": ["detail"],
}
# {"title": ["This field is required."]}, or {"detail": "..."} for a body that is not JSON.
INVALID = {"type": "object", "additionalProperties": True}


def _response(description, schema):
    media_type = {"schema": schema}
    return {"content": {"application/json": media_type}, "description": description}


def error_responses(method, path, operation):
    """The errors one operation can answer, by status code."""
    errors = {}
    if "requestBody" in operation:
        errors["400"] = _response("The body is not JSON, or its fields are not valid.", INVALID)
    if operation.get("security") != [{}]:
        errors["403"] = _response("Not signed in, or not allowed.", DETAIL)
    if "{" in path or method == "get":
        errors["404"] = _response("Not found: not one of yours, or no such page.", DETAIL)
    if "requestBody" in operation:
        errors["415"] = _response("The body is not application/json.", DETAIL)
    if api_settings.DEFAULT_THROTTLE_CLASSES:
        errors["429"] = _response("Too many requests; Retry-After says when to retry.", DETAIL)
    return errors


def add_error_responses(result, generator, request, public):
    """A drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            for status, response in error_responses(method, path, operation).items():
                operation["responses"].setdefault(status, response)
    return result
