"""The catalogue's own writers (opendata.triples) say in Turtle, RDF/XML and JSON-LD exactly what rdflib reads as the
same graph; a page is kept until a holding changes, and it does not follow the request's language."""

import pytest
from django.urls import reverse
from rdflib import Graph
from rdflib.compare import isomorphic

from smartregion.opendata import dcat, services
from smartregion.opendata.triples import IRI, Blanks, Text, Triples, document

from ..factories import UserFactory

RDFLIB_NAMES = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}


def _awkward() -> Triples:
    triples = Triples()
    blanks = Blanks()
    subject = IRI("https://hub.example/daten/1/#dataset")
    title = IRI("http://purl.org/dc/terms/title")
    triples.add(
        subject, IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), IRI("http://www.w3.org/ns/dcat#Dataset")
    )
    for value in ('Anführungszeichen " und \\ Backslash', "Zeile 1\nZeile 2\r\n\tEnde", "<b>&amp;</b> ]]> 'x'", "€ 😀"):
        triples.add(subject, title, Text(value, "de"))
    triples.add(subject, IRI("http://purl.org/dc/terms/modified"),
                Text("2026-12", datatype="http://www.w3.org/2001/XMLSchema#gYearMonth"))  # fmt: skip
    triples.add(subject, IRI("http://xmlns.com/foaf/0.1/name"), Text("ohne Sprache"))
    contact = blanks.new()
    triples.add(subject, IRI("http://www.w3.org/ns/dcat#contactPoint"), contact)
    triples.add(contact, IRI("http://www.w3.org/2006/vcard/ns#hasURL"), IRI("https://hub.example/impressum/?a=1&b=2"))
    triples.add(
        subject, IRI("http://example.org/other-vocabulary#note"), Text("fremder Namensraum")
    )  # declared locally
    return triples


@pytest.mark.parametrize("fmt", ["ttl", "rdf", "jsonld"])
def test_each_format_reads_back_as_the_same_graph(fmt):
    triples = _awkward()
    text = document(fmt, [triples.fragment(fmt)])
    assert isomorphic(Graph().parse(data=text, format=RDFLIB_NAMES[fmt]), triples.graph())


@pytest.mark.parametrize("fmt", ["ttl", "rdf", "jsonld"])
def test_fragments_written_apart_make_one_document(fmt):
    first, second = _awkward(), _awkward()  # the same subject in both; their blank nodes differ
    text = document(fmt, [first.fragment(fmt), "", second.fragment(fmt)])
    both = first.graph() + second.graph()
    assert isomorphic(Graph().parse(data=text, format=RDFLIB_NAMES[fmt]), both)


def test_an_address_with_a_space_is_encoded_and_xml_forbidden_characters_dropped():
    triples = Triples()
    subject = IRI("https://daten.example/ein pfad")
    triples.add(subject, IRI("http://purl.org/dc/terms/title"), Text("Steuer\x0bzeichen", "de"))
    for fmt in ("ttl", "rdf", "jsonld"):
        graph = Graph().parse(data=document(fmt, [triples.fragment(fmt)]), format=RDFLIB_NAMES[fmt])
        [(found, _predicate, title)] = list(graph)
        assert str(found) == "https://daten.example/ein%20pfad"
        assert str(title) in ("Steuer\x0bzeichen", "Steuerzeichen")  # XML 1.0 cannot hold U+000B
    rdf = Graph().parse(data=document("rdf", [triples.fragment("rdf")]), format="xml")
    assert str(next(iter(rdf))[2]) == "Steuerzeichen"


@pytest.fixture
def holding(jena):
    return services.create_dataset(
        territory=jena, by=UserFactory(), publisher="Stadtwerke Jena", theme="TRAN", licence="dl-by-de/2.0",
        title="Haltestellen", description="Soll-Fahrplan.", access="open", frequency="WEEKLY",
        distributions=[{"access_url": "https://daten.jena.example/gtfs.zip", "file_type": "ZIP"}],
    )  # fmt: skip


def test_a_page_is_kept_until_a_holding_changes_and_an_edit_shows_on_the_next_request(client, holding, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.force_login(UserFactory())  # signed in: no visitor page cache, the kept holdings
    url = reverse("dcat_catalog", args=["ttl"])
    builds = dcat._page_holdings.builds
    assert "Haltestellen" in client.get(url).content.decode()
    client.get(url)
    assert dcat._page_holdings.builds == builds + 1  # the second request read the kept text
    services.update_dataset(holding, expected_revision=holding.revision, by=UserFactory(), title="Haltestellen neu")
    assert "Haltestellen neu" in client.get(url).content.decode()
    assert dcat._page_holdings.builds == builds + 2


def test_the_page_does_not_follow_the_requests_language(client, holding):
    url = reverse("dcat_catalog", args=["ttl"])
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/en/" not in english and "wöchentlich" in english and "Verkehr" in english
    assert isomorphic(Graph().parse(data=german, format="turtle"), Graph().parse(data=english, format="turtle"))
