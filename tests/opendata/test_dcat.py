"""The DCAT-AP.de catalogue validates against the DCAT-AP 3.0.0/3.0.1 and DCAT-AP.de 2.0 shapes page by page, as a
portal harvests it; only datasets are datasets; identifiers follow SITE_URL; restricted data never leaks."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD

from smartregion.opendata import dcat, services
from smartregion.projects import services as project_services
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain

from ..factories import UserFactory

SHAPES = Path(__file__).resolve().parent.parent / "fixtures" / "dcat-ap"
HYDRA = "http://www.w3.org/ns/hydra/core#"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
EGOVG = "https://www.gesetze-im-internet.de/egovg/__12a.html"
DCAT_SERIES = URIRef(f"{DCAT}DatasetSeries")
DCAT_IN_SERIES = URIRef(f"{DCAT}inSeries")


def _graph(*names) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(SHAPES / name)
    return graph


@pytest.fixture(scope="module")
def shape_sets():
    vocabularies = _graph("eu-data-theme-skos-ap-act.ttl", "eu-filetypes-skos-ap-act.ttl")
    return {
        "DCAT-AP 3.0.0": (_graph("semic-dcat-ap-3.0.0/dcat-ap-SHACL.ttl"), vocabularies),
        "DCAT-AP 3.0.1": (_graph("semic-dcat-ap-3.0.1/dcat-ap-SHACL.ttl"), vocabularies),
        "DCAT-AP.de 2.0": (
            _graph(
                "dcat-ap-de-2.0/shacl/dcat-ap_2.1.1_shacl_shapes.ttl",
                "dcat-ap-de-2.0/shacl/dcat-ap-spec-german-messages.ttl",
                "dcat-ap-de-2.0/shacl/dcat-ap-spec-german-additions.ttl",
                "dcat-ap-de-2.0/shacl/dcat-ap-de-deprecated.ttl",
            ),
            vocabularies,
        ),
    }


@pytest.fixture
def inventory(jena):
    editor = UserFactory()
    common = {
        "territory": jena,
        "by": editor,
        "publisher": "Stadtwerke Jena",
        "theme": "TRAN",
        "licence": "dl-by-de/2.0",
    }
    open_data = services.create_dataset(
        title="Haltestellen und Fahrplan",
        description="Soll-Fahrplan des Stadtbusses im GTFS-Format.",
        access="open",
        frequency="WEEKLY",
        standards="GTFS",
        keywords="ÖPNV, Fahrplan",
        contact_email="daten@jena.example",
        attribution="Stadtwerke Jena",
        legislation=EGOVG,
        distributions=[
            {"access_url": "https://daten.jena.example/gtfs.zip", "file_type": "ZIP", "media_type": "application/zip"}
        ],
        **common,
    )
    services.create_dataset(
        title="Verkehrszählung",
        description="Zählstellen an den Einfallstraßen, monatlich veröffentlicht.",
        access="open",
        frequency="MONTHLY",
        temporal_start=datetime.date(2020, 1, 1),
        distributions=[{"access_url": "https://daten.jena.example/zaehlung.csv", "file_type": "CSV"}],
        **common,
    )
    services.create_dataset(title="Geheime Leitungspläne", description="nur intern", access="internal", **common)
    services.create_dataset(title="Parkhausbelegung Rohdaten", description="auf Anfrage", access="restricted", **common)
    admin = UserFactory(is_superuser=True)
    project = project_services.create_project(
        by=admin, lead_territory=jena, title="Parksensoren", summary="Freie Plätze in Echtzeit.",
        primary_domain=Domain.objects.get(key="mobilitaet"),
    )  # fmt: skip
    project_services.publish_project(project, by=admin)
    project_services.create_project(
        by=admin,
        lead_territory=jena,
        title="Entwurfsprojekt",
        summary="noch nicht",
        primary_domain=Domain.objects.first(),
    )
    return open_data


def _fetch(client, fmt="ttl", page=1, **extra) -> Graph:
    response = client.get(reverse("dcat_catalog", args=[fmt]), {"page": page}, **extra)
    assert response.status_code == 200
    return Graph().parse(data=response.content, format=dcat.FORMATS[fmt])


def _conforms(data: Graph, shapes, vocabularies, name: str) -> None:
    conforms, report, text = validate(data, shacl_graph=shapes, ont_graph=vocabularies, inference="none")
    assert conforms, f"{name}:\n{text[:3000]}"


OPEN_HOLDINGS = 2  # Haltestellen und Fahrplan (weekly), Verkehrszählung (monthly): both dataset series too


def _datasets(data: Graph) -> list:
    """The datasets that are not series (a series is typed dcat:Dataset too: DCAT 3's subclass, stated)."""
    return [node for node in data.subjects(RDF.type, DCAT.Dataset) if (node, RDF.type, DCAT_SERIES) not in data]


def _record(data: Graph, title: str) -> URIRef:
    """The dcat:Dataset of that title (its distribution and series carry the title too)."""
    return next(node for node in data.subjects(DCTERMS.title, Literal(title, lang="de"))
                if (node, RDF.type, DCAT.Dataset) in data and (node, RDF.type, DCAT_SERIES) not in data)  # fmt: skip


@pytest.mark.parametrize("fmt", ["ttl", "rdf", "jsonld"])
def test_every_format_validates_with_zero_violations(client, inventory, shape_sets, fmt):
    data = _fetch(client, fmt)  # the project catalogue first, then the open datasets
    assert inventory.title in {str(title) for title in data.objects(None, DCTERMS.title)}
    assert len(_datasets(data)) == 1 + OPEN_HOLDINGS
    assert len(list(data.subjects(RDF.type, DCAT_SERIES))) == OPEN_HOLDINGS
    for name, (shapes, vocabularies) in shape_sets.items():
        _conforms(data, shapes, vocabularies, name)


def test_a_harvest_of_every_page_validates_without_inference(client, inventory, shape_sets, jena, monkeypatch):
    """Followed page by page through hydra:next as a portal harvests; each page alone conforms to DCAT-AP 3.0.0."""
    editor = UserFactory()
    for number in range(3):
        services.create_dataset(territory=jena, by=editor, title=f"Haushalt {number}", description="Haushaltsplan",
                                publisher="Kämmerei", theme="ECON", access="open", frequency="ANNUAL")  # fmt: skip
    monkeypatch.setattr(dcat, "PAGE_SIZE", 2)
    shapes, vocabularies = shape_sets["DCAT-AP 3.0.0"]
    seen, url, pages = [], reverse("dcat_catalog", args=["ttl"]) + "?page=1", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = Graph().parse(data=response.content, format="turtle")
        _conforms(page, shapes, vocabularies, f"DCAT-AP 3.0.0, {url}")
        seen += [str(node) for node in _datasets(page)]
        view = next(page.objects(None, URIRef(HYDRA + "view")))
        following = page.value(view, URIRef(HYDRA + "next"))
        url = str(following).removeprefix(settings.SITE_URL) if following else ""
        pages += 1
    assert pages == 3 and len(seen) == len(set(seen)) == 1 + OPEN_HOLDINGS + 3


def test_only_datasets_are_datasets_the_project_catalogue_is_one(client, inventory):
    """No dcat:Dataset per project: the catalogue is one dataset whose distributions are its exports."""
    data = _fetch(client)
    records = {str(node) for node in _datasets(data)}
    assert Project.objects.filter(publication="published").count() > 100
    assert not any("/projekte/" in record and record != f"{settings.SITE_URL}/projekte/#dataset" for record in records)
    catalogue = URIRef(f"{settings.SITE_URL}/projekte/#dataset")
    assert str(data.value(catalogue, DCTERMS.title)).startswith("Projektkatalog")
    downloads = {str(data.value(node, DCAT.downloadURL)) for node in data.objects(catalogue, DCAT.distribution)}
    assert downloads == {f"{settings.SITE_URL}/projekte/katalog.{fmt}" for fmt in ("csv", "xlsx", "json", "geojson")}
    for address in downloads:  # before the nightly task's first run: the live export
        assert client.get(address.removeprefix(settings.SITE_URL), follow=True).status_code == 200
    formats = {
        str(data.value(node, DCTERMS.format)).rsplit("/", 1)[1] for node in data.objects(catalogue, DCAT.distribution)
    }
    assert formats == {"CSV", "XLSX", "JSON", "GEOJSON"}


def test_a_periodic_holding_is_a_dataset_series(client, inventory):
    data = _fetch(client)
    dataset = _record(data, "Verkehrszählung")
    series = data.value(dataset, DCAT_IN_SERIES)
    assert (series, RDF.type, DCAT_SERIES) in data and (None, DCAT.dataset, series) in data
    assert str(data.value(series, DCTERMS.title)) == "Verkehrszählung"
    assert str(data.value(series, DCTERMS.accrualPeriodicity)).endswith("/MONTHLY")
    assert data.value(series, DCTERMS.publisher) is not None and data.value(series, DCAT.contactPoint) is not None
    assert data.value(_record(data, inventory.title), DCAT_IN_SERIES) is not None  # weekly is periodic too
    catalogue = URIRef(f"{settings.SITE_URL}/projekte/#dataset")
    assert data.value(catalogue, DCAT_IN_SERIES) is None  # continuous, not a series of releases


def test_identifiers_follow_site_url_not_the_host_name(client, inventory, settings):
    settings.SITE_URL = "https://hub.example.org"
    via_localhost = client.get(reverse("dcat_catalog", args=["ttl"]), HTTP_HOST="localhost").content
    via_address = client.get(reverse("dcat_catalog", args=["ttl"]), HTTP_HOST="127.0.0.1").content
    assert isomorphic(
        Graph().parse(data=via_localhost, format="turtle"), Graph().parse(data=via_address, format="turtle")
    )
    assert b"https://hub.example.org/daten/" in via_localhost and b"localhost" not in via_localhost
    api = [client.get(reverse("dataset-detail", args=[inventory.pk]), HTTP_HOST=host).json()["url"]
           for host in ("localhost", "127.0.0.1")]  # fmt: skip
    assert api == [f"https://hub.example.org/daten/{inventory.pk}/"] * 2


def test_contact_points_carry_an_email_or_a_url(client, inventory):
    data = _fetch(client)
    points = set(data.subjects(RDF.type, VCARD["Kind"]))
    assert len(points) == 1 + 2 * OPEN_HOLDINGS  # the project catalogue's, each series' and dataset's
    for point in points:
        assert data.value(point, VCARD["hasEmail"]) or data.value(point, VCARD["hasURL"]), point
    emails = {str(value) for value in data.objects(None, VCARD["hasEmail"])}
    assert emails == {"mailto:daten@jena.example"}


def test_the_contributor_id_comes_from_the_settings(client, inventory, settings):
    settings.DCATDE_CONTRIBUTOR_ID = "smartRegionHub"
    values = {str(value) for value in _fetch(client).objects(None, DCATDE["contributorID"])}
    assert values == {"http://dcat-ap.de/def/contributors/smartRegionHub"}


def test_geocoding_by_level_and_political_uri(client, inventory, jena):
    data = _fetch(client)
    node = _record(data, inventory.title)
    level = str(data.value(node, DCATDE["politicalGeocodingLevelURI"]))
    assert level == "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
    geocoding = f"http://dcat-ap.de/def/politicalGeocoding/regionalKey/{jena.ars}"
    assert str(data.value(node, DCATDE["politicalGeocodingURI"])) == geocoding
    assert jena.latitude is not None and str(data.value(node, DCTERMS.spatial)) == geocoding
    assert not list(data.objects(None, DCATDE["legalBasis"]))  # deprecated in 3.0: applicableLegislation instead
    legislation = URIRef("http://data.europa.eu/r5r/applicableLegislation")
    assert str(data.value(node, legislation)) == EGOVG
    assert not list(data.objects(None, DCATDE["contributorID"]))  # none configured (the default)


def test_modified_of_the_project_catalogue_is_the_sources_date_not_the_import(client, jena):
    from django.utils import timezone

    from smartregion.core.freshness import bulk_written
    from smartregion.projects.importer import import_records

    from ..conftest import shipped_project_rows

    Project.objects.update(publication="draft")
    bulk_written(Project)
    line, row = next((line, row) for line, row in shipped_project_rows() if row["stand"])
    row = {**row, "id": "DCAT-1", "titel": "Quelle mit Stand", "stand": "2023-05"}
    assert import_records([(line, row)]).created == 1
    catalogue = URIRef(f"{settings.SITE_URL}/projekte/#dataset")
    modified = _fetch(client).value(catalogue, DCTERMS.modified)
    assert str(modified) == "2023-05" and modified.datatype == XSD.gYearMonth  # not the day of the import
    assert import_records([(line, row)]).unchanged == 1  # a re-import of the same row changes nothing
    assert str(_fetch(client).value(catalogue, DCTERMS.modified)) == "2023-05"
    project = Project.objects.get(external_id="DCAT-1")
    admin = UserFactory(is_superuser=True)
    project_services.update_project(project, expected_revision=project.revision, by=admin, summary="Neu")
    assert str(_fetch(client).value(catalogue, DCTERMS.modified)) == timezone.localdate().isoformat()


def test_restricted_internal_and_drafts_never_appear(client, inventory, monkeypatch):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 100_000)  # everything on one page
    text = client.get(reverse("dcat_catalog", args=["ttl"])).content.decode()
    assert "Haltestellen und Fahrplan" in text
    assert "Geheime Leitungspläne" not in text and "Parkhausbelegung" not in text and "Entwurfsprojekt" not in text
    page = client.get(reverse("opendata:inventory")).content.decode()
    assert "Haltestellen" in page and "Geheime" not in page and "Parkhausbelegung" not in page


def test_large_catalogues_are_paged_with_hydra(client, inventory, monkeypatch):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 1)
    total = 1 + OPEN_HOLDINGS
    first = _fetch(client, "ttl", 1)
    view = next(first.objects(None, URIRef(HYDRA + "view")))
    assert str(next(first.objects(view, URIRef(HYDRA + "next")))).endswith("catalog.ttl?page=2")
    assert str(next(first.objects(view, URIRef(HYDRA + "last")))).endswith(f"catalog.ttl?page={total}")
    assert int(next(first.objects(None, URIRef(HYDRA + "totalItems")))) == total
    assert [str(first.value(node, DCTERMS.title)) for node in _datasets(first)] == [
        f"Projektkatalog {settings.SITE_NAME}"
    ]
    second = _fetch(client, "ttl", 2)
    assert [str(second.value(node, DCTERMS.title)) for node in _datasets(second)] == [inventory.title]
    last = _fetch(client, "ttl", total)
    last_view = next(last.objects(None, URIRef(HYDRA + "view")))
    assert not list(last.objects(last_view, URIRef(HYDRA + "next")))
    assert len(_datasets(last)) == 1


def test_the_full_turtle_export_holds_every_record_once(inventory, monkeypatch, tmp_path):
    from django.core.management import call_command

    monkeypatch.setattr(dcat, "PAGE_SIZE", 1)
    target = tmp_path / "katalog.ttl"
    output = io.StringIO()
    call_command("export_dcat", str(target), base_url="https://hub.example", stdout=output)
    assert "pages written" in output.getvalue()
    graph = Graph().parse(target, format="turtle")
    records = set(graph.objects(URIRef("https://hub.example/catalog"), DCAT.dataset))
    assert len(records) == 1 + 2 * OPEN_HOLDINGS  # the project catalogue, each holding and its series
    assert not list(graph.objects(None, URIRef(HYDRA + "view")))


def test_the_whole_catalogue_is_a_stored_file_the_nightly_task_replaces(
    client, inventory, monkeypatch, without_nightly_files
):
    from smartregion import celery_app
    from smartregion.opendata import full_export

    url = reverse("dcat_catalog_file")
    assert client.get(url).status_code == 404  # before the first run
    monkeypatch.setattr(dcat, "PAGE_SIZE", 1)
    celery_app.loader.import_default_modules()
    first = celery_app.tasks["smartregion.opendata.tasks.store_full_dcat_catalogue"].apply().get()  # as beat runs it
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "text/turtle; charset=utf-8"
    assert 'filename="katalog.ttl"' in response["Content-Disposition"]
    graph = Graph().parse(data=b"".join(response.streaming_content), format="turtle")
    records = set(graph.objects(URIRef(f"{settings.SITE_URL}/catalog"), DCAT.dataset))
    assert len(records) == 1 + 2 * OPEN_HOLDINGS
    services.update_dataset(inventory, expected_revision=inventory.revision, by=UserFactory(), title="Neu am Tag")
    second, _chunks = full_export.store_full_catalogue()
    assert full_export.stored_names() == [second] != [first]  # the older file deleted after the new one was stored
    assert b"Neu am Tag" in b"".join(client.get(url).streaming_content)
