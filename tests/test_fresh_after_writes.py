"""The stale data issue 23 named: each write below showed late (or never) before generations (ADR 0023).
Caches are on, as in production (tests/conftest.py)."""

import csv
import io
import json

import pytest
from django.urls import reverse

from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.territories.boundaries import import_boundaries
from smartregion.territories.importer import import_register
from smartregion.territories.maps import germany_outlines
from smartregion.territories.models import Boundary

from .assessments.conftest import submitted
from .conftest import register_subset
from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(jena, ilmenau):
    coordinator = UserFactory(full_name="Erste Koordinatorin")
    network = network_services.create_network(name="Thüringer Netz", slug="thueringen")
    network_roles.grant_network_role(user=coordinator, network=network)
    network_services.add_member(network, jena, by=coordinator)
    network_services.add_member(network, ilmenau, by=coordinator)
    return network, coordinator


def _renamed_register(ags: str, name: str) -> bytes:
    reader = csv.DictReader(io.StringIO(register_subset({"16"})))
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    for row in reader:
        if row["ags"] == ags:
            row["name"] = name
        writer.writerow(row)
    return output.getvalue().encode()


def test_a_register_import_renaming_a_member_shows_on_the_network_page_and_dashboard_at_once(client, network, ilmenau):
    network, coordinator = network
    submitted(ilmenau, level=2, by=UserFactory(is_superuser=True), visibility="networks")
    client.force_login(coordinator)
    page, dashboard = network.get_absolute_url(), reverse("assessments:dashboard", args=[network.slug])
    assert "Ilmenau, Stadt" in client.get(page).content.decode()  # now kept
    assert ">Ilmenau</th>" in client.get(dashboard).content.decode()  # kept too

    # The import writes with bulk_update (no save, no signal, updated_at untouched).
    import_register(_renamed_register("16070029", "Ilmenau-Neu, Stadt"), partial=True, file_name="neu.csv")

    html = client.get(page).content.decode()
    assert "Ilmenau-Neu, Stadt" in html and "Ilmenau, Stadt" not in html
    html = client.get(dashboard).content.decode()
    assert ">Ilmenau-Neu</th>" in html and ">Ilmenau</th>" not in html


def test_a_boundary_updated_in_place_shows_its_new_outline(client, network, tmp_path):
    network, coordinator = network
    client.force_login(coordinator)
    url = network.get_absolute_url()
    before = client.get(url).content.decode()
    thuringia = next(boundary for boundary in germany_outlines() if boundary.ars == "16")

    square = [[[10.0, 50.0], [12.0, 50.0], [12.0, 51.5], [10.0, 51.5], [10.0, 50.0]]]
    features = [
        {"type": "Feature", "properties": {"ars": b.ars, "name": b.name}, "geometry": b.geometry}
        for b in Boundary.objects.filter(level="land").exclude(ars="16")
    ]
    features.append({"type": "Feature", "properties": {"ars": "16", "name": "Thüringen"},
                     "geometry": {"type": "Polygon", "coordinates": square}})  # fmt: skip
    path = tmp_path / "laender.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    assert import_boundaries("land", path) == (0, 1)  # one row updated in place, the count unchanged

    now = next(boundary for boundary in germany_outlines() if boundary.ars == "16")
    assert now.geometry["coordinates"] == square != thuringia.geometry["coordinates"]
    assert client.get(url).content.decode() != before  # the member map draws the new outline


def test_a_coordinators_new_name_shows_on_the_network_page(client, network):
    network, coordinator = network
    client.force_login(coordinator)
    url = network.get_absolute_url()
    assert "Erste Koordinatorin" in client.get(url).content.decode()

    coordinator.full_name = "Dr. Erste Koordinatorin"
    coordinator.save()

    assert "Dr. Erste Koordinatorin" in client.get(url).content.decode()
