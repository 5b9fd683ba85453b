"""The questionnaire, concurrent edits, submission, new cycles, peer review and exports."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartregion.assessments import services
from smartregion.assessments.models import Answer, Assessment, ReviewComment
from smartregion.core.concurrency import EditConflict

from ..factories import UserFactory
from .conftest import fill, submitted


@pytest.fixture
def draft(jena, editor):
    return services.start_assessment(territory=jena, cycle=2026, by=editor)


def _cell_post(answer, **values):
    prefix = f"c{answer.cell_id}"
    data = {f"{prefix}-revision": answer.revision, f"{prefix}-priority": 2}
    data.update({f"{prefix}-{key}": value for key, value in values.items()})
    return data


def test_saving_a_cell_keeps_history_and_returns_the_cell_for_htmx(client, editor, draft):
    client.force_login(editor)
    answer = draft.answers.select_related("cell").first()
    initial_revision = answer.revision
    url = reverse("assessments:save_cell", args=[draft.pk, answer.cell_id])
    response = client.post(
        url, _cell_post(answer, current_level=2, target_level=3, evidence="Beschluss 2024"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "gespeichert" in response.content.decode()
    answer.refresh_from_db()
    assert (answer.current_level, answer.target_level, answer.evidence) == (2, 3, "Beschluss 2024")
    assert answer.revision == initial_revision + 1
    assert answer.history.count() == 2  # created, then changed
    assert answer.history.first().history_user == editor


def test_without_javascript_the_cell_saves_and_returns_to_its_field(client, editor, draft):
    client.force_login(editor)
    answer = draft.answers.select_related("cell__domain").first()
    response = client.post(
        reverse("assessments:save_cell", args=[draft.pk, answer.cell_id]), _cell_post(answer, current_level=1)
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/feld/{answer.cell.domain.key}/#zelle-{answer.cell_id}")


def test_concurrent_edits_of_one_cell_are_detected_not_lost(client, editor, draft):
    answer = draft.answers.first()
    loaded = answer.revision  # both editors opened the cell at this revision
    other = UserFactory()
    services.save_answer(answer=Answer.objects.get(pk=answer.pk), expected_revision=loaded, by=other, current_level=4)
    with pytest.raises(EditConflict):
        services.save_answer(
            answer=Answer.objects.get(pk=answer.pk), expected_revision=loaded, by=editor, current_level=1
        )
    client.force_login(editor)
    response = client.post(
        reverse("assessments:save_cell", args=[draft.pk, answer.cell_id]),
        _cell_post(answer, current_level=1),  # still the revision the editor loaded
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "Jemand anderes hat inzwischen gespeichert" in page
    answer.refresh_from_db()
    assert answer.current_level == 4  # the first save stands; the second is shown, not written


def test_editors_on_different_cells_do_not_conflict(editor, draft):
    first, second = list(draft.answers.all()[:2])
    services.save_answer(answer=first, expected_revision=first.revision, by=editor, current_level=1)
    services.save_answer(answer=second, expected_revision=second.revision, by=UserFactory(), current_level=3)
    assert sorted(draft.answers.exclude(current_level=None).values_list("current_level", flat=True)) == [1, 3]


def test_target_below_current_level_is_refused(editor, draft):
    with pytest.raises(ValidationError):
        answer = draft.answers.first()
        services.save_answer(
            answer=answer, expected_revision=answer.revision, by=editor, current_level=3, target_level=1
        )


def test_submission_needs_every_cell_and_then_locks(client, editor, draft):
    client.force_login(editor)
    response = client.post(reverse("assessments:submit", args=[draft.pk]), follow=True)
    assert "Noch 72 Zellen ohne Stufe" in response.content.decode()
    fill(draft, 2, 3, by=editor)
    response = client.post(reverse("assessments:submit", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_submitted and draft.overall_index == 50.0
    answer = draft.answers.first()
    with pytest.raises(ValidationError):
        services.save_answer(answer=answer, expected_revision=answer.revision, by=editor, current_level=4)
    # Issue 20, finding 8: a submitted cycle reads as it was answered, without forms (it answered 403).
    page = client.get(reverse("assessments:questionnaire", args=[draft.pk, "verwaltung"]))
    html = page.content.decode()
    assert page.status_code == 200 and "Diese Selbsteinschätzung ist abgeschlossen" in html
    assert reverse("assessments:save_cell", args=[draft.pk, answer.cell_id]) not in html
    assert "Selbsteinschätzung abschließen" not in html and "Stufe 2" in html and "Stufe 3" in html
    refused = client.post(reverse("assessments:save_cell", args=[draft.pk, answer.cell_id]), _cell_post(answer))
    assert refused.status_code == 403


def test_new_cycle_starts_as_a_copy_with_project_links(jena, editor):
    from smartregion.projects.models import Project

    first = services.start_assessment(territory=jena, cycle=2025, by=editor)
    fill(first, 2, 4, by=editor)
    project = Project.objects.filter(lead_territory=jena).first() or Project.objects.first()
    linked = first.answers.first()
    linked.evidence = "Ratsbeschluss"
    linked.save()
    linked.projects.add(project)
    services.submit_assessment(assessment=first, by=editor)
    second = services.start_assessment(territory=jena, cycle=2026, by=editor)
    copy = second.answers.get(cell=linked.cell)
    assert (copy.current_level, copy.target_level, copy.evidence) == (2, 4, "Ratsbeschluss")
    assert list(copy.projects.all()) == [project]
    assert second.copied_from == first and not second.is_submitted
    with pytest.raises(ValidationError):
        services.start_assessment(territory=jena, cycle=2026, by=editor)


def test_peer_review_comments_suggestions_and_answers_are_kept(client, jena, editor, mailoutbox):
    assessment = submitted(jena, level=2, by=editor)
    reviewer = UserFactory(is_expert=True)
    with pytest.raises(ValidationError):
        services.invite_reviewer(assessment=assessment, reviewer=UserFactory(), by=editor)  # neither expert nor editor
    client.force_login(editor)
    client.post(reverse("assessments:invite", args=[assessment.pk]), {"email": reviewer.email, "message": "Danke!"})
    review = assessment.reviews.get()
    from django.core import mail

    assert mail.outbox[-1].to == [reviewer.email]
    assert reverse("assessments:review", args=[review.pk]) in mail.outbox[-1].body
    cell = assessment.answers.first().cell
    client.force_login(reviewer)
    url = reverse("assessments:review", args=[review.pk])
    client.post(url, {"cell": cell.pk, "text": "Beschluss fehlt, eher Stufe 1", "suggested_level": 1})
    comment = ReviewComment.objects.get()
    assert (comment.suggested_level, comment.author) == (1, reviewer)
    client.force_login(editor)
    client.post(
        url, {"cell": cell.pk, "text": "Der Beschluss ist vom 3. März.", "reply_to": comment.pk, "suggested_level": 4}
    )
    reply = ReviewComment.objects.exclude(pk=comment.pk).get()
    assert reply.reply_to == comment and reply.suggested_level is None  # only reviewers suggest levels
    page = client.get(url).content.decode()
    assert "Beschluss fehlt" in page and "3. März" in page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_results_page_and_exports(client, jena, editor):
    assessment = submitted(jena, level=3, by=editor)
    client.force_login(editor)
    page = client.get(reverse("assessments:results", args=[assessment.pk])).content.decode()
    assert "75,0" in page and "<svg" in page and "So wird gerechnet" in page
    xlsx = client.get(reverse("assessments:export", args=[assessment.pk, "xlsx"]))
    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(xlsx.content))
    assert workbook["Ergebnis"]["B2"].value == 75.0
    assert workbook["Zellen"].max_row == 73
    pdf = client.get(reverse("assessments:export", args=[assessment.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_results_page_query_count_does_not_grow_with_peers(client, editor, jena, kreis_neighbours):
    from smartregion.assessments import peers

    own = submitted(jena, level=2, by=editor, visibility="public")
    client.force_login(editor)
    # an explicit group: without one the page looks for the first group with enough peers (at most one query per group)
    url = reverse("assessments:results", args=[own.pk]) + f"?gruppe=land|gemeinde:{jena.land_id}"
    for territory in kreis_neighbours[:3]:
        submitted(territory, level=1, by=editor)
    peers.recompute()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for territory in kreis_neighbours[3:12]:
        submitted(territory, level=3, by=editor)
    peers.recompute()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 40


def test_api_list_query_count_is_pinned(client, editor, kreis_neighbours):
    for territory in kreis_neighbours[:2]:
        submitted(territory, level=1, by=editor, visibility="public")
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("assessment-list")).status_code == 200
    for territory in kreis_neighbours[2:8]:
        submitted(territory, level=1, by=editor, visibility="public")
    with CaptureQueriesContext(connection) as many:
        data = client.get(reverse("assessment-list")).json()
    assert data["count"] == 8
    assert len(many) == len(few)
    assert Assessment.objects.count() == 8


def test_questionnaire_reads_project_choices_once_and_links_them(client, editor, draft, jena):
    from smartregion.projects import services as project_services
    from smartregion.taxonomy.models import Domain

    projects = [
        project_services.publish_project(
            project_services.create_project(
                by=editor, lead_territory=jena, title=f"Nachweis {n}", summary="", primary_domain=Domain.objects.first()
            ),
            by=editor,
        )
        for n in range(3)
    ]
    client.force_login(editor)
    url = reverse("assessments:questionnaire", args=[draft.pk, "verwaltung"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert "Nachweis 2" in page
    choice_queries = [
        query["sql"]
        for query in queries.captured_queries
        if "projects_project" in query["sql"] and "_prefetch_related_val" not in query["sql"]
    ]
    assert len(choice_queries) == 1, choice_queries  # not once per cell
    answer = draft.answers.select_related("cell").first()
    client.post(
        reverse("assessments:save_cell", args=[draft.pk, answer.cell_id]),
        {**_cell_post(answer, current_level=1), f"c{answer.cell_id}-projects": [projects[0].pk, projects[2].pk]},
    )
    assert set(answer.projects.values_list("pk", flat=True)) == {projects[0].pk, projects[2].pk}


def test_an_expert_from_the_forum_is_invited_without_knowing_the_address(client, jena, editor, mailoutbox):
    from smartregion.actors import services as actor_services

    assessment = submitted(jena, level=2, by=editor)
    expert = UserFactory(is_expert=True, email="gutachterin@example.org")
    profile = actor_services.create_actor(
        by=expert, own_profile=True, name="Dr. Gudrun Gutachten", sector="wissenschaft", available_review=True
    )
    actor_services.create_actor(by=expert, name="Ohne Konto", sector="politik", available_review=True)
    client.force_login(editor)
    page = client.get(reverse("assessments:results", args=[assessment.pk])).content.decode()
    assert "Dr. Gudrun Gutachten" in page and "Ohne Konto" not in page  # only people with an account
    assert "gutachterin@example.org" not in page  # the address stays hidden
    client.post(reverse("assessments:invite", args=[assessment.pk]), {"profile": profile.pk})
    assert assessment.reviews.get().reviewer == expert
    assert mailoutbox[-1].to == ["gutachterin@example.org"]
    response = client.post(reverse("assessments:invite", args=[assessment.pk]), {"message": "ohne Person"}, follow=True)
    assert "Bitte eine Person aus dem Experten-Forum wählen" in response.content.decode()
