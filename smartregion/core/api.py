"""Parts every app's REST API uses (each app keeps its serializers and viewsets in its own api.py)."""

from rest_framework import serializers


class AbsoluteUrls(serializers.Serializer):
    """Links in API answers are absolute (scheme and host of the request)."""

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
