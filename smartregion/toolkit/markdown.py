"""Markdown of guides, rendered harmless, with glossary terms linked.

The rendering and its allow-list are `core.markdown` (shared with the network's minutes); a guide's headings
start at level 2 (the page has the title as h1), and glossary terms are linked at their first mention outside
links and headings.
"""

from django.utils.safestring import SafeString

from smartregion.core import markdown
from smartregion.glossary.queries import link_terms


def _link_glossary_terms(text: str, env: dict) -> str:
    return link_terms(text, linked=env.setdefault("linked", set()))


def render(text: str) -> SafeString:
    return markdown.render(text, heading_offset=1, text_renderer=_link_glossary_terms)
