"""Additions to the generated OpenAPI schema that hold for every operation.

Every error of the API has the same shape, `{"detail": "..."}` (Django REST framework's own), in the language
the request asks for (Accept-Language; German by default; api.middleware), and every operation can answer 400
(an unknown query parameter, an invalid filter value, a page or page size that is no whole number in range),
404 (unknown object or a page past the end) and 429 (rate limit). A 400 about the query names the parameters
the operation accepts (`allowed`), those it did not know (`unknown`) and the invalid values (`errors`). The
schema says so, so that clients – and the fuzz test – can rely on it.
"""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "allowed": {"type": "array", "items": {"type": "string"}},
        "unknown": {"type": "array", "items": {"type": "string"}},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "additionalProperties": True,
}
CONFLICT = {"409": "Inzwischen von jemand anderem geändert (revision)"}
ERRORS = {
    "400": "Ungültige Angabe in der Anfrage (auch: unbekannter Parameter, ungültige Seite)",
    "401": "Schlüssel fehlt, ist unbekannt oder widerrufen",
    "403": "Keine Berechtigung",
    "404": "Nicht gefunden (auch: Seite nach der letzten)",
    "429": "Zu viele Anfragen",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the common error responses on every operation."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            errors = ERRORS | (
                CONFLICT if operation.get("operationId", "").endswith(("_update", "_partial_update")) else {}
            )
            for status, description in errors.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
