"""Peer review tells people (issue 25): the request to the reviewer, a reply to the reviewer's comment, the result
to the territory's editors — each triggered through the pages and read from the outbox."""

import pytest
from django.urls import reverse

from smartregion.notifications.enums import Kind
from smartregion.notifications.models import Notification, OutboxMail

from ..factories import UserFactory
from .conftest import submitted

pytestmark = pytest.mark.django_db


def test_request_reply_and_result_are_notified(client, jena, editor):
    assessment = submitted(jena, level=2, by=editor)
    reviewer = UserFactory(is_expert=True, email="gutachten@uni.example")
    client.force_login(editor)
    client.post(reverse("assessments:invite", args=[assessment.pk]), {"email": reviewer.email, "message": "Danke!"})
    review = assessment.reviews.get()
    request = OutboxMail.objects.get(kind=Kind.REVIEW_REQUEST)
    assert request.to_address == "gutachten@uni.example"
    assert "Danke!" in request.text_body and reverse("assessments:review", args=[review.pk]) in request.text_body

    cell = assessment.answers.first().cell
    url = reverse("assessments:review", args=[review.pk])
    client.force_login(reviewer)
    client.post(url, {"cell": cell.pk, "text": "Beschluss fehlt, eher Stufe 1", "suggested_level": 1})
    comment = review.comments.get()
    client.force_login(editor)
    client.post(url, {"cell": cell.pk, "text": "Der Beschluss ist vom 3. März.", "reply_to": comment.pk})
    reply = OutboxMail.objects.get(kind=Kind.REPLY)
    assert reply.to_address == reviewer.email and "Der Beschluss ist vom 3. März." in reply.text_body
    assert not OutboxMail.objects.filter(kind=Kind.REPLY, to_address=editor.email).exists()  # not told of her own

    client.force_login(reviewer)
    client.post(reverse("assessments:review_done", args=[review.pk]))
    result = OutboxMail.objects.get(kind=Kind.REVIEW_RESULT)
    assert result.to_address == editor.email
    assert Notification.objects.get(recipient=editor, kind=Kind.REVIEW_RESULT).link == url
