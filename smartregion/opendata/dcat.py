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
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from smartregion.territories.enums import TerritoryKind

from .enums import DCATDE_LICENCES, EU_FILE_TYPE, EU_FREQUENCY, EU_THEME, Frequency, Licence, Theme
from .models import Dataset
from .queries import project_catalogue_modified, public

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
DCATAP = Namespace("http://data.europa.eu/r5r/")

# The terms used, resolved once (rdflib namespaces build a new term on every attribute access).
DCAT_CATALOG_CLASS = DCAT.Catalog
DCAT_DATASET_CLASS = DCAT.Dataset
DCAT_DATASETSERIES_CLASS = URIRef(f"{DCAT}DatasetSeries")  # DCAT 3 terms rdflib does not list yet
DCAT_DISTRIBUTION_CLASS = DCAT.Distribution
DCAT_ACCESSURL = DCAT.accessURL
DCAT_CENTROID = DCAT.centroid
DCAT_CONTACTPOINT = DCAT.contactPoint
DCAT_DATASET = DCAT.dataset
DCAT_DISTRIBUTION = DCAT.distribution
DCAT_DOWNLOADURL = DCAT.downloadURL
DCAT_ENDDATE = DCAT.endDate
DCAT_INSERIES = URIRef(f"{DCAT}inSeries")
DCAT_KEYWORD = DCAT.keyword
DCAT_LANDINGPAGE = DCAT.landingPage
DCAT_MEDIATYPE = DCAT.mediaType
DCAT_STARTDATE = DCAT.startDate
DCAT_THEME = DCAT.theme
DCAT_THEMETAXONOMY = DCAT.themeTaxonomy
DCATAP_APPLICABLELEGISLATION = DCATAP.applicableLegislation
DCATDE_CONTRIBUTORID = DCATDE.contributorID
DCATDE_LICENSEATTRIBUTIONBYTEXT = DCATDE.licenseAttributionByText
DCATDE_POLITICALGEOCODINGLEVELURI = DCATDE.politicalGeocodingLevelURI
DCATDE_POLITICALGEOCODINGURI = DCATDE.politicalGeocodingURI
DCTERMS_FREQUENCY_CLASS = DCTERMS.Frequency
DCTERMS_LICENSEDOCUMENT_CLASS = DCTERMS.LicenseDocument
DCTERMS_LINGUISTICSYSTEM_CLASS = DCTERMS.LinguisticSystem
DCTERMS_LOCATION_CLASS = DCTERMS.Location
DCTERMS_MEDIATYPE_CLASS = DCTERMS.MediaType
DCTERMS_MEDIATYPEOREXTENT_CLASS = DCTERMS.MediaTypeOrExtent
DCTERMS_PERIODOFTIME_CLASS = DCTERMS.PeriodOfTime
DCTERMS_STANDARD_CLASS = DCTERMS.Standard
DCTERMS_ACCRUALPERIODICITY = DCTERMS.accrualPeriodicity
DCTERMS_CONFORMSTO = DCTERMS.conformsTo
DCTERMS_DESCRIPTION = DCTERMS.description
DCTERMS_FORMAT = DCTERMS.format
DCTERMS_IDENTIFIER = DCTERMS.identifier
DCTERMS_ISSUED = DCTERMS.issued
DCTERMS_LANGUAGE = DCTERMS.language
DCTERMS_LICENSE = DCTERMS.license
DCTERMS_MODIFIED = DCTERMS.modified
DCTERMS_PUBLISHER = DCTERMS.publisher
DCTERMS_SPATIAL = DCTERMS.spatial
DCTERMS_TEMPORAL = DCTERMS.temporal
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
RDFS_RESOURCE_CLASS = RDFS.Resource
SKOS_CONCEPT_CLASS = SKOS.Concept
SKOS_CONCEPTSCHEME_CLASS = SKOS.ConceptScheme
SKOS_INSCHEME = SKOS.inScheme
SKOS_PREFLABEL = SKOS.prefLabel
VCARD_KIND_CLASS = VCARD.Kind
VCARD_ORGANIZATION_CLASS = VCARD.Organization
VCARD_FN = VCARD.fn
VCARD_HASEMAIL = VCARD.hasEmail
VCARD_HASURL = VCARD.hasURL
XSD_DATE = XSD.date
XSD_GYEAR = XSD.gYear
XSD_GYEARMONTH = XSD.gYearMonth
XSD_INTEGER = XSD.integer
PAGE_SIZE = 100
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding"
CONTRIBUTORS = "http://dcat-ap.de/def/contributors/"
LANGUAGES = "http://publications.europa.eu/resource/authority/language"
GEO_WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")
ELI_LEGALRESOURCE_CLASS = URIRef("http://data.europa.eu/eli/ontology#LegalResource")
FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}
MEDIA_TYPES = {"ttl": "text/turtle", "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}
PROJECT_LICENCE = Licence.CC_BY
# Holdings published in these rhythms are a dataset series (one release after the other); continuous, irregular,
# never-updated and unknown ones are single datasets.
SERIES_FREQUENCIES = frozenset({Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.QUARTERLY,
                                Frequency.ANNUAL})  # fmt: skip
# The project catalogue's exports (projects:export) as its distributions: format → (EU file type, media type).
PROJECT_EXPORTS = {
    "csv": ("CSV", "text/csv"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("JSON", "application/json"),
    "geojson": ("GEOJSON", "application/geo+json"),
}
# Media types of the EU file types (dcat:mediaType when a distribution names none).
FILE_MEDIA_TYPES = {
    "CSV": "text/csv", "JSON": "application/json", "GEOJSON": "application/geo+json", "XML": "application/xml",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PDF": "application/pdf",
    "ZIP": "application/zip", "GML": "application/gml+xml", "KML": "application/vnd.google-earth.kml+xml",
    "HTML": "text/html", "RDF_TURTLE": "text/turtle",
}  # fmt: skip
# The administrative level of a territory (dcatde:politicalGeocodingLevelURI, …/politicalGeocoding/Level/…) and
# the key list of its political geocoding URI with the length of the key (Konventionenhandbuch 2.0).
GEOCODING_LEVEL = {
    TerritoryKind.LAND: "state",
    TerritoryKind.REGBEZ: "state",
    TerritoryKind.KREIS: "administrativeDistrict",
}
LEVEL_LABELS = {"federal": "Bund", "state": "Land", "administrativeDistrict": "Kreis", "municipality": "Kommune"}
GEOCODING_KEY = {
    TerritoryKind.LAND: ("stateKey", 2),
    TerritoryKind.REGBEZ: ("governmentDistrictKey", 3),
    TerritoryKind.KREIS: ("districtKey", 5),
    TerritoryKind.VERBAND: ("municipalAssociationKey", 9),
}


@dataclass
class Page:
    number: int
    last: int
    total: int
    datasets: int  # the project catalogue comes first, then the open datasets


def _bind(graph: Graph) -> None:
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("hydra", HYDRA),
                              ("skos", SKOS), ("dcatde", DCATDE), ("dcatap", DCATAP)):  # fmt: skip
        graph.bind(prefix, namespace)


def _date(value) -> Literal:
    """A date literal typed as DCAT-AP.de allows: xsd:gYear, xsd:gYearMonth or xsd:date."""
    text = value if isinstance(value, str) else value.isoformat()
    datatype = {4: XSD_GYEAR, 7: XSD_GYEARMONTH}.get(len(text), XSD_DATE)
    return Literal(text[:10], datatype=datatype)


def contributor_id() -> str:
    """The configured GovData contributor ID as an IRI ('' when none is configured)."""
    value = settings.DCATDE_CONTRIBUTOR_ID.strip()
    if not value:
        return ""
    return value if value.startswith(("http://", "https://")) else CONTRIBUTORS + value


class _Writer:
    def __init__(self, graph: "Triples", base: str):
        self.graph = graph
        self.base = base
        self.agents: dict[str, URIRef] = {}
        self.described: set[URIRef] = set()
        self.contributor = contributor_id()
        # Addresses of records from one reversed pattern each (reverse() per record costs more than the record).
        self.dataset_page = base + reverse("opendata:detail", args=[999_999_999]).replace("999999999", "{}")
        self.imprint = base + reverse("core:imprint")

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

    def resource(self, iri: str, kind=RDFS_RESOURCE_CLASS) -> URIRef:
        """An IRI value typed explicitly (rdfs:Resource for addresses), as the shapes check without inference."""
        node = URIRef(iri)
        if (node, kind) not in self.described:
            self.add(node, RDF_TYPE, kind)
            self.described.add((node, kind))
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

    def level(self, level: str) -> URIRef:
        return self.concept(f"{GEOCODING}/Level/{level}", f"{GEOCODING}/Level", label=LEVEL_LABELS[level])

    def geocoding(self, node, territory) -> None:
        """Level, political geocoding URI and dct:spatial of a territory's record (when it has a key)."""
        self.add(
            node, DCATDE_POLITICALGEOCODINGLEVELURI, self.level(GEOCODING_LEVEL.get(territory.kind, "municipality"))
        )
        if not territory.ars:
            return
        key_list, length = GEOCODING_KEY.get(territory.kind, ("regionalKey", 12))
        area = self.concept(f"{GEOCODING}/{key_list}/{territory.ars[:length]}", f"{GEOCODING}/{key_list}",
                            label=territory.name)  # fmt: skip
        self.add(node, DCATDE_POLITICALGEOCODINGURI, area)
        if territory.latitude is not None and territory.longitude is not None:
            location = self.resource(str(area), DCTERMS_LOCATION_CLASS)
            if (location, DCAT_CENTROID) not in self.described:
                self.add(location, DCAT_CENTROID,
                         Literal(f"POINT({territory.longitude} {territory.latitude})", datatype=GEO_WKT))  # fmt: skip
                self.described.add((location, DCAT_CENTROID))
            self.add(node, DCTERMS_SPATIAL, location)

    def contact(self, name: str, email: str = "") -> BNode:
        """A contact point with an e-mail address, else the imprint page (which names the operator's contact)."""
        node = BNode()
        self.add(node, RDF_TYPE, VCARD_KIND_CLASS)
        self.add(node, RDF_TYPE, VCARD_ORGANIZATION_CLASS)
        self.add(node, VCARD_FN, Literal(name))
        if email:
            self.add(node, VCARD_HASEMAIL, URIRef(f"mailto:{email}"))
        else:
            self.add(node, VCARD_HASURL, self.resource(self.imprint))
        return node

    def distribution(self, iri: str, *, url: str, title: str, file_type: str, licence: str, media_type: str = "",
                     download: bool = False, modified=None):  # fmt: skip
        node = URIRef(iri)
        self.add(node, RDF_TYPE, DCAT_DISTRIBUTION_CLASS)
        self.add(node, DCAT_ACCESSURL, self.resource(url))
        if download:
            self.add(node, DCAT_DOWNLOADURL, self.resource(url))
        self.add(node, DCTERMS_TITLE, Literal(title, lang="de"))
        self.add(node, DCTERMS_FORMAT, self.file_type(file_type))
        self.add(node, DCTERMS_LICENSE, self.licence(licence))
        if modified:
            self.add(node, DCTERMS_MODIFIED, _date(modified))
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

    def period(self, start, end) -> BNode:
        node = BNode()
        self.add(node, RDF_TYPE, DCTERMS_PERIODOFTIME_CLASS)
        if start:
            self.add(node, DCAT_STARTDATE, _date(start))
        if end:
            self.add(node, DCAT_ENDDATE, _date(end))
        return node

    def _common(self, node, dataset: Dataset, publisher: URIRef, modified) -> None:
        """What a holding's dataset and its series both state."""
        self.add(node, DCTERMS_TITLE, Literal(dataset.title, lang="de"))
        self.add(node, DCTERMS_DESCRIPTION, Literal(dataset.description, lang="de"))
        self.add(node, DCTERMS_PUBLISHER, publisher)
        self.add(node, DCAT_CONTACTPOINT, self.contact(dataset.publisher, dataset.contact_email))
        self.add(node, DCTERMS_ACCRUALPERIODICITY, self.frequency(dataset.frequency))
        self.add(node, DCTERMS_ISSUED, _date(dataset.created_at.date()))
        self.add(node, DCTERMS_MODIFIED, _date(modified))
        if dataset.temporal_start or dataset.temporal_end:
            self.add(node, DCTERMS_TEMPORAL, self.period(dataset.temporal_start, dataset.temporal_end))
        if dataset.legislation:  # DCAT-AP.de 3.0: instead of the deprecated dcatde:legalBasis
            self.add(node, DCATAP_APPLICABLELEGISLATION, self.resource(dataset.legislation, ELI_LEGALRESOURCE_CLASS))

    def dataset(self, dataset: Dataset) -> list[URIRef]:
        """The holding's dcat:Dataset, and its dcat:DatasetSeries first when it is published periodically."""
        page = self.dataset_page.format(dataset.pk)
        node = URIRef(f"{page}#dataset")
        distributions = list(dataset.distributions.all())
        modified = max([dataset.updated_at, *(item.updated_at for item in distributions)]).date()
        publisher = self.agent(dataset.territory.code, dataset.territory.name)
        records = []
        if dataset.frequency in SERIES_FREQUENCIES:
            series = URIRef(f"{page}#series")
            self.add(series, RDF_TYPE, DCAT_DATASETSERIES_CLASS)
            self.add(series, RDF_TYPE, DCAT_DATASET_CLASS)  # DCAT 3: a series is a dataset (stated: no inference)
            self._common(series, dataset, publisher, modified)
            self.geocoding(series, dataset.territory)
            self.add(node, DCAT_INSERIES, series)
            records.append(series)
        self.add(node, RDF_TYPE, DCAT_DATASET_CLASS)
        self.add(node, DCTERMS_IDENTIFIER, Literal(page))
        self._common(node, dataset, publisher, modified)
        self.add(node, DCAT_THEME, self.theme(dataset.theme))
        self.add(node, DCAT_LANDINGPAGE, self.document(page))
        self.geocoding(node, dataset.territory)
        if self.contributor:
            self.add(node, DCATDE_CONTRIBUTORID, self.resource(self.contributor))
        for keyword in dataset.keyword_list:
            self.add(node, DCAT_KEYWORD, Literal(keyword, lang="de"))
        for standard in dataset.standard_list:
            self.add(node, DCTERMS_CONFORMSTO, self.standard(standard))
        if dataset.attribution:
            self.add(node, DCATDE_LICENSEATTRIBUTIONBYTEXT, Literal(dataset.attribution, lang="de"))
        for distribution in distributions:
            self.add(node, DCAT_DISTRIBUTION, self.distribution(
                f"{page}#distribution-{distribution.pk}",
                url=distribution.access_url, title=distribution.title or dataset.title,
                file_type=distribution.file_type, licence=dataset.licence,
                media_type=distribution.media_type or FILE_MEDIA_TYPES.get(distribution.file_type, ""),
                modified=distribution.updated_at.date(),
            ))  # fmt: skip
        records.append(node)
        return records

    def project_catalogue(self, modified: str) -> URIRef:
        """The project catalogue as one dataset: its exports are the distributions, each project a row of them."""
        page = self.base + reverse("projects:catalog")
        node = URIRef(f"{page}#dataset")
        name = settings.SITE_NAME
        self.add(node, RDF_TYPE, DCAT_DATASET_CLASS)
        self.add(node, DCTERMS_IDENTIFIER, Literal(page))
        self.add(node, DCTERMS_TITLE, Literal(f"Projektkatalog {name}", lang="de"))
        self.add(node, DCTERMS_DESCRIPTION, Literal(
            "Smart-City- und Smart-Region-Projekte der Kommunen: Titel, Kurzbeschreibung, Kommune mit amtlichem "
            "Schlüssel, Handlungsfelder, Status, Förderprogramm, Partner, Quellen und Stand – ein Datensatz, "
            "eine Zeile je veröffentlichtem Projekt.", lang="de",
        ))  # fmt: skip
        self.add(node, DCTERMS_PUBLISHER, self.agent("hub", settings.OPERATOR_NAME or name))
        self.add(node, DCAT_CONTACTPOINT, self.contact(settings.OPERATOR_NAME or name, settings.OPERATOR_CONTACT_EMAIL))
        self.add(node, DCAT_THEME, self.theme("REGI"))
        self.add(node, DCAT_THEME, self.theme("GOVE"))
        for keyword in ("Smart City", "Smart Region", "Digitalisierung", "Kommunen", "Projekte"):
            self.add(node, DCAT_KEYWORD, Literal(keyword, lang="de"))
        self.add(node, DCAT_LANDINGPAGE, self.document(page))
        self.add(node, DCTERMS_ACCRUALPERIODICITY, self.frequency(Frequency.CONT))
        self.add(node, DCTERMS_MODIFIED, _date(modified))
        self.add(node, DCATDE_POLITICALGEOCODINGLEVELURI, self.level("municipality"))
        if self.contributor:
            self.add(node, DCATDE_CONTRIBUTORID, self.resource(self.contributor))
        export = reverse("projects:export", args=["FORMAT"])
        for fmt, (file_type, media_type) in PROJECT_EXPORTS.items():
            url = self.base + export.replace("FORMAT", fmt)
            self.add(node, DCAT_DISTRIBUTION, self.distribution(
                f"{page}#distribution-{fmt}", url=url, title=f"Projektkatalog ({file_type})", file_type=file_type,
                licence=PROJECT_LICENCE, media_type=media_type, download=True, modified=modified,
            ))  # fmt: skip
        return node


def page_of(number: int) -> Page:
    datasets = public().count()
    total = 1 + datasets
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
    projects_modified = project_catalogue_modified()
    catalog = _catalog(graph, writer, base, projects_modified)
    if hydra:
        _hydra(graph, catalog, base, page, fmt)
    _records(graph, writer, catalog, page, projects_modified)
    return graph


def _catalog(graph: Triples, writer: "_Writer", base: str, projects_modified: str) -> URIRef:
    catalog = URIRef(f"{base}/catalog")
    name = settings.SITE_NAME
    graph.add((catalog, RDF_TYPE, DCAT_CATALOG_CLASS))
    graph.add((catalog, DCTERMS_TITLE, Literal(name, lang="de")))
    graph.add((catalog, DCTERMS_DESCRIPTION, Literal(
        "Offene Datenbestände der Kommunen und der Katalog ihrer Smart-City- und Smart-Region-Projekte.", lang="de",
    )))  # fmt: skip
    graph.add((catalog, DCTERMS_PUBLISHER, writer.agent("hub", settings.OPERATOR_NAME or name)))
    graph.add((catalog, FOAF_HOMEPAGE, writer.document(f"{base}/")))
    german = writer.concept(f"{LANGUAGES}/DEU", LANGUAGES, DCTERMS_LINGUISTICSYSTEM_CLASS, "Deutsch")
    graph.add((catalog, DCTERMS_LANGUAGE, german))
    taxonomy = writer.resource(EU_THEME.rstrip("/"), SKOS_CONCEPTSCHEME_CLASS)
    graph.add((taxonomy, DCTERMS_TITLE, Literal("Datenthemen (EU)", lang="de")))
    graph.add((catalog, DCAT_THEMETAXONOMY, taxonomy))
    latest = public().aggregate(latest=Max("updated_at"))["latest"]
    modified = max(projects_modified, latest.date().isoformat()) if latest else projects_modified
    graph.add((catalog, DCTERMS_MODIFIED, _date(modified)))
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


def _records(graph: Triples, writer: "_Writer", catalog: URIRef, page: Page, projects_modified: str) -> None:
    """Record 0 is the project catalogue, records 1… the open datasets by id."""
    start = (page.number - 1) * PAGE_SIZE
    if start == 0:
        graph.add((catalog, DCAT_DATASET, writer.project_catalogue(projects_modified)))
    offset = max(0, start - 1)
    size = PAGE_SIZE - 1 if start == 0 else PAGE_SIZE
    for dataset in _datasets()[offset : offset + size]:
        for node in writer.dataset(dataset):
            graph.add((catalog, DCAT_DATASET, node))


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
    projects_modified = project_catalogue_modified()
    chunks = 0
    last_pk = 0
    while True:
        records = list(_datasets().filter(pk__gt=last_pk)[:PAGE_SIZE])
        graph = Triples()
        writer = _Writer(graph, base)
        catalog = _catalog(graph, writer, base, projects_modified)
        if not chunks:
            graph.add((catalog, DCAT_DATASET, writer.project_catalogue(projects_modified)))
        for record in records:
            for node in writer.dataset(record):
                graph.add((catalog, DCAT_DATASET, node))
        out.write(graph.turtle())
        out.write("\n")
        chunks += 1
        if len(records) < PAGE_SIZE:
            break
        last_pk = records[-1].pk
    return chunks
