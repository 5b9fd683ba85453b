"""Similar projects found through shared keywords: the text candidates count every shared keyword;
projects nearby are found through the distinctive keywords only (a keyword on a large share of the
catalogue is no signal by itself). Keywords and the probe's title are made up, so the seeded real
catalogue does not match them."""

import pytest

from smartregion.projects import similarity
from smartregion.projects.similarity import Probe, similar
from smartregion.taxonomy.models import Keyword


def _ids(*labels) -> tuple:
    found = dict(Keyword.objects.filter(label__in=labels).values_list("label", "pk"))
    return tuple(found[label] for label in labels)


@pytest.fixture
def probe_near(jena, domain):
    def make(*keywords):
        return Probe(
            title="Xylophonkataster",
            primary_domain_id=domain.pk,
            keyword_ids=_ids(*keywords),
            kreis_id=jena.kreis_id,
            land_id=jena.land_id,
            latitude=jena.latitude,
            longitude=jena.longitude,
        )

    return make


def test_a_nearby_project_sharing_distinctive_keywords_is_found_without_shared_words(make_project, ilmenau, probe_near):
    neighbour = make_project(ilmenau, title="Sensornetz an der Ilm", summary="Pegel.", keywords=["Zyx-A", "Zyx-B"])
    matches = similar(probe_near("Zyx-A", "Zyx-B"), limit=10)
    assert [match.project for match in matches] == [neighbour]
    assert matches[0].tier == 1  # nearby, not the same Kreis
    assert matches[0].score == 2 + 2 * 2  # same Handlungsfeld, two shared keywords, no shared words


def test_keywords_on_a_large_share_of_the_catalogue_bring_no_nearby_candidates(
    make_project, ilmenau, probe_near, monkeypatch
):
    make_project(ilmenau, title="Haushaltsdaten offen", summary="Zahlen.", keywords=["Zyx-oft", "Zyx-alle"])
    make_project(ilmenau, title="Baustellenkarte", summary="Karte.", keywords=["Zyx-oft", "Zyx-alle"])
    rare = make_project(ilmenau, title="Sensornetz an der Ilm", summary="Pegel.", keywords=["Zyx-selten", "Zyx-alle"])
    probe = probe_near("Zyx-oft", "Zyx-selten", "Zyx-alle")
    # Common: on more than one project (the share of the catalogue switched off for the test).
    monkeypatch.setattr(similarity, "COMMON_KEYWORD_MIN", 1)
    monkeypatch.setattr(similarity, "COMMON_KEYWORD_SHARE", 0.0)
    assert similarity.distinctive_keywords(probe.keyword_ids) == list(_ids("Zyx-selten"))
    matches = similar(probe, limit=10)
    assert [match.project for match in matches] == [rare]
    assert matches[0].score == 2 + 2 * 2  # found through the rare keyword, counted with the common one too

    monkeypatch.setattr(similarity, "COMMON_KEYWORD_MIN", 3)  # every keyword distinctive: all three found
    assert len(similar(probe, limit=10)) == 3


def test_text_candidates_count_common_keywords(make_project, ilmenau, probe_near, monkeypatch):
    monkeypatch.setattr(similarity, "COMMON_KEYWORD_MIN", 0)
    monkeypatch.setattr(similarity, "COMMON_KEYWORD_SHARE", 0.0)  # no keyword is distinctive
    alike = make_project(ilmenau, title="Xylophonkataster Ilmenau", summary="Kataster.", keywords=["Zyx-oft"])
    make_project(ilmenau, title="Baustellenkarte", summary="Karte.", keywords=["Zyx-oft"])
    matches = similar(probe_near("Zyx-oft"), limit=10)
    assert [match.project for match in matches] == [alike]
    assert matches[0].score == 4 + 2 + 2  # the best text match, same Handlungsfeld, one shared keyword
