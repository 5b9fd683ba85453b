"""Conformance to DCAT-AP.de 3.0, read from the specification's own text.

GovData's DCAT-AP.de 3.0 SHACL shapes are AGPL-3.0 and not part of this project; these tests take the obligations
from the specification instead: `tests/fixtures/dcat-ap/dcat-ap-de-3.0/04_classes.md` (the chapter "Klassen" of
the DCAT-AP.de 3.0 specification, CC BY 4.0). Each class's table names its properties with "Pflicht",
"Empfohlen" or "Optional" and a multiplicity; properties whose section is marked DEPRECATED must not be used.

- every mandatory property of every node of a class is present, as often as the multiplicity allows;
- no property is used more often than its multiplicity allows (`[0..1]`, `[1]`);
- every recommended property is present on a fully described record, except those in NOT_PROVIDED (each with the
  reason it is not);
- no deprecated property, except `dcatde:politicalGeocodingURI`, which the Konventionenhandbuch 2.0 still asks for;
- a contact point (vcard:Kind) carries an e-mail address or a URL (DCAT-AP.de 3.0 made contact details a class of
  their own; a bare vcard:Kind tells a harvester nothing);
- access and download URLs are IRIs, not literals.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, RDF

from smartregion.opendata import dcat, services

from ..factories import UserFactory

SPEC = Path(__file__).resolve().parent.parent / "fixtures" / "dcat-ap" / "dcat-ap-de-3.0" / "04_classes.md"
PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "dcatap": "http://data.europa.eu/r5r/",
    "adms": "http://www.w3.org/ns/adms#",
    "spdx": "http://spdx.org/rdf/terms#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "locn": "http://www.w3.org/ns/locn#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "geodcatap": "http://data.europa.eu/930/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "http://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "time": "http://www.w3.org/2006/time#",
    "dqv": "http://www.w3.org/ns/dqv#",
}
CLASS_LINE = re.compile(r"^> \| \*URI der Klasse\* \| \[`([^`]+)`\]")
ROW = re.compile(
    r"^\| \[[^\]]+\]\([^)]*\) \| `([^`]+)` \| .*? \| <small>(Pflicht|Empfohlen|Optional)</small> \| `([^`]+)`"
)
DEPRECATED = re.compile(r"^###\s+.*\(DEPRECATED\)")
URI_LINE = re.compile(r"^> \| \*URI\*\s+\| \[`([^`]+)`\]")

# Recommended properties this catalogue does not state, and why (a deliberate list: a new gap fails the test).
NOT_PROVIDED = {
    ("dcat:Catalog", "dcterms:issued"): "the catalogue has no first publication date of its own",
    ("dcat:Catalog", "dcterms:license"): "the licence of the metadata is the operator's decision, not configured",
    ("dcat:Catalog", "dcatap:availability"): "planned availability is not recorded",
    ("dcat:Catalog", "dcterms:spatial"): "the hub covers every Land it has members in; no single area",
    ("dcat:Dataset", "dcatap:availability"): "planned availability is not recorded in the inventory",
    ("dcat:Distribution", "dcatap:availability"): "planned availability is not recorded in the inventory",
    ("dcterms:Location", "dcat:bbox"): "the centroid of the territory is given; no bounding box is kept",
}


def _iri(curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    # A prefix this list lacks names a vocabulary the catalogue does not use: kept apart, never matched.
    return URIRef(PREFIXES.get(prefix, f"urn:unknown-prefix:{prefix}:") + local)


def _spec() -> tuple[dict, set]:
    """class IRI → [(property IRI, obligation, multiplicity)], and the deprecated property IRIs."""
    classes: dict = {}
    deprecated: set = set()
    current = None
    in_deprecated = False
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        if match := CLASS_LINE.match(line):
            current = _iri(match.group(1))
            classes[current] = []
        elif current is not None and (match := ROW.match(line)):
            classes[current].append((_iri(match.group(1)), match.group(2), match.group(3)))
        if line.startswith("###"):
            in_deprecated = bool(DEPRECATED.match(line))
        elif in_deprecated and (match := URI_LINE.match(line)):
            deprecated.add(_iri(match.group(1)))
            in_deprecated = False
    return classes, deprecated


CLASSES, DEPRECATED_PROPERTIES = _spec()
ALLOWED_DEPRECATED = {_iri("dcatde:politicalGeocodingURI")}  # still required by the Konventionenhandbuch 2.0


def _curie(iri) -> str:
    for prefix, namespace in PREFIXES.items():
        if str(iri).startswith(namespace):
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    return str(iri)


def test_the_specification_is_read():
    """The parser finds the classes and obligations the specification states (a guard for the parser)."""
    dataset = {prop: (obligation, mult) for prop, obligation, mult in CLASSES[DCAT.Dataset]}
    assert dataset[_iri("dcterms:publisher")] == ("Pflicht", "[1]")
    assert dataset[_iri("dcatde:politicalGeocodingLevelURI")][0] == "Empfohlen"
    assert {p: o for p, o, _ in CLASSES[DCAT.Distribution]}[DCAT.accessURL] == "Pflicht"
    assert {p: o for p, o, _ in CLASSES[DCAT.Distribution]}[_iri("dcterms:license")] == "Pflicht"
    assert URIRef(f"{DCAT}DatasetSeries") in CLASSES and _iri("vcard:Kind") in CLASSES
    assert _iri("dcatde:legalBasis") in DEPRECATED_PROPERTIES and _iri("dcatde:politicalGeocodingURI") in (
        DEPRECATED_PROPERTIES
    )


@pytest.fixture
def harvest(client, jena):
    """A fully described holding (every field of the inventory filled, monthly: also a series), a sparse one, and
    the project catalogue, as one page of the catalogue."""
    editor = UserFactory()
    services.create_dataset(
        territory=jena, by=editor, title="Verkehrszählung", description="Zählstellen an den Einfallstraßen.",
        publisher="Tiefbauamt Jena", contact_email="verkehr@jena.example", theme="TRAN", licence="dl-by-de/2.0",
        attribution="Stadt Jena", access="open", frequency="MONTHLY", temporal_start=datetime.date(2020, 1, 1),
        temporal_end=datetime.date(2025, 12, 31), standards="DATEX II", keywords="Verkehr, Zählung",
        legislation="https://www.gesetze-im-internet.de/egovg/__12a.html",
        distributions=[{"access_url": "https://daten.jena.example/zaehlung.csv", "file_type": "CSV",
                        "media_type": "text/csv", "title": "Zählung (CSV)"}],
    )  # fmt: skip
    services.create_dataset(territory=jena, by=editor, title="Baumkataster", description="Straßenbäume.",
                            publisher="Grünflächenamt", theme="ENVI", access="open")  # fmt: skip
    response = client.get(reverse("dcat_catalog", args=["ttl"]))
    assert response.status_code == 200
    return Graph().parse(data=response.content, format="turtle")


def _instances(graph: Graph, cls) -> list:
    return sorted(set(graph.subjects(RDF.type, cls)), key=str)


def _maximum(multiplicity: str) -> int | None:
    return {"[1]": 1, "[0..1]": 1}.get(multiplicity)


def test_mandatory_properties_and_multiplicities_of_every_class(harvest):
    checked = 0
    for cls, rows in CLASSES.items():
        for node in _instances(harvest, cls):
            for prop, obligation, multiplicity in rows:
                values = list(harvest.objects(node, prop))
                if obligation == "Pflicht":
                    assert values, f"{_curie(cls)} {node}: {_curie(prop)} is mandatory"
                limit = _maximum(multiplicity)
                assert limit is None or len(values) <= limit, f"{node}: {_curie(prop)} {multiplicity}, {len(values)}"
            checked += 1
    assert checked >= 10  # catalogue, datasets, a series, distributions, agents, contact points, period, location


def _fully_described(harvest) -> dict:
    """class → the node of the fully described record (or of the catalogue) to check recommended properties on."""
    dataset = next(node for node in harvest.subjects(_iri("dcterms:title"), Literal("Verkehrszählung", lang="de"))
                   if harvest.value(node, URIRef(f"{DCAT}inSeries")) is not None)  # fmt: skip
    series = harvest.value(dataset, URIRef(f"{DCAT}inSeries"))
    return {
        DCAT.Catalog: next(harvest.subjects(RDF.type, DCAT.Catalog)),
        DCAT.Dataset: dataset,
        URIRef(f"{DCAT}DatasetSeries"): series,
        DCAT.Distribution: harvest.value(dataset, DCAT.distribution),
        _iri("dcterms:PeriodOfTime"): harvest.value(dataset, _iri("dcterms:temporal")),
        _iri("dcterms:Location"): harvest.value(dataset, _iri("dcterms:spatial")),
    }


def test_recommended_properties_are_stated_on_a_fully_described_record(harvest):
    missing = []
    for cls, node in _fully_described(harvest).items():
        assert node is not None, _curie(cls)
        for prop, obligation, _multiplicity in CLASSES[cls]:
            stated = list(harvest.objects(node, prop))
            if obligation == "Empfohlen" and not stated and (_curie(cls), _curie(prop)) not in NOT_PROVIDED:
                missing.append(f"{_curie(cls)} {_curie(prop)}")
    assert missing == []


def test_the_list_of_what_is_not_provided_is_true(harvest):
    """Every entry of NOT_PROVIDED is really missing (an entry that is now stated must leave the list)."""
    nodes = {_curie(cls): node for cls, node in _fully_described(harvest).items()}
    for cls, prop in NOT_PROVIDED:
        assert not list(harvest.objects(nodes[cls], _iri(prop))), f"{cls} {prop} is stated now"


def test_no_deprecated_property_but_the_political_geocoding_uri(harvest):
    used = {predicate for _subject, predicate, _object in harvest}
    assert used & DEPRECATED_PROPERTIES == ALLOWED_DEPRECATED


def test_every_contact_point_has_an_email_or_a_url(harvest):
    points = _instances(harvest, _iri("vcard:Kind"))
    assert len(points) >= 4
    for point in points:
        emails = list(harvest.objects(point, _iri("vcard:hasEmail")))
        urls = list(harvest.objects(point, _iri("vcard:hasURL")))
        assert emails or urls, point
        assert all(isinstance(value, URIRef) for value in emails + urls)
        assert all(str(value).startswith("mailto:") for value in emails)


def test_access_and_download_urls_are_iris(harvest):
    values = list(harvest.objects(None, DCAT.accessURL)) + list(harvest.objects(None, DCAT.downloadURL))
    assert len(values) >= 5
    assert all(isinstance(value, URIRef) for value in values)


def test_publisher_and_licence_where_mandatory(harvest):
    for cls in (DCAT.Catalog, DCAT.Dataset, URIRef(f"{DCAT}DatasetSeries")):
        for node in _instances(harvest, cls):
            publishers = list(harvest.objects(node, _iri("dcterms:publisher")))
            assert len(publishers) == 1 and harvest.value(publishers[0], _iri("foaf:name")) is not None
    for node in _instances(harvest, DCAT.Distribution):
        assert len(list(harvest.objects(node, _iri("dcterms:license")))) == 1
    assert dcat.PAGE_SIZE >= 3  # everything above was on the one page
