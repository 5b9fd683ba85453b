"""German words for search and matching: words of a text, Snowball German stems, stop words.

Used by the project search (projects.fulltext), the matching and the reports; kept here, below every
domain app, so that reading a word does not pull an app onto the projects app (ADR 0024).
"""

import re
import threading
from functools import lru_cache

import snowballstemmer

# A Snowball stemmer keeps its state on the instance while it works: one per thread (threaded
# workers stem in parallel; a shared instance raised IndexError under load).
_local = threading.local()
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """Snowball German is pure Python (≈0.15 ms a word); the vocabulary repeats, so cache it."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("german")
    return stemmer.stemWord(word)


def stem_text(text: str) -> str:
    return " ".join(stem_word(word.lower()) for word in _WORD.findall(text or ""))


STOPWORDS = frozenset(
    {
        "der",
        "die",
        "das",
        "und",
        "oder",
        "für",
        "fuer",
        "mit",
        "von",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "zum",
        "zur",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "als",
        "wie",
        "auch",
        "nicht",
        "sich",
        "ist",
        "sind",
        "wird",
        "werden",
        "durch",
        "über",
        "ueber",
        "nach",
        "vor",
        "bis",
        "per",
        "pro",
        "digital",
        "digitale",
        "digitaler",
    }
)


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def stem_terms(terms) -> list[str]:
    return [stem_word(term.lower()) for term in terms]


def significant_terms(text: str, limit: int = 12) -> list[str]:
    words = [word.lower() for word in _WORD.findall(text or "")]
    terms = [word for word in words if len(word) > 3 and word not in STOPWORDS and not word.isdigit()]
    return list(dict.fromkeys(terms))[:limit]
