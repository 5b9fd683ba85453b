"""Writes of assessments and reviews: keyword-only, atomic, with the acting user in the history."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from smartregion.core.concurrency import save_revision
from smartregion.core.freshness import bulk_written
from smartregion.core.queue import enqueue
from smartregion.needs import services as need_services
from smartregion.needs.enums import NEEDS_PER_ASSESSMENT
from smartregion.notifications.enums import Kind
from smartregion.notifications.services import notify

from . import matrix as matrix_module
from . import scoring, tasks
from .enums import MAX_LEVEL, AssessmentStatus, ReviewStatus, Visibility
from .models import Answer, Assessment, Cell, Review, ReviewComment

ANSWER_FIELDS = ["current_level", "target_level", "not_relevant", "priority", "evidence"]


def _check_level(value, label) -> None:
    if value is not None and not 0 <= value <= MAX_LEVEL:
        raise ValidationError(_("%(label)s muss zwischen 0 und 4 liegen.") % {"label": label})


@transaction.atomic
def start_assessment(*, territory, cycle: int, by) -> Assessment:
    """A new cycle; a copy of the latest earlier cycle (levels, targets, evidence, project links)."""
    if Assessment.objects.filter(territory=territory, cycle=cycle).exists():
        raise ValidationError(_("Für %(cycle)s gibt es schon eine Selbsteinschätzung.") % {"cycle": cycle})
    matrix = matrix_module.current_matrix()
    if matrix is None:
        raise ValidationError(_("Die Smart-Region-Matrix ist nicht geladen."))
    previous = (
        Assessment.objects.filter(territory=territory, cycle__lt=cycle)
        .select_related("matrix")
        .order_by("-cycle")
        .first()
    )
    assessment = Assessment(territory=territory, cycle=cycle, matrix=matrix, copied_from=previous)
    if previous is not None:
        assessment.visibility = previous.visibility
    assessment._history_user = by
    assessment.save()
    cells = list(Cell.objects.filter(matrix=matrix))
    answers = {cell.pk: Answer(assessment=assessment, cell=cell, updated_by=by) for cell in cells}
    links = []
    if previous is not None:
        old_answers = list(previous.answers.prefetch_related("projects"))
        if previous.matrix_id == matrix.pk:
            for old in old_answers:
                answer = answers[old.cell_id]
                for name in ANSWER_FIELDS:
                    setattr(answer, name, getattr(old, name))
                links += [(old.cell_id, project.pk) for project in old.projects.all()]
        else:
            carried = matrix_module.carry_levels(
                {old.cell_id: None if old.not_relevant else old.current_level for old in old_answers},
                previous.matrix,
                matrix,
            )
            targets = matrix_module.carry_levels(
                {old.cell_id: old.target_level for old in old_answers}, previous.matrix, matrix
            )
            for cell_id, level in carried.items():
                answers[cell_id].current_level = round(level)
                if cell_id in targets:
                    answers[cell_id].target_level = round(targets[cell_id])
    bulk_create_with_history(list(answers.values()), Answer, default_user=by)
    if links:
        through = Answer.projects.through
        by_cell = {answer.cell_id: answer.pk for answer in Answer.objects.filter(assessment=assessment)}
        through.objects.bulk_create([through(answer_id=by_cell[cell_id], project_id=pk) for cell_id, pk in links])
    bulk_written(Answer, Answer.projects.through)
    return assessment


def save_answer(
    *,
    answer: Answer,
    expected_revision: int,
    by,
    current_level=None,
    target_level=None,
    not_relevant=False,
    priority=2,
    evidence="",
    projects=None,
) -> Answer:
    """Save one cell; raises EditConflict if somebody else saved it since `expected_revision`."""
    if answer.assessment.is_submitted:
        raise ValidationError(_("Die Selbsteinschätzung ist abgeschlossen und kann nicht mehr geändert werden."))
    _check_level(current_level, _("Die heutige Stufe"))
    _check_level(target_level, _("Die Zielstufe"))
    if not not_relevant and current_level is not None and target_level is not None and target_level < current_level:
        raise ValidationError(_("Die Zielstufe darf nicht unter der heutigen Stufe liegen."))
    if not_relevant:
        current_level = target_level = None
    answer.current_level = current_level
    answer.target_level = target_level
    answer.not_relevant = not_relevant
    answer.priority = priority
    answer.evidence = evidence
    answer.updated_by = by
    answer._history_user = by
    with transaction.atomic():
        save_revision(answer, expected_revision=expected_revision, fields=ANSWER_FIELDS)
        if projects is not None:
            answer.projects.set(projects)
    return answer


@transaction.atomic
def submit_assessment(*, assessment: Assessment, by) -> Assessment:
    """Lock the cycle, compute its scores and add them to the peer statistics.

    Every cell must have a level or be "not relevant"."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_submitted:
        raise ValidationError(_("Die Selbsteinschätzung ist bereits abgeschlossen."))
    answers = list(assessment.answers.with_cells())
    open_cells = [answer for answer in answers if not answer.is_answered]
    if open_cells:
        raise ValidationError(
            _("Noch %(count)s Zellen ohne Stufe (z. B. %(cell)s).")
            % {"count": len(open_cells), "cell": open_cells[0].cell}
        )
    scores = scoring.compute(scoring.levels_of(answers))
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = by
    assessment.overall_index = scores.overall
    assessment.domain_scores = scores.domains
    assessment.dimension_scores = scores.dimensions
    gaps = scoring.gaps(answers)
    assessment.gap_cells = [gap.answer.cell_id for gap in gaps]
    assessment.revision += 1
    assessment._history_user = by
    assessment.save()
    enqueue(tasks.count_in_peer_statistics, assessment.pk)
    record_gap_needs(assessment, gaps[:NEEDS_PER_ASSESSMENT], by=by)
    return assessment


def _results_path(assessment: Assessment) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("assessments:results", args=[assessment.pk])


def _origin_ref(assessment: Assessment) -> str:
    return f"assessment:{assessment.pk}"


def record_gap_needs(assessment: Assessment, gaps, *, by) -> list:
    """The largest gaps become the territory's needs (editable; one per Handlungsfeld × dimension
    across cycles). They are public only if the assessment is."""
    proposals = [
        need_services.GapNeed(
            key=gap.answer.cell.gap_key,
            title=f"{gap.answer.cell.domain.label_de} – {gap.answer.cell.dimension.label_de}: "
            f"von Stufe {gap.current} auf {gap.target}",
            description=gap.answer.cell.gap_text_de(gap.target),
            domain_ids=[gap.answer.cell.domain_id],
        )
        for gap in gaps
    ]
    return need_services.record_gaps(
        territory=assessment.territory,
        gaps=proposals,
        origin_ref=_origin_ref(assessment),
        origin_url=_results_path(assessment),
        is_public=assessment.visibility == Visibility.PUBLIC,
        by=by,
    )


@transaction.atomic
def set_visibility(*, assessment: Assessment, visibility: str, by) -> Assessment:
    if visibility not in Visibility.values:
        raise ValidationError(_("Unbekannte Sichtbarkeit."))
    assessment.visibility = visibility
    assessment.revision += 1
    assessment._history_user = by
    assessment.save(update_fields=["visibility", "revision", "updated_at"])
    need_services.set_public_for_origin(
        origin_ref=_origin_ref(assessment), is_public=visibility == Visibility.PUBLIC, by=by
    )
    return assessment


@transaction.atomic
def invite_reviewer(*, assessment: Assessment, reviewer, by, message: str = "", base_url: str = "") -> Review:
    """Invite another territory's editor or an expert to review a submitted assessment (and tell them by e-mail)."""
    if not assessment.is_submitted:
        raise ValidationError(_("Nur abgeschlossene Selbsteinschätzungen können begutachtet werden."))
    own_territory = reviewer.territory_roles.filter(territory=assessment.territory).exists()
    other_territory = reviewer.territory_roles.exclude(territory=assessment.territory).exists()
    if own_territory or not (reviewer.is_expert or other_territory):
        raise ValidationError(
            _("Begutachten können Redakteurinnen und Redakteure anderer Kommunen oder Expertinnen und Experten.")
        )
    if Review.objects.filter(assessment=assessment, reviewer=reviewer).exists():
        raise ValidationError(_("Diese Person ist bereits eingeladen."))
    review = Review(assessment=assessment, reviewer=reviewer, invited_by=by, message=message)
    review._history_user = by
    review.save()
    notify(
        reviewer,
        Kind.REVIEW_REQUEST,
        review,
        {
            "inviter": by,
            "territory": assessment.territory.name,
            "cycle": assessment.cycle,
            "message": message,
        },
        key=f"{review.pk}",
        link=reverse("assessments:review", args=[review.pk]),
        base_url=base_url,
    )
    return review


def add_review_comment(
    *, review: Review, cell: Cell, by, text: str, suggested_level=None, reply_to=None
) -> ReviewComment:
    """A reviewer's comment (optionally with a suggested level) or the territory's answer to one."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Bitte einen Kommentar eingeben."))
    _check_level(suggested_level, _("Die vorgeschlagene Stufe"))
    if reply_to is not None and reply_to.review_id != review.pk:
        raise ValidationError(_("Die Antwort gehört zu einem anderen Review."))
    if cell.matrix_id != review.assessment.matrix_id:
        raise ValidationError(_("Die Zelle gehört nicht zu dieser Matrix."))
    comment = ReviewComment(
        review=review,
        cell=cell,
        author=by,
        text=text,
        suggested_level=suggested_level if reply_to is None else None,
        reply_to=reply_to,
    )
    comment._history_user = by
    comment.save()
    if reply_to is not None and reply_to.author_id != by.pk:
        notify(
            reply_to.author,
            Kind.REPLY,
            comment,
            {
                "author": by,
                "place": _("Peer-Review der Selbsteinschätzung %(territory)s %(cycle)s")
                % {"territory": review.assessment.territory.name, "cycle": review.assessment.cycle},
                "excerpt": text if len(text) <= 300 else text[:299] + "…",
            },
            key=f"{comment.pk}",
            link=reverse("assessments:review", args=[review.pk]),
        )
    return comment


@transaction.atomic
def complete_review(*, review: Review, by) -> Review:
    """The reviewer is done: the territory's editors and whoever asked for the review hear of it."""
    review.status = ReviewStatus.DONE
    review._history_user = by
    review.save(update_fields=["status", "updated_at"])
    assessment = review.assessment
    told = {review.reviewer_id}
    people = [review.invited_by] if review.invited_by_id else []
    people += [role.user for role in assessment.territory.roles.select_related("user")]
    for person in people:
        if person is None or person.pk in told:
            continue
        told.add(person.pk)
        notify(
            person,
            Kind.REVIEW_RESULT,
            review,
            {"reviewer": review.reviewer, "territory": assessment.territory.name, "cycle": assessment.cycle},
            key=f"{review.pk}",
            link=reverse("assessments:review", args=[review.pk]),
        )
    return review
