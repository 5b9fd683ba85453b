"""The open catalogue as DCAT-AP.de: open datasets of the inventory and the published projects.

Projects are published as records of their documentation (ADR 0016): each is a dcat:Dataset whose
landing page is the project page and whose distribution is its JSON record in the REST API, licensed
CC BY 4.0. Restricted and internal datasets and draft projects never appear.

Large catalogues are paged with Hydra (hydra:PartialCollectionView with first/previous/next/last and
hydra:totalItems on the catalogue), PAGE_SIZE records per page: datasets first, then projects, each by id.
Every node states its classes explicitly (foaf:Agent, vcard:Kind, dct:LicenseDocument, …) and the
licence and format IRIs carry their scheme, so that the SHACL shapes validate without inference.
"""

import re
from dataclasses import dataclass

from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from smartregion.projects.enums import Publication
from smartregion.projects.models import Project

from .enums import DCATDE_LICENCES, EU_FILE_TYPE, EU_FREQUENCY, EU_THEME, Frequency, Licence, Theme
from .importer import DOMAIN_THEME
from .models import Dataset
from .queries import public

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")

# The terms used, resolved once (rdflib namespaces build a new term on every attribute access).
DCAT_CATALOG_CLASS = DCAT.Catalog
DCAT_DATASET_CLASS = DCAT.Dataset
DCAT_DISTRIBUTION_CLASS = DCAT.Distribution
DCAT_ACCESSURL = DCAT.accessURL
DCAT_CONTACTPOINT = DCAT.contactPoint
DCAT_DATASET = DCAT.dataset
DCAT_DISTRIBUTION = DCAT.distribution
DCAT_KEYWORD = DCAT.keyword
DCAT_LANDINGPAGE = DCAT.landingPage
DCAT_MEDIATYPE = DCAT.mediaType
DCAT_THEME = DCAT.theme
DCATDE_LICENSEATTRIBUTIONBYTEXT = DCATDE.licenseAttributionByText
DCATDE_POLITICALGEOCODINGURI = DCATDE.politicalGeocodingURI
DCTERMS_FREQUENCY_CLASS = DCTERMS.Frequency
DCTERMS_LICENSEDOCUMENT_CLASS = DCTERMS.LicenseDocument
DCTERMS_MEDIATYPE_CLASS = DCTERMS.MediaType
DCTERMS_MEDIATYPEOREXTENT_CLASS = DCTERMS.MediaTypeOrExtent
DCTERMS_STANDARD_CLASS = DCTERMS.Standard
DCTERMS_ACCRUALPERIODICITY = DCTERMS.accrualPeriodicity
DCTERMS_CONFORMSTO = DCTERMS.conformsTo
DCTERMS_DESCRIPTION = DCTERMS.description
DCTERMS_FORMAT = DCTERMS.format
DCTERMS_IDENTIFIER = DCTERMS.identifier
DCTERMS_LICENSE = DCTERMS.license
DCTERMS_MODIFIED = DCTERMS.modified
DCTERMS_PUBLISHER = DCTERMS.publisher
DCTERMS_TITLE = DCTERMS.title
FOAF_AGENT_CLASS = FOAF.Agent
FOAF_DOCUMENT_CLASS = FOAF.Document
FOAF_ORGANIZATION_CLASS = FOAF.Organization
FOAF_HOMEPAGE = FOAF.homepage
FOAF_NAME = FOAF.name
HYDRA_COLLECTION_CLASS = HYDRA.Collection
HYDRA_PARTIALCOLLECTIONVIEW_CLASS = HYDRA.PartialCollectionView
HYDRA_FIRST = HYDRA.first
HYDRA_LAST = HYDRA.last
HYDRA_NEXT = HYDRA.next
HYDRA_PREVIOUS = HYDRA.previous
HYDRA_TOTALITEMS = HYDRA.totalItems
HYDRA_VIEW = HYDRA.view
RDF_TYPE = RDF.type
SKOS_CONCEPT_CLASS = SKOS.Concept
SKOS_INSCHEME = SKOS.inScheme
SKOS_PREFLABEL = SKOS.prefLabel
VCARD_KIND_CLASS = VCARD.Kind
VCARD_ORGANIZATION_CLASS = VCARD.Organization
VCARD_FN = VCARD.fn
VCARD_HASEMAIL = VCARD.hasEmail
XSD_DATE = XSD.date
XSD_INTEGER = XSD.integer
PAGE_SIZE = 100
REGIONAL_KEY = "http://dcat-ap.de/def/politicalGeocoding/regionalKey"
FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}
MEDIA_TYPES = {"ttl": "text/turtle", "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}
PROJECT_LICENCE = Licence.CC_BY


@dataclass
class Page:
    number: int
    last: int
    total: int
    datasets: int  # open datasets come first, then the projects


def _bind(graph: Graph) -> None:
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("hydra", HYDRA),
                              ("skos", SKOS), ("dcatde", DCATDE)):  # fmt: skip
        graph.bind(prefix, namespace)


class _Writer:
    def __init__(self, graph: "Triples", base: str):
        self.graph = graph
        self.base = base
        self.agents: dict[str, URIRef] = {}
        self.described: set[URIRef] = set()
        # Addresses of records from one reversed pattern each (reverse() per record costs more than the record).
        self.dataset_page = base + reverse("opendata:detail", args=[999_999_999]).replace("999999999", "{}")
        self.project_page = base + reverse("projects:detail", args=[999_999_999]).replace("999999999", "{}")

    def add(self, subject, predicate, obj) -> None:
        self.graph.add((subject, predicate, obj))

    def agent(self, key: str, name: str) -> URIRef:
        if key not in self.agents:
            node = URIRef(f"{self.base}/gebiete/{key}/#agent") if key != "hub" else URIRef(f"{self.base}/#publisher")
            self.add(node, RDF_TYPE, FOAF_AGENT_CLASS)
            self.add(node, RDF_TYPE, FOAF_ORGANIZATION_CLASS)
            self.add(node, FOAF_NAME, Literal(name))
            self.agents[key] = node
        return self.agents[key]

    def concept(self, iri: str, scheme: str, kind=SKOS_CONCEPT_CLASS, label: str = "") -> URIRef:
        node = URIRef(iri)
        if node not in self.described:
            self.add(node, RDF_TYPE, kind)
            self.add(node, SKOS_INSCHEME, URIRef(scheme))
            if label:
                self.add(node, SKOS_PREFLABEL, Literal(label, lang="de"))
            self.described.add(node)
        return node

    def licence(self, value: str) -> URIRef:
        node = self.concept(
            f"{DCATDE_LICENCES}/{value}", DCATDE_LICENCES, DCTERMS_LICENSEDOCUMENT_CLASS, Licence(value).label
        )
        return node

    def file_type(self, code: str) -> URIRef:
        return self.concept(EU_FILE_TYPE + code, EU_FILE_TYPE.rstrip("/"), DCTERMS_MEDIATYPEOREXTENT_CLASS, code)

    def theme(self, code: str) -> URIRef:
        return self.concept(EU_THEME + code, EU_THEME.rstrip("/"), label=Theme(code).label)

    def frequency(self, code: str) -> URIRef:
        return self.concept(
            EU_FREQUENCY + code, EU_FREQUENCY.rstrip("/"), DCTERMS_FREQUENCY_CLASS, Frequency(code).label
        )

    def region(self, ars: str, name: str) -> URIRef:
        return self.concept(f"{REGIONAL_KEY}/{ars}", REGIONAL_KEY, label=name)

    def contact(self, name: str, email: str = "") -> BNode:
        node = BNode()
        self.add(node, RDF_TYPE, VCARD_KIND_CLASS)
        self.add(node, RDF_TYPE, VCARD_ORGANIZATION_CLASS)
        self.add(node, VCARD_FN, Literal(name))
        if email:
            self.add(node, VCARD_HASEMAIL, URIRef(f"mailto:{email}"))
        return node

    def distribution(self, iri: str, *, url: str, title: str, file_type: str, licence: str, media_type: str = ""):
        node = URIRef(iri)
        self.add(node, RDF_TYPE, DCAT_DISTRIBUTION_CLASS)
        self.add(node, DCAT_ACCESSURL, URIRef(url))
        self.add(node, DCTERMS_TITLE, Literal(title, lang="de"))
        self.add(node, DCTERMS_FORMAT, self.file_type(file_type))
        self.add(node, DCTERMS_LICENSE, self.licence(licence))
        if media_type:
            media = URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")
            self.add(media, RDF_TYPE, DCTERMS_MEDIATYPE_CLASS)
            self.add(node, DCAT_MEDIATYPE, media)
        return node

    def document(self, url: str) -> URIRef:
        node = URIRef(url)
        self.add(node, RDF_TYPE, FOAF_DOCUMENT_CLASS)
        return node

    def standard(self, name: str) -> BNode:
        node = BNode()
        self.add(node, RDF_TYPE, DCTERMS_STANDARD_CLASS)
        self.add(node, DCTERMS_TITLE, Literal(name))
        return node

    def dataset(self, dataset: Dataset) -> URIRef:
        page = self.dataset_page.format(dataset.pk)
        node = URIRef(f"{page}#dataset")
        self.add(node, RDF_TYPE, DCAT_DATASET_CLASS)
        self.add(node, DCTERMS_IDENTIFIER, Literal(page))
        self.add(node, DCTERMS_TITLE, Literal(dataset.title, lang="de"))
        self.add(node, DCTERMS_DESCRIPTION, Literal(dataset.description, lang="de"))
        self.add(node, DCTERMS_PUBLISHER, self.agent(dataset.territory.code, dataset.territory.name))
        self.add(node, DCAT_CONTACTPOINT, self.contact(dataset.publisher, dataset.contact_email))
        self.add(node, DCAT_THEME, self.theme(dataset.theme))
        self.add(
            node,
            DCTERMS_ACCRUALPERIODICITY,
            self.frequency(dataset.frequency),
        )
        self.add(node, DCAT_LANDINGPAGE, self.document(page))
        self.add(node, DCTERMS_MODIFIED, Literal(dataset.updated_at.date().isoformat(), datatype=XSD_DATE))
        if dataset.territory.ars:
            self.add(
                node,
                DCATDE_POLITICALGEOCODINGURI,
                self.region(dataset.territory.ars, dataset.territory.name),
            )
        for keyword in dataset.keyword_list:
            self.add(node, DCAT_KEYWORD, Literal(keyword, lang="de"))
        for standard in dataset.standard_list:
            self.add(node, DCTERMS_CONFORMSTO, self.standard(standard))
        if dataset.attribution:
            self.add(node, DCATDE_LICENSEATTRIBUTIONBYTEXT, Literal(dataset.attribution, lang="de"))
        for distribution in dataset.distributions.all():
            self.add(node, DCAT_DISTRIBUTION, self.distribution(
                f"{page}#distribution-{distribution.pk}",
                url=distribution.access_url, title=distribution.title or dataset.title,
                file_type=distribution.file_type, licence=dataset.licence, media_type=distribution.media_type,
            ))  # fmt: skip
        return node

    def project(self, project: Project) -> URIRef:
        page = self.project_page.format(project.pk)
        node = URIRef(f"{page}#dataset")
        self.add(node, RDF_TYPE, DCAT_DATASET_CLASS)
        self.add(node, DCTERMS_IDENTIFIER, Literal(page))
        self.add(node, DCTERMS_TITLE, Literal(project.title, lang="de"))
        self.add(node, DCTERMS_DESCRIPTION, Literal(project.summary or project.title, lang="de"))
        territory = project.lead_territory
        publisher = self.agent(territory.code, territory.name) if territory else self.agent("hub", "Smart Region Hub")
        self.add(node, DCTERMS_PUBLISHER, publisher)
        self.add(node, DCAT_CONTACTPOINT, self.contact(territory.name if territory else "Smart Region Hub"))
        domain_key = project.primary_domain.key if project.primary_domain_id else ""
        self.add(node, DCAT_THEME, self.theme(DOMAIN_THEME.get(domain_key, "REGI")))
        self.add(node, DCAT_LANDINGPAGE, self.document(page))
        self.add(node, DCTERMS_MODIFIED, Literal(project.updated_at.date().isoformat(), datatype=XSD_DATE))
        self.add(node, DCAT_DISTRIBUTION, self.distribution(
            f"{page}#record", url=f"{self.base}/api/v1/projects/{project.pk}", title=f"{project.title} (JSON)",
            file_type="JSON", licence=PROJECT_LICENCE, media_type="application/json",
        ))  # fmt: skip
        return node


def page_of(number: int) -> Page:
    datasets = public().count()
    total = datasets + Project.objects.filter(publication=Publication.PUBLISHED).count()
    last = max(1, -(-total // PAGE_SIZE))
    return Page(max(1, min(number, last)), last, total, datasets)


class Triples:
    """Triples in the order they were made, with no indexes: building a page is then cheap, Turtle is
    written directly from them (`turtle`), and only RDF/XML and JSON-LD go through an rdflib Graph."""

    def __init__(self):
        self.items: list[tuple] = []

    def add(self, triple: tuple) -> None:
        self.items.append(triple)

    def graph(self) -> Graph:
        graph = Graph()
        _bind(graph)
        for triple in self.items:
            graph.add(triple)
        return graph

    def turtle(self) -> str:
        """Subjects grouped in order of appearance, full IRIs (no prefixes to resolve)."""
        by_subject: dict = {}
        for subject, predicate, obj in self.items:
            by_subject.setdefault(subject, []).append((predicate, obj))
        blocks = []
        for subject, pairs in by_subject.items():
            lines = [f"    {_n3(predicate)} {_n3(obj)}" for predicate, obj in pairs]
            blocks.append(f"{_n3(subject)}\n" + " ;\n".join(lines) + " .\n")
        return "\n".join(blocks)


IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _n3(term) -> str:
    """A term in Turtle; rdflib's own n3() (which validates every IRI again) only for unusual IRIs."""
    if isinstance(term, URIRef):
        return term.n3() if IRI_UNSAFE.search(term) else f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(LITERAL_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    return term.n3()


def build(base: str, page: Page, fmt: str, *, hydra: bool = True) -> Triples:
    """The catalogue node with the records of one page and the Hydra links to the other pages."""
    graph = Triples()
    writer = _Writer(graph, base)
    catalog = _catalog(graph, writer, base)
    if hydra:
        _hydra(graph, catalog, base, page, fmt)
    _records(graph, writer, catalog, page)
    return graph


def _catalog(graph: Triples, writer: "_Writer", base: str) -> URIRef:
    catalog = URIRef(f"{base}/catalog")
    graph.add((catalog, RDF_TYPE, DCAT_CATALOG_CLASS))
    graph.add((catalog, DCTERMS_TITLE, Literal("Smart Region Hub", lang="de")))
    graph.add((catalog, DCTERMS_DESCRIPTION, Literal(
        "Offene Datenbestände der Kommunen und Dokumentation ihrer Smart-City- und Smart-Region-Projekte.", lang="de",
    )))  # fmt: skip
    graph.add((catalog, DCTERMS_PUBLISHER, writer.agent("hub", "Smart Region Hub")))
    graph.add((catalog, FOAF_HOMEPAGE, writer.document(f"{base}/")))
    return catalog


def _hydra(graph: Triples, catalog: URIRef, base: str, page: Page, fmt: str) -> None:
    graph.add((catalog, RDF_TYPE, HYDRA_COLLECTION_CLASS))
    graph.add((catalog, HYDRA_TOTALITEMS, Literal(page.total, datatype=XSD_INTEGER)))
    view = URIRef(f"{base}/catalog.{fmt}?page={page.number}")
    graph.add((catalog, HYDRA_VIEW, view))
    graph.add((view, RDF_TYPE, HYDRA_PARTIALCOLLECTIONVIEW_CLASS))
    graph.add((view, HYDRA_FIRST, URIRef(f"{base}/catalog.{fmt}?page=1")))
    graph.add((view, HYDRA_LAST, URIRef(f"{base}/catalog.{fmt}?page={page.last}")))
    if page.number > 1:
        graph.add((view, HYDRA_PREVIOUS, URIRef(f"{base}/catalog.{fmt}?page={page.number - 1}")))
    if page.number < page.last:
        graph.add((view, HYDRA_NEXT, URIRef(f"{base}/catalog.{fmt}?page={page.number + 1}")))


def _datasets():
    return public().select_related("territory").prefetch_related("distributions").order_by("pk")


def _projects():
    return (
        Project.objects.filter(publication=Publication.PUBLISHED)
        .select_related("lead_territory", "primary_domain")
        .only(
            "pk",
            "title",
            "summary",
            "updated_at",
            "lead_territory__code",
            "lead_territory__name",
            "primary_domain__key",
        )  # fmt: skip
        .order_by("pk")
    )


def _records(graph: Triples, writer: "_Writer", catalog: URIRef, page: Page) -> None:
    start = (page.number - 1) * PAGE_SIZE
    dataset_count = page.datasets
    if start < dataset_count:
        for dataset in _datasets()[start : start + PAGE_SIZE]:
            graph.add((catalog, DCAT_DATASET, writer.dataset(dataset)))
    remaining = PAGE_SIZE - max(0, min(dataset_count - start, PAGE_SIZE))
    if remaining:
        offset = max(0, start - dataset_count)
        for project in _projects()[offset : offset + remaining]:
            graph.add((catalog, DCAT_DATASET, writer.project(project)))


def serialize(triples: Triples, fmt: str) -> str:
    if fmt == "ttl":
        return triples.turtle()
    return triples.graph().serialize(format=FORMATS[fmt])


def write_full_turtle(out, base: str) -> int:
    """The whole catalogue as one Turtle document, written in chunks of PAGE_SIZE records read by key
    (no growing OFFSET), in constant memory; returns the number of chunks.

    The chunks are appended one after the other: the catalogue node simply collects its records, blank
    nodes have unique labels, and there are no Hydra paging triples.
    """
    chunks = 0
    for queryset, make in ((_datasets(), "dataset"), (_projects(), "project")):
        last_pk = 0
        while True:
            records = list(queryset.filter(pk__gt=last_pk)[:PAGE_SIZE])
            if not records and chunks:
                break
            graph = Triples()
            writer = _Writer(graph, base)
            catalog = _catalog(graph, writer, base)
            for record in records:
                graph.add((catalog, DCAT_DATASET, getattr(writer, make)(record)))
            out.write(graph.turtle())
            out.write("\n")
            chunks += 1
            if len(records) < PAGE_SIZE:
                break
            last_pk = records[-1].pk
    return chunks
