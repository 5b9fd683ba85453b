"""Participation per network member: submitted self-assessments, digital agendas and attended network events.

One function for the network dashboard and the white paper. Agendas live in a higher app; it contributes their
count through `core.tallies` (topic "agendas_per_territory").
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from smartregion.core.tallies import tally
from smartregion.events.models import Registration
from smartregion.territories.models import TerritoryRole

from .enums import AssessmentStatus
from .models import Assessment


@dataclass
class MemberParticipation:
    name: str
    assessments: int  # submitted, all cycles
    agendas: int
    attendances: int  # attended network events (people with a role in the member)

    @property
    def total(self) -> int:
        return self.assessments + self.agendas + self.attendances


def member_participation(network, members) -> list[MemberParticipation]:
    """`members`: (territory id, name) pairs, in the order the rows come back. Four queries, whatever the size."""
    members = list(members)
    ids = [pk for pk, _name in members]
    submitted = dict(
        Assessment.objects.filter(territory_id__in=ids, status=AssessmentStatus.SUBMITTED)
        .values_list("territory_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    agendas = tally("agendas_per_territory", ids)
    territories_of: dict[int, set] = {}  # user → the members she has a role in
    for user_id, territory_id in TerritoryRole.objects.filter(territory_id__in=ids).values_list(
        "user_id", "territory_id"
    ):
        territories_of.setdefault(user_id, set()).add(territory_id)
    attendances = Counter()  # one per attended event and member of the person
    for user_id in Registration.objects.filter(event__network=network, attended=True).values_list("user_id", flat=True):
        attendances.update(territories_of.get(user_id, ()))
    return [
        MemberParticipation(
            name=name,
            assessments=submitted.get(pk, 0),
            agendas=agendas.get(pk, 0),
            attendances=attendances[pk],
        )
        for pk, name in members
    ]
