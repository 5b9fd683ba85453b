"""Whole pages for visitors who are not logged in, held briefly in the `pages` cache.

Most traffic on public pages (catalog searches, project and territory pages, the DCAT catalogue)
comes from visitors who all see the same page. `for_visitors(view)` keeps such a page per language
and full address in the `pages` cache (process memory in front of the shared database cache,
core.layeredcache; PAGE_CACHE_URL names another cache) under the generation that moves with every
write to any of the project's models (core.freshness.ANY): a change shows on the next request.
PAGE_CACHE_SECONDS (default 60) now only bounds what changes with time alone (open calls, upcoming
events); 0 switches the cache off. Never cached: logged-in users, anything but GET/HEAD, visitors with pending messages,
responses other than 200, and responses that set a cookie — which every page with a form token
does, so no visitor ever gets another visitor's CSRF token.
Security headers are added by the middleware on every answer, cached or not. See
docs/adr/0017-load-and-hardening.md.
"""

from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import get_language

from .caching import cache_key
from .freshness import ANY, generations

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Link", "Vary")


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and CookieStorage.cookie_name not in request.COOKIES
    )


def for_visitors(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        # A part of a page that htmx loads may share its address with a whole page (HX-Request tells).
        partial = bool(request.headers.get("HX-Request"))
        key = cache_key(
            "page", get_language(), request.get_host(), request.get_full_path(), partial, generations((ANY,))
        )
        cache = caches["pages"]
        held = cache.get(key)
        if held is not None:
            content, headers = held
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapped


class CachedListForVisitors:
    """For REST API viewsets: list answers for anonymous callers held like pages. Inside the view,
    so authentication (session or API key) and the rate limits run first, as for any request."""

    def list(self, request, *args, **kwargs):
        from rest_framework.response import Response

        if not _cacheable_request(request):
            return super().list(request, *args, **kwargs)
        key = cache_key("api", request.get_host(), request.get_full_path(), generations((ANY,)))
        cache = caches["pages"]
        held = cache.get(key)
        if held is not None:
            return Response(held)
        response = super().list(request, *args, **kwargs)
        if response.status_code == 200:
            cache.set(key, response.data, settings.PAGE_CACHE_SECONDS)
        return response
