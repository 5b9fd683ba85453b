"""The site's own address (settings.SITE_URL): every identifier and link that leaves the page — DCAT URIs, the
API's absolute links, calendar UIDs, links in mails and exports — is built from it, never from the request's host
name, so that the same record has the same address however it was reached."""

from urllib.parse import urlsplit

from django.conf import settings


def site_url() -> str:
    """The configured address without a trailing slash, e.g. ``https://smartregion.example.org``."""
    return settings.SITE_URL.rstrip("/")


def absolute(path: str) -> str:
    """An absolute address for a path of this site (``/projekte/1/`` → ``https://…/projekte/1/``)."""
    if urlsplit(path).scheme:
        return path
    return site_url() + (path if path.startswith("/") else f"/{path}")


def site_host() -> str:
    """The host name of SITE_URL (the right-hand side of calendar UIDs)."""
    return urlsplit(site_url()).hostname or "smartregion"
