"""Markdown written by people (guides, minutes), rendered harmless.

Two independent layers: markdown-it (CommonMark + tables) with raw HTML switched off, so `<script>`,
`<iframe>` and event-handler attributes written into the text come out as visible text, and links with
`javascript:`, `vbscript:` or `data:` addresses are not made; then nh3 (ammonia) keeps only an
allow-list of tags, attributes and URL schemes in the produced HTML. Images may only come from this
site: external images would leak readers' addresses and are blocked by the Content-Security-Policy anyway.

Headings are shifted down by `heading_offset` levels to fit under the page's own headings (a guide's `#`
becomes h2 under the page's h1; minutes under an h2 "Protokoll" shift by two). A higher app may render the
plain text outside links and headings itself (`text_renderer`, e.g. the toolkit links glossary terms there);
whatever it returns goes through the same allow-list.
"""

from collections.abc import Callable

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "s", "del", "code", "pre",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "a", "img",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title", "class"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_CLASSES = {"glossary-link"}  # the only classes a text renderer may give its links (kern-link added)

TextRenderer = Callable[[str, dict], str]


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.add_render_rule("text", _render_text)
    return parser


def _render_text(self, tokens, idx, options, env):
    token = tokens[idx]
    renderer = env.get("text_renderer")
    if renderer is not None and token.meta.get("plain"):
        return renderer(token.content, env)
    return escape(token.content)


def _prepare(tokens, heading_offset: int) -> None:
    """Shift headings down; flag text outside links and headings as plain text for the text renderer."""
    in_heading = False
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + heading_offset, 6)}"
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
                child.meta["plain"] = True


def _attribute_filter(tag: str, attribute: str, value: str):
    if tag == "img" and attribute == "src" and not value.startswith("/"):
        return None  # only images of this site
    if tag == "a" and attribute == "class":
        kept = [name for name in value.split() if name in LINK_CLASSES]
        return " ".join(["kern-link", *kept]) if kept else None
    return value


_PARSER = _parser()


def render(text: str, *, heading_offset: int = 1, text_renderer: TextRenderer | None = None) -> SafeString:
    """`text` as sanitised HTML. `heading_offset`: how many levels headings move down (at least h2 results)."""
    tokens = _PARSER.parse(text or "")
    _prepare(tokens, max(heading_offset, 1))
    html = _PARSER.renderer.render(tokens, _PARSER.options, {"text_renderer": text_renderer})
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_attribute_filter,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 with the allow-list above
