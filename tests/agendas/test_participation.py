from datetime import date, timedelta

import pytest
from django.urls import reverse

from smartregion.participation import queries, services
from smartregion.participation.models import Comment, Support
from smartregion.participation.services import ParticipationRefused

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_second_support_by_the_same_person_counts_once(consulting, citizen):
    idea = services.propose_idea(consulting.consultation, title="WLAN", text="An Haltestellen", by=UserFactory())
    assert services.support_idea(idea, by=citizen) is True
    assert services.support_idea(idea, by=citizen) is False
    services.support_idea(idea, by=UserFactory())
    assert Support.objects.filter(idea=idea).count() == 2
    assert queries.ideas(consulting.consultation, citizen, moderator=False)[0].support_count == 2


def test_supporting_twice_through_the_page_counts_once(client, consulting, citizen):
    idea = services.propose_idea(consulting.consultation, title="WLAN", text="An Haltestellen", by=UserFactory())
    client.force_login(citizen)
    url = reverse("agendas:support", args=[consulting.pk, idea.pk])
    client.post(url)
    client.post(url)
    assert Support.objects.filter(idea=idea).count() == 1


def test_a_hidden_comment_disappears_publicly_but_stays_with_its_reason_in_history(consulting, citizen, editor):
    comment = services.add_comment(
        consulting.consultation, part_key="vision", part_label="Vision und Ziele", text="Kauft Lose!", by=citizen
    )
    services.hide_contribution(comment, reason="Werbung", by=editor)
    (withheld,) = queries.comments_by_part(consulting.consultation, moderator=False)["vision"]
    assert (withheld.withheld, withheld.text, withheld.hidden_reason) == (True, "", "")
    assert Comment.objects.get(pk=comment.pk).text == "Kauft Lose!"
    states = [(record.text, record.hidden_reason) for record in comment.history.order_by("history_date", "history_id")]
    assert states == [("Kauft Lose!", ""), ("Kauft Lose!", "Werbung")]
    summary = queries.summary(consulting.consultation)
    assert (summary.comments, summary.hidden) == (0, 1)


def test_hiding_needs_a_reason(consulting, citizen, editor):
    comment = services.add_comment(
        consulting.consultation, part_key="vision", part_label="Vision", text="Hm", by=citizen
    )
    with pytest.raises(ParticipationRefused):
        services.hide_contribution(comment, reason="  ", by=editor)


def test_a_closed_consultation_takes_no_new_comments_ideas_or_supports(consulting, citizen, editor):
    idea = services.propose_idea(consulting.consultation, title="Idee", text="Text", by=citizen)
    services.close_consultation(consulting.consultation, by=editor)
    with pytest.raises(ParticipationRefused):
        services.add_comment(
            consulting.consultation, part_key="vision", part_label="Vision", text="zu spät", by=citizen
        )
    with pytest.raises(ParticipationRefused):
        services.propose_idea(consulting.consultation, title="Noch eine", text="zu spät", by=citizen)
    with pytest.raises(ParticipationRefused):
        services.support_idea(idea, by=citizen)
    assert not Comment.objects.filter(consultation=consulting.consultation).exists()


def test_commenting_through_the_page_after_the_end_date_changes_nothing(client, agenda, editor, citizen):
    from smartregion.agendas import services as agenda_services

    agenda_services.open_consultation(
        agenda, starts_on=date.today() - timedelta(days=20), ends_on=date.today() - timedelta(days=1), by=editor
    )
    client.force_login(citizen)
    response = client.post(
        reverse("agendas:comment", args=[agenda.pk, "public"]), {"part": "vision", "text": "zu spät"}
    )
    assert response.status_code == 302
    assert not Comment.objects.exists()
    page = client.get(reverse("agendas:consultation", args=[agenda.pk])).content.decode()
    assert "Die Beteiligung ist beendet" in page and 'name="text"' not in page


def test_a_consultation_that_has_not_begun_takes_nothing(agenda, editor, citizen):
    from smartregion.agendas import services as agenda_services

    agenda_services.open_consultation(
        agenda, starts_on=date.today() + timedelta(days=3), ends_on=date.today() + timedelta(days=30), by=editor
    )
    with pytest.raises(ParticipationRefused):
        services.add_comment(agenda.consultation, part_key="vision", part_label="Vision", text="zu früh", by=citizen)


def test_signed_up_citizens_comment_on_parts_and_measures(client, consulting, citizen, make_measure):
    measure = make_measure(consulting)
    client.force_login(citizen)
    url = reverse("agendas:comment", args=[consulting.pk, "public"])
    client.post(url, {"part": f"massnahme:{measure.pk}", "text": "Bitte offene Daten!"})
    client.post(url, {"part": "vision", "text": "Gut so."})
    client.post(url, {"part": "gibt-es-nicht", "text": "?"})
    comments = {comment.part_key: comment.part_label for comment in Comment.objects.all()}
    assert comments == {f"massnahme:{measure.pk}": f"M1 {measure.title}", "vision": "Vision und Ziele"}


def test_anonymous_visitors_are_asked_to_log_in(client, consulting):
    response = client.post(reverse("agendas:comment", args=[consulting.pk, "public"]), {"part": "vision", "text": "x"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert not Comment.objects.exists()


def test_the_results_summary_counts_and_names_how_ideas_were_handled(consulting, citizen, editor):
    other, third = UserFactory(), UserFactory()
    top = services.propose_idea(consulting.consultation, title="WLAN", text="An Haltestellen", by=citizen)
    low = services.propose_idea(consulting.consultation, title="Bänke", text="Mit Schatten", by=other)
    for person in (other, third):
        services.support_idea(top, by=person)
    services.handle_idea(top, handling="uebernommen", note="in M2", by=editor)
    services.add_comment(consulting.consultation, part_key="vision", part_label="Vision", text="Gut", by=other)
    summary = queries.summary(consulting.consultation)
    assert (summary.participants, summary.comments, summary.ideas, summary.supports) == (3, 1, 2, 2)
    assert [idea.title for idea in summary.top_ideas] == ["WLAN", "Bänke"]
    assert {str(label): count for label, count in summary.handling}["übernommen"] == 1
    assert low.handling == "offen"


def test_moderators_hide_through_the_page_others_may_not(client, consulting, citizen, editor):
    comment = services.add_comment(
        consulting.consultation, part_key="vision", part_label="Vision", text="Spam", by=citizen
    )
    url = reverse("agendas:moderate", args=[consulting.pk, "public"])
    data = {"kind": "comment", "contribution": comment.pk, "reason": "Werbung"}
    client.force_login(citizen)
    assert client.post(url, data).status_code == 403
    client.force_login(editor)
    client.post(url, data)
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Werbung" and comment.hidden_by == editor
