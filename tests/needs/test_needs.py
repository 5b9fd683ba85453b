"""Needs: typed in by a territory or recorded from an assessment's largest gaps; private ones stay private."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.assessments import services as assessment_services
from smartregion.core.concurrency import EditConflict
from smartregion.needs import services
from smartregion.needs.enums import NEEDS_PER_ASSESSMENT, NeedOrigin
from smartregion.needs.models import Need
from smartregion.taxonomy.models import Domain
from smartregion.territories import roles as territory_roles

from ..assessments.conftest import submitted
from ..factories import UserFactory


@pytest.fixture
def editor(jena):
    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=jena, role=TerritoryRoleKind.EDITOR)
    return user


def _with_gaps(territory, *, by, cycle=2025, visibility="private"):
    """An assessment with a few clear gaps: mobility infrastructure 1 → 4 is the largest."""
    assessment = assessment_services.start_assessment(territory=territory, cycle=cycle, by=by)
    assessment.answers.update(current_level=2, target_level=2)
    assessment.answers.filter(cell__domain__key="mobilitaet", cell__dimension__key="infrastruktur").update(
        current_level=1, target_level=4, priority=3
    )
    assessment.answers.filter(cell__domain__key="bildung").update(current_level=2, target_level=3)
    assessment.visibility = visibility
    assessment.save(update_fields=["visibility"])
    return assessment_services.submit_assessment(assessment=assessment, by=by)


def test_submitting_an_assessment_records_its_largest_gaps_as_needs(jena, editor):
    assessment = _with_gaps(jena, by=editor)
    needs = list(Need.objects.filter(territory=jena).order_by("pk"))
    assert len(needs) == NEEDS_PER_ASSESSMENT
    first = needs[0]
    assert first.origin == NeedOrigin.ASSESSMENT and first.origin_key == "matrix:mobilitaet:infrastruktur"
    assert first.title.startswith("Mobilität & Verkehr") and "von Stufe 1 auf 4" in first.title
    assert "Parksensoren" in first.description  # the matrix cell's own examples
    assert list(first.domains.values_list("key", flat=True)) == ["mobilitaet"]
    assert first.origin_url == reverse("assessments:results", args=[assessment.pk])
    assert not any(need.is_public for need in needs)  # the assessment is private


def test_the_next_cycle_does_not_duplicate_a_need_and_keeps_a_persons_words(jena, editor):
    _with_gaps(jena, by=editor, cycle=2025)
    need = Need.objects.get(territory=jena, origin_key="matrix:mobilitaet:infrastruktur")
    services.update_need(need, expected_revision=need.revision, by=editor, title="Parkraum digital erfassen")
    _with_gaps(jena, by=editor, cycle=2026)
    assert Need.objects.filter(territory=jena, origin_key="matrix:mobilitaet:infrastruktur").count() == 1
    assert Need.objects.get(pk=need.pk).title == "Parkraum digital erfassen"


def test_needs_of_a_private_assessment_stay_private_until_it_is_published(client, jena, editor):
    assessment = _with_gaps(jena, by=editor)
    need = Need.objects.filter(territory=jena).first()
    assert client.get(reverse("needs:detail", args=[need.pk])).status_code == 404
    assert need.title not in client.get(reverse("needs:list")).content.decode()
    assert client.get(reverse("need-list")).json()["count"] == 0
    assessment_services.set_visibility(assessment=assessment, visibility="public", by=editor)
    assert client.get(reverse("needs:detail", args=[need.pk])).status_code == 200
    assert client.get(reverse("need-list")).json()["count"] == NEEDS_PER_ASSESSMENT
    assert Need.objects.get(pk=need.pk).history.first().history_user == editor


def test_an_editor_types_in_a_need_and_others_cannot_touch_it(client, jena, editor):
    client.force_login(editor)
    response = client.post(
        reverse("needs:create"),
        {
            "territory": jena.pk,
            "title": "Digitale Parkplatzsuche",
            "description": "Parksuchverkehr in der Innenstadt",
            "domains": [Domain.objects.get(key="mobilitaet").pk],
            "status": "open",
            "is_public": "on",
        },
    )
    need = Need.objects.get(title="Digitale Parkplatzsuche")
    assert response.status_code == 302 and need.origin == NeedOrigin.ENTERED and need.created_by == editor
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(reverse("needs:edit", args=[need.pk])).status_code == 403
    assert client.get(reverse("needs:create")).status_code == 403


def test_concurrent_edits_of_a_need_are_detected(jena, editor):
    need = services.create_need(territory=jena, by=editor, title="Bedarf", domains=[Domain.objects.first()])
    stale = need.revision
    services.update_need(Need.objects.get(pk=need.pk), expected_revision=stale, by=editor, title="Erste Fassung")
    with pytest.raises(EditConflict):
        services.update_need(Need.objects.get(pk=need.pk), expected_revision=stale, by=editor, title="Zweite Fassung")
    assert Need.objects.get(pk=need.pk).title == "Erste Fassung"


def test_the_list_keeps_its_query_count(client, jena, editor):
    domain = Domain.objects.first()

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("needs:list")).status_code == 200
            assert client.get(reverse("need-list")).status_code == 200
        return len(context)

    services.create_need(territory=jena, by=editor, title="Erster", domains=[domain], is_public=True)
    before = count()
    for number in range(12):
        services.create_need(territory=jena, by=editor, title=f"Bedarf {number}", domains=[domain], is_public=True)
    assert count() == before


def test_an_assessment_without_gaps_records_no_needs(jena, editor):
    """The shared test helper submits with equal levels: no gap, hence no need."""
    submitted(jena, by=editor)
    assert not Need.objects.filter(territory=jena).exists()


def test_the_territory_page_lists_the_needs_a_visitor_may_see(client, jena, editor):
    domain = Domain.objects.first()
    services.create_need(territory=jena, by=editor, title="Öffentlicher Bedarf", domains=[domain], is_public=True)
    services.create_need(territory=jena, by=editor, title="Interner Bedarf", domains=[domain])
    url = reverse("territories:detail", args=[jena.code])
    text = client.get(url).content.decode()
    assert "Öffentlicher Bedarf" in text and "Interner Bedarf" not in text and "Bedarf erfassen" not in text
    client.force_login(editor)
    text = client.get(url).content.decode()
    assert "Interner Bedarf" in text and "Bedarf erfassen" in text
