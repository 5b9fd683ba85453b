"""Nachnutzung (re-use) lineage: which project re-uses which, and which texts are still the original's.

A project re-uses at most one other (`Project.adopted_from`): a copy made with "Nachnutzen", or an existing
project its editors link to the one it re-uses. The relation never forms a cycle: a project cannot re-use
itself or a project that (directly or further down) re-uses it.

The texts that tell a project's story — title, summary, problem, solution — are written in the original
town's voice ("Die Stadt baut …"). A re-using project must say them in its own words before it is published:
`unrewritten` names the ones that are still an original's, compared word for word (case, spacing and
punctuation do not count as rewriting) with the text copied when the project was made and with the text
of the project it re-uses now.
"""

import hashlib
import re

from .models import Project

# The texts a re-user must write themselves (their order is the order the messages name them in).
REWRITE_FIELDS = ("title", "summary", "problem", "solution")

_WORD = re.compile(r"\w+")


def fingerprint(text: str | None) -> str:
    """The text's words, case-folded, hashed: the same fingerprint for the same words however spaced or
    punctuated; empty for a text without words."""
    words = _WORD.findall((text or "").casefold())
    if not words:
        return ""
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def copied_fingerprints(source: Project) -> dict[str, str]:
    """What a copy keeps of its original's texts (`Project.copied_texts`): field → fingerprint."""
    return {name: value for name in REWRITE_FIELDS if (value := fingerprint(getattr(source, name)))}


def original_fingerprints(project: Project, source: Project | None = None) -> set[str]:
    """Fingerprints of every original text the project must not publish: those copied when it was made and
    those of the project it re-uses now (`source`, if the caller has it; else read, one query)."""
    found = set((project.copied_texts or {}).values())
    if project.adopted_from_id:
        if source is None or source.pk != project.adopted_from_id:
            texts = Project._base_manager.filter(pk=project.adopted_from_id).values(*REWRITE_FIELDS).first() or {}
        else:
            texts = {name: getattr(source, name) for name in REWRITE_FIELDS}
        found |= {value for text in texts.values() if (value := fingerprint(text))}
    return found


def unrewritten(project: Project, values: dict | None = None, *, source: Project | None = None) -> list[str]:
    """The fields of REWRITE_FIELDS whose text (the project's, or `values` about to be saved) is still an
    original's text. Empty texts are never flagged: a re-user may leave problem and solution out."""
    if not project.copied_texts and not project.adopted_from_id:
        return []
    originals = original_fingerprints(project, source)
    if not originals:
        return []
    texts = {name: getattr(project, name) for name in REWRITE_FIELDS} | dict(values or {})
    return [name for name in REWRITE_FIELDS if (value := fingerprint(texts.get(name))) and value in originals]


def field_labels(names) -> list[str]:
    return [str(Project._meta.get_field(name).verbose_name) for name in names]


def descendant_ids(project: Project) -> set[int]:
    """Every project that re-uses `project`, directly or through others (deleted ones too: they may come
    back). One query per generation."""
    found: set[int] = set()
    frontier = {project.pk}
    while frontier:
        children = set(
            Project._base_manager.filter(adopted_from_id__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        children -= found | {project.pk}
        found |= children
        frontier = children
    return found
