"""Issue 19, finding 1: an import asks every row the same rules as the single-project pages.

A coordinator of a Bavarian network uploaded rows naming Jena's projects (one by `id`, one by title + AGS) and the
importer overwrote and published them. Every row now asks `projects.change_project` / `publish_project` for the
project it matches and `projects.add_project_for` for the lead territory it gives; deleted projects are never
reached; a refused row is reported with its line number and nothing is written.
"""

import io

import pytest
from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.projects import services
from smartregion.projects.enums import Publication
from smartregion.projects.importer import ProjectImportError, import_projects, import_records
from smartregion.projects.models import Project
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from ..factories import UserFactory
from .test_import import GOOD, make_csv

pytestmark = pytest.mark.django_db

JENA_AGS = "16053000"
MUENCHEN_AGS = "09162000"


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def bayern_coordinator(admin):
    """Coordinates a network of Bavarian members only (Jena is not a member)."""
    network = network_services.create_network(name="Smarte Region Bayern", slug="bayern", by=admin)
    network_services.add_member(network, Territory.objects.get(ags=MUENCHEN_AGS), by=admin)
    user = UserFactory()
    network_roles.grant_network_role(user=user, network=network)
    return user


@pytest.fixture
def thueringen_coordinator(admin, jena):
    network = network_services.create_network(name="Smarte Region Thüringen", slug="thueringen", by=admin)
    network_services.add_member(network, jena, by=admin)
    user = UserFactory()
    network_roles.grant_network_role(user=user, network=network)
    return user


def _row(**fields):
    return {**GOOD, **fields}


@pytest.fixture
def jena_projects(jena):
    """A Jena draft known by its `id` (imported as a draft) and a published Jena project."""
    import_records([(2, _row(id="JENA-ENTWURF", titel="Jenaer Entwurf", kommune="Jena", ags=JENA_AGS))], publish=False)
    draft = Project.objects.get(external_id="JENA-ENTWURF")
    published = services.publish_project(
        services.create_project(
            by=None,
            lead_territory=jena,
            title="Jenaer Parkleitsystem",
            summary="Freie Plätze auf Anzeigetafeln.",
            primary_domain=draft.primary_domain,
        ),
        by=None,
    )
    return draft, published


def _state(project):
    project = Project.all_objects.get(pk=project.pk)
    return (
        project.title,
        project.summary,
        project.publication,
        project.lead_territory_id,
        project.deleted_at,
        project.history.count(),
    )


def _upload(client, rows, *, publish=True):
    upload = io.BytesIO(make_csv(rows))
    upload.name = "projekte.csv"
    data = {"file": upload, **({"publish": "on"} if publish else {})}
    return client.post(reverse("projects:import"), data)


def test_finding_1_bayern_coordinator_cannot_import_over_jenas_projects(client, bayern_coordinator, jena_projects):
    draft, published = jena_projects
    before = [_state(draft), _state(published)]
    count = Project.all_objects.count()
    client.force_login(bayern_coordinator)
    rows = [
        _row(id="JENA-ENTWURF", titel="Übernommen", kommune="Jena", ags=JENA_AGS, kurzbeschreibung="Überschrieben."),
        _row(titel="Jenaer Parkleitsystem", kommune="Jena", ags=JENA_AGS, kurzbeschreibung="Überschrieben."),
    ]
    response = _upload(client, rows)
    html = response.content.decode()
    assert response.status_code == 200
    assert "angelegt" not in html and "aktualisiert" not in html
    refused = "gehört zu Jena, Stadt; Sie dürfen es nicht ändern."
    assert f"Zeile 2, Spalte „id“: Das Projekt mit der Kennung „JENA-ENTWURF“ {refused}" in html
    assert f"Zeile 3, Spalte „titel“: Das Projekt „Jenaer Parkleitsystem“ {refused}" in html
    assert [_state(draft), _state(published)] == before
    assert Project.all_objects.count() == count
    assert Project.objects.get(pk=draft.pk).publication == Publication.DRAFT
    # The same rule as the single delete of that project.
    assert client.post(reverse("projects:delete", args=[published.pk])).status_code == 403


def test_one_refused_row_keeps_every_other_row_from_being_written(bayern_coordinator, jena_projects):
    draft, _published = jena_projects
    count = Project.all_objects.count()
    rows = [
        (2, _row(titel="Münchner Ladesäulen", kommune="München", ags=MUENCHEN_AGS, land_code="09")),
        (3, _row(id="JENA-ENTWURF", titel="Jenaer Entwurf", kommune="Jena", ags=JENA_AGS)),
        (4, _row(titel="Neues in Jena", kommune="Jena", ags=JENA_AGS)),
        (5, _row(titel="Ohne Schlüssel", kommune="Irgendwo", ags="", land_code="16")),
        (6, _row(titel="Kaputt", ags="99999999")),
    ]
    with pytest.raises(ProjectImportError) as raised:
        import_records(rows, by=bayern_coordinator)
    assert [str(error) for error in raised.value.errors] == [
        "Zeile 3, Spalte „id“: Das Projekt mit der Kennung „JENA-ENTWURF“ gehört zu Jena, Stadt; "
        "Sie dürfen es nicht ändern.",
        "Zeile 4, Spalte „ags“: Sie dürfen keine Projekte für Jena, Stadt eintragen.",
        "Zeile 5, Spalte „ags“: Projekte ohne Gebietsschlüssel dürfen nur Plattform-Administratoren anlegen.",
        "Zeile 6, Spalte „ags“: unbekannter Gebietsschlüssel „99999999“ (AGS mit 8 oder Kreisschlüssel mit 5 Ziffern).",
    ]
    assert Project.all_objects.count() == count
    assert not Project.all_objects.filter(title="Münchner Ladesäulen").exists()


def test_an_id_cannot_move_a_project_into_a_territory_the_user_does_not_curate(thueringen_coordinator, jena_projects):
    """The Thuringian coordinator may change Jena's draft, but not give it a Bavarian lead."""
    draft, _published = jena_projects
    before = _state(draft)
    rows = [(2, _row(id="JENA-ENTWURF", titel="Jenaer Entwurf", kommune="München", ags=MUENCHEN_AGS, land_code="09"))]
    with pytest.raises(ProjectImportError) as raised:
        import_records(rows, by=thueringen_coordinator)
    assert [str(error) for error in raised.value.errors] == [
        "Zeile 2, Spalte „ags“: Sie dürfen keine Projekte für München, Landeshauptstadt eintragen."
    ]
    assert _state(draft) == before


def test_the_coordinator_of_the_territory_may_update_create_and_publish(thueringen_coordinator, jena_projects):
    draft, published = jena_projects
    rows = [
        (2, _row(id="JENA-ENTWURF", titel="Jenaer Entwurf", kommune="Jena", ags=JENA_AGS, kurzbeschreibung="Neu.")),
        (3, _row(titel="Jenaer Parkleitsystem", kommune="Jena", ags=JENA_AGS, kurzbeschreibung="Neu.")),
        (4, _row(titel="Jenaer Bürgerkonto", kommune="Jena", ags=JENA_AGS)),
    ]
    result = import_records(rows, by=thueringen_coordinator, publish=True)
    assert (result.created, result.updated, result.unchanged) == (1, 2, 0)
    draft.refresh_from_db()
    assert draft.summary == "Neu." and draft.publication == Publication.PUBLISHED
    assert draft.history.first().history_user == thueringen_coordinator
    created = Project.objects.get(title="Jenaer Bürgerkonto")
    assert created.lead_territory.ags == JENA_AGS and created.created_by == thueringen_coordinator


def test_an_editor_role_of_the_territory_counts_like_the_single_project_form(jena, jena_projects):
    """An importer who also edits Jena (a coordinator elsewhere) may import for Jena."""
    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=jena, role=TerritoryRoleKind.EDITOR)
    rows = [(2, _row(id="JENA-ENTWURF", titel="Jenaer Entwurf", kommune="Jena", ags=JENA_AGS, problem="Neu."))]
    assert import_records(rows, by=user, publish=False).updated == 1


def test_a_deleted_project_is_never_reached_by_id_or_title(admin, jena_projects):
    """Not even a platform admin resurrects or overwrites a deleted project with a row."""
    draft, published = jena_projects
    services.delete_project(draft, by=admin)
    services.delete_project(published, by=admin)
    before = [_state(draft), _state(published)]
    count = Project.all_objects.count()
    rows = [
        (2, _row(id="JENA-ENTWURF", titel="Jenaer Entwurf", kommune="Jena", ags=JENA_AGS)),
        (3, _row(titel="Jenaer Parkleitsystem", kommune="Jena", ags=JENA_AGS)),
    ]
    with pytest.raises(ProjectImportError) as raised:
        import_records(rows, by=admin)
    assert [str(error) for error in raised.value.errors] == [
        "Zeile 2, Spalte „id“: Das Projekt mit der Kennung „JENA-ENTWURF“ wurde gelöscht; "
        "ein Import stellt es nicht wieder her.",
        "Zeile 3, Spalte „titel“: Das Projekt „Jenaer Parkleitsystem“ wurde gelöscht; "
        "ein Import stellt es nicht wieder her.",
    ]
    assert [_state(draft), _state(published)] == before
    assert Project.all_objects.count() == count


def test_the_system_import_leaves_deleted_projects_deleted(admin, jena_projects):
    draft, _published = jena_projects
    services.delete_project(draft, by=admin)
    before = _state(draft)
    rows = [(2, _row(id="JENA-ENTWURF", titel="Wieder da?", kommune="Jena", ags=JENA_AGS))]
    result = import_records(rows, publish=True)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert _state(draft) == before


def test_a_platform_admin_may_import_for_any_territory_and_without_key(admin, jena_projects):
    rows = [
        (2, _row(id="JENA-ENTWURF", titel="Jenaer Entwurf", kommune="Jena", ags=JENA_AGS, problem="Neu.")),
        (3, _row(titel="Ohne Schlüssel", kommune="Region Saale-Holzland", ags="", land_code="16")),
    ]
    result = import_records(rows, by=admin)
    assert (result.created, result.updated) == (1, 1)


def test_upload_by_file_reports_refusals_like_validation_errors(bayern_coordinator, jena_projects):
    data = make_csv([_row(titel="Jenaer Parkleitsystem", kommune="Jena", ags=JENA_AGS)])
    with pytest.raises(ProjectImportError) as raised:
        import_projects(data, by=bayern_coordinator, file_name="projekte.csv")
    assert [error.line for error in raised.value.errors] == [2]
