"""The DCAT-AP.de 3.0 records of the open catalogue (ADR 0016): the vocabulary, and `RecordWriter`, which states a
holding of the inventory (dataset, its series, distributions, contact, geocoding) and the project catalogue as
triples (opendata.triples). opendata.dcat pages them and writes them in Turtle, RDF/XML or JSON-LD.

Every node states its classes (agents, concepts, licences, file types, locations, addresses typed rdfs:Resource),
so that the SHACL shapes validate without inference; shared nodes (agents, concepts) are stated once per writer.
"""

from django.conf import settings
from django.urls import reverse

from smartregion.territories.enums import TerritoryKind

from .enums import DCATDE_LICENCES, EU_FILE_TYPE, EU_FREQUENCY, EU_THEME, Frequency, Licence, Theme
from .models import Dataset
from .triples import IRI, PREFIXES, Blank, Blanks, Text, Triples

DCAT, DCTERMS, FOAF, HYDRA = PREFIXES["dcat"], PREFIXES["dct"], PREFIXES["foaf"], PREFIXES["hydra"]
RDF, RDFS, SKOS, VCARD = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["skos"], PREFIXES["vcard"]
DCATDE, DCATAP = PREFIXES["dcatde"], PREFIXES["dcatap"]
XSD = "http://www.w3.org/2001/XMLSchema#"

# The terms used.
DCAT_CATALOG_CLASS = IRI(DCAT + "Catalog")
DCAT_DATASET_CLASS = IRI(DCAT + "Dataset")
DCAT_DATASETSERIES_CLASS = IRI(DCAT + "DatasetSeries")
DCAT_DISTRIBUTION_CLASS = IRI(DCAT + "Distribution")
DCAT_ACCESSURL = IRI(DCAT + "accessURL")
DCAT_CENTROID = IRI(DCAT + "centroid")
DCAT_CONTACTPOINT = IRI(DCAT + "contactPoint")
DCAT_DATASET = IRI(DCAT + "dataset")
DCAT_DISTRIBUTION = IRI(DCAT + "distribution")
DCAT_DOWNLOADURL = IRI(DCAT + "downloadURL")
DCAT_ENDDATE = IRI(DCAT + "endDate")
DCAT_INSERIES = IRI(DCAT + "inSeries")
DCAT_KEYWORD = IRI(DCAT + "keyword")
DCAT_LANDINGPAGE = IRI(DCAT + "landingPage")
DCAT_MEDIATYPE = IRI(DCAT + "mediaType")
DCAT_STARTDATE = IRI(DCAT + "startDate")
DCAT_THEME = IRI(DCAT + "theme")
DCAT_THEMETAXONOMY = IRI(DCAT + "themeTaxonomy")
DCATAP_APPLICABLELEGISLATION = IRI(DCATAP + "applicableLegislation")
DCATDE_CONTRIBUTORID = IRI(DCATDE + "contributorID")
DCATDE_LICENSEATTRIBUTIONBYTEXT = IRI(DCATDE + "licenseAttributionByText")
DCATDE_POLITICALGEOCODINGLEVELURI = IRI(DCATDE + "politicalGeocodingLevelURI")
DCATDE_POLITICALGEOCODINGURI = IRI(DCATDE + "politicalGeocodingURI")
DCTERMS_FREQUENCY_CLASS = IRI(DCTERMS + "Frequency")
DCTERMS_LICENSEDOCUMENT_CLASS = IRI(DCTERMS + "LicenseDocument")
DCTERMS_LINGUISTICSYSTEM_CLASS = IRI(DCTERMS + "LinguisticSystem")
DCTERMS_LOCATION_CLASS = IRI(DCTERMS + "Location")
DCTERMS_MEDIATYPE_CLASS = IRI(DCTERMS + "MediaType")
DCTERMS_MEDIATYPEOREXTENT_CLASS = IRI(DCTERMS + "MediaTypeOrExtent")
DCTERMS_PERIODOFTIME_CLASS = IRI(DCTERMS + "PeriodOfTime")
DCTERMS_STANDARD_CLASS = IRI(DCTERMS + "Standard")
DCTERMS_ACCRUALPERIODICITY = IRI(DCTERMS + "accrualPeriodicity")
DCTERMS_CONFORMSTO = IRI(DCTERMS + "conformsTo")
DCTERMS_DESCRIPTION = IRI(DCTERMS + "description")
DCTERMS_FORMAT = IRI(DCTERMS + "format")
DCTERMS_IDENTIFIER = IRI(DCTERMS + "identifier")
DCTERMS_ISSUED = IRI(DCTERMS + "issued")
DCTERMS_LANGUAGE = IRI(DCTERMS + "language")
DCTERMS_LICENSE = IRI(DCTERMS + "license")
DCTERMS_MODIFIED = IRI(DCTERMS + "modified")
DCTERMS_PUBLISHER = IRI(DCTERMS + "publisher")
DCTERMS_SPATIAL = IRI(DCTERMS + "spatial")
DCTERMS_TEMPORAL = IRI(DCTERMS + "temporal")
DCTERMS_TITLE = IRI(DCTERMS + "title")
FOAF_AGENT_CLASS = IRI(FOAF + "Agent")
FOAF_DOCUMENT_CLASS = IRI(FOAF + "Document")
FOAF_ORGANIZATION_CLASS = IRI(FOAF + "Organization")
FOAF_HOMEPAGE = IRI(FOAF + "homepage")
FOAF_NAME = IRI(FOAF + "name")
HYDRA_COLLECTION_CLASS = IRI(HYDRA + "Collection")
HYDRA_PARTIALCOLLECTIONVIEW_CLASS = IRI(HYDRA + "PartialCollectionView")
HYDRA_FIRST = IRI(HYDRA + "first")
HYDRA_LAST = IRI(HYDRA + "last")
HYDRA_NEXT = IRI(HYDRA + "next")
HYDRA_PREVIOUS = IRI(HYDRA + "previous")
HYDRA_TOTALITEMS = IRI(HYDRA + "totalItems")
HYDRA_VIEW = IRI(HYDRA + "view")
RDF_TYPE = IRI(RDF + "type")
RDFS_RESOURCE_CLASS = IRI(RDFS + "Resource")
SKOS_CONCEPT_CLASS = IRI(SKOS + "Concept")
SKOS_CONCEPTSCHEME_CLASS = IRI(SKOS + "ConceptScheme")
SKOS_INSCHEME = IRI(SKOS + "inScheme")
SKOS_PREFLABEL = IRI(SKOS + "prefLabel")
VCARD_KIND_CLASS = IRI(VCARD + "Kind")
VCARD_ORGANIZATION_CLASS = IRI(VCARD + "Organization")
VCARD_FN = IRI(VCARD + "fn")
VCARD_HASEMAIL = IRI(VCARD + "hasEmail")
VCARD_HASURL = IRI(VCARD + "hasURL")
XSD_DATE = IRI(XSD + "date")
XSD_GYEAR = IRI(XSD + "gYear")
XSD_GYEARMONTH = IRI(XSD + "gYearMonth")
XSD_INTEGER = IRI(XSD + "integer")
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding"
CONTRIBUTORS = "http://dcat-ap.de/def/contributors/"
LANGUAGES = "http://publications.europa.eu/resource/authority/language"
GEO_WKT = IRI("http://www.opengis.net/ont/geosparql#wktLiteral")
ELI_LEGALRESOURCE_CLASS = IRI("http://data.europa.eu/eli/ontology#LegalResource")
PROJECT_LICENCE = Licence.CC_BY
# Holdings published in these rhythms are a dataset series (one release after the other); continuous, irregular,
# never-updated and unknown ones are single datasets.
SERIES_FREQUENCIES = frozenset({Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.QUARTERLY,
                                Frequency.ANNUAL})  # fmt: skip
# The project catalogue as its distributions (projects:catalogue_file, the whole catalogue stored nightly):
# format → (EU file type, media type).
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


def date_literal(value) -> Text:
    """A date literal typed as DCAT-AP.de allows: xsd:gYear, xsd:gYearMonth or xsd:date."""
    text = value if isinstance(value, str) else value.isoformat()
    datatype = {4: XSD_GYEAR, 7: XSD_GYEARMONTH}.get(len(text), XSD_DATE)
    return Text(text[:10], datatype=datatype)


def contributor_id() -> str:
    """The configured GovData contributor ID as an IRI ('' when none is configured)."""
    value = settings.DCATDE_CONTRIBUTOR_ID.strip()
    if not value:
        return ""
    return value if value.startswith(("http://", "https://")) else CONTRIBUTORS + value


class RecordWriter:
    """Writes records into `graph`, every address starting with `base` (SITE_URL)."""

    def __init__(self, graph: Triples, base: str):
        self.graph = graph
        self.blanks = Blanks()
        self.base = base
        self.agents: dict[str, IRI] = {}
        self.described: set[IRI] = set()
        self.contributor = contributor_id()
        # Addresses of records from one reversed pattern each (reverse() per record costs more than the record).
        self.dataset_page = base + reverse("opendata:detail", args=[999_999_999]).replace("999999999", "{}")
        self.imprint = base + reverse("core:imprint")

    def add(self, subject, predicate, obj) -> None:
        self.graph.add(subject, predicate, obj)

    def agent(self, key: str, name: str) -> IRI:
        if key not in self.agents:
            node = IRI(f"{self.base}/gebiete/{key}/#agent") if key != "hub" else IRI(f"{self.base}/#publisher")
            self.add(node, RDF_TYPE, FOAF_AGENT_CLASS)
            self.add(node, RDF_TYPE, FOAF_ORGANIZATION_CLASS)
            self.add(node, FOAF_NAME, Text(name))
            self.agents[key] = node
        return self.agents[key]

    def concept(self, iri: str, scheme: str, kind=SKOS_CONCEPT_CLASS, label: str = "") -> IRI:
        node = IRI(iri)
        if node not in self.described:
            self.add(node, RDF_TYPE, kind)
            self.add(node, SKOS_INSCHEME, IRI(scheme))
            if label:
                self.add(node, SKOS_PREFLABEL, Text(str(label), "de"))
            self.described.add(node)
        return node

    def resource(self, iri: str, kind=RDFS_RESOURCE_CLASS) -> IRI:
        """An IRI value typed explicitly (rdfs:Resource for addresses), as the shapes check without inference."""
        node = IRI(iri)
        if (node, kind) not in self.described:
            self.add(node, RDF_TYPE, kind)
            self.described.add((node, kind))
        return node

    def licence(self, value: str) -> IRI:
        node = self.concept(
            f"{DCATDE_LICENCES}/{value}", DCATDE_LICENCES, DCTERMS_LICENSEDOCUMENT_CLASS, Licence(value).label
        )
        return node

    def file_type(self, code: str) -> IRI:
        return self.concept(EU_FILE_TYPE + code, EU_FILE_TYPE.rstrip("/"), DCTERMS_MEDIATYPEOREXTENT_CLASS, code)

    def theme(self, code: str) -> IRI:
        return self.concept(EU_THEME + code, EU_THEME.rstrip("/"), label=Theme(code).label)

    def frequency(self, code: str) -> IRI:
        return self.concept(
            EU_FREQUENCY + code, EU_FREQUENCY.rstrip("/"), DCTERMS_FREQUENCY_CLASS, Frequency(code).label
        )

    def level(self, level: str) -> IRI:
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
                         Text(f"POINT({territory.longitude} {territory.latitude})", datatype=GEO_WKT))  # fmt: skip
                self.described.add((location, DCAT_CENTROID))
            self.add(node, DCTERMS_SPATIAL, location)

    def contact(self, name: str, email: str = "") -> Blank:
        """A contact point with an e-mail address, else the imprint page (which names the operator's contact)."""
        node = self.blanks.new()
        self.add(node, RDF_TYPE, VCARD_KIND_CLASS)
        self.add(node, RDF_TYPE, VCARD_ORGANIZATION_CLASS)
        self.add(node, VCARD_FN, Text(name))
        if email:
            self.add(node, VCARD_HASEMAIL, IRI(f"mailto:{email}"))
        else:
            self.add(node, VCARD_HASURL, self.resource(self.imprint))
        return node

    def distribution(self, iri: str, *, url: str, title: str, file_type: str, licence: str, media_type: str = "",
                     download: bool = False, modified=None):  # fmt: skip
        node = IRI(iri)
        self.add(node, RDF_TYPE, DCAT_DISTRIBUTION_CLASS)
        self.add(node, DCAT_ACCESSURL, self.resource(url))
        if download:
            self.add(node, DCAT_DOWNLOADURL, self.resource(url))
        self.add(node, DCTERMS_TITLE, Text(title, "de"))
        self.add(node, DCTERMS_FORMAT, self.file_type(file_type))
        self.add(node, DCTERMS_LICENSE, self.licence(licence))
        if modified:
            self.add(node, DCTERMS_MODIFIED, date_literal(modified))
        if media_type:
            media = IRI(f"https://www.iana.org/assignments/media-types/{media_type}")
            self.add(media, RDF_TYPE, DCTERMS_MEDIATYPE_CLASS)
            self.add(node, DCAT_MEDIATYPE, media)
        return node

    def document(self, url: str) -> IRI:
        node = IRI(url)
        self.add(node, RDF_TYPE, FOAF_DOCUMENT_CLASS)
        return node

    def standard(self, name: str) -> Blank:
        node = self.blanks.new()
        self.add(node, RDF_TYPE, DCTERMS_STANDARD_CLASS)
        self.add(node, DCTERMS_TITLE, Text(name))
        return node

    def period(self, start, end) -> Blank:
        node = self.blanks.new()
        self.add(node, RDF_TYPE, DCTERMS_PERIODOFTIME_CLASS)
        if start:
            self.add(node, DCAT_STARTDATE, date_literal(start))
        if end:
            self.add(node, DCAT_ENDDATE, date_literal(end))
        return node

    def _common(self, node, dataset: Dataset, publisher: IRI, modified) -> None:
        """What a holding's dataset and its series both state."""
        self.add(node, DCTERMS_TITLE, Text(dataset.title, "de"))
        self.add(node, DCTERMS_DESCRIPTION, Text(dataset.description, "de"))
        self.add(node, DCTERMS_PUBLISHER, publisher)
        self.add(node, DCAT_CONTACTPOINT, self.contact(dataset.publisher, dataset.contact_email))
        self.add(node, DCTERMS_ACCRUALPERIODICITY, self.frequency(dataset.frequency))
        self.add(node, DCTERMS_ISSUED, date_literal(dataset.created_at.date()))
        self.add(node, DCTERMS_MODIFIED, date_literal(modified))
        if dataset.temporal_start or dataset.temporal_end:
            self.add(node, DCTERMS_TEMPORAL, self.period(dataset.temporal_start, dataset.temporal_end))
        if dataset.legislation:  # DCAT-AP.de 3.0: instead of the deprecated dcatde:legalBasis
            self.add(node, DCATAP_APPLICABLELEGISLATION, self.resource(dataset.legislation, ELI_LEGALRESOURCE_CLASS))

    def dataset(self, dataset: Dataset) -> list[IRI]:
        """The holding's dcat:Dataset, and its dcat:DatasetSeries first when it is published periodically."""
        page = self.dataset_page.format(dataset.pk)
        node = IRI(f"{page}#dataset")
        distributions = getattr(dataset, "distribution_list", None)  # opendata.dcat reads them with the holdings
        if distributions is None:
            distributions = list(dataset.distributions.all())
        modified = max([dataset.updated_at, *(item.updated_at for item in distributions)]).date()
        publisher = self.agent(dataset.territory.code, dataset.territory.name)
        records = []
        if dataset.frequency in SERIES_FREQUENCIES:
            series = IRI(f"{page}#series")
            self.add(series, RDF_TYPE, DCAT_DATASETSERIES_CLASS)
            self.add(series, RDF_TYPE, DCAT_DATASET_CLASS)  # DCAT 3: a series is a dataset (stated: no inference)
            self._common(series, dataset, publisher, modified)
            self.geocoding(series, dataset.territory)
            self.add(node, DCAT_INSERIES, series)
            records.append(series)
        self.add(node, RDF_TYPE, DCAT_DATASET_CLASS)
        self.add(node, DCTERMS_IDENTIFIER, Text(page))
        self._common(node, dataset, publisher, modified)
        self.add(node, DCAT_THEME, self.theme(dataset.theme))
        self.add(node, DCAT_LANDINGPAGE, self.document(page))
        self.geocoding(node, dataset.territory)
        if self.contributor:
            self.add(node, DCATDE_CONTRIBUTORID, self.resource(self.contributor))
        for keyword in dataset.keyword_list:
            self.add(node, DCAT_KEYWORD, Text(keyword, "de"))
        for standard in dataset.standard_list:
            self.add(node, DCTERMS_CONFORMSTO, self.standard(standard))
        if dataset.attribution:
            self.add(node, DCATDE_LICENSEATTRIBUTIONBYTEXT, Text(dataset.attribution, "de"))
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

    def project_catalogue(self, modified: str) -> IRI:
        """The project catalogue as one dataset: its exports are the distributions, each project a row of them."""
        page = self.base + reverse("projects:catalog")
        node = IRI(f"{page}#dataset")
        name = settings.SITE_NAME
        self.add(node, RDF_TYPE, DCAT_DATASET_CLASS)
        self.add(node, DCTERMS_IDENTIFIER, Text(page))
        self.add(node, DCTERMS_TITLE, Text(f"Projektkatalog {name}", "de"))
        self.add(node, DCTERMS_DESCRIPTION, Text(
            "Smart-City- und Smart-Region-Projekte der Kommunen: Titel, Kurzbeschreibung, Kommune mit amtlichem "
            "Schlüssel, Handlungsfelder, Status, Förderprogramm, Partner, Quellen und Stand – ein Datensatz, "
            "eine Zeile je veröffentlichtem Projekt.", "de",
        ))  # fmt: skip
        self.add(node, DCTERMS_PUBLISHER, self.agent("hub", settings.OPERATOR_NAME or name))
        self.add(node, DCAT_CONTACTPOINT, self.contact(settings.OPERATOR_NAME or name, settings.OPERATOR_CONTACT_EMAIL))
        self.add(node, DCAT_THEME, self.theme("REGI"))
        self.add(node, DCAT_THEME, self.theme("GOVE"))
        for keyword in ("Smart City", "Smart Region", "Digitalisierung", "Kommunen", "Projekte"):
            self.add(node, DCAT_KEYWORD, Text(keyword, "de"))
        self.add(node, DCAT_LANDINGPAGE, self.document(page))
        self.add(node, DCTERMS_ACCRUALPERIODICITY, self.frequency(Frequency.CONT))
        self.add(node, DCTERMS_MODIFIED, date_literal(modified))
        self.add(node, DCATDE_POLITICALGEOCODINGLEVELURI, self.level("municipality"))
        if self.contributor:
            self.add(node, DCATDE_CONTRIBUTORID, self.resource(self.contributor))
        export = reverse("projects:catalogue_file", args=["FORMAT"])  # the whole catalogue, stored nightly
        for fmt, (file_type, media_type) in PROJECT_EXPORTS.items():
            url = self.base + export.replace("FORMAT", fmt)
            self.add(node, DCAT_DISTRIBUTION, self.distribution(
                f"{page}#distribution-{fmt}", url=url, title=f"Projektkatalog ({file_type})", file_type=file_type,
                licence=PROJECT_LICENCE, media_type=media_type, download=True, modified=modified,
            ))  # fmt: skip
        return node
