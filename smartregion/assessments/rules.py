"""Who may see and change assessments. Private is the default; deny by default."""

import rules

from smartregion.accounts.rules import (
    is_authenticated,
    is_coordinator_of_territory,
    is_network_coordinator,
    is_platform_admin,
    is_territory_editor,
)
from smartregion.network.models import NetworkMember

from .enums import Visibility


@rules.predicate
def edits_territory(user, assessment) -> bool:
    return assessment is not None and is_territory_editor(user, assessment.territory)


@rules.predicate
def is_public(user, assessment) -> bool:
    return assessment is not None and assessment.is_submitted and assessment.visibility == Visibility.PUBLIC


@rules.predicate
def shared_with_users_network(user, assessment) -> bool:
    """Shared with the territory's networks: their coordinators and the editors of fellow members."""
    if assessment is None or not assessment.is_submitted or assessment.visibility != Visibility.NETWORKS:
        return False
    if not is_authenticated(user):
        return False
    if is_coordinator_of_territory(user, assessment.territory):
        return True
    own = list(user.territory_roles.values_list("territory_id", flat=True))
    networks = NetworkMember.objects.filter(territory=assessment.territory).values("network_id")
    return bool(own) and NetworkMember.objects.filter(network_id__in=networks, territory_id__in=own).exists()


@rules.predicate
def reviews_assessment(user, assessment) -> bool:
    return (
        assessment is not None
        and is_authenticated(user)
        and assessment.is_submitted
        and assessment.reviews.filter(reviewer=user).exists()
    )


@rules.predicate
def is_draft(user, assessment) -> bool:
    return assessment is not None and not assessment.is_submitted


@rules.predicate
def is_submitted(user, assessment) -> bool:
    return assessment is not None and assessment.is_submitted


@rules.predicate
def is_reviewer(user, review) -> bool:
    return review is not None and is_authenticated(user) and review.reviewer_id == user.pk


@rules.predicate
def edits_reviewed_territory(user, review) -> bool:
    return review is not None and is_territory_editor(user, review.assessment.territory)


@rules.predicate
def edits_answer_territory(user, answer) -> bool:
    return answer is not None and is_territory_editor(user, answer.assessment.territory)


can_edit = is_platform_admin | edits_territory
rules.add_perm(
    "assessments.view_assessment",
    can_edit | is_public | shared_with_users_network | reviews_assessment,
)
rules.add_perm("assessments.change_assessment", can_edit & is_draft)
rules.add_perm("assessments.submit_assessment", can_edit & is_draft)
rules.add_perm("assessments.share_assessment", can_edit)
rules.add_perm("assessments.invite_reviewer", can_edit & is_submitted)
rules.add_perm("assessments.view_assessment_history", can_edit)
rules.add_perm("assessments.view_answer_history", is_platform_admin | edits_answer_territory)
rules.add_perm("assessments.start_assessment", is_platform_admin | is_territory_editor)
rules.add_perm("assessments.view_review", is_platform_admin | is_reviewer | edits_reviewed_territory)
rules.add_perm("assessments.comment_review", is_reviewer | edits_reviewed_territory)
rules.add_perm("assessments.view_dashboard", is_platform_admin | is_network_coordinator)
