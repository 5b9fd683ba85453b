"""The Werkzeugkasten as open data: guides and recommendations as CSV (German Excel) and JSON."""

from smartregion.core.downloads import csv_table


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
    """The records as one CSV table; lists become `a|b|c`."""
    header = list(records[0]) if records else []
    return csv_table(
        header, (["|".join(map(str, v)) if isinstance(v, list) else v for v in r.values()] for r in records)
    )
