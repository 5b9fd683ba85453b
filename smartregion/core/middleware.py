from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

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
