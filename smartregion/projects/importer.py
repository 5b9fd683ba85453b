"""Import of catalog entries from CSV (German Excel accepted) or XLSX; all-or-nothing.

One column layout — the catalog template (`TEMPLATE_COLUMNS`) — serves the compiled real project
list shipped with the product and uploads by coordinators. The Modellprojekte Smart Cities list and
the Bavarian programme list are converted to the same records. Every row is validated first; any
error (with its line number) aborts the import before anything is written. Re-importing the same
file changes nothing: rows are matched by their `id` column, else by title and lead territory.

An upload (`by` a person) asks for every row the same rules as the single-project pages: an existing project
needs `projects.change_project` (and `projects.publish_project` when the import publishes it), the lead
territory a row gives needs `projects.add_project_for` (its editors, the coordinators of its networks, platform
admins; a row without a territory key, named only in `kommune`, is for platform admins). A row naming another
territory's project or a deleted one is refused with its line number; nothing is written while any row is
refused. The shipped lists (`by=None`, the management command) are a system import: no person's rules apply,
and a project deleted on the platform stays deleted (its row counts as unchanged).
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from smartregion.core.csvio import ImportCounts, ImportRejected, RowError, missing_data_rows, read_rows, read_table
from smartregion.core.rowcheck import field_errors
from smartregion.core.weburl import is_web_url
from smartregion.taxonomy.models import Domain
from smartregion.taxonomy.normalize import normalize_label
from smartregion.taxonomy.services import keywords_for
from smartregion.territories.enums import TerritoryKind
from smartregion.territories.models import Territory

from . import fulltext
from .enums import OpenSource, Origin, ProjectStatus, Publication
from .models import Project
from .services import locate

TEMPLATE_COLUMNS = [
    "id",
    "titel",
    "kommune",
    "ags",
    "land_code",
    "handlungsfeld",
    "weitere_handlungsfelder",
    "stichworte",
    "kurzbeschreibung",
    "problem",
    "status",
    "startjahr",
    "programm",
    "partner",
    "open_source",
    "quelle",
    "stand",
]
REQUIRED_COLUMNS = ["titel", "land_code", "handlungsfeld", "kurzbeschreibung"]
STATUS_BY_LABEL = {status.label.lower(): status.value for status in ProjectStatus} | {
    s.value: s.value for s in ProjectStatus
}
COLUMN_OF_FIELD = {
    "external_id": "id", "title": "titel", "lead_label": "kommune", "summary": "kurzbeschreibung",
    "problem": "problem", "status": "status", "start_year": "startjahr", "funding_sources": "programm",
    "partner_organisations": "partner", "open_source": "open_source", "source_urls": "quelle", "source_as_of": "stand",
}  # fmt: skip
MAX_ROWS = 5000


class ProjectImportError(ImportRejected):
    pass


@dataclass
class ProjectImportResult(ImportCounts):
    projects: list = field(default_factory=list)


# --- Reading ----------------------------------------------------------------------------------


# --- Validation -------------------------------------------------------------------------------


class _Lookups:
    """Territories and domains needed by the rows, read in a few queries."""

    def __init__(self, rows):
        keys = {row.get("ags", "").strip() for _, row in rows} - {""}
        self.gemeinden = {
            t.ags: t for t in Territory.objects.filter(ags__in=keys, kind=TerritoryKind.GEMEINDE, is_active=True)
        }
        self.kreise = {
            t.ars: t for t in Territory.objects.filter(ars__in=keys, kind=TerritoryKind.KREIS, is_active=True)
        }
        self.lands = {t.ars: t for t in Territory.objects.filter(kind=TerritoryKind.LAND)}
        self.domains = {normalize_label(d.label_de): d for d in Domain.objects.filter(is_active=True)}

    def territory(self, key: str):
        return self.gemeinden.get(key) if len(key) == 8 else self.kreise.get(key) if len(key) == 5 else None


def _domain(label: str, lookups: _Lookups):
    return lookups.domains.get(normalize_label(label))


def validate_row(line: int, row: dict, lookups: _Lookups) -> tuple[dict | None, list[RowError]]:
    errors: list[RowError] = []
    title = row.get("titel", "").strip()
    if not title:
        errors.append(RowError(line, "Titel fehlt.", "titel"))
    elif len(title) > 200:
        errors.append(RowError(line, "Titel ist länger als 200 Zeichen.", "titel"))
    summary = row.get("kurzbeschreibung", "").strip()
    if not summary:
        errors.append(RowError(line, "Kurzbeschreibung fehlt.", "kurzbeschreibung"))
    land = lookups.lands.get(row.get("land_code", "").strip().zfill(2) if row.get("land_code", "").strip() else "")
    if land is None:
        errors.append(RowError(line, f"unbekannter Ländercode „{row.get('land_code', '')}“.", "land_code"))
    key = row.get("ags", "").strip()
    territory = None
    if key:
        territory = lookups.territory(key)
        if territory is None:
            errors.append(
                RowError(
                    line, f"unbekannter Gebietsschlüssel „{key}“ (AGS mit 8 oder Kreisschlüssel mit 5 Ziffern).", "ags"
                )
            )
        elif land is not None and territory.land_id != land.pk:
            errors.append(RowError(line, f"Schlüssel {key} liegt nicht im Land {land.ars}.", "ags"))
    elif not row.get("kommune", "").strip():
        errors.append(
            RowError(line, "Ohne Gebietsschlüssel muss die Spalte „kommune“ die Federführung nennen.", "kommune")
        )
    primary = _domain(row.get("handlungsfeld", ""), lookups)
    if primary is None:
        errors.append(RowError(line, f"unbekanntes Handlungsfeld „{row.get('handlungsfeld', '')}“.", "handlungsfeld"))
    further = []
    for label in _split(row.get("weitere_handlungsfelder", "")):
        domain = _domain(label, lookups)
        if domain is None:
            errors.append(RowError(line, f"unbekanntes Handlungsfeld „{label}“.", "weitere_handlungsfelder"))
        else:
            further.append(domain)
    status = STATUS_BY_LABEL.get(row.get("status", "").strip().lower() or "unbekannt")
    if status is None:
        errors.append(RowError(line, f"unbekannter Status „{row.get('status')}“.", "status"))
    start_year = None
    if row.get("startjahr", "").strip():
        text = row["startjahr"].strip()
        if not (text.isdigit() and 1990 <= int(text) <= 2100):
            errors.append(RowError(line, f"„{text}“ ist kein Jahr zwischen 1990 und 2100.", "startjahr"))
        else:
            start_year = int(text)
    open_source = row.get("open_source", "").strip().lower() or OpenSource.UNKNOWN
    if open_source not in OpenSource.values:
        errors.append(RowError(line, f"„{row.get('open_source')}“: erlaubt sind ja, nein, unbekannt.", "open_source"))
    sources = _split(row.get("quelle", ""))
    for url in sources:
        if not is_web_url(url):
            errors.append(RowError(line, f"„{url[:60]}“ ist keine Web-Adresse (http, https, mailto).", "quelle"))
    if errors:
        return None, errors
    record = {
        "line": line,
        "external_id": row.get("id", "").strip(),
        "title": title,
        "lead_territory": territory,
        "lead_label": "" if territory else row.get("kommune", "").strip(),
        "land": land,
        "primary_domain": primary,
        "domains": further,
        "keywords": _split(row.get("stichworte", "")),
        "summary": summary,
        "problem": row.get("problem", "").strip(),
        "status": status,
        "start_year": start_year,
        "funding_sources": row.get("programm", "").strip()[:300],
        "partner_organisations": "\n".join(_split(row.get("partner", ""))),
        "open_source": open_source,
        "source_urls": sources,
        "source_as_of": row.get("stand", "").strip()[:10],
    }
    errors = field_errors(Project, record, line=line, columns=COLUMN_OF_FIELD)
    return (None, errors) if errors else (record, [])


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\s*\|\s*", text or "") if part.strip()]


def validate(rows) -> tuple[list[dict], list[RowError]]:
    errors: list[RowError] = []
    if len(rows) > MAX_ROWS:
        return [], [RowError(1, f"Die Datei hat {len(rows)} Zeilen; höchstens {MAX_ROWS} je Import.")]
    if rows:
        missing = [column for column in REQUIRED_COLUMNS if column not in rows[0][1]]
        if missing:
            return [], [RowError(1, "Pflichtspalte fehlt.", column) for column in missing]
    lookups = _Lookups(rows)
    records, seen = [], {}
    for line, row in rows:
        record, row_errors = validate_row(line, row, lookups)
        errors.extend(row_errors)
        if record is None:
            continue
        identity = record["external_id"] or (
            normalize_label(record["title"]),
            record["lead_territory"].pk if record["lead_territory"] else record["lead_label"],
        )
        if identity in seen:
            errors.append(
                RowError(
                    line, f"doppelte Zeile (wie Zeile {seen[identity]}).", "id" if record["external_id"] else "titel"
                )
            )
            continue
        seen[identity] = line
        records.append(record)
    if not errors:
        errors.extend(missing_data_rows(rows))
    return records, errors


# --- Writing ----------------------------------------------------------------------------------

SCALAR_FIELDS = [
    "title",
    "lead_territory",
    "lead_label",
    "primary_domain",
    "summary",
    "problem",
    "status",
    "start_year",
    "funding_sources",
    "partner_organisations",
    "open_source",
    "source_urls",
    "source_as_of",
]


def import_projects(
    source, *, by=None, file_name: str = "", origin: str = Origin.IMPORTED, publish: bool = True
) -> ProjectImportResult:
    rows, errors = read_rows(source, file_name=file_name)
    if errors and not rows:
        raise ProjectImportError(errors)  # unreadable: no "keine Datenzeilen" on top of why
    return import_records(rows, read_errors=errors, by=by, origin=origin, publish=publish)


@transaction.atomic
def import_records(
    rows, *, read_errors=(), by=None, origin: str = Origin.IMPORTED, publish: bool = True
) -> ProjectImportResult:
    records, errors = validate(rows)
    matches = [(record, _existing(record)) for record in records]
    if by is not None:
        errors += [error for record, project in matches if (error := _refusal(record, project, by, publish))]
    errors = sorted(list(read_errors) + errors, key=lambda error: (error.line, error.column))
    if errors:
        raise ProjectImportError(errors)
    result = ProjectImportResult()
    for record, project in matches:
        if project is not None and project.is_deleted:
            result.unchanged += 1  # system import: a project deleted on the platform stays deleted
            continue
        created = project is None
        if created:
            project = Project(origin=origin, created_by=by)
        changed = created or any(getattr(project, name) != record[name] for name in SCALAR_FIELDS)
        for name in SCALAR_FIELDS:
            setattr(project, name, record[name])
        project.external_id = record["external_id"]
        locate(project)
        if record["lead_territory"] is None:
            project.land = record["land"]
        if publish and project.publication != Publication.PUBLISHED:
            project.publication = Publication.PUBLISHED
            project.published_at = timezone.now()
            changed = True
        if changed:
            project._history_user = by
            project._change_reason = "Import"
            project.save()
        before = (
            set(project.domains.values_list("pk", flat=True)),
            set(project.keywords.values_list("label", flat=True)),
        )
        project.domains.set(record["domains"])
        project.keywords.set(keywords_for(record["keywords"]))
        after = (
            set(project.domains.values_list("pk", flat=True)),
            set(project.keywords.values_list("label", flat=True)),
        )
        changed = changed or before != after
        if created:
            result.created += 1
        elif changed:
            result.updated += 1
        else:
            result.unchanged += 1
        result.projects.append(project)
    fulltext.index_projects(
        Project.objects.filter(pk__in=[p.pk for p in result.projects])
        .prefetch_related("keywords")
        .select_related("lead_territory")
    )
    return result


def _existing(record: dict):
    """The project a row names (by `id`, else by title and lead), deleted ones included so that they are not
    created a second time; a living project wins over a deleted one of the same name."""
    if record["external_id"]:
        candidates = Project.all_objects.filter(external_id=record["external_id"])
    else:
        candidates = Project.all_objects.filter(
            title=record["title"], lead_territory=record["lead_territory"], lead_label=record["lead_label"]
        )
    return (
        candidates.select_related("lead_territory", "land")
        .order_by(F("deleted_at").asc(nulls_first=True), "pk")
        .first()
    )


def _refusal(record: dict, project, user, publish: bool) -> RowError | None:
    """Why `user` may not write this row (the single-project pages' rules), or None."""
    line, lead = record["line"], record["lead_territory"]
    if record["external_id"]:
        named, column = f"Das Projekt mit der Kennung „{record['external_id']}“", "id"
    else:
        named, column = f"Das Projekt „{record['title']}“", "titel"
    if project is not None and not user.has_perm("projects.change_project", project):
        owner = project.lead_name or (project.land.name if project.land_id else "einer anderen Stelle")
        return RowError(line, f"{named} gehört zu {owner}; Sie dürfen es nicht ändern.", column)
    if project is not None and project.is_deleted:
        return RowError(line, f"{named} wurde gelöscht; ein Import stellt es nicht wieder her.", column)
    if not user.has_perm("projects.add_project_for", lead):
        if lead is None:
            return RowError(line, "Projekte ohne Gebietsschlüssel dürfen nur Plattform-Administratoren anlegen.", "ags")
        return RowError(line, f"Sie dürfen keine Projekte für {lead.name} eintragen.", "ags")
    target = project if project is not None else Project(lead_territory=lead)
    if publish and not target.is_published and not user.has_perm("projects.publish_project", target):
        return RowError(line, f"Sie dürfen Projekte von {target.lead_name} nicht veröffentlichen.", column)
    return None


# --- Converters for the programme lists -------------------------------------------------------

MPSC_SUMMARY = (
    "{name} ist eines der 73 Modellprojekte Smart Cities des Bundes (Staffel {staffel}, ausgewählt {year}){motto}. "
    "Gefördert wird die Entwicklung und Umsetzung einer integrierten Smart-City-Strategie."
)


def mpsc_rows(source) -> list[tuple[int, dict]]:
    table = read_table(source)
    rows = []
    for line, row in table.rows:
        motto = f", Motto „{row['motto']}“" if row.get("motto") else ""
        rows.append(
            (
                line,
                {
                    "id": row["mpsc_id"],
                    "titel": f"Modellprojekt Smart Cities: {row['bezeichnung']}",
                    "kommune": row["federfuehrung_name_amtlich"] or row["bezeichnung"],
                    "ags": row["federfuehrung_ags"],
                    "land_code": row["land_code"],
                    "handlungsfeld": "Stadtentwicklung, Bauen & Wohnen",
                    "weitere_handlungsfelder": "Daten & Plattformen",
                    "stichworte": "Smart-City-Strategie|Modellprojekte Smart Cities",
                    "kurzbeschreibung": MPSC_SUMMARY.format(
                        name=row["bezeichnung"], staffel=row["staffel"], year=row["auswahljahr"], motto=motto
                    ),
                    "status": "Umsetzung",
                    "startjahr": row["auswahljahr"],
                    "programm": "Modellprojekte Smart Cities (Bund)",
                    "partner": row.get("partner", ""),
                    "quelle": " | ".join(url for url in _split(row.get("quellen", "")) if is_web_url(url)),
                },
            )
        )
    return rows


BAVARIAN_DOMAINS = [
    ("energie", "Energie, Umwelt & Klima"),
    ("co2", "Energie, Umwelt & Klima"),
    ("bürgerplattform", "Gesellschaft, Teilhabe & Kultur"),
    ("lorawan", "Infrastruktur & Konnektivität"),
]


def bavarian_rows(source) -> list[tuple[int, dict]]:
    table = read_table(source)
    rows = []
    for line, row in table.rows:
        project = row.get("projekt", "")
        domain = next(
            (label for word, label in BAVARIAN_DOMAINS if word in project.lower()), "Stadtentwicklung, Bauen & Wohnen"
        )
        title = (
            project.split(":")[0].split("(")[0].strip()
            if row["rolle"] == "Preisträger"
            else f"Digitalisierungsstrategie {row['kommune']}"
        )
        rows.append(
            (
                line,
                {
                    "id": f"BY-{row['auswahljahr']}-{line - 1:02d}",
                    "titel": title[:200],
                    "kommune": row["kommune"],
                    "ags": row["ags"],
                    "land_code": "09",
                    "handlungsfeld": domain,
                    "stichworte": "Bayern|" + row["programm"].split("(")[0].strip(),
                    "kurzbeschreibung": (
                        f"{row['kommune']} ({row['rolle']}) im Programm {row['programm']} des {row['traeger']}, "
                        f"ausgewählt {row['auswahljahr']}. Vorhaben: {project}"
                    ),
                    "status": "Umsetzung",
                    "startjahr": row["auswahljahr"],
                    "programm": row["programm"]
                    + (f" (Förderung {row['foerderung_eur']} €)" if row.get("foerderung_eur") else ""),
                    "quelle": row.get("quelle", ""),
                },
            )
        )
    return rows
