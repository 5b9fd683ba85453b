"""Role predicates shared by every app's permissions. Deny by default.

The roles of a user are read once per request and kept on the user object, so checking many
objects on one page costs two queries, not two per object. The role rows live in territories and network
(above accounts); they are read through what those apps register in `role_sources` (ADR 0024).
"""

import rules

from . import role_sources
from .enums import AccessDeciders, TerritoryRoleKind


def _role_cache(user) -> dict:
    cache = getattr(user, "_smartregion_roles", None)
    if cache is None:
        coordinated = set(role_sources.roles_of(user, "network"))
        cache = {
            "territories": role_sources.roles_of(user, "territory"),
            "networks": coordinated,
            "network_members": None,
            "member_networks": None,
        }
        user._smartregion_roles = cache
    return cache


def forget_roles(user) -> None:
    """Call after granting or revoking a role for the same user object."""
    if hasattr(user, "_smartregion_roles"):
        del user._smartregion_roles


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_authenticated(user) -> bool:
    return _active(user)


@rules.predicate
def is_platform_admin(user) -> bool:
    return _active(user) and user.is_superuser


@rules.predicate
def is_expert(user) -> bool:
    return _active(user) and user.is_expert


@rules.predicate
def is_territory_editor(user, territory) -> bool:
    """Editors and admins of this very territory (an admin can do what an editor can)."""
    if not _active(user) or territory is None:
        return False
    return territory.pk in _role_cache(user)["territories"]


@rules.predicate
def is_territory_admin(user, territory) -> bool:
    if not _active(user) or territory is None:
        return False
    return _role_cache(user)["territories"].get(territory.pk) == TerritoryRoleKind.ADMIN


@rules.predicate
def is_network_coordinator(user, network) -> bool:
    if not _active(user) or network is None:
        return False
    return network.pk in _role_cache(user)["networks"]


@rules.predicate
def is_any_coordinator(user) -> bool:
    return _active(user) and bool(_role_cache(user)["networks"])


@rules.predicate
def is_coordinator_of_territory(user, territory) -> bool:
    """The user coordinates a network in which the territory is a member."""
    if not _active(user) or territory is None:
        return False
    cache = _role_cache(user)
    if not cache["networks"]:
        return False
    if cache["network_members"] is None:
        memberships = role_sources.memberships()
        found = memberships.territories_of_networks(cache["networks"]) if memberships else []
        cache["network_members"] = {row["territory_id"] for row in found}
    return territory.pk in cache["network_members"]


@rules.predicate
def is_network_member_person(user, network) -> bool:
    """The user edits or administers a territory that is a member of the network."""
    if not _active(user) or network is None:
        return False
    cache = _role_cache(user)
    if not cache["territories"]:
        return False
    if cache["member_networks"] is None:
        memberships = role_sources.memberships()
        found = memberships.networks_of_territories(list(cache["territories"])) if memberships else []
        cache["member_networks"] = set(found)
    return network.pk in cache["member_networks"]


def territory_ids(user) -> frozenset:
    """The territories the user edits or administers (read once per request, with the roles)."""
    if not _active(user):
        return frozenset()
    return frozenset(_role_cache(user)["territories"])


@rules.predicate
def is_member(user) -> bool:
    """A member of the platform: an account with a role in a territory or network, an expert, or an admin.

    Citizens who only signed up to comment are not members (contact data marked "members only" is
    not for them)."""
    if not _active(user):
        return False
    if user.is_superuser or user.is_expert:
        return True
    cache = _role_cache(user)
    return bool(cache["territories"] or cache["networks"])


# --- Requests for access (ADR 0021) ---------------------------------------------------------------


def territory_has_admins(territory) -> bool:
    """Whether an active account administers the territory (one query)."""
    administrators = role_sources.administrators()
    return bool(administrators and administrators.territory_has_admins(territory.pk))


def access_deciders_level(territory) -> str:
    """Who decides requests for this territory: its admins; where there are none, the coordinators of the
    networks it is a member of; where there are none either, platform admins."""
    if territory_has_admins(territory):
        return AccessDeciders.TERRITORY_ADMINS
    memberships = role_sources.memberships()
    if memberships and memberships.coordinators_of_territory(territory).filter(is_active=True).exists():
        return AccessDeciders.COORDINATORS
    return AccessDeciders.PLATFORM_ADMINS


def _decides(user, territory, has_admins: bool | None) -> bool:
    if not _active(user) or territory is None:
        return False
    if user.is_superuser or _role_cache(user)["territories"].get(territory.pk) == TerritoryRoleKind.ADMIN:
        return True
    if has_admins is None:
        has_admins = territory_has_admins(territory)
    return not has_admins and bool(is_coordinator_of_territory(user, territory))


@rules.predicate
def decides_access_to(user, territory) -> bool:
    """The one rule for deciding requests for access to a territory (every path asks it): its admins; where
    it has none, the coordinators of the networks it is a member of; platform admins always (they are the
    ones asked when neither exists, and may step in)."""
    return _decides(user, territory, None)


@rules.predicate
def decides_access_request(user, access_request) -> bool:
    """`decides_access_to` for the request's territory. A list annotates `territory_has_admins` on its rows
    (territories.access_queries), so checking every row costs no query."""
    if access_request is None:
        return False
    return _decides(user, access_request.territory, getattr(access_request, "territory_has_admins", None))


@rules.predicate
def is_requester(user, access_request) -> bool:
    return _active(user) and access_request is not None and access_request.requester_id == user.pk


@rules.predicate
def may_decide_some_access(user) -> bool:
    """Platform admins, admins of a territory and network coordinators: the people who may have requests
    to decide (the list of requests is theirs)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    cache = _role_cache(user)
    return TerritoryRoleKind.ADMIN in cache["territories"].values() or bool(cache["networks"])


def administered_territory_ids(user) -> frozenset:
    if not _active(user):
        return frozenset()
    return frozenset(pk for pk, role in _role_cache(user)["territories"].items() if role == TerritoryRoleKind.ADMIN)


def coordinated_network_ids(user) -> frozenset:
    if not _active(user):
        return frozenset()
    return frozenset(_role_cache(user)["networks"])


def has_no_role(user) -> bool:
    """A signed-in person without any role: no territory, no network, not a platform admin."""
    if not _active(user) or user.is_superuser:
        return False
    cache = _role_cache(user)
    return not cache["territories"] and not cache["networks"]


rules.add_perm("accounts.view_access_requests", may_decide_some_access)
rules.add_perm("accounts.view_access_request", is_requester | decides_access_request)
rules.add_perm("accounts.decide_access_request", decides_access_request)
rules.add_perm("accounts.withdraw_access_request", is_requester)
