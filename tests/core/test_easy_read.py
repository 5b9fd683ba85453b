"""Leichte Sprache and Deutsche Gebärdensprache (BITV 2.0 § 4): linked from every page's header."""

import pytest
from django.urls import reverse

from smartregion.core.views import EASY_READ_PAGES


@pytest.mark.parametrize("url_name", ["home", "projects:catalog", "funding:list", "actors:directory"])
def test_every_page_links_easy_read_and_sign_language_in_its_header(client, db, url_name):
    text = client.get(reverse(url_name)).content.decode()
    header = text[text.index("<header") : text.index("</header>")]
    assert reverse("core:easy_read") in header and reverse("core:sign_language") in header


def test_the_easy_read_pages_link_each_other_and_use_short_sentences(client, db):
    start = client.get(reverse("core:easy_read")).content.decode()
    for slug in [slug for slug in EASY_READ_PAGES if slug]:
        url = reverse("core:easy_read_page", args=[slug])
        assert url in start
        page = client.get(url).content.decode()
        assert reverse("core:easy_read") in page
        body = page[page.index('<div class="easy-read">') : page.index("</nav>", page.index('<div class="easy-read">'))]
        for paragraph in body.split('<p class="kern-body">')[1:]:
            sentence = paragraph.split("</p>")[0]
            assert len(sentence.split()) <= 22, sentence  # Leichte Sprache: one short statement per sentence
    assert client.get(reverse("core:easy_read_page", args=["gibt-es-nicht"])).status_code == 404


def test_english_visitors_get_the_easy_read_pages_in_english(client, db):
    text = client.get("/en/leichte-sprache/plattform/").content.decode()
    assert "The Smart Region Hub is a website." in text


def test_the_sign_language_video_is_played_from_this_host_or_linked(client, db, settings):
    assert "noch kein Video" in client.get(reverse("core:sign_language")).content.decode()
    settings.SIGN_LANGUAGE_VIDEO_URL = "/media/dgs/hub.mp4"
    assert (
        '<video class="sign-language-video" src="/media/dgs/hub.mp4"'
        in client.get(reverse("core:sign_language")).content.decode()
    )
    settings.SIGN_LANGUAGE_VIDEO_URL = "https://video.example.org/dgs"
    text = client.get(reverse("core:sign_language")).content.decode()
    assert "<video" not in text and 'href="https://video.example.org/dgs"' in text


def test_the_easy_read_pages_lead_into_the_apps_that_provide_the_links(client, db):
    """accounts and projects add their links to core's easy-read pages (core.sections), not core itself."""

    def body(slug):
        page = client.get(reverse("core:easy_read_page", args=[slug])).content.decode()
        return page[page.index('<div class="easy-read">') : page.index("<nav", page.index('<div class="easy-read">'))]

    assert reverse("accounts:register") in body("mitmachen") and reverse("projects:catalog") not in body("mitmachen")
    assert reverse("projects:catalog") in body("projekte-finden")
    assert reverse("accounts:register") not in body("projekte-finden")
