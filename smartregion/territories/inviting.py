"""Invitations to a territory's team, asked for by the team page.

One Invitation names a territory or a network, so it lives in network (above territories, ADR 0024). The team
page (this app) sends and lists invitations through what network registers here in `NetworkConfig.ready()`;
nothing registered: no invitations (the page shows none and cannot send one).
"""

from collections.abc import Callable

_registered: dict[str, Callable] = {}


def register(*, invite: Callable, open_invitations: Callable) -> None:
    """invite(email=, territory=, territory_role=, by=, base_url=); open_invitations(territory) -> rows."""
    _registered.update(invite=invite, open_invitations=open_invitations)


def invite(**kwargs):
    if "invite" not in _registered:
        raise RuntimeError("no app registered invitations (network does in NetworkConfig.ready)")
    return _registered["invite"](**kwargs)


def open_invitations(territory) -> list:
    reader = _registered.get("open_invitations")
    return list(reader(territory)) if reader else []
