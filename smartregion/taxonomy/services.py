import json
from pathlib import Path

from django.db import transaction

from .models import Domain, Keyword, TaxonomyVersion
from .normalize import normalize_keyword

DATA_DIRECTORY = Path(__file__).resolve().parent / "data"
DOMAIN_FIELDS = [
    "position",
    "label_de",
    "label_en",
    "description_de",
    "description_en",
    "bitkom_areas",
    "u4ssc_dimensions",
    "is_active",
]


@transaction.atomic
def load_taxonomy(path: Path | None = None) -> tuple[int, int]:
    """Load (or update) the Handlungsfelder from the versioned reference file; idempotent.

    Keys never change meaning: an existing key is updated in its labels and crosswalk only.
    Returns (created, updated).
    """
    path = path or max(DATA_DIRECTORY.glob("handlungsfelder-v*.json"))
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    version, _ = TaxonomyVersion.objects.update_or_create(
        version=data["version"], defaults={"title": data["title"], "note": data.get("note", "")}
    )
    created = updated = 0
    for position, entry in enumerate(data["domains"], start=1):
        values = {
            "position": position,
            "label_de": entry["label_de"],
            "label_en": entry["label_en"],
            "description_de": entry.get("description_de", ""),
            "description_en": entry.get("description_en", ""),
            "bitkom_areas": entry.get("bitkom", []),
            "u4ssc_dimensions": entry.get("u4ssc", []),
            "is_active": True,
        }
        domain = Domain.objects.filter(key=entry["key"]).first()
        if domain is None:
            Domain.objects.create(key=entry["key"], introduced_in=version, **values)
            created += 1
        elif any(getattr(domain, name) != values[name] for name in DOMAIN_FIELDS):
            for name, value in values.items():
                setattr(domain, name, value)
            domain.save()
            updated += 1
    return created, updated


def keywords_for(labels) -> list[Keyword]:
    """Existing or new keywords for the given labels, one per normal form, in the given order."""
    result: dict[str, Keyword] = {}
    for label in labels:
        label = label.strip()
        normalized = normalize_keyword(label)
        if not normalized or normalized in result:
            continue
        keyword, _ = Keyword.objects.get_or_create(normalized=normalized, defaults={"label": label[:80]})
        result[normalized] = keyword
    return list(result.values())
