"""The signed value in every mail's unsubscribe link: a person (or an address without account) and a kind.
It does not expire: a link in an old mail keeps working; it only ever turns mail off."""

from django.core import signing

SALT = "smartregion.notifications.unsubscribe"


def unsubscribe_token(*, kind: str, user=None, address: str = "") -> str:
    value = {"k": kind, "u": user.pk} if user is not None else {"k": kind, "a": address.lower()}
    return signing.dumps(value, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> dict | None:
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or "k" not in value or ("u" in value) == ("a" in value):
        return None
    return value
