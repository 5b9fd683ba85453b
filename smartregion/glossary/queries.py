"""Reads of the glossary, and linking its terms in a text."""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from smartregion.core.freshness import Kept

from .models import Term


def filtered(text: str = "", terms=None):
    """Terms (of `terms`, else all) whose German or English name or an alias contains `text`."""
    terms = Term.objects.all() if terms is None else terms
    if text:
        terms = terms.filter(Q(term_de__icontains=text) | Q(term_en__icontains=text) | Q(aliases__icontains=text))
    return terms


@dataclass
class _Linker:
    pattern: re.Pattern | None
    url_of: dict  # lower-cased spelling → definition URL


def _build_linker() -> _Linker:
    """One regular expression of all spellings, longest first."""
    url_of = {}
    for term in Term.objects.all():
        for spelling in term.spellings:
            url_of.setdefault(spelling.lower(), term.get_absolute_url())
    spellings = sorted(url_of, key=len, reverse=True)
    pattern = (
        re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in spellings) + r")(?!\w)", re.IGNORECASE)
        if spellings
        else None
    )
    return _Linker(pattern, url_of)


# Held per process, rebuilt after any change to a term (core.freshness). The URLs depend on the language.
_linker = Kept("glossary-linker", _build_linker, depends_on=(Term,), cache=None, in_process=True, warm=True)


def link_terms(text: str, linked: set[str] | None = None) -> SafeString:
    """The text, escaped, with the first mention of each glossary term linked to its definition.

    `linked` carries the definitions already linked across several pieces of one document (a
    Markdown guide is linked piece by piece, outside its own links and headings).
    """
    linker = _linker.get()
    if not text or linker.pattern is None:
        return escape(text or "")
    linked = set() if linked is None else linked
    parts, last = [], 0
    for match in linker.pattern.finditer(text):
        url = linker.url_of[match.group(1).lower()]
        if url in linked:
            continue
        linked.add(url)
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<a class="kern-link glossary-link" href="{escape(url)}">{escape(match.group(1))}</a>')
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
