"""Whose work counts as a network's: its members, the Gemeinden of its member alliances and the Gemeinden inside
its member Kreise (like the duplicates report), each traced back to the member it belongs to, and where each
member lies (an alliance without coordinates of its own lies at the centre of its Gemeinden).

Two queries, whatever the size of the network.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q

from smartregion.network import queries as network_queries
from smartregion.territories.enums import TerritoryKind
from smartregion.territories.models import AllianceMember


@dataclass
class Scope:
    network: object
    members: list  # Territory, by short name
    alliance_gemeinden: dict = field(default_factory=dict)  # alliance id → ids of its Gemeinden
    coordinates: dict = field(default_factory=dict)  # member id → (latitude, longitude)

    @cached_property
    def member_ids(self) -> frozenset[int]:
        return frozenset(member.pk for member in self.members)

    @cached_property
    def _alliance_of(self) -> dict[int, int]:
        return {gemeinde: alliance for alliance, gemeinden in self.alliance_gemeinden.items() for gemeinde in gemeinden}

    @property
    def kreis_ids(self) -> list[int]:
        return [member.pk for member in self.members if member.kind == TerritoryKind.KREIS]

    @property
    def territory_ids(self) -> list[int]:
        """The members and the Gemeinden of member alliances."""
        return sorted(self.member_ids | set(self._alliance_of))

    def covers(self, territory: str, kreis: str) -> Q:
        """The rows whose `territory` field names a territory of the scope or whose `kreis` field a member Kreis."""
        return Q(**{f"{territory}__in": self.territory_ids}) | Q(**{f"{kreis}__in": self.kreis_ids})

    def member_of(self, territory_id, kreis_id=None) -> int | None:
        """The member a territory belongs to: itself, its alliance, or its Kreis."""
        if territory_id in self.member_ids:
            return territory_id
        if territory_id in self._alliance_of:
            return self._alliance_of[territory_id]
        return kreis_id if kreis_id in self.member_ids else None


def scope_of(network) -> Scope:
    members = [row.territory for row in network_queries.members_of(network)]
    scope = Scope(network=network, members=members)
    alliances = [member.pk for member in members if member.is_alliance]
    located: dict[int, list[tuple[float, float]]] = {}
    for alliance_id, member_id, latitude, longitude in AllianceMember.objects.filter(
        alliance_id__in=alliances
    ).values_list("alliance_id", "member_id", "member__latitude", "member__longitude"):
        scope.alliance_gemeinden.setdefault(alliance_id, set()).add(member_id)
        if latitude is not None and longitude is not None:
            located.setdefault(alliance_id, []).append((latitude, longitude))
    for member in members:
        if member.latitude is not None and member.longitude is not None:
            scope.coordinates[member.pk] = (member.latitude, member.longitude)
        elif located.get(member.pk):
            points = located[member.pk]
            scope.coordinates[member.pk] = (
                sum(point[0] for point in points) / len(points),
                sum(point[1] for point in points) / len(points),
            )
    return scope
