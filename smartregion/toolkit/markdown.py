"""Markdown of guides, rendered harmless.

Two independent layers: markdown-it (CommonMark + tables) with raw HTML switched off, so `<script>`,
`<iframe>` and event-handler attributes written into the text come out as visible text, and links with
`javascript:`, `vbscript:` or `data:` addresses are not made; then nh3 (ammonia) keeps only an
allow-list of tags, attributes and URL schemes in the produced HTML. Images may only come from this
site (a guide's own image attachments): external images would leak readers' addresses and are blocked
by the Content-Security-Policy anyway. Headings start at level 2 (the page has the title as h1).
Glossary terms are linked at their first mention outside links and headings.
"""

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from smartregion.glossary.queries import link_terms

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "s", "del", "code", "pre",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "a", "img",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title", "class"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.add_render_rule("text", _render_text)
    return parser


def _render_text(self, tokens, idx, options, env):
    token = tokens[idx]
    if token.meta.get("glossary"):
        return link_terms(token.content, linked=env.setdefault("linked", set()))
    return escape(token.content)


def _mark_linkable(tokens) -> None:
    """Shift headings one level down; flag text outside links and headings for glossary linking."""
    in_heading = False
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
            in_heading = token.type == "heading_open"
        if token.type != "inline" or in_heading:
            continue
        link_depth = 0
        for child in token.children or []:
            if child.type == "link_open":
                link_depth += 1
            elif child.type == "link_close":
                link_depth -= 1
            elif child.type == "text" and link_depth == 0:
                child.meta["glossary"] = True


def _attribute_filter(tag: str, attribute: str, value: str):
    if tag == "img" and attribute == "src" and not value.startswith("/"):
        return None  # only images of this site
    if tag == "a" and attribute == "class":
        return "kern-link glossary-link" if "glossary-link" in value.split() else None
    return value


_PARSER = _parser()


def render(text: str) -> SafeString:
    tokens = _PARSER.parse(text or "")
    _mark_linkable(tokens)
    html = _PARSER.renderer.render(tokens, _PARSER.options, {})
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_attribute_filter,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 with the allow-list above
