"""WCAG 2.1 1.4.10 (Reflow): on a 320-pixel screen a wide table scrolls in its own box (`.table-scroll`, see
static/css/app.css) instead of widening the page, so the rest of the page never needs sideways scrolling."""

import re
from pathlib import Path

import smartregion

PACKAGE = Path(smartregion.__file__).parent
TABLE = re.compile(r"<table\b")
WRAPPED = re.compile(r'<div class="table-scroll"[^>]*>\s*(?:\{%[^%]*%\}\s*)*$')
PRINTED = {"pdf", "mail", "email"}  # documents and mails have no screen to reflow on


def _page_templates():
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        if PRINTED.isdisjoint(path.parts):
            yield path


def _unwrapped(text: str) -> list[int]:
    """Line numbers of the tables in `text` not opened right after a .table-scroll box."""
    return [
        text.count("\n", 0, match.start()) + 1
        for match in TABLE.finditer(text)
        if not WRAPPED.search(text[max(0, match.start() - 300) : match.start()])
    ]


def test_every_table_of_a_page_scrolls_in_its_own_box():
    unwrapped = {
        str(path.relative_to(PACKAGE)): lines for path in _page_templates() if (lines := _unwrapped(path.read_text()))
    }
    assert unwrapped == {}


def test_the_check_finds_a_table_outside_a_box():
    assert _unwrapped('<p>x</p>\n<table class="kern-table"></table>') == [2]
    assert _unwrapped('<div class="table-scroll">\n  <table class="kern-table"></table></div>') == []
