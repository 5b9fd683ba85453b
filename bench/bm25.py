"""The keyword baseline of the matching benchmark: plain Okapi BM25 over the published projects.

Deliberately plain, so that it stands for "a keyword engine over the same projects": one field per
project (title, summary, problem and keywords joined), words lower-cased and stemmed with the same
Snowball German stemmer the product uses, a list of German function words dropped, BM25 with
k1 = 1.2 and b = 0.75 and the usual smoothed idf, log(1 + (N − df + 0.5) / (df + 0.5)). No
synonyms, no compounds split, no typo tolerance, no territory, no Handlungsfeld.
"""

import math
import re
from collections import Counter

K1 = 1.2
B = 0.75
_WORD = re.compile(r"\w+", re.UNICODE)

# German function words (articles, pronouns, prepositions, conjunctions, auxiliaries): a standard
# stop list, nothing of the domain.
STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei
    bin bis bist da damit dann das dass dem den denn der des dich die dies diese diesem diesen dieser dieses dir
    doch dort du durch ein eine einem einen einer eines er es etwas euch euer für gegen gibt gibts hab habe haben
    hat hatte hier ich ihm ihn ihnen ihr im in ins ist jede jedem jeden jeder jedes jetzt kann kein keine keinem
    keinen keiner man manche mehr mich mir mit muss müssen nach nicht nichts noch nun nur ob oder ohne sehr sein
    seine sich sie sind so soll sollen sondern statt über um und uns unser unsere unter viel vom von vor was weil
    welche wenn wer werden wie wieder will wir wird wo wollen zu zum zur zwischen
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def tokens(text: str, stem) -> list[str]:
    return [stem(word) for word in (w.lower() for w in _WORD.findall(text or "")) if word not in STOPWORDS]


class BM25:
    """An in-memory index of (id, text) documents."""

    def __init__(self, documents, stem):
        self.stem = stem
        self.ids = []
        self.lengths = []
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for position, (identifier, text) in enumerate(documents):
            counts = Counter(tokens(text, stem))
            self.ids.append(identifier)
            self.lengths.append(sum(counts.values()))
            for term, frequency in counts.items():
                self.postings.setdefault(term, []).append((position, frequency))
        self.average_length = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0

    def idf(self, term: str) -> float:
        total, frequency = len(self.ids), len(self.postings.get(term, ()))
        return math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))

    def search(self, query: str, limit: int = 10) -> list:
        scores: dict[int, float] = {}
        for term in set(tokens(query, self.stem)):
            idf = self.idf(term)
            for position, frequency in self.postings.get(term, ()):
                norm = K1 * (1 - B + B * self.lengths[position] / self.average_length)
                scores[position] = scores.get(position, 0.0) + idf * frequency * (K1 + 1) / (frequency + norm)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self.ids[item[0]]))
        return [self.ids[position] for position, _score in ranked[:limit]]
