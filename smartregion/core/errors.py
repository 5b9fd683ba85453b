from django.http import JsonResponse
from django.shortcuts import render


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    """A page for people; for the REST API the API's own error shape, `{"detail": …}` as JSON."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Nicht gefunden."}, status=404)
    return render(request, "404.html", status=404)
