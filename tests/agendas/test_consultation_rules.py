"""Consultations as participants expect (issue 20, finding 7): nobody supports her own idea, a council
decision only after the consultation ended, the real end date everywhere, the author sees her hidden
contribution with the reason, flagging and the moderators' queue."""

import pytest
from django.urls import reverse

from smartregion.participation import services
from smartregion.participation.models import Support
from smartregion.participation.services import ParticipationRefused

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


# --- No support of one's own idea -----------------------------------------------------------------------


def test_the_author_cannot_support_her_own_idea(consulting, citizen):
    idea = services.propose_idea(consulting.consultation, title="WLAN", text="An Haltestellen", by=citizen)
    with pytest.raises(ParticipationRefused) as refusal:
        services.support_idea(idea, by=citizen)
    assert str(refusal.value) == "Ihre eigene Idee können Sie nicht unterstützen; Unterstützung kommt von anderen."
    assert not Support.objects.exists()
    assert services.support_idea(idea, by=UserFactory()) is True


def test_the_page_offers_no_support_button_for_her_own_idea_and_a_post_counts_nothing(client, consulting, citizen):
    own = services.propose_idea(consulting.consultation, title="Eigene Idee", text="Text", by=citizen)
    other = services.propose_idea(consulting.consultation, title="Fremde Idee", text="Text", by=UserFactory())
    client.force_login(citizen)
    page = client.get(reverse("agendas:consultation", args=[consulting.pk])).content.decode()
    assert reverse("agendas:support", args=[consulting.pk, own.pk]) not in page
    assert reverse("agendas:support", args=[consulting.pk, other.pk]) in page
    assert "Ihre Idee – unterstützen können sie andere." in page
    response = client.post(reverse("agendas:support", args=[consulting.pk, own.pk]), follow=True)
    assert "Ihre eigene Idee können Sie nicht unterstützen" in response.content.decode()
    assert not Support.objects.filter(idea=own).exists()


def test_supports_given_to_ones_own_idea_before_the_rule_are_removed_by_the_migration(consulting, citizen):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("smartregion.participation.migrations.0002_remove_self_supports")
    own = services.propose_idea(consulting.consultation, title="Eigene Idee", text="Text", by=citizen)
    other = UserFactory()
    Support.objects.create(idea=own, user=citizen)  # what the old rule allowed
    Support.objects.create(idea=own, user=other)
    migration.remove_self_supports(apps, None)
    assert list(Support.objects.values_list("user", flat=True)) == [other.pk]
