"""The open catalogue as DCAT-AP.de 3.0: the open datasets of the inventory and the project catalogue (ADR 0016).

Only datasets are datasets: the project catalogue is ONE dcat:Dataset ("Projektkatalog") whose distributions are
its exports (CSV, XLSX, JSON, GeoJSON); a project is a record of that dataset, not a dataset of its own. Each open
holding of the inventory is one dcat:Dataset; a holding published periodically (a daily … annual frequency) is
also a dcat:DatasetSeries that the dataset names with dcat:inSeries. Restricted and internal holdings never appear.

Every URI is built from settings.SITE_URL (core.siteurl), never from the request's host. Contact points carry an
e-mail address or a URL (never an empty vcard:Kind); access and download URLs are IRIs typed rdfs:Resource, and
every node states its classes, so that the SHACL shapes (DCAT-AP 3.0.0/3.0.1, DCAT-AP.de 2.0) validate without
inference. Geocoding by dcatde:politicalGeocodingLevelURI and, as the Konventionenhandbuch 2.0 still asks,
dcatde:politicalGeocodingURI (plus dct:spatial). dct:modified is the date of a record's real change
(`queries.project_catalogue_modified` for the project catalogue).

Paged with Hydra (hydra:PartialCollectionView with first/previous/next/last and hydra:totalItems on the
catalogue), PAGE_SIZE records per page: the project catalogue first, then the open datasets by id.

A page is two parts (ADR 0016, amendment of issue 26): its holdings, kept as text per page and format
(`core.freshness.Kept` on Dataset, Distribution and Territory: an edit shows on the next request), and the head —
the catalogue node with its Hydra links and dct:modified and, on the first page, the project catalogue — written
for each request from two small kept facts (the holdings' count and latest change, the project catalogue's date).
Every format is written directly (opendata.triples), in German: the page's labels and addresses do not follow the
request's language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Prefetch
from django.utils import translation

from smartregion.core.freshness import Kept
from smartregion.territories.models import Territory

from .dcat_records import (
    DCAT_CATALOG_CLASS,
    DCAT_DATASET,
    DCAT_THEMETAXONOMY,
    DCTERMS_DESCRIPTION,
    DCTERMS_LANGUAGE,
    DCTERMS_LINGUISTICSYSTEM_CLASS,
    DCTERMS_MODIFIED,
    DCTERMS_PUBLISHER,
    DCTERMS_TITLE,
    FOAF_HOMEPAGE,
    HYDRA_COLLECTION_CLASS,
    HYDRA_FIRST,
    HYDRA_LAST,
    HYDRA_NEXT,
    HYDRA_PARTIALCOLLECTIONVIEW_CLASS,
    HYDRA_PREVIOUS,
    HYDRA_TOTALITEMS,
    HYDRA_VIEW,
    LANGUAGES,
    RDF_TYPE,
    SKOS_CONCEPTSCHEME_CLASS,
    XSD_INTEGER,
    RecordWriter,
    date_literal,
)
from .enums import EU_THEME
from .models import Dataset, Distribution
from .queries import project_catalogue_modified, public
from .triples import IRI, Text, Triples, document

PAGE_SIZE = 100
FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}  # the rdflib names of the formats (tests)
MEDIA_TYPES = {"ttl": "text/turtle", "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}
CATALOGUE_LANGUAGE = "de"


@dataclass
class Page:
    number: int
    last: int
    total: int
    datasets: int  # the project catalogue comes first, then the open datasets


def _holdings_facts() -> tuple[int, str]:
    """How many open holdings there are, and the day of the latest change of one ('' when there is none)."""
    found = public().aggregate(count=Count("pk"), latest=Max("updated_at"))
    return found["count"], found["latest"].date().isoformat() if found["latest"] else ""


# Two aggregates over the open holdings, read by every page: kept per process until a holding changes.
_facts = Kept("dcat-holdings-facts", _holdings_facts, depends_on=(Dataset,), cache=None, in_process=True,
              per_language=False)  # fmt: skip


def page_of(number: int) -> Page:
    datasets = _facts.get()[0]
    total = 1 + datasets
    last = max(1, -(-total // PAGE_SIZE))
    return Page(max(1, min(number, last)), last, total, datasets)


def page_text(base: str, page: Page, fmt: str) -> str:
    """The whole document of one page in `fmt` (ttl, rdf, jsonld)."""
    return document(fmt, [build_head(base, page, fmt).fragment(fmt), _page_holdings.get(base, page.number, fmt)])


def build_head(base: str, page: Page, fmt: str, *, hydra: bool = True) -> Triples:
    """The catalogue node, its Hydra links to the other pages and, on the first page, the project catalogue."""
    with translation.override(CATALOGUE_LANGUAGE):
        graph = Triples()
        writer = RecordWriter(graph, base)
        projects_modified = project_catalogue_modified()
        catalog = _catalog(graph, writer, base, projects_modified)
        if hydra:
            _hydra(graph, catalog, base, page, fmt)
        if page.number == 1:
            graph.add(catalog, DCAT_DATASET, writer.project_catalogue(projects_modified))
        return graph


def _catalog(graph: Triples, writer: RecordWriter, base: str, projects_modified: str) -> IRI:
    catalog = IRI(f"{base}/catalog")
    name = settings.SITE_NAME
    graph.add(catalog, RDF_TYPE, DCAT_CATALOG_CLASS)
    graph.add(catalog, DCTERMS_TITLE, Text(name, "de"))
    graph.add(catalog, DCTERMS_DESCRIPTION, Text(
        "Offene Datenbestände der Kommunen und der Katalog ihrer Smart-City- und Smart-Region-Projekte.", "de",
    ))  # fmt: skip
    graph.add(catalog, DCTERMS_PUBLISHER, writer.agent("hub", settings.OPERATOR_NAME or name))
    graph.add(catalog, FOAF_HOMEPAGE, writer.document(f"{base}/"))
    german = writer.concept(f"{LANGUAGES}/DEU", LANGUAGES, DCTERMS_LINGUISTICSYSTEM_CLASS, "Deutsch")
    graph.add(catalog, DCTERMS_LANGUAGE, german)
    taxonomy = writer.resource(EU_THEME.rstrip("/"), SKOS_CONCEPTSCHEME_CLASS)
    graph.add(taxonomy, DCTERMS_TITLE, Text("Datenthemen (EU)", "de"))
    graph.add(catalog, DCAT_THEMETAXONOMY, taxonomy)
    latest = _facts.get()[1]
    graph.add(catalog, DCTERMS_MODIFIED, date_literal(max(projects_modified, latest)))
    return catalog


def _hydra(graph: Triples, catalog: IRI, base: str, page: Page, fmt: str) -> None:
    graph.add(catalog, RDF_TYPE, HYDRA_COLLECTION_CLASS)
    graph.add(catalog, HYDRA_TOTALITEMS, Text(str(page.total), datatype=XSD_INTEGER))
    view = IRI(f"{base}/catalog.{fmt}?page={page.number}")
    graph.add(catalog, HYDRA_VIEW, view)
    graph.add(view, RDF_TYPE, HYDRA_PARTIALCOLLECTIONVIEW_CLASS)
    graph.add(view, HYDRA_FIRST, IRI(f"{base}/catalog.{fmt}?page=1"))
    graph.add(view, HYDRA_LAST, IRI(f"{base}/catalog.{fmt}?page={page.last}"))
    if page.number > 1:
        graph.add(view, HYDRA_PREVIOUS, IRI(f"{base}/catalog.{fmt}?page={page.number - 1}"))
    if page.number < page.last:
        graph.add(view, HYDRA_NEXT, IRI(f"{base}/catalog.{fmt}?page={page.number + 1}"))


def _datasets():
    """The open holdings by id, with their territory and distributions (a plain list each: no related manager
    per holding, which cost more than writing the holding)."""
    distributions = Prefetch("distributions", queryset=Distribution.objects.order_by("pk"), to_attr="distribution_list")
    return public().select_related("territory").prefetch_related(distributions).order_by("pk")


def holdings(base: str, records, catalog: IRI | None = None) -> Triples:
    """The records of these holdings, each linked from the catalogue node."""
    with translation.override(CATALOGUE_LANGUAGE):
        graph = Triples()
        writer = RecordWriter(graph, base)
        catalog = catalog or IRI(f"{base}/catalog")
        for dataset in records:
            for node in writer.dataset(dataset):
                graph.add(catalog, DCAT_DATASET, node)
        return graph


def _holdings_of_page(base: str, number: int, fmt: str) -> str:
    """Record 0 is the project catalogue (in the head), records 1… the open holdings by id."""
    start = (number - 1) * PAGE_SIZE
    offset = max(0, start - 1)
    size = PAGE_SIZE - 1 if start == 0 else PAGE_SIZE
    return holdings(base, _datasets()[offset : offset + size]).fragment(fmt)


# The text of a page's holdings per address base, page and format, rebuilt on the first request after a holding,
# a distribution or a territory (publisher name, geocoding) changed.
_page_holdings = Kept("dcat-page-holdings", _holdings_of_page, depends_on=(Dataset, Distribution, Territory),
                      per_language=False)  # fmt: skip


def write_full_turtle(out, base: str) -> int:
    """The whole catalogue as one Turtle document, written in chunks of PAGE_SIZE records read by key
    (no growing OFFSET), in constant memory; returns the number of chunks.

    The chunks are appended one after the other: the catalogue node simply collects its records, blank
    nodes have unique labels, and there are no Hydra paging triples.
    """
    out.write(build_head(base, Page(1, 1, 0, 0), "ttl", hydra=False).fragment("ttl"))
    chunks = 0
    last_pk = 0
    while True:
        records = list(_datasets().filter(pk__gt=last_pk)[:PAGE_SIZE])
        out.write("\n")
        out.write(holdings(base, records).fragment("ttl"))
        chunks += 1
        if len(records) < PAGE_SIZE:
            break
        last_pk = records[-1].pk
    return chunks
