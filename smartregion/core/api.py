"""Parts every app's REST API uses (each app keeps its serializers and viewsets in its own api.py)."""

from rest_framework import serializers

from smartregion.core.siteurl import absolute


class AbsoluteUrls(serializers.Serializer):
    """Links in API answers are absolute, built from settings.SITE_URL (core.siteurl)."""

    def _absolute(self, path: str) -> str:
        return absolute(path)
