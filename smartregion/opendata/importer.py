"""Importing data holdings from a file: the Bestandsaufnahme's data file or any German-Excel CSV/XLSX
with these columns. Every row is validated, all errors are reported with their row number, and
nothing is written unless every row is valid.

Every row is a new dataset of the territory the import is for (the page's territory, which the person must be
allowed to add datasets to: `opendata.add_dataset`, asked here too); a row never matches or changes an existing
dataset, so it cannot reach another territory's datasets or deleted ones by title."""

from dataclasses import dataclass

from django.db import transaction

from smartregion.core.csvio import ImportRejected, RowError, missing_data_rows, read_rows
from smartregion.core.rowcheck import field_errors
from smartregion.core.weburl import is_web_url
from smartregion.taxonomy.models import Domain
from smartregion.taxonomy.normalize import normalize_label

from .enums import Access, FileType, Frequency, Licence, Theme
from .models import Dataset, Distribution

COLUMNS = [
    "titel",
    "beschreibung",
    "handlungsfeld",
    "herausgeber",
    "zugang",
    "aktualisierung",
    "formate",
    "standards",
    "url",
    "raeumliche_abdeckung_ars",
]
REQUIRED = ["titel", "beschreibung", "herausgeber"]
COLUMN_OF_FIELD = {
    "title": "titel",
    "description": "beschreibung",
    "publisher": "herausgeber",
    "standards": "standards",
}
MAX_ROWS = 5000
FREQUENCY_WORDS = {str(label).lower(): value for value, label in Frequency.choices} | {
    "woechentlich": "WEEKLY", "taeglich": "DAILY", "jaehrlich": "ANNUAL", "nie": "NEVER",
}  # fmt: skip
ACCESS_WORDS = {value: value for value in Access.values} | {
    "offen": "open",
    "eingeschränkt": "restricted",
    "intern": "internal",
}
DOMAIN_THEME = {
    "verwaltung": Theme.GOVE,
    "mobilitaet": Theme.TRAN,
    "energie-umwelt-klima": Theme.ENVI,
    "bildung": Theme.EDUC,
    "gesundheit-pflege": Theme.HEAL,
    "wirtschaft-handel-tourismus": Theme.ECON,
    "gesellschaft-teilhabe-kultur": Theme.SOCI,
    "infrastruktur-konnektivitaet": Theme.TECH,
    "daten-plattformen": Theme.TECH,
    "stadtentwicklung-bauen-wohnen": Theme.REGI,
    "sicherheit-katastrophenschutz": Theme.JUST,
    "laendlicher-raum": Theme.AGRI,
}


class DatasetImportError(ImportRejected):
    pass


@dataclass
class DatasetImportResult:
    created: int


def _file_types(text: str) -> list[str]:
    known = {value.lower(): value for value in FileType.values} | {"shapefile": "SHP", "geojson": "GEOJSON"}
    return [known[part.strip().lower()] for part in text.split(",") if part.strip().lower() in known]


def validate(rows, territory) -> tuple[list[dict], list[RowError]]:
    errors: list[RowError] = []
    if rows:
        missing = [column for column in REQUIRED if column not in rows[0][1]]
        if missing:
            return [], [RowError(1, f"Pflichtspalte fehlt: {', '.join(missing)}.", missing[0])]
    if len(rows) > MAX_ROWS:
        return [], [RowError(1, f"Höchstens {MAX_ROWS} Zeilen je Datei.", "")]
    domains = {normalize_label(domain.label_de): domain for domain in Domain.objects.all()}
    seen: dict[str, int] = {}
    records = []
    for line, row in rows:
        row_errors = []
        title = row.get("titel", "").strip()
        for column in REQUIRED:
            if not row.get(column, "").strip():
                row_errors.append(RowError(line, f"{column} fehlt.", column))
        if title and title.lower() in seen:
            row_errors.append(RowError(line, f"„{title}“ steht schon in Zeile {seen[title.lower()]}.", "titel"))
        seen.setdefault(title.lower(), line)
        domain = None
        if row.get("handlungsfeld", "").strip():
            domain = domains.get(normalize_label(row["handlungsfeld"]))
            if domain is None:
                row_errors.append(
                    RowError(line, f"unbekanntes Handlungsfeld „{row['handlungsfeld']}“.", "handlungsfeld")
                )
        access = ACCESS_WORDS.get(row.get("zugang", "").strip().lower() or "open")
        if access is None:
            row_errors.append(
                RowError(line, f"„{row.get('zugang')}“: erlaubt sind open, restricted, internal.", "zugang")
            )
        frequency = FREQUENCY_WORDS.get(row.get("aktualisierung", "").strip().lower() or "unbekannt", Frequency.UNKNOWN)
        url = row.get("url", "").strip()
        if url and not is_web_url(url):
            row_errors.append(RowError(line, f"„{url[:60]}“ ist keine Web-Adresse (http, https, mailto).", "url"))
        ars = row.get("raeumliche_abdeckung_ars", "").strip()
        if ars and ars != territory.ars:
            row_errors.append(
                RowError(line, f"Die Datei gehört zu {ars}, nicht zu {territory.ars}.", "raeumliche_abdeckung_ars")
            )
        if not row_errors:
            record = {
                "title": title[:200],
                "description": row["beschreibung"].strip(),
                "domain": domain,
                "theme": DOMAIN_THEME.get(domain.key, Theme.REGI) if domain else Theme.REGI,
                "publisher": row["herausgeber"].strip()[:200],
                "access": access,
                "frequency": frequency,
                "standards": row.get("standards", "").strip()[:300],
                "licence": Licence.DL_BY,
                "distributions": [(url, file_type) for file_type in (_file_types(row.get("formate", "")) or ["HTML"])]
                if url
                else [],
            }
            row_errors = field_errors(Dataset, record, line=line, columns=COLUMN_OF_FIELD) + field_errors(
                Distribution, {"access_url": url}, line=line, columns={"access_url": "url"}
            )
            if not row_errors:
                records.append(record)
        errors += row_errors
    if not errors:
        errors.extend(missing_data_rows(rows))
    return records, errors


@transaction.atomic
def import_datasets(source, *, territory, by, file_name: str = "") -> DatasetImportResult:
    if by is not None and not by.has_perm("opendata.add_dataset", territory):
        raise DatasetImportError([RowError(1, f"Sie dürfen für {territory.name} keine Datenbestände eintragen.")])
    rows, read_errors = read_rows(source, file_name=file_name)
    records, errors = validate(rows, territory) if not read_errors else ([], read_errors)
    if errors:
        raise DatasetImportError(errors)
    for record in records:
        distributions = record.pop("distributions")
        dataset = Dataset(territory=territory, created_by=by, **record)
        dataset._history_user = by
        dataset.save()
        for url, file_type in distributions:
            Distribution.objects.create(dataset=dataset, access_url=url, file_type=file_type)
    return DatasetImportResult(created=len(records))
