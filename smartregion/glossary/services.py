import json
from pathlib import Path

from django.db import transaction

from smartregion.core.concurrency import save_revision

from .models import Term

DATA_FILE = Path(__file__).resolve().parent / "data" / "glossar-v1.json"
EDITABLE_FIELDS = ["term_de", "term_en", "definition_de", "definition_en", "aliases", "source_url"]


@transaction.atomic
def load_glossary(path: Path = DATA_FILE) -> int:
    """Create the shipped terms that do not exist yet (by slug); coordinators' edits are never overwritten."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))["terms"]
    existing = set(Term.all_objects.values_list("slug", flat=True))
    created = 0
    for entry in entries:
        if entry["slug"] in existing:
            continue
        Term.objects.create(**{name: entry.get(name, "") for name in ["slug", *EDITABLE_FIELDS]})
        created += 1
    return created


@transaction.atomic
def create_term(*, by, **fields) -> Term:
    term = Term(**fields)
    term._history_user = by
    term.save()
    return term


@transaction.atomic
def update_term(term: Term, *, expected_revision: int, by, **fields) -> Term:
    for name, value in fields.items():
        setattr(term, name, value)
    term._history_user = by
    save_revision(term, expected_revision=expected_revision, fields=list(fields))
    return term
