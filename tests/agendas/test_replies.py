"""Replies to comments of a public consultation (issue 25): the reply page as a citizen uses it, the same rules as
comments (open phase, text, per-person limits, permission), the replies under their comment, and the comment's
author told as her setting says — read from the outbox and from Django's mail outbox."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from smartregion.agendas import services as agenda_services
from smartregion.notifications import services as notification_services
from smartregion.notifications.enums import Delivery, Kind, MailState
from smartregion.notifications.models import Notification, OutboxMail
from smartregion.participation import services
from smartregion.participation.models import Comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(db):
    return UserFactory(full_name="Nora Nachbarin", email="nora@example.org")


@pytest.fixture
def comment(consulting, citizen):
    consultation = consulting.consultation
    return services.add_comment(
        consultation, part_key="vision", part_label="Vision und Ziele", text="Mehr WLAN am Markt!", by=citizen
    )


def _reply_url(agenda, comment):
    return reverse("agendas:reply", args=[agenda.pk, comment.pk])


def test_a_reply_posted_on_its_page_appears_under_the_comment_and_mails_its_author(
    client, consulting, comment, citizen, neighbour, settings
):
    client.force_login(neighbour)
    page = client.get(reverse("agendas:consultation", args=[consulting.pk]))
    assert _reply_url(consulting, comment) in page.content.decode()  # the reply link under the comment

    form = client.get(_reply_url(consulting, comment))
    assert form.status_code == 200 and "Mehr WLAN am Markt!" in form.content.decode()
    response = client.post(_reply_url(consulting, comment), {"text": "Gute Idee, <b>auch</b> am Bahnhof."})
    reply = Comment.objects.get(reply_to=comment)
    back = reverse("agendas:consultation", args=[consulting.pk])
    assert response.status_code == 302 and response["Location"] == f"{back}#kommentar-{reply.pk}"
    assert (reply.part_key, reply.author, reply.consultation) == ("vision", neighbour, consulting.consultation)

    sent = OutboxMail.objects.get(kind=Kind.REPLY)
    assert sent.to_address == citizen.email and sent.state == MailState.SENT
    assert sent.subject == "Antwort auf Ihren Kommentar: Digitale Agenda Jena – Vision und Ziele"
    assert "Nora Nachbarin hat auf Ihren Kommentar geantwortet" in sent.text_body
    assert "Gute Idee, <b>auch</b> am Bahnhof." in sent.text_body  # plain text as written
    assert "&lt;b&gt;auch&lt;/b&gt;" in sent.html_body and "<b>auch" not in sent.html_body  # escaped in HTML
    assert f"{back}#kommentar-{reply.pk}" in sent.text_body
    assert "nora@example.org" not in sent.text_body  # the replier's address is never shown
    assert [message.to for message in mail.outbox] == [[citizen.email]]
    assert Notification.objects.get(recipient=citizen, kind=Kind.REPLY).link == f"{back}#kommentar-{reply.pk}"

    page = client.get(back).content.decode()
    # the reply shown escaped, under its comment
    assert page.index("Mehr WLAN am Markt!") < page.index("Gute Idee, &lt;b&gt;auch&lt;/b&gt; am Bahnhof")
    assert 'class="comment comment--reply"' in page


def test_no_notification_for_answering_oneself_and_settings_are_respected(
    client, consulting, comment, citizen, neighbour
):
    client.force_login(citizen)
    client.post(_reply_url(consulting, comment), {"text": "Nachtrag von mir"})
    assert Comment.objects.filter(reply_to=comment).count() == 1
    assert not Notification.objects.filter(kind=Kind.REPLY).exists()

    notification_services.set_delivery(user=citizen, kind=Kind.REPLY, delivery=Delivery.DIGEST, by=citizen)
    client.force_login(neighbour)
    client.post(_reply_url(consulting, comment), {"text": "Sehe ich auch so"})
    assert Notification.objects.filter(recipient=citizen, kind=Kind.REPLY).count() == 1
    assert not OutboxMail.objects.filter(kind=Kind.REPLY).exists()  # waits for the digest
    notification_services.send_digests()
    digest = OutboxMail.objects.get(to_address=citizen.email)
    assert "Sehe ich auch so" in digest.text_body

    notification_services.set_delivery(user=citizen, kind=Kind.REPLY, delivery=Delivery.OFF, by=citizen)
    client.post(_reply_url(consulting, comment), {"text": "Und noch etwas"})
    assert Notification.objects.filter(recipient=citizen, kind=Kind.REPLY).count() == 2  # inbox only
    assert OutboxMail.objects.count() == 1


def test_a_reply_to_a_reply_goes_under_the_same_comment(consulting, comment, citizen, neighbour):
    first = services.reply_to_comment(comment, text="Erste Antwort", by=neighbour)
    second = services.reply_to_comment(first, text="Antwort auf die Antwort", by=citizen)
    assert second.reply_to == comment
    assert Notification.objects.filter(kind=Kind.REPLY, recipient=citizen).count() == 1  # not told of her own


def test_replies_meet_the_rules_of_comments(client, consulting, comment, citizen, neighbour, editor, settings):
    client.force_login(neighbour)
    empty = client.post(_reply_url(consulting, comment), {"text": "   "})
    assert empty.status_code == 200 and not Comment.objects.filter(reply_to=comment).exists()
    too_long = client.post(_reply_url(consulting, comment), {"text": "x" * 3001})
    assert too_long.status_code == 200 and not Comment.objects.filter(reply_to=comment).exists()

    settings.PARTICIPATION_MAX_PER_MINUTE = 1
    client.post(_reply_url(consulting, comment), {"text": "eins"})
    throttled = client.post(_reply_url(consulting, comment), {"text": "zwei"})
    assert "sehr viele Beiträge" in throttled.content.decode()
    assert Comment.objects.filter(reply_to=comment).count() == 1

    services.hide_contribution(comment, reason="Werbung", by=editor)
    hidden = client.post(_reply_url(consulting, comment), {"text": "drei"})
    assert hidden.status_code == 302 and Comment.objects.filter(reply_to=comment).count() == 1
    with pytest.raises(services.ParticipationRefused):
        services.reply_to_comment(comment, text="vier", by=neighbour)


def test_a_closed_consultation_and_other_consultations_take_no_replies(client, consulting, comment, neighbour, editor):
    other = agenda_services.create_agenda(
        territory=consulting.territory, title="Andere", start_year=2026, target_year=2030, by=editor
    )
    agenda_services.open_consultation(
        other, starts_on=date(2020, 1, 1), ends_on=date.fromordinal(date.today().toordinal() + 3), by=editor
    )
    client.force_login(neighbour)
    assert client.get(_reply_url(other, comment)).status_code == 404  # the comment is not of that consultation
    services.close_consultation(consulting.consultation, by=editor)
    assert client.post(_reply_url(consulting, comment), {"text": "zu spät"}).status_code == 302
    assert not Comment.objects.filter(reply_to=comment).exists()
    assert client.get(reverse("agendas:reply", args=[consulting.pk, comment.pk])).status_code == 302


def test_only_published_replies_notify(client, consulting, comment, citizen, neighbour, editor, settings):
    settings.NOTIFICATIONS_SEND_AT_ONCE = False  # the mail waits (as until the commit, or in the digest)
    reply = services.reply_to_comment(comment, text="Beleidigung", by=neighbour, link="/x/")
    assert OutboxMail.objects.filter(kind=Kind.REPLY, state=MailState.PENDING).count() == 1
    client.force_login(editor)
    moderate = reverse("agendas:moderate", args=[consulting.pk, "public"])
    client.post(moderate, {"kind": "comment", "contribution": reply.pk, "reason": "Beleidigung"})
    # the waiting mail and the inbox entry are taken back; the replier hears of the moderation
    assert not Notification.objects.filter(kind=Kind.REPLY).exists()
    assert not OutboxMail.objects.filter(kind=Kind.REPLY).exists()
    assert OutboxMail.objects.filter(kind=Kind.MODERATION, to_address=neighbour.email).exists()
    page = client.get(reverse("agendas:consultation", args=[consulting.pk]))
    assert page.status_code == 200
    client.logout()
    public = client.get(reverse("agendas:consultation", args=[consulting.pk])).content.decode()
    assert "Beleidigung" not in public and "Ein Beitrag wurde von der Moderation ausgeblendet." in public

    client.force_login(editor)
    client.post(moderate, {"kind": "comment", "contribution": reply.pk, "show": "1"})
    assert Notification.objects.filter(kind=Kind.REPLY, recipient=citizen).count() == 1  # told once published


def test_english_template_for_an_english_speaker(consulting, comment, citizen, neighbour):
    citizen.language = "en"
    citizen.save(update_fields=["language"])
    services.reply_to_comment(comment, text="Hello", by=neighbour)
    entry = Notification.objects.get(kind=Kind.REPLY)
    assert entry.subject.startswith("Reply to your comment")
    assert "Nora Nachbarin has replied to your comment" in entry.body


def test_a_visitor_is_sent_to_the_login_by_the_reply_link(client, consulting, comment):
    page = client.get(reverse("agendas:consultation", args=[consulting.pk])).content.decode()
    assert _reply_url(consulting, comment) in page
    response = client.get(_reply_url(consulting, comment))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
