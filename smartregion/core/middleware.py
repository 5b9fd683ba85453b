import re

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Swagger UI (the API documentation page only) sets inline styles from its scripts.
DOCUMENTATION_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


def with_documentation_csp(view):
    """Relax style-src for one view (scripts stay 'self' only); see docs/adr/0009-rest-api.md."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers["Content-Security-Policy"] = DOCUMENTATION_CONTENT_SECURITY_POLICY
        return response

    return wrapped


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy (no inline scripts or styles) and a Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response


class DatabaseUnavailableMiddleware:
    """When the database is unreachable, answer with a friendly 503 page instead of a 500.

    The page is rendered without a request context so that rendering it needs no database.
    Django's connection handling reconnects on the next request, so service recovers by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            body = render_to_string("503.html", {"SITE_NAME": settings.SITE_NAME})
            response = HttpResponse(body, status=503)
            response.headers["Retry-After"] = "30"
            return response
        return None


NUL_REFUSED = _(
    "Die Anfrage enthält ein Nullzeichen (NUL). Solche Eingaben nimmt die Plattform nicht an; "
    "es wurde nichts gespeichert."
)
# A JSON string escape "\u0000" that is not itself escaped (an even number of backslashes before it).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


class RefuseNulMiddleware:
    """Requests carrying a NUL character are answered 400 before any view or database sees them.

    PostgreSQL refuses NUL in text (a server error), SQLite stores it; either way it is never meant. Checked: the
    path, query and form parameters (names and values), cookies and a JSON body's strings. Uploaded files are
    the importers' business (core.csvio refuses NUL with the line). The answer needs no database and no session:
    the JSON error shape for the API, a standalone page otherwise. See docs/adr/0018-bad-input.md.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_nul(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": str(NUL_REFUSED)}, status=400)
            body = render_to_string("core/nul_refused.html", {"SITE_NAME": settings.SITE_NAME, "message": NUL_REFUSED})
            return HttpResponse(body, status=400)
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request) -> bool:
        if "\x00" in request.path_info:
            return True
        parameters = [request.GET, request.COOKIES]
        content_type = request.content_type or ""
        if request.method == "POST" and content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            parameters.append(request.POST)
        for values in parameters:
            for key, value in values.lists() if hasattr(values, "lists") else values.items():
                items = value if isinstance(value, list) else [value]
                if "\x00" in key or any("\x00" in str(item) for item in items):
                    return True
        return bool(content_type.endswith("json") and _JSON_NUL.search(request.body))
