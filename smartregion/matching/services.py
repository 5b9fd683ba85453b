"""Writes of the matching app: the coordinators' recommendations per group of funding gaps."""

from django.db import IntegrityError, transaction

from smartregion.core.concurrency import EditConflict, save_revision

from .models import GapRecommendation


def save_recommendation(*, network, grouping: str, key: str, text: str, expected_revision: int, by):
    """Create the group's recommendation or change it (optimistic locking: `expected_revision` is the revision
    the form was shown with, 0 when there was none yet). Raises EditConflict when somebody saved in between."""
    existing = GapRecommendation.objects.filter(network=network, grouping=grouping, key=key).first()
    if existing is None:
        recommendation = GapRecommendation(network=network, grouping=grouping, key=key, text=text, updated_by=by)
        recommendation._history_user = by
        try:
            with transaction.atomic():
                recommendation.save()
        except IntegrityError:  # written by somebody else since the form was shown
            current = GapRecommendation.objects.get(network=network, grouping=grouping, key=key)
            raise EditConflict(current=current, attempted=recommendation, fields=["text"]) from None
        return recommendation
    existing.text = text
    existing.updated_by = by
    existing._history_user = by
    return save_revision(existing, expected_revision=expected_revision, fields=["text"])
