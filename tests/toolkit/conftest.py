from datetime import date

import pytest

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.glossary.services import load_glossary
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.territories import roles as territory_roles
from smartregion.toolkit import services

from ..factories import UserFactory


@pytest.fixture
def coordinator(db):
    user = UserFactory(full_name="Clara Koordination")
    network = network_services.create_network(name="Netz Thüringen", slug="netz-th", by=user)
    network_roles.grant_network_role(user=user, network=network)
    return user


@pytest.fixture
def editor(jena):
    user = UserFactory(full_name="Erik Eingabe")
    territory_roles.grant_territory_role(user=user, territory=jena, role=TerritoryRoleKind.EDITOR)
    return user


@pytest.fixture
def toolkit(db):
    load_glossary()
    services.load_toolkit()


@pytest.fixture
def make_guide(coordinator):
    def make(slug="leitfaden", **fields):
        values = {
            "title": "Ein Leitfaden",
            "kind": "leitfaden",
            "summary": "Kurz gesagt.",
            "body": "## Einleitung\n\nErste Zeile.\n\nZweite Zeile.",
            "dimension_keys": [],
            "phases": [],
            "agenda_parts": [],
            "authors": "Clara Koordination",
            "as_of": date(2026, 1, 1),
            "review_due": date(2027, 1, 1),
            "published": True,
        } | fields
        return services.create_guide(by=coordinator, slug=slug, **values)

    return make
