"""What a query's text asks for, in index terms: concepts with their alternatives (ADR 0020).

A concept is a word as typed (or a phrase of the vocabulary); its alternatives are the ways a
project may say the same: the word itself, its compound parts, other terms of its vocabulary group,
longer terms holding it as a part, known terms spelled alike when the word itself is unknown (a
typo). Related words and phrases of the vocabulary ("Pendler") add a concept of their group's terms.
Words naming the asking territory are left out: they say where, not what.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from smartregion.core.text import stem_word
from smartregion.projects import match_index

from . import weights as w
from .vocabulary import vocabulary

_TOKEN = re.compile(r"\w+(?:-\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Alternative:
    terms: tuple  # index terms, all of which must occur
    weight: float
    kind: str  # word, parts, synonym, related, part_of, typo
    label: str  # how the explanation names it


@dataclass
class Concept:
    label: str
    importance: float
    alternatives: list = field(default_factory=list)
    groups: list = field(default_factory=list)

    def add(self, alternative: Alternative) -> None:
        for index, present in enumerate(self.alternatives):
            if present.terms == alternative.terms:
                if alternative.weight > present.weight:
                    self.alternatives[index] = alternative
                return
        self.alternatives.append(alternative)

    @property
    def terms(self) -> set:
        return {term for alternative in self.alternatives for term in alternative.terms}


@dataclass
class Understanding:
    concepts: list
    documents: dict  # document frequency per index term, and the sentinels of match_index
    domains: dict  # Handlungsfeld key → weight of the vocabulary's evidence

    @property
    def empty(self) -> bool:
        return not self.concepts

    @cached_property
    def terms(self) -> frozenset:
        return frozenset(term for concept in self.concepts for term in concept.terms)


def _place_terms(territory) -> set:
    if territory is None:
        return set()
    names = f"{territory.short_name} {territory.name.split(',')[0]}"
    return {stem_word(word.lower()) for word in re.findall(r"\w+", names) if len(word) > 2}


def _words(text: str, place: set) -> list[tuple[str, str, tuple]]:
    """(as typed, main index term, parts of a hyphenated word) per distinct word of the text."""
    found = {}
    for token in _TOKEN.findall(text or ""):
        parts = [part for part in token.lower().split("-") if part]
        kept = [p for p in parts if p not in match_index.STOPWORDS and not p.isdigit() and len(p) > 1]
        if not kept:
            continue
        main = stem_word("".join(kept))
        if main in place or main in found:
            continue
        found[main] = (token, main, tuple(stem_word(part) for part in kept) if len(kept) > 1 else ())
    return list(found.values())


def _splits(term: str) -> list[tuple[str, str]]:
    """Ways to read a long term as two known-looking parts (left may carry a linking s)."""
    pairs = []
    for index in range(4, len(term) - 3):
        left, right = term[:index], term[index:]
        pairs.append((left, right))
        if left.endswith("s") and len(left) > 4:
            pairs.append((left[:-1], right))
    return pairs


@dataclass
class _Draft:
    """A text's understanding before the index is asked: its words, concepts and the terms in play."""

    words: list
    concepts: dict
    domains: dict
    terms: set  # every term in play, and the pieces a compound may split into
    singles: list  # the words' main terms


def understand(text: str, territory=None) -> Understanding:
    return understand_many([(text, territory)])[0]


def understand_many(texts) -> list[Understanding]:
    """The understanding of each (text, asking territory), with the index asked once for all of them (a network's
    needs are understood together): document frequencies of every term in play, longer terms holding each word,
    and known terms spelled alike."""
    drafts = [_draft(text, territory) for text, territory in texts]
    terms = set().union(*(draft.terms for draft in drafts))
    singles = sorted({main for draft in drafts for main in draft.singles})
    found = {"documents": {}, "parts": {}}
    for index in range(0, max(len(singles), 1), LOOKUP_WORDS):
        part = match_index.lookup(terms if index == 0 else (), singles[index : index + LOOKUP_WORDS],
                                  parts=w.PROJECT_PARTS_PER_WORD)  # fmt: skip
        found["documents"].update(part["documents"])
        found["parts"].update(part["parts"])
    unknown = sorted({main for main in singles if found["documents"].get(main, 0) == 0})
    alike = {}
    for index in range(0, len(unknown), LOOKUP_WORDS):
        alike.update(match_index.similar(unknown[index : index + LOOKUP_WORDS]))
    return [_finish(draft, found, alike) for draft in drafts]


LOOKUP_WORDS = 150  # words per round trip to the index (one UNION ALL branch each)


def _draft(text: str, territory) -> _Draft:
    vocab = vocabulary()
    place = _place_terms(territory)
    words = _words(text, place)
    concepts: dict[str, Concept] = {}
    for typed, main, parts in words:
        concept = concepts[main] = Concept(label=typed, importance=w.PROJECT_WORD)
        concept.add(Alternative((main,), w.PROJECT_WORD, "word", typed))
        if parts:
            concept.add(Alternative(parts, w.PROJECT_WORD_PARTS, "parts", typed))
    sequence = [main for _typed, main, _parts in words]
    present = set(sequence) | {part for _typed, _main, parts in words for part in parts}
    domains: dict[str, float] = {}

    def add_group(concept: Concept, group, weight: float, kind: str) -> None:
        concept.groups.append(group)
        if group.domain:
            domains[group.domain] = domains.get(group.domain, 0.0) + weight
        for label, terms in zip(group.labels, group.terms, strict=False):
            concept.add(Alternative(terms, weight, kind, label))

    for main, concept in list(concepts.items()):
        for group in vocab.by_term.get(main, ()):
            add_group(concept, group, w.PROJECT_SYNONYM, "synonym")
    for group, terms in vocab.phrases:
        if any(tuple(sequence[i : i + len(terms)]) == terms for i in range(len(sequence))):
            concept = concepts.setdefault(" ".join(terms), Concept(label=" ".join(terms), importance=w.PROJECT_WORD))
            add_group(concept, group, w.PROJECT_SYNONYM, "synonym")
    reached = {group.key for concept in concepts.values() for group in concept.groups}
    for group in vocab.groups:
        if group.key in reached or not any(phrase <= present for phrase in group.related):
            continue
        concept = concepts.setdefault(
            f"~{group.key}", Concept(label=group.labels[0], importance=w.PROJECT_RELATED_IMPORTANCE)
        )
        add_group(concept, group, w.PROJECT_RELATED, "related")
    singles = [main for _typed, main, _parts in words]
    pieces = {piece for main in singles if len(main) >= 8 for pair in _splits(main) for piece in pair}
    pieces |= {stem_word(left) for main in singles if len(main) >= 8 for left, _right in _splits(main)}
    terms = {term for concept in concepts.values() for term in concept.terms} | pieces
    return _Draft(words, concepts, domains, terms, singles)


def _finish(draft: _Draft, found: dict, alike: dict) -> Understanding:
    """The draft with what the index knows: its own terms' frequencies (as one lookup of its own would give them),
    compound splits, longer terms holding a word, typos."""
    keys = (
        draft.terms
        | set(draft.singles)
        | {match_index.DOCUMENTS}
        | {match_index.LENGTH + name for name in match_index.FIELDS}
    )
    documents = {key: found["documents"].get(key, 0) for key in keys}
    concepts = draft.concepts
    for typed, main, parts in draft.words:
        concept = concepts[main]
        if not parts and len(main) >= 8:
            split = _best_split(main, documents)
            if split:
                concept.add(Alternative(split, w.PROJECT_WORD_PARTS, "parts", typed))
        own = documents.get(main, 0)
        for term, count in found["parts"].get(main, ()):
            # A compound is narrower than its part: a longer term found in more projects than the
            # word itself is another word (Land → Landkreis), and a left-over of fewer than four
            # letters is a prefix, not a part (arbeiten → erarbeiten).
            if (own and count > own) or len(term) - len(main) < 4:
                continue
            documents[term] = count
            concept.add(Alternative((term,), w.PROJECT_PART_OF, "part_of", typed))
        for term, count in alike.get(main, ())[:2]:
            similarity = match_index.trigram_similarity(main, term)
            if similarity >= w.PROJECT_TYPO_MIN_SIMILARITY:
                documents[term] = count
                concept.add(Alternative((term,), w.PROJECT_TYPO * similarity, "typo", typed))
    return Understanding(concepts=list(concepts.values()), documents=documents, domains=draft.domains)


def _best_split(term: str, documents: dict):
    """The two known parts of a compound, the most balanced reading first. The left part counts
    as known as written or stemmed; a right part of four letters only after a left part known as
    written (Parkplatz|such, not Wass|ruhr from Wasseruhr)."""
    best = None
    for left, right in _splits(term):
        if documents.get(right, 0) == 0:
            continue
        for candidate, exact in ((left, True), (stem_word(left), False)):
            if documents.get(candidate, 0) > 0 and (exact or len(right) >= 5):
                balance = min(len(candidate), len(right))
                if best is None or balance > best[0]:
                    best = (balance, (candidate, right))
    return best[1] if best else None
