"""The DCAT-AP.de catalogue validates against the DCAT-AP 3.0 and DCAT-AP.de 2.0 shapes; restricted data never leaks."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from smartregion.opendata import dcat, services
from smartregion.projects import services as project_services
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain

from ..factories import UserFactory

SHAPES = Path(__file__).resolve().parent.parent / "fixtures" / "dcat-ap"
HYDRA = "http://www.w3.org/ns/hydra/core#"


def _graph(*names) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(SHAPES / name)
    return graph


@pytest.fixture(scope="module")
def shape_sets():
    vocabularies = _graph("eu-data-theme-skos-ap-act.ttl", "eu-filetypes-skos-ap-act.ttl")
    return {
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
        distributions=[
            {"access_url": "https://daten.jena.example/gtfs.zip", "file_type": "ZIP", "media_type": "application/zip"}
        ],
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


def _fetch(client, fmt="ttl", page=1) -> Graph:
    response = client.get(reverse("dcat_catalog", args=[fmt]), {"page": page})
    assert response.status_code == 200
    return Graph().parse(data=response.content, format=dcat.FORMATS[fmt])


@pytest.mark.parametrize("fmt", ["ttl", "rdf", "jsonld"])
def test_every_format_validates_with_zero_violations(client, inventory, shape_sets, fmt):
    data = _fetch(
        client, fmt
    )  # the open dataset first, then the published projects (the real ones of the test register)
    assert inventory.title in {str(title) for title in data.objects(None, DCTERMS.title)}
    assert len(list(data.subjects(RDF.type, DCAT.Dataset))) == dcat.PAGE_SIZE
    for name, (shapes, vocabularies) in shape_sets.items():
        conforms, report, text = validate(data, shacl_graph=shapes, ont_graph=vocabularies, inference="none")
        assert conforms, f"{name}:\n{text[:3000]}"


def test_restricted_internal_and_drafts_never_appear(client, inventory, monkeypatch):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 100_000)  # everything on one page
    text = client.get(reverse("dcat_catalog", args=["ttl"])).content.decode()
    assert "Haltestellen und Fahrplan" in text and "Parksensoren" in text
    assert "Geheime Leitungspläne" not in text and "Parkhausbelegung" not in text and "Entwurfsprojekt" not in text
    page = client.get(reverse("opendata:inventory")).content.decode()
    assert "Haltestellen" in page and "Geheime" not in page and "Parkhausbelegung" not in page


def test_large_catalogues_are_paged_with_hydra(client, inventory, monkeypatch):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 1)
    total = 1 + Project.objects.filter(publication="published").count()
    first = _fetch(client, "ttl", 1)
    view = next(first.objects(None, URIRef(HYDRA + "view")))
    assert str(next(first.objects(view, URIRef(HYDRA + "next")))).endswith("catalog.ttl?page=2")
    assert str(next(first.objects(view, URIRef(HYDRA + "last")))).endswith(f"catalog.ttl?page={total}")
    assert int(next(first.objects(None, URIRef(HYDRA + "totalItems")))) == total
    assert [str(first.value(node, DCTERMS.title)) for node in first.subjects(RDF.type, DCAT.Dataset)] == [
        inventory.title
    ]
    last = _fetch(client, "ttl", total)
    last_view = next(last.objects(None, URIRef(HYDRA + "view")))
    assert not list(last.objects(last_view, URIRef(HYDRA + "next")))
    assert len(list(last.subjects(RDF.type, DCAT.Dataset))) == 1


def test_the_full_turtle_export_holds_every_record_once(inventory, monkeypatch, tmp_path):
    from django.core.management import call_command

    monkeypatch.setattr(dcat, "PAGE_SIZE", 40)
    target = tmp_path / "katalog.ttl"
    output = io.StringIO()
    call_command("export_dcat", str(target), base_url="https://hub.example", stdout=output)
    assert "pages written" in output.getvalue()
    graph = Graph().parse(target, format="turtle")
    records = set(graph.objects(URIRef("https://hub.example/catalog"), DCAT.dataset))
    assert len(records) == 1 + Project.objects.filter(publication="published").count()
    assert not list(graph.objects(None, URIRef(HYDRA + "view")))
