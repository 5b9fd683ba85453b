"""Additions to the generated OpenAPI schema that hold for every operation.

Every error of the API has the same shape, `{"detail": "..."}` (Django REST framework's own), and every
operation can answer 400 (invalid filter), 404 (unknown object or a page past the end) and 429 (rate
limit). The schema says so, so that clients – and the fuzz test – can rely on it.
"""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
CONFLICT = {"409": "Inzwischen von jemand anderem geändert (revision)"}
ERRORS = {
    "400": "Ungültige Angabe in der Anfrage",
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
