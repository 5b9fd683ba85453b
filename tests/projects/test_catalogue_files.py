"""The whole published project catalogue as stored files: the Projektkatalog's DCAT distributions
(projects.catalogue_files). The live export stops at EXPORT_LIMIT rows; these files hold every published project."""

import csv
import io
import json

from django.urls import reverse
from openpyxl import load_workbook

from smartregion import celery_app
from smartregion.projects import catalogue_files, views
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from tests.factories import UserFactory


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def _ids(projects) -> set[str]:
    return {project.external_id or f"SRH-{project.pk}" for project in projects}


def test_the_nightly_task_stores_every_published_project_in_each_format(
    client, jena, monkeypatch, without_nightly_files
):
    from smartregion.projects import services

    domain = Domain.objects.first()
    draft = services.create_project(
        by=UserFactory(is_superuser=True),
        lead_territory=jena,
        title="Geheimer Entwurf",
        summary="Noch nicht öffentlich.",
        primary_domain=domain,
    )
    assert draft.publication != "published"
    published = _ids(Project.objects.filter(publication="published"))
    assert len(published) > 20
    monkeypatch.setattr(views, "EXPORT_LIMIT", 5)  # the page's export stops here; the stored files do not
    assert client.get(reverse("projects:catalogue_file", args=["csv"])).url == reverse("projects:export", args=["csv"])
    celery_app.loader.import_default_modules()
    stored = celery_app.tasks["smartregion.projects.tasks.store_project_catalogue_files"].apply().get()  # as beat
    assert set(stored) == {"csv", "xlsx", "json", "geojson"}

    response = client.get(reverse("projects:catalogue_file", args=["csv"]))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="projektkatalog.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(_content(response).decode("utf-8-sig")), delimiter=";"))
    assert {row["id"] for row in rows} == published and "Geheimer Entwurf" not in {row["titel"] for row in rows}

    data = json.loads(_content(client.get(reverse("projects:catalogue_file", args=["json"]))))
    assert {project["id"] for project in data["projects"]} == published

    sheet = load_workbook(io.BytesIO(_content(client.get(reverse("projects:catalogue_file", args=["xlsx"]))))).active
    header, *lines = list(sheet.values)
    assert {line[header.index("id")] for line in lines} == published

    features = json.loads(_content(client.get(reverse("projects:catalogue_file", args=["geojson"]))))["features"]
    located = _ids(Project.objects.filter(publication="published", latitude__isnull=False, longitude__isnull=False))
    assert {feature["properties"]["id"] for feature in features} == located and located

    # the next run replaces the files: the new one first, the older ones deleted after
    Project.objects.filter(publication="published").filter(
        pk=Project.objects.order_by("pk").filter(publication="published").first().pk
    ).update(title="Umbenannt über Nacht")
    again = catalogue_files.store_catalogue_files()
    assert catalogue_files.VERSIONS["csv"].names() == [again["csv"]] != [stored["csv"]]
    assert "Umbenannt über Nacht" in _content(client.get(reverse("projects:catalogue_file", args=["csv"]))).decode()


def test_an_unknown_format_is_not_found(client, db):
    assert client.get(reverse("projects:catalogue_file", args=["pdf"])).status_code == 404
