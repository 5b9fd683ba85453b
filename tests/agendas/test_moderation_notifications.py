"""Moderation tells the author (issue 25): hidden with the reason, shown again — through the moderation form of
the agenda's consultation, read from the outbox; a moderator is not told of her own contribution."""

import pytest
from django.urls import reverse

from smartregion.notifications.enums import Kind
from smartregion.notifications.models import Notification, OutboxMail
from smartregion.participation import services

pytestmark = pytest.mark.django_db


def test_the_author_hears_of_hiding_with_the_reason_and_of_showing(client, consulting, citizen, editor):
    comment = services.add_comment(
        consulting.consultation, part_key="vision", part_label="Vision", text="Kauft bei uns ein!", by=citizen
    )
    url = reverse("agendas:moderate", args=[consulting.pk, "public"])
    client.force_login(editor)
    client.post(url, {"kind": "comment", "contribution": comment.pk, "reason": "Werbung"})
    hidden = OutboxMail.objects.get(kind=Kind.MODERATION)
    assert hidden.to_address == citizen.email
    assert hidden.subject == "Ihr Beitrag wurde ausgeblendet"
    assert "Begründung: Werbung" in hidden.text_body and "Kauft bei uns ein!" in hidden.text_body
    assert "Begründung: Werbung" in hidden.html_body

    client.post(url, {"kind": "comment", "contribution": comment.pk, "show": "1"})
    shown = OutboxMail.objects.filter(kind=Kind.MODERATION).exclude(pk=hidden.pk).get()
    assert shown.subject == "Ihr Beitrag ist wieder sichtbar"
    assert Notification.objects.filter(recipient=citizen, kind=Kind.MODERATION).count() == 2

    own = services.add_comment(
        consulting.consultation, part_key="vision", part_label="Vision", text="Eigener Test", by=editor
    )
    client.post(url, {"kind": "comment", "contribution": own.pk, "reason": "Test"})
    assert not Notification.objects.filter(recipient=editor).exists()
