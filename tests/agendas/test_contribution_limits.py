"""Contributions to a consultation are limited per person (issue 19, finding 8: 40 comments in 7 seconds)."""

import time

import pytest
from django.urls import reverse

from smartregion.core import limits
from smartregion.participation import services
from smartregion.participation.models import Comment, Idea
from smartregion.participation.services import ParticipationRefused

from ..factories import UserFactory
from ..waiting import WaitPhrases, wait_phrase

pytestmark = pytest.mark.django_db

TOO_MANY = "Sie haben in kurzer Zeit sehr viele Beiträge geschrieben."


def _fresh_window(window: int, margin: int = 20) -> None:
    """The limits count in clock-aligned windows: start a burst well inside one, not at its end."""
    if limits.seconds_left(window) < margin:
        time.sleep(limits.seconds_left(window) + 0.05)


def test_forty_comments_in_seconds_are_refused_after_the_limit_with_a_clear_message(client, consulting, citizen):
    assert (services.settings.PARTICIPATION_MAX_PER_MINUTE, services.settings.PARTICIPATION_MAX_PER_HOUR) == (5, 30)
    client.force_login(citizen)
    url = reverse("agendas:comment", args=[consulting.pk, "public"])
    _fresh_window(60)
    for number in range(39):
        client.post(url, {"part": "vision", "text": f"Beitrag {number}"})
    last = client.post(url, {"part": "vision", "text": "Beitrag 39"}, follow=True)
    assert Comment.objects.filter(consultation=consulting.consultation, author=citizen).count() == 5
    # The page shows what each of the 40 posts answered (the messages gather until a page is shown).
    html = last.content.decode()
    assert html.count("Danke, Ihr Kommentar ist veröffentlicht.") == 5
    assert html.count(f"{TOO_MANY} {wait_phrase(1)}") == 35


def test_comments_and_ideas_share_the_limit_and_the_hour_counts_too(consulting, citizen, settings):
    settings.PARTICIPATION_MAX_PER_MINUTE = 100
    settings.PARTICIPATION_MAX_PER_HOUR = 3
    _fresh_window(3600)
    consultation = consulting.consultation
    services.add_comment(consultation, part_key="vision", part_label="Vision", text="Eins", by=citizen)
    services.propose_idea(consultation, title="Zwei", text="Idee", by=citizen)
    services.add_comment(consultation, part_key="vision", part_label="Vision", text="Drei", by=citizen)
    with WaitPhrases(3600) as waited, pytest.raises(ParticipationRefused) as refusal:
        services.propose_idea(consultation, title="Vier", text="Idee", by=citizen)
    assert str(refusal.value) in waited.allowed(TOO_MANY)
    assert Idea.objects.filter(consultation=consultation).count() == 1
    assert Comment.objects.filter(consultation=consultation).count() == 2


def test_the_limit_is_per_person_and_per_consultation(consulting, citizen, editor, settings):
    settings.PARTICIPATION_MAX_PER_MINUTE = 2
    _fresh_window(60)
    public, team = consulting.consultation, consulting.team_discussion
    for text in ("Eins", "Zwei"):
        services.add_comment(public, part_key="vision", part_label="Vision", text=text, by=editor)
    with pytest.raises(ParticipationRefused):
        services.add_comment(public, part_key="vision", part_label="Vision", text="Drei", by=editor)
    # The same person in another consultation, another person in this one: their own allowance.
    services.add_comment(team, part_key="vision", part_label="Vision", text="Im Team", by=editor)
    services.add_comment(public, part_key="vision", part_label="Vision", text="Meins", by=citizen)
    services.add_comment(public, part_key="vision", part_label="Vision", text="Auch", by=UserFactory())
    assert Comment.objects.filter(consultation=public).count() == 4


def test_a_refused_contribution_does_not_use_up_the_allowance(consulting, citizen, settings):
    settings.PARTICIPATION_MAX_PER_MINUTE = 2
    _fresh_window(60)
    consultation = consulting.consultation
    for _ in range(3):
        with pytest.raises(ParticipationRefused):
            services.add_comment(consultation, part_key="vision", part_label="Vision", text="   ", by=citizen)
    services.add_comment(consultation, part_key="vision", part_label="Vision", text="Eins", by=citizen)
    services.add_comment(consultation, part_key="vision", part_label="Vision", text="Zwei", by=citizen)
    assert Comment.objects.filter(consultation=consultation).count() == 2
