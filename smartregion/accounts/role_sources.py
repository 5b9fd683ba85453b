"""Where a person's roles are read from (ADR 0024).

The role rows live in the apps they belong to: TerritoryRole in territories, NetworkRole in network. Both
apps sit above accounts, so accounts names neither; each registers its `RoleKind` here in
`AppConfig.ready()`, and the predicates in `rules.py` and the sign-in's group mapping in `oidc.py` read
roles through them. With nothing registered a person has no role (deny by default).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RoleKind:
    """One kind of role ("territory" or "network") and how to read and write its rows."""

    kind: str
    roles_of: Callable  # (user) -> {target id: role}
    target_id: Callable  # (key from the identity provider's mapping) -> target id or None
    role_row: Callable  # (user, target id) -> the role row or None
    create_role: Callable  # (user, target id, role) -> None
    remove_roles: Callable  # (user, target id, role) -> None


@dataclass(frozen=True)
class Memberships:
    """How territories and networks are related (network registers it): read by the coordinators' rules."""

    territories_of_networks: Callable  # (network ids) -> values queryset of "territory_id"
    networks_of_territories: Callable  # (territory ids) -> iterable of network ids
    coordinators_of_territory: Callable  # (territory) -> queryset of accounts coordinating its networks


@dataclass(frozen=True)
class Administrators:
    """Who administers a territory (territories registers it)."""

    territory_has_admins: Callable  # (territory id) -> bool


_kinds: dict[str, RoleKind] = {}
_memberships: list[Memberships] = []
_administrators: list[Administrators] = []


def register(kind: RoleKind) -> None:
    _kinds[kind.kind] = kind


def register_memberships(memberships: Memberships) -> None:
    _memberships[:] = [memberships]


def register_administrators(administrators: Administrators) -> None:
    _administrators[:] = [administrators]


def kind(name: str) -> RoleKind | None:
    return _kinds.get(name)


def kinds() -> Iterable[str]:
    return sorted(_kinds)


def roles_of(user, name: str) -> dict:
    registered = _kinds.get(name)
    return dict(registered.roles_of(user)) if registered else {}


def memberships() -> Memberships | None:
    return _memberships[0] if _memberships else None


def administrators() -> Administrators | None:
    return _administrators[0] if _administrators else None
