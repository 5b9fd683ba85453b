"""Personal API keys (ApiToken), limited to territories the person edits. Moved from accounts (ADR 0024)."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartregion.core.refusals import Refused

from .models import ApiToken, TerritoryRole


class TokenRefused(Refused):
    pass


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user, name: str, territories) -> tuple[ApiToken, str]:
    """A new key for the person, valid for territories the person edits; returns (record, key shown once)."""
    territories = list(territories)
    allowed = set(TerritoryRole.objects.filter(user=user).values_list("territory_id", flat=True))
    if not territories or any(territory.pk not in allowed for territory in territories):
        raise TokenRefused(_("Ein Schlüssel gilt nur für Gebiete, die Sie bearbeiten dürfen."))
    key = "srh_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[4:12], key_hash=hash_key(key))
    token.territories.set(territories)
    return token, key


@transaction.atomic
def revoke_api_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])


def token_for_key(key: str) -> ApiToken | None:
    """The active token of a key (and its use recorded), or None."""
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
