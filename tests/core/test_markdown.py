"""core.markdown: the one sanitised Markdown rendering (guides in the toolkit, minutes of network events)."""

import pytest

from smartregion.core.markdown import render
from tests.toolkit.test_markdown import ALLOWED, PAYLOADS, elements


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_rendered_harmless_without_a_text_renderer(payload):
    html = str(render(f"Text davor\n\n{payload}\n\nText danach", heading_offset=2))
    for tag, attrs in elements(html):
        assert tag in ALLOWED | {"h4"}, tag
        assert not any(name.startswith("on") or name == "style" for name in attrs), attrs
        for name in ("href", "src"):
            url = (attrs.get(name) or "").strip().lower()
            assert not url.startswith(("javascript:", "vbscript:", "data:")), url
    assert "Text davor" in html and "Text danach" in html


def test_headings_move_down_by_the_offset_and_plain_text_is_escaped():
    html = str(render("# Ergebnis\n\n## Punkt 1\n\n**wichtig** & <b>nicht fett</b>", heading_offset=2))
    assert "<h3>Ergebnis</h3>" in html and "<h4>Punkt 1</h4>" in html
    assert "<strong>wichtig</strong> &amp; &lt;b&gt;nicht fett&lt;/b&gt;" in html


def test_a_text_renderer_sees_only_text_outside_links_and_headings_and_cannot_smuggle_markup():
    seen = []

    def renderer(text, env):
        seen.append(text)
        return f'<a class="glossary-link evil" href="/glossar/x/" onclick="alert(1)">{text}</a><script>x</script>'

    html = str(render("# Titel\n\nText [Link](https://example.org)", text_renderer=renderer))
    assert seen == ["Text "]
    assert '<a class="kern-link glossary-link" href="/glossar/x/" rel="noopener noreferrer">Text </a>' in html
    assert "<script>" not in html and "onclick" not in html and "evil" not in html
