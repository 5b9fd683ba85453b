"""Issue 19: the programme import asks every row the programme pages' rules and never reaches a deleted programme."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from smartregion.funding.importer import FundingImportError, import_programmes
from smartregion.funding.models import FundingProgramme
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

FILE = (
    "id;name;ebene;antragsberechtigt;status\r\n"
    "X-1;Förderung für Dörfer;Bund;Gemeinde;offen\r\n"
    "X-2;Förderung für Städte;Bund;Stadt;offen\r\n"
).encode()


@pytest.fixture
def programmes():
    import_programmes(FILE)
    return {programme.code: programme for programme in FundingProgramme.objects.all()}


@pytest.fixture
def coordinator(jena):
    admin = UserFactory(is_superuser=True)
    network = network_services.create_network(name="Netz", slug="netz", by=admin)
    network_services.add_member(network, jena, by=admin)
    user = UserFactory()
    network_roles.grant_network_role(user=user, network=network)
    return user


def _state():
    return sorted(
        (p.code, p.name, p.status, p.deleted_at, p.revision, p.history.count())
        for p in FundingProgramme.all_objects.all()
    )


CHANGED = FILE.replace(b"Stadt;offen", b"Stadt;geschlossen").replace(b"Gemeinde;offen", b"Gemeinde;geschlossen")


def test_a_row_naming_a_deleted_programme_is_refused_and_nothing_is_written(client, coordinator, programmes):
    programmes["X-2"].delete()
    before = _state()
    client.force_login(coordinator)
    upload = SimpleUploadedFile("programme.csv", CHANGED, content_type="text/csv")
    html = client.post(reverse("funding:import"), {"file": upload}).content.decode()
    assert "Zeile 3, Spalte „id“: Das Programm X-2 wurde gelöscht; ein Import stellt es nicht wieder her." in html
    assert _state() == before  # row 2 is valid, but nothing is written while a row is refused


def test_a_person_without_the_programme_rules_is_refused_row_by_row(programmes):
    stranger = UserFactory()
    before = _state()
    with pytest.raises(FundingImportError) as raised:
        import_programmes(CHANGED + b"X-3;Neu;Bund;Gemeinde;offen\r\n", by=stranger)
    assert [str(error) for error in raised.value.errors] == [
        "Zeile 2, Spalte „id“: Sie dürfen das Programm X-1 nicht ändern.",
        "Zeile 3, Spalte „id“: Sie dürfen das Programm X-2 nicht ändern.",
        "Zeile 4, Spalte „id“: Sie dürfen keine Förderprogramme anlegen.",
    ]
    assert _state() == before


def test_a_coordinator_may_change_and_add_programmes(coordinator, programmes):
    result = import_programmes(CHANGED + b"X-3;Neu;Bund;Gemeinde;offen\r\n", by=coordinator)
    assert (result.created, result.updated, result.unchanged) == (1, 2, 0)
    assert FundingProgramme.objects.get(code="X-2").history.first().history_user == coordinator


def test_the_shipped_import_leaves_a_deleted_programme_deleted(programmes):
    programmes["X-2"].delete()
    before = [row for row in _state() if row[0] == "X-2"]
    result = import_programmes(CHANGED)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert [row for row in _state() if row[0] == "X-2"] == before
