"""The open catalogue as DCAT-AP.de: open datasets of the inventory and the published projects.

Projects are published as records of their documentation (ADR 0016): each is a dcat:Dataset whose
landing page is the project page and whose distribution is its JSON record in the REST API, licensed
CC BY 4.0. Restricted and internal datasets and draft projects never appear.

Large catalogues are paged with Hydra (hydra:PartialCollectionView with first/previous/next/last and
hydra:totalItems on the catalogue), PAGE_SIZE records per page: datasets first, then projects, each by id.
Every node states its classes explicitly (foaf:Agent, vcard:Kind, dct:LicenseDocument, …) and the
licence and format IRIs carry their scheme, so that the SHACL shapes validate without inference.
"""

from dataclasses import dataclass

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


def _bind(graph: Graph) -> None:
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("hydra", HYDRA),
                              ("skos", SKOS), ("dcatde", DCATDE)):  # fmt: skip
        graph.bind(prefix, namespace)


class _Writer:
    def __init__(self, graph: Graph, base: str):
        self.graph = graph
        self.base = base
        self.agents: dict[str, URIRef] = {}
        self.described: set[URIRef] = set()

    def add(self, subject, predicate, obj) -> None:
        self.graph.add((subject, predicate, obj))

    def agent(self, key: str, name: str) -> URIRef:
        if key not in self.agents:
            node = URIRef(f"{self.base}/gebiete/{key}/#agent") if key != "hub" else URIRef(f"{self.base}/#publisher")
            self.add(node, RDF.type, FOAF.Agent)
            self.add(node, RDF.type, FOAF.Organization)
            self.add(node, FOAF.name, Literal(name))
            self.agents[key] = node
        return self.agents[key]

    def concept(self, iri: str, scheme: str, kind=SKOS.Concept, label: str = "") -> URIRef:
        node = URIRef(iri)
        if node not in self.described:
            self.add(node, RDF.type, kind)
            self.add(node, SKOS.inScheme, URIRef(scheme))
            if label:
                self.add(node, SKOS.prefLabel, Literal(label, lang="de"))
            self.described.add(node)
        return node

    def licence(self, value: str) -> URIRef:
        node = self.concept(
            f"{DCATDE_LICENCES}/{value}", DCATDE_LICENCES, DCTERMS.LicenseDocument, Licence(value).label
        )
        return node

    def file_type(self, code: str) -> URIRef:
        return self.concept(EU_FILE_TYPE + code, EU_FILE_TYPE.rstrip("/"), DCTERMS.MediaTypeOrExtent, code)

    def theme(self, code: str) -> URIRef:
        return self.concept(EU_THEME + code, EU_THEME.rstrip("/"), label=Theme(code).label)

    def frequency(self, code: str) -> URIRef:
        return self.concept(EU_FREQUENCY + code, EU_FREQUENCY.rstrip("/"), DCTERMS.Frequency, Frequency(code).label)

    def region(self, ars: str, name: str) -> URIRef:
        return self.concept(f"{REGIONAL_KEY}/{ars}", REGIONAL_KEY, label=name)

    def contact(self, name: str, email: str = "") -> BNode:
        node = BNode()
        self.add(node, RDF.type, VCARD.Kind)
        self.add(node, RDF.type, VCARD.Organization)
        self.add(node, VCARD.fn, Literal(name))
        if email:
            self.add(node, VCARD.hasEmail, URIRef(f"mailto:{email}"))
        return node

    def distribution(self, iri: str, *, url: str, title: str, file_type: str, licence: str, media_type: str = ""):
        node = URIRef(iri)
        self.add(node, RDF.type, DCAT.Distribution)
        self.add(node, DCAT.accessURL, URIRef(url))
        self.add(node, DCTERMS.title, Literal(title, lang="de"))
        self.add(node, DCTERMS.format, self.file_type(file_type))
        self.add(node, DCTERMS.license, self.licence(licence))
        if media_type:
            media = URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")
            self.add(media, RDF.type, DCTERMS.MediaType)
            self.add(node, DCAT.mediaType, media)
        return node

    def document(self, url: str) -> URIRef:
        node = URIRef(url)
        self.add(node, RDF.type, FOAF.Document)
        return node

    def standard(self, name: str) -> BNode:
        node = BNode()
        self.add(node, RDF.type, DCTERMS.Standard)
        self.add(node, DCTERMS.title, Literal(name))
        return node

    def dataset(self, dataset: Dataset) -> URIRef:
        node = URIRef(f"{self.base}{dataset.get_absolute_url()}#dataset")
        self.add(node, RDF.type, DCAT.Dataset)
        self.add(node, DCTERMS.identifier, Literal(f"{self.base}{dataset.get_absolute_url()}"))
        self.add(node, DCTERMS.title, Literal(dataset.title, lang="de"))
        self.add(node, DCTERMS.description, Literal(dataset.description, lang="de"))
        self.add(node, DCTERMS.publisher, self.agent(dataset.territory.code, dataset.territory.name))
        self.add(node, DCAT.contactPoint, self.contact(dataset.publisher, dataset.contact_email))
        self.add(node, DCAT.theme, self.theme(dataset.theme))
        self.add(
            node,
            DCTERMS.accrualPeriodicity,
            self.frequency(dataset.frequency),
        )
        self.add(node, DCAT.landingPage, self.document(f"{self.base}{dataset.get_absolute_url()}"))
        self.add(node, DCTERMS.modified, Literal(dataset.updated_at.date().isoformat(), datatype=XSD.date))
        if dataset.territory.ars:
            self.add(
                node,
                DCATDE.politicalGeocodingURI,
                self.region(dataset.territory.ars, dataset.territory.name),
            )
        for keyword in dataset.keyword_list:
            self.add(node, DCAT.keyword, Literal(keyword, lang="de"))
        for standard in dataset.standard_list:
            self.add(node, DCTERMS.conformsTo, self.standard(standard))
        if dataset.attribution:
            self.add(node, DCATDE.licenseAttributionByText, Literal(dataset.attribution, lang="de"))
        for distribution in dataset.distributions.all():
            self.add(node, DCAT.distribution, self.distribution(
                f"{self.base}{dataset.get_absolute_url()}#distribution-{distribution.pk}",
                url=distribution.access_url, title=distribution.title or dataset.title,
                file_type=distribution.file_type, licence=dataset.licence, media_type=distribution.media_type,
            ))  # fmt: skip
        return node

    def project(self, project: Project) -> URIRef:
        page = f"{self.base}{project.get_absolute_url()}"
        node = URIRef(f"{page}#dataset")
        self.add(node, RDF.type, DCAT.Dataset)
        self.add(node, DCTERMS.identifier, Literal(page))
        self.add(node, DCTERMS.title, Literal(project.title, lang="de"))
        self.add(node, DCTERMS.description, Literal(project.summary or project.title, lang="de"))
        territory = project.lead_territory
        publisher = self.agent(territory.code, territory.name) if territory else self.agent("hub", "Smart Region Hub")
        self.add(node, DCTERMS.publisher, publisher)
        self.add(node, DCAT.contactPoint, self.contact(territory.name if territory else "Smart Region Hub"))
        domain_key = project.primary_domain.key if project.primary_domain_id else ""
        self.add(node, DCAT.theme, self.theme(DOMAIN_THEME.get(domain_key, "REGI")))
        self.add(node, DCAT.landingPage, self.document(page))
        self.add(node, DCTERMS.modified, Literal(project.updated_at.date().isoformat(), datatype=XSD.date))
        self.add(node, DCAT.distribution, self.distribution(
            f"{page}#record", url=f"{self.base}/api/v1/projects/{project.pk}", title=f"{project.title} (JSON)",
            file_type="JSON", licence=PROJECT_LICENCE, media_type="application/json",
        ))  # fmt: skip
        return node


def _count() -> tuple[int, int]:
    projects = Project.objects.filter(publication=Publication.PUBLISHED)
    return public().count(), projects.count()


def page_of(number: int) -> Page:
    datasets, projects = _count()
    total = datasets + projects
    last = max(1, -(-total // PAGE_SIZE))
    return Page(max(1, min(number, last)), last, total)


def build(base: str, page: Page, fmt: str, *, hydra: bool = True) -> Graph:
    """The catalogue node with the records of one page and the Hydra links to the other pages."""
    graph = Graph()
    _bind(graph)
    writer = _Writer(graph, base)
    catalog = URIRef(f"{base}/catalog")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal("Smart Region Hub", lang="de")))
    graph.add((catalog, DCTERMS.description, Literal(
        "Offene Datenbestände der Kommunen und Dokumentation ihrer Smart-City- und Smart-Region-Projekte.", lang="de",
    )))  # fmt: skip
    graph.add((catalog, DCTERMS.publisher, writer.agent("hub", "Smart Region Hub")))
    graph.add((catalog, FOAF.homepage, writer.document(f"{base}/")))
    if hydra:
        _hydra(graph, catalog, base, page, fmt)
    _records(graph, writer, catalog, page)
    return graph


def _hydra(graph: Graph, catalog: URIRef, base: str, page: Page, fmt: str) -> None:
    graph.add((catalog, RDF.type, HYDRA.Collection))
    graph.add((catalog, HYDRA.totalItems, Literal(page.total, datatype=XSD.integer)))
    view = URIRef(f"{base}/catalog.{fmt}?page={page.number}")
    graph.add((catalog, HYDRA.view, view))
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.first, URIRef(f"{base}/catalog.{fmt}?page=1")))
    graph.add((view, HYDRA.last, URIRef(f"{base}/catalog.{fmt}?page={page.last}")))
    if page.number > 1:
        graph.add((view, HYDRA.previous, URIRef(f"{base}/catalog.{fmt}?page={page.number - 1}")))
    if page.number < page.last:
        graph.add((view, HYDRA.next, URIRef(f"{base}/catalog.{fmt}?page={page.number + 1}")))


def _records(graph: Graph, writer: "_Writer", catalog: URIRef, page: Page) -> None:
    start = (page.number - 1) * PAGE_SIZE
    dataset_count = public().count()
    if start < dataset_count:
        datasets = (
            public()
            .select_related("territory")
            .prefetch_related("distributions")
            .order_by("pk")[start : start + PAGE_SIZE]
        )
        for dataset in datasets:
            graph.add((catalog, DCAT.dataset, writer.dataset(dataset)))
    remaining = PAGE_SIZE - max(0, min(dataset_count - start, PAGE_SIZE))
    if remaining:
        offset = max(0, start - dataset_count)
        projects = (
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
            .order_by("pk")[offset : offset + remaining]
        )
        for project in projects:
            graph.add((catalog, DCAT.dataset, writer.project(project)))


def serialize(graph: Graph, fmt: str) -> str:
    return graph.serialize(format=FORMATS[fmt])


def write_full_turtle(out, base: str) -> int:
    """The whole catalogue as one Turtle document, written page by page (constant memory); returns pages.

    Each page is serialised on its own and appended: repeated @prefix lines are valid Turtle and the
    catalogue node simply collects its records; the Hydra paging triples are left out.
    """
    first = page_of(1)
    for number in range(1, first.last + 1):
        graph = build(base, Page(number, first.last, first.total), "ttl", hydra=False)
        out.write(graph.serialize(format="turtle"))
    return first.last
