"""The domain vocabulary of the matching engine: a versioned file of word groups (ADR 0020).

`data/vokabular-v1.json` holds groups of
- `terms`: names of one thing that projects use interchangeably (synonyms, spellings, compounds:
  "Coworking", "Co-Working", "Dorf-Büro", "Coworking-Space");
- `related`: words and phrases with which people describe the need that the thing answers
  ("Pendler", "Homeoffice", "auf dem Land arbeiten"): a query holding one of them also looks for
  the group's terms, with a lower weight;
- `domain`: the Handlungsfeld the group belongs to (one of taxonomy's keys, or none), from which
  the engine infers Handlungsfelder from a text.

General domain vocabulary of municipal digitalisation, not answers to particular queries; a change
is a new version of the file (and `make bench-matching` before and after).
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from smartregion.projects.match_index import stems

FILE = Path(__file__).resolve().parent / "data" / "vokabular-v1.json"


@dataclass(frozen=True)
class Group:
    key: str
    domain: str
    labels: tuple  # per term, as written (for explanations)
    terms: tuple  # per term: a tuple of index terms (one for a word, several for a phrase)
    related: tuple  # per related phrase: a frozenset of index terms that must all occur


@dataclass(frozen=True)
class Vocabulary:
    version: int
    groups: tuple
    by_term: dict  # single index term → groups holding it as a term
    phrases: tuple  # (group, tuple of index terms) of the multi-word terms


def term_of(label: str) -> tuple:
    """Index terms of a vocabulary term: a hyphenated or single word is one term (the index keeps
    hyphenated words joined as well), a phrase is the sequence of its words' terms."""
    words = label.split()
    if len(words) == 1:
        joined = stems(label.replace("-", ""))
        return tuple(joined[:1])
    return tuple(term for word in words for term in stems(word.replace("-", ""))[:1])


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = json.loads(FILE.read_text(encoding="utf-8"))
    groups = []
    by_term: dict = {}
    phrases = []
    for entry in data["groups"]:
        named = {}  # index terms → the first label that gives them (Dorfbüro and Dorf-Büro are one term)
        for label in entry["terms"]:
            named.setdefault(term_of(label), label)
        named.pop((), None)
        terms = tuple(named)
        related = tuple(dict.fromkeys(frozenset(stems(phrase.replace("-", ""))) for phrase in entry.get("related", ())))
        group = Group(
            key=entry["key"],
            domain=entry.get("domain") or "",
            labels=tuple(named.values()),
            terms=terms,
            related=tuple(phrase for phrase in related if phrase),
        )
        groups.append(group)
        for term in terms:
            if len(term) == 1:
                by_term.setdefault(term[0], []).append(group)
            else:
                phrases.append((group, term))
    return Vocabulary(
        version=data["version"],
        groups=tuple(groups),
        by_term={term: tuple(found) for term, found in by_term.items()},
        phrases=tuple(phrases),
    )
