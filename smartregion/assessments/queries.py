"""Reads of assessments: visibility, results with their joins, territory and network overviews."""

from django.db.models import Q

from smartregion.accounts.rules import is_authenticated
from smartregion.network.models import Network, NetworkMember

from .enums import AssessmentStatus, Visibility
from .models import Answer, Assessment, Review


def _user_territory_ids(user):
    """A subquery, not a list: an editor of 2,000 Gemeinden would put 2,000 parameters into every query."""
    return user.territory_roles.values("territory_id")


def visible_to(user):
    """Assessments the user may see: public ones, shared ones of fellow network members, own ones, reviewed ones."""
    queryset = Assessment.objects.all()
    if is_authenticated(user) and user.is_superuser:
        return queryset
    submitted = Q(status=AssessmentStatus.SUBMITTED)
    visible = submitted & Q(visibility=Visibility.PUBLIC)
    if is_authenticated(user):
        own = _user_territory_ids(user)
        my_networks = Q(network_id__in=NetworkMember.objects.filter(territory_id__in=own).values("network_id")) | Q(
            network_id__in=user.network_roles.values("network_id")
        )
        fellows = NetworkMember.objects.filter(my_networks).values("territory_id")
        visible |= submitted & Q(visibility=Visibility.NETWORKS, territory_id__in=fellows)
        visible |= Q(territory_id__in=own)
        visible |= submitted & Q(reviews__reviewer=user)
    return queryset.filter(visible).distinct()


def list_queryset(user):
    return visible_to(user).select_related("territory", "matrix").order_by("-cycle", "territory__name")


def of_territory(territory, user):
    """The territory's assessments the user may see, newest cycle first."""
    return visible_to(user).filter(territory=territory).order_by("-cycle")


def answers_for_results(assessment: Assessment, *, scores_only: bool = False):
    """The answers in matrix order; `scores_only` reads just what scores, radar and gaps need."""
    answers = Answer.objects.filter(assessment=assessment).with_cells()
    if scores_only:
        answers = answers.defer("evidence", "created_at", "updated_at", "updated_by")
    return answers


def history_of(assessment: Assessment, user):
    """The territory's submitted cycles the user may see, oldest first (for the trend)."""
    return list(of_territory(assessment.territory, user).filter(status=AssessmentStatus.SUBMITTED).order_by("cycle"))


def networks_of(territory):
    return list(Network.objects.filter(members__territory=territory).order_by("name"))


def reviews_of(assessment: Assessment):
    return assessment.reviews.select_related("reviewer").order_by("-created_at")


def review_detail(pk: int) -> Review:
    return Review.objects.select_related("assessment__territory", "assessment__matrix", "reviewer").get(pk=pk)


def reviews_for_user(user):
    return Review.objects.filter(reviewer=user).select_related("assessment__territory").order_by("-created_at")
