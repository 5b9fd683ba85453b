"""The Werkzeugkasten as open data: guides and recommendations as CSV (German Excel) and JSON."""

import csv
import io
import json

from django.http import HttpResponse

from smartregion.core.downloads import neutralise


def guide_records(guides) -> list[dict]:
    return [
        {
            "slug": guide.slug,
            "titel": guide.title,
            "art": guide.kind,
            "kurzfassung": guide.summary,
            "text_markdown": guide.body,
            "handlungsfelder": [domain.key for domain in guide.domains.all()],
            "dimensionen": guide.dimension_keys,
            "phasen": guide.phases,
            "teile_konzept": guide.agenda_parts,
            "autoren": guide.authors,
            "stand": guide.as_of.isoformat(),
            "naechste_pruefung": guide.review_due.isoformat(),
            "version": guide.revision,
            "adresse": guide.get_absolute_url(),
        }
        for guide in guides
    ]


def recommendation_records(recommendations) -> list[dict]:
    return [
        {
            "slug": item.slug,
            "nummer": item.position,
            "titel": item.title,
            "warum": item.why,
            "wie": item.how,
            "stolpersteine": item.pitfalls,
            "phase": item.phase,
            "handlungsfelder": [domain.key for domain in item.domains.all()],
            "beispielprojekte": [project.get_absolute_url() for project in item.example_projects.all()],
            "adresse": item.get_absolute_url(),
        }
        for item in recommendations
    ]


def csv_text(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if records:
        writer.writerow(records[0].keys())
    for record in records:
        writer.writerow(
            [neutralise("|".join(map(str, value)) if isinstance(value, list) else value) for value in record.values()]
        )
    return buffer.getvalue()


def json_response(records: list[dict], file_name: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(records, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
