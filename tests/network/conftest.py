"""Fixtures of the network tests: a Thuringian network with four members and its coordinator."""

import pytest

from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.territories.models import Territory

from ..factories import UserFactory


@pytest.fixture
def coordinator(db):
    return UserFactory(full_name="Clara Koordination")


@pytest.fixture
def members(db):
    return list(Territory.objects.filter(ags__in=["16053000", "16051000", "16055000", "16070029"]).order_by("name"))


@pytest.fixture
def network(coordinator, members):
    network = network_services.create_network(name="Netz Thüringen", slug="netz-th", by=coordinator)
    network_roles.grant_network_role(user=coordinator, network=network)
    for territory in members:
        network_services.add_member(network, territory, by=coordinator)
    return network
