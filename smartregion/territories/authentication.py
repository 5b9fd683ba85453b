"""Writing through the API needs a personal key: `Authorization: Token srh_…` (see territories.ApiToken).

Reading needs none. A key is limited to the territories chosen when it was made; revoked keys are refused.
"""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from .api_tokens import token_for_key
from .models import ApiToken


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ungültiger Authorization-Kopf."))
        token = token_for_key(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("Unbekannter oder widerrufener Schlüssel."))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "smartregion.territories.authentication.TokenAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Token srh_…"}


class ReadOrTokenWrite(permissions.BasePermission):
    """Reading is open (visibility is the querysets' job); writing only with an API key."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or isinstance(request.auth, ApiToken)


def token_covers(request, territory) -> bool:
    return isinstance(request.auth, ApiToken) and request.auth.territories.filter(pk=territory.pk).exists()
