"""The glossary: shipped terms, curation with history and conflicts, terms linked in texts (escaped)."""

import pytest
from django.urls import reverse

from smartregion.core.concurrency import EditConflict
from smartregion.glossary import services
from smartregion.glossary.models import Term
from smartregion.glossary.queries import link_terms
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.projects import services as project_services
from smartregion.taxonomy.models import Domain

from ..factories import UserFactory


@pytest.fixture
def glossary(db):
    services.load_glossary()
    return Term.objects


def test_shipped_terms_load_once_and_edits_survive_a_reload(glossary):
    count = glossary.count()
    assert count >= 12 and glossary.filter(slug="lorawan").exists()
    term = glossary.get(slug="ozg")
    services.update_term(term, expected_revision=term.revision, by=None, definition_de="Eigene Fassung")
    assert services.load_glossary() == 0
    assert glossary.get(slug="ozg").definition_de == "Eigene Fassung" and glossary.count() == count


def test_terms_are_linked_once_case_insensitively_and_text_is_escaped(glossary):
    html = str(link_terms('Ein lorawan-Netz <script>alert("x")</script> und noch einmal LoRaWAN und die LoRa-WAN.'))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count('href="/glossar/lorawan/"') == 1  # first mention only
    assert ">lorawan</a>-Netz" in html  # the text keeps its spelling
    assert "href" not in str(link_terms("Open Datasets"))  # "Open Data" inside a longer word is no mention


def test_whole_words_only(glossary):
    assert "href" not in str(link_terms("Die Smart-Citys-Strategie"))  # no match inside another word
    assert 'href="/glossar/smart-city/"' in str(link_terms("Eine Smart City plant."))


def test_a_project_page_links_its_terms(client, glossary, jena):
    admin = UserFactory(is_superuser=True)
    project = project_services.create_project(
        by=admin,
        lead_territory=jena,
        title="Sensornetz",
        summary="Ein LoRaWAN-Netz für Open Data. <img src=x onerror=alert(1)>",
        primary_domain=Domain.objects.first(),
    )
    project_services.publish_project(project, by=admin)
    text = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert 'href="/glossar/lorawan/"' in text and 'href="/glossar/open-data/"' in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "<img src=x" not in text


def test_coordinators_curate_with_history_and_conflict_detection(client, glossary):
    coordinator = UserFactory()
    network = network_services.create_network(name="Netz", slug="netz", by=coordinator)
    network_roles.grant_network_role(user=coordinator, network=network)
    term = glossary.get(slug="reallabor")
    stale = term.revision
    client.force_login(coordinator)
    url = reverse("glossary:edit", args=[term.slug])
    form = {
        "term_de": "Reallabor",
        "term_en": "living lab",
        "definition_de": "Neue Erklärung",
        "definition_en": "New explanation",
        "aliases": "Living Lab",
        "revision": stale,
    }
    assert client.post(url, form).status_code == 302
    assert glossary.get(slug="reallabor").history.first().history_user == coordinator
    again = client.post(url, {**form, "definition_de": "Ältere Fassung"})
    assert again.status_code == 200 and "Jemand anderes hat inzwischen gespeichert" in again.content.decode()
    with pytest.raises(EditConflict):
        services.update_term(glossary.get(slug="reallabor"), expected_revision=stale, by=coordinator, aliases="x")
    assert client.get(reverse("glossary:list"), {"q": "Neue"}).status_code == 200


def test_list_in_english_and_search(client, glossary):
    text = client.get(reverse("glossary:list"), {"q": "Zwilling"}).content.decode()
    assert "Digitaler Zwilling" in text and "LoRaWAN" not in text
    text = client.get("/en/glossar/").content.decode()
    assert "digital twin" in text and "Digitaler Zwilling" not in text


def test_the_glossary_exports_as_csv_and_json(client, glossary):
    import json

    records = json.loads(client.get(reverse("glossary:export", args=["json"])).content)
    assert len(records) == glossary.count() and {"slug", "begriff_de", "erklaerung_en"} <= set(records[0])
    text = client.get(reverse("glossary:export", args=["csv"])).content.decode("utf-8-sig")
    assert text.startswith("slug;begriff_de;begriff_en") and len(text.strip().splitlines()) == glossary.count() + 1
