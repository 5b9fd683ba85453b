"""Guides are Markdown rendered harmless: real XSS payloads come out as text or are dropped."""

from html.parser import HTMLParser

import pytest

from smartregion.toolkit.markdown import render

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<a href="javascript:alert(1)">klick</a>',
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](  javascript:alert(1))",
    "[klick](vbscript:msgbox(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![bild](javascript:alert(1))",
    '![bild](https://tracker.example/pixel.png "x" onerror=alert(1))',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '[a](https://ok.example "title" onclick=alert(1))',
    "<details open ontoggle=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "[x](&#106;avascript:alert(1))",
]


class _Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML (text stays text)."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


ALLOWED = {"p", "a", "img", "h2", "h3", "ul", "ol", "li", "strong", "em", "code", "pre", "table", "thead", "tbody",
           "tr", "th", "td", "blockquote", "br", "hr"}  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_rendered_harmless(db, payload):
    html = str(render(f"Text davor\n\n{payload}\n\nText danach"))
    for tag, attrs in elements(html):
        assert tag in ALLOWED, tag
        assert not any(name.startswith("on") or name == "style" for name in attrs), attrs
        for name in ("href", "src"):
            url = (attrs.get(name) or "").strip().lower()
            assert not url.startswith(("javascript:", "vbscript:", "data:")), url
        if tag == "img":
            assert attrs["src"].startswith("/"), attrs  # only images of this site
    assert "Text davor" in html and "Text danach" in html


def test_markdown_features_survive(db):
    html = str(
        render(
            "# Titel\n\n## Abschnitt\n\n- eins\n- zwei\n\n1. erstens\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n"
            "[Seite](https://example.org) ![Bild](/werkzeugkasten/dateien/1/bild.png) ![fremd](https://cdn.example/x.png)"
        )
    )
    assert "<h2>Titel</h2>" in html and "<h3>Abschnitt</h3>" in html  # the page's h1 is the guide's title
    assert "<li>eins</li>" in html and "<ol>" in html and "<table>" in html and "<td>2</td>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">Seite</a>' in html
    assert 'src="/werkzeugkasten/dateien/1/bild.png"' in html
    assert "cdn.example" not in html  # only images of this site


def test_glossary_terms_link_once_outside_links_and_headings(toolkit):
    html = str(render("## LoRaWAN\n\nEin LoRaWAN-Netz. Noch ein LoRaWAN. [LoRaWAN bei uns](https://example.org)"))
    assert html.count('href="/glossar/lorawan/"') == 1
    assert "<h3>LoRaWAN</h3>" in html  # not linked in the heading
    assert 'class="kern-link glossary-link"' in html
