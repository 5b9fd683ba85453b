"""Text relevance of candidate projects for an understood query: BM25F per concept (ADR 0020).

Per field f the term counts tf_f are weighted (PROJECT_FIELD_WEIGHTS) into one count tf; the
project's length is weighted the same way. A term scores idf · tf (k1 + 1) / (tf + k1 (1 − b + b ·
length / average length)), idf = ln(1 + (N − df + 0.5) / (df + 0.5)); an alternative of several
terms scores their mean if all occur; a concept scores its best alternative times that
alternative's weight; the text relevance is the sum over concepts times their importance.
"""

import math
from dataclasses import dataclass

from smartregion.projects.match_index import DOCUMENTS, FIELDS, LENGTH

from . import weights as w


@dataclass
class Hit:
    relevance: float
    matched: list  # (concept, alternative) of the concepts that matched, best first
    in_keywords: bool  # a matched term is one of the project's keywords


class Scorer:
    def __init__(self, documents: dict):
        self.total = max(1, documents.get(DOCUMENTS, 0))
        self.documents = documents
        self.average = (
            sum(w.PROJECT_FIELD_WEIGHTS[name] * documents.get(LENGTH + name, 0) / self.total for name in FIELDS) or 1.0
        )
        self._idf = {}

    def idf(self, term: str) -> float:
        if term not in self._idf:
            frequency = min(self.documents.get(term, 0), self.total)
            self._idf[term] = math.log(1 + (self.total - frequency + 0.5) / (frequency + 0.5))
        return self._idf[term]

    def score(self, understanding, fields: dict[str, list[str]]) -> Hit | None:
        wanted = understanding.terms
        weighted: dict[str, float] = {}
        length = 0.0
        for name in FIELDS:
            field_weight = w.PROJECT_FIELD_WEIGHTS[name]
            tokens = fields[name]
            length += field_weight * len(tokens)
            for term in tokens:
                if term in wanted:
                    weighted[term] = weighted.get(term, 0.0) + field_weight
        if not weighted:
            return None
        norm = w.PROJECT_BM25_K1 * (1 - w.PROJECT_BM25_B + w.PROJECT_BM25_B * length / self.average)

        def term_score(term: str) -> float:
            count = weighted.get(term)
            return self.idf(term) * count * (w.PROJECT_BM25_K1 + 1) / (count + norm) if count else 0.0

        relevance = 0.0
        matched = []
        for concept in understanding.concepts:
            best, chosen = 0.0, None
            for alternative in concept.alternatives:
                scores = [term_score(term) for term in alternative.terms]
                if not all(scores):
                    continue
                value = alternative.weight * sum(scores) / len(scores)
                if value > best:
                    best, chosen = value, alternative
            if chosen is not None:
                relevance += concept.importance * best
                matched.append((concept.importance * best, concept, chosen))
        if not matched:
            return None
        matched.sort(key=lambda entry: -entry[0])
        keywords = set(fields["keywords"])
        in_keywords = any(all(term in keywords for term in alternative.terms) for _v, _c, alternative in matched)
        return Hit(relevance, [(concept, alternative) for _v, concept, alternative in matched], in_keywords)
