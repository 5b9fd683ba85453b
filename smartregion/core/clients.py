"""Who is asking: the one place that derives a client's address from a request (ADR 0019).

Every limit (API throttling, login throttling, contribution limits) and anything else that needs a
client's address asks `client_address`; nothing else reads `REMOTE_ADDR` or `X-Forwarded-For`.

Behind reverse proxies, `REMOTE_ADDR` is the nearest proxy. Each proxy appends the address it
received the request from to `X-Forwarded-For`, so with `TRUSTED_PROXY_COUNT` = n proxies that all
append, the n-th entry from the right is the address the outermost proxy saw: the client. Entries
further left were written by the client itself and are ignored. With the default 0 the header is
never read, so a client cannot choose its own address by sending one.
"""

import ipaddress

from django.conf import settings

# IPv6 hands every customer line at least a /64; counting single addresses inside it would let one
# line rotate through 2^64 addresses and never meet a limit.
IPV6_GROUP_PREFIX = 64


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's IP address: REMOTE_ADDR, or the entry of X-Forwarded-For the trusted proxies wrote.

    If the header has fewer entries than there are trusted proxies (the request did not pass all of
    them) or the entry is not an address, the nearest peer (REMOTE_ADDR) is the answer: never an
    entry the client could have written itself.
    """
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    entries = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(entries) < proxies:
        return remote
    return _address(entries[-proxies]) or remote


def client_group(address: str) -> str:
    """What a limit counts for an address: the address itself, or its /64 network for IPv6."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6 and parsed.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_GROUP_PREFIX}", strict=False))
    if parsed.version == 6:
        return str(parsed.ipv4_mapped)
    return str(parsed)


def client_key(request) -> str:
    """The client as limits count it (see client_group); empty without a request."""
    return client_group(client_address(request)) if request is not None else ""
