"""Consultations as participants expect (issue 20, finding 7): nobody supports her own idea, a council
decision only after the consultation ended, the real end date everywhere, the author sees her hidden
contribution with the reason, flagging and the moderators' queue."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from smartregion.agendas import services as agenda_services
from smartregion.agendas.enums import AgendaStatus
from smartregion.agendas.services import AgendaRefused
from smartregion.participation import services
from smartregion.participation.models import Flag, Support
from smartregion.participation.services import ParticipationRefused

from ..factories import UserFactory
from ..waiting import WaitPhrases

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


# --- Consistent end dates --------------------------------------------------------------------------------


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def test_ending_early_sets_the_real_end_and_keeps_the_plan(consulting, editor):
    today, planned = date.today(), date.today() + timedelta(days=14)
    agenda_services.close_consultation(consulting, by=editor)
    consulting.consultation.refresh_from_db()
    consultation = consulting.consultation
    assert (consultation.ends_on, consultation.planned_ends_on, consultation.ended_early) == (today, planned, True)
    states = [(r.ends_on, r.planned_ends_on) for r in consultation.history.order_by("history_date", "history_id")]
    assert states[-2:] == [(planned, None), (today, planned)]


def test_every_page_and_export_shows_the_real_end_after_an_early_end(client, consulting, editor):
    import io

    import docx

    agenda_services.close_consultation(consulting, by=editor)
    start, today, planned = date.today() - timedelta(days=1), date.today(), date.today() + timedelta(days=14)
    short = f"{_day(start)}–{_day(today)}, vorzeitig beendet am {_day(today)} (geplant bis {_day(planned)})"
    sentence = (
        f"Öffentliche Beteiligung vom {_day(start)} bis {_day(today)}, vorzeitig beendet (geplant bis {_day(planned)})."
    )
    detail = client.get(reverse("agendas:detail", args=[consulting.pk])).content.decode()
    page = client.get(reverse("agendas:consultation", args=[consulting.pk])).content.decode()
    for html in (detail, page):
        assert short in html and sentence in html
        assert f"{_day(start)}–{_day(planned)}" not in html
    exported = client.get(reverse("agendas:export", args=[consulting.pk, "json"])).json()["participation"]
    assert (exported["ends_on"], exported["planned_ends_on"]) == (today.isoformat(), planned.isoformat())
    document = docx.Document(io.BytesIO(client.get(reverse("agendas:export", args=[consulting.pk, "docx"])).content))
    assert sentence in [paragraph.text for paragraph in document.paragraphs]


def test_closing_on_or_after_the_last_day_keeps_the_end_date(agenda, editor):
    agenda_services.open_consultation(
        agenda, starts_on=date.today() - timedelta(days=5), ends_on=date.today(), by=editor
    )
    agenda_services.close_consultation(agenda, by=editor)
    agenda.consultation.refresh_from_db()
    assert (agenda.consultation.ends_on, agenda.consultation.planned_ends_on) == (date.today(), None)
    assert not agenda.consultation.ended_early


def test_the_migration_gives_consultations_closed_early_before_the_rule_their_real_end(consulting, editor):
    import importlib

    from django.apps import apps
    from django.utils import timezone

    from smartregion.participation.models import Consultation

    migration = importlib.import_module("smartregion.participation.migrations.0003_consultation_planned_end")
    planned = date.today() + timedelta(days=14)
    closed_at = timezone.now() - timedelta(days=3)
    Consultation.objects.filter(pk=consulting.consultation_id).update(closed_at=closed_at)  # the old close
    migration.real_end_of_early_closed(apps, None)
    consultation = Consultation.objects.get(pk=consulting.consultation_id)
    assert (consultation.ends_on, consultation.planned_ends_on) == (timezone.localdate(closed_at), planned)


# --- A council decision only after the consultation ended ------------------------------------------------


def test_no_council_decision_while_the_consultation_is_open(consulting, editor):
    end = date.today() + timedelta(days=14)
    with pytest.raises(AgendaRefused) as refusal:
        agenda_services.record_decision(consulting, decision_date=date.today(), decision_reference="BV/1", by=editor)
    assert str(refusal.value) == (
        f"Den Ratsbeschluss erfassen Sie, wenn die Beteiligung beendet ist (sie läuft bis zum {_day(end)}). "
        "Entscheidet der Rat früher, beenden Sie die Beteiligung vorher."
    )
    consulting.refresh_from_db()
    consulting.consultation.refresh_from_db()
    assert consulting.status == AgendaStatus.CONSULTATION and consulting.decision_date is None
    assert consulting.consultation.closed_at is None


def test_no_council_decision_before_the_consultation_has_begun(agenda, editor):
    agenda_services.open_consultation(
        agenda, starts_on=date.today() + timedelta(days=3), ends_on=date.today() + timedelta(days=30), by=editor
    )
    with pytest.raises(AgendaRefused):
        agenda_services.record_decision(agenda, decision_date=date.today(), decision_reference="", by=editor)


def test_the_decision_date_is_not_before_the_consultations_end(agenda, editor):
    end = date.today() - timedelta(days=2)
    agenda_services.open_consultation(agenda, starts_on=end - timedelta(days=20), ends_on=end, by=editor)
    with pytest.raises(AgendaRefused) as refusal:
        agenda_services.record_decision(agenda, decision_date=end - timedelta(days=1), decision_reference="", by=editor)
    assert str(refusal.value) == f"Der Ratsbeschluss kann nicht vor dem Ende der Beteiligung am {_day(end)} liegen."
    # Ended by its date (nobody closed it): the council may decide from its last day on.
    agenda_services.record_decision(agenda, decision_date=end, decision_reference="BV/2", by=editor)
    agenda.consultation.refresh_from_db()
    assert agenda.status == AgendaStatus.ADOPTED and agenda.decision_date == end
    assert agenda.consultation.closed_at is not None and agenda.consultation.ends_on == end


def test_the_agenda_page_offers_the_decision_only_after_the_end_and_a_post_before_is_refused(
    client, consulting, editor
):
    client.force_login(editor)
    status_url = reverse("agendas:status", args=[consulting.pk, "beschluss"])
    page = client.get(reverse("agendas:detail", args=[consulting.pk])).content.decode()
    assert status_url not in page and "Den Ratsbeschluss erfassen Sie, wenn die Beteiligung beendet ist." in page
    response = client.post(status_url, {"decision_date": date.today().isoformat()}, follow=True)
    assert "Den Ratsbeschluss erfassen Sie, wenn die Beteiligung beendet ist (sie läuft bis zum" in (
        response.content.decode()
    )
    consulting.refresh_from_db()
    assert consulting.status == AgendaStatus.CONSULTATION
    client.post(reverse("agendas:status", args=[consulting.pk, "beenden"]))
    page = client.get(reverse("agendas:detail", args=[consulting.pk])).content.decode()
    assert status_url in page and f'min="{date.today().isoformat()}"' in page
    assert reverse("agendas:status", args=[consulting.pk, "beenden"]) not in page
    client.post(status_url, {"decision_date": date.today().isoformat(), "decision_reference": "BV/3"})
    consulting.refresh_from_db()
    assert consulting.status == AgendaStatus.ADOPTED


# --- The author sees her hidden contribution with the reason ---------------------------------------------


PLACEHOLDER_COMMENT = "Ein Beitrag wurde von der Moderation ausgeblendet."
PLACEHOLDER_IDEA = "Eine Idee wurde von der Moderation ausgeblendet."
OWN_HIDDEN = "Die Moderation hat Ihren Beitrag ausgeblendet; nur Sie sehen ihn noch. Grund: "


def _hidden_pair(consulting, citizen, editor):
    consultation = consulting.consultation
    comment = services.add_comment(
        consultation, part_key="vision", part_label="Vision und Ziele", text="Ruft 0170 1234567 an", by=citizen
    )
    idea = services.propose_idea(consultation, title="Gewinnspiel", text="Jetzt mitmachen", by=citizen)
    services.hide_contribution(comment, reason="persönliche Daten", by=editor)
    services.hide_contribution(idea, reason="Werbung", by=editor)
    return comment, idea


def test_the_author_sees_her_hidden_comment_and_idea_in_place_with_the_reason(client, consulting, citizen, editor):
    _hidden_pair(consulting, citizen, editor)
    client.force_login(citizen)
    page = client.get(reverse("agendas:consultation", args=[consulting.pk])).content.decode()
    assert "Ruft 0170 1234567 an" in page and "Gewinnspiel" in page and "Jetzt mitmachen" in page
    assert f"{OWN_HIDDEN}persönliche Daten" in page and f"{OWN_HIDDEN}Werbung" in page
    assert PLACEHOLDER_COMMENT not in page and PLACEHOLDER_IDEA not in page


def test_others_see_a_placeholder_without_text_author_or_reason(client, consulting, citizen, editor):
    _hidden_pair(consulting, citizen, editor)
    for viewer in (None, UserFactory()):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        page = client.get(reverse("agendas:consultation", args=[consulting.pk])).content.decode()
        assert page.count(PLACEHOLDER_COMMENT) == 1 and page.count(PLACEHOLDER_IDEA) == 1
        for secret in ("0170 1234567", "Gewinnspiel", "Jetzt mitmachen", "persönliche Daten", "Bea Bürgerin"):
            assert secret not in page


def test_moderators_read_the_hidden_text_with_its_reason(client, consulting, citizen, editor):
    _hidden_pair(consulting, citizen, editor)
    client.force_login(editor)
    page = client.get(reverse("agendas:consultation", args=[consulting.pk])).content.decode()
    assert "Ruft 0170 1234567 an" in page and "Grund: persönliche Daten" in page and "Grund: Werbung" in page
    assert PLACEHOLDER_COMMENT not in page and OWN_HIDDEN not in page


# --- Reports to the moderation and the queue --------------------------------------------------------------


def _comment(consulting, author, text="Kauft Lose!"):
    return services.add_comment(
        consulting.consultation, part_key="vision", part_label="Vision und Ziele", text=text, by=author
    )


def test_a_participant_reports_a_contribution_once_with_a_reason_never_her_own(consulting, citizen, editor):
    author = UserFactory()
    comment = _comment(consulting, author)
    flag = services.flag_contribution(comment, reason="werbung", note=" Gewinnspiel ", by=citizen)
    assert (flag.comment, flag.idea, flag.reason, flag.note, flag.outcome) == (
        comment,
        None,
        "werbung",
        "Gewinnspiel",
        "offen",
    )
    refusals = [
        (
            comment,
            "beleidigung",
            "",
            citizen,
            "Sie haben diesen Beitrag bereits gemeldet; die Moderation sieht ihn sich an.",
        ),
        (comment, "werbung", "", author, "Ihren eigenen Beitrag können Sie nicht melden."),
        (
            comment,
            "sonstiges",
            "  ",
            UserFactory(),
            "Bitte beschreiben Sie kurz, was an dem Beitrag nicht in Ordnung ist.",
        ),
        (comment, "egal", "", UserFactory(), "Bitte wählen Sie einen Grund für die Meldung."),
    ]
    for contribution, reason, note, person, message in refusals:
        with pytest.raises(ParticipationRefused) as refusal:
            services.flag_contribution(contribution, reason=reason, note=note, by=person)
        assert str(refusal.value) == message
    services.hide_contribution(comment, reason="Werbung", by=editor)
    with pytest.raises(ParticipationRefused, match="bereits ausgeblendet"):
        services.flag_contribution(comment, reason="werbung", by=UserFactory())
    assert Flag.objects.count() == 1


def test_ideas_are_reported_too_and_team_threads_are_not(consulting, citizen, editor):
    idea = services.propose_idea(consulting.consultation, title="Gewinnspiel", text="Jetzt", by=UserFactory())
    assert services.flag_contribution(idea, reason="werbung", by=citizen).idea == idea
    team = services.add_comment(consulting.team_discussion, part_key="vision", part_label="Vision", text="x", by=editor)
    with pytest.raises(ParticipationRefused, match="öffentlichen Beteiligung"):
        services.flag_contribution(team, reason="werbung", by=citizen)


def test_reports_are_limited_per_person_and_hour(consulting, citizen, settings):
    import time

    from smartregion.core import limits

    settings.PARTICIPATION_MAX_FLAGS_PER_HOUR = 2
    if limits.seconds_left(3600) < 20:
        time.sleep(limits.seconds_left(3600) + 0.05)
    comments = [_comment(consulting, UserFactory(), f"Beitrag {number}") for number in range(3)]
    for comment in comments[:2]:
        services.flag_contribution(comment, reason="werbung", by=citizen)
    with WaitPhrases(3600) as waited, pytest.raises(ParticipationRefused) as refusal:
        services.flag_contribution(comments[2], reason="werbung", by=citizen)
    assert str(refusal.value) in waited.allowed("Sie haben in kurzer Zeit sehr viele Beiträge gemeldet.")
    assert Flag.objects.filter(flagged_by=citizen).count() == 2
    services.flag_contribution(comments[2], reason="werbung", by=UserFactory())  # another person is not limited


def test_the_page_offers_the_report_dialog_for_others_contributions_and_remembers_the_report(
    client, consulting, citizen
):
    other = _comment(consulting, UserFactory(), "Fremder Beitrag")
    own = _comment(consulting, citizen, "Eigener Beitrag")
    client.force_login(citizen)
    url = reverse("agendas:consultation", args=[consulting.pk])
    page = client.get(url).content.decode()
    assert page.count('class="flag-dialog"') == 1 and f'name="contribution" value="{other.pk}"' in page
    assert f'name="contribution" value="{own.pk}"' not in page
    response = client.post(
        reverse("agendas:flag", args=[consulting.pk]),
        {"kind": "comment", "contribution": other.pk, "reason": "beleidigung", "note": ""},
    )
    assert response["Location"].endswith(f"/beteiligung/#kommentar-{other.pk}")
    assert Flag.objects.get().comment == other
    page = client.get(url).content.decode()
    assert "Von Ihnen gemeldet – die Moderation sieht sich den Beitrag an." in page
    assert 'class="flag-dialog"' not in page
    assert "offene Meldung" not in page  # the count is for moderators


def _reported(consulting, reports: dict):
    """Comments reported by as many people as given: {text: [reason, …]}; returns the comments by text."""
    comments = {}
    for text, reasons in reports.items():
        comment = comments[text] = _comment(consulting, UserFactory(), text)
        for reason in reasons:
            services.flag_contribution(
                comment, reason=reason, note="siehe Text" if reason == "sonstiges" else "", by=UserFactory()
            )
    return comments


def test_the_queue_lists_reported_contributions_most_reported_or_newest_first(client, consulting, editor):
    _reported(
        consulting,
        {"Einmal": ["werbung"], "Dreimal": ["werbung", "werbung", "beleidigung"], "Zweimal": ["sonstiges", "werbung"]},
    )
    client.force_login(editor)
    url = reverse("agendas:moderation_queue", args=[consulting.pk])
    entries = client.get(url).context["entries"]
    assert [(entry.contribution.text, entry.open_flags) for entry in entries] == [
        ("Dreimal", 3),
        ("Zweimal", 2),
        ("Einmal", 1),
    ]
    assert entries[0].reasons == [("Werbung oder Spam", 2), ("Beleidigung", 1)] and entries[1].notes == ["siehe Text"]
    newest = client.get(url, {"ordnung": "neueste"}).context["entries"]
    assert [entry.contribution.text for entry in newest] == ["Zweimal", "Dreimal", "Einmal"]
    page = client.get(url).content.decode()
    assert 'value="Werbung oder Spam"' in page  # the most frequent reason is offered for hiding


def test_hiding_from_the_queue_settles_its_reports_and_the_author_sees_why(client, consulting, editor):
    comment = _reported(consulting, {"Kauft Lose!": ["werbung", "werbung"]})["Kauft Lose!"]
    client.force_login(editor)
    response = client.post(
        reverse("agendas:moderate", args=[consulting.pk, "public"]),
        {"kind": "comment", "contribution": comment.pk, "reason": "Werbung", "from_queue": "on"},
    )
    assert response["Location"] == reverse("agendas:moderation_queue", args=[consulting.pk])
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Werbung"
    assert set(Flag.objects.values_list("outcome", "resolved_by")) == {("ausgeblendet", editor.pk)}
    page = client.get(reverse("agendas:moderation_queue", args=[consulting.pk])).content.decode()
    assert "Keine offenen Meldungen." in page and "Beitrag ausgeblendet: Werbung" in page
    client.force_login(comment.author)
    own = client.get(reverse("agendas:consultation", args=[consulting.pk])).content.decode()
    assert f"{OWN_HIDDEN}Werbung" in own


def test_dismissing_keeps_the_contribution_visible_and_records_who_decided(client, consulting, editor):
    comment = _reported(consulting, {"Harmlos": ["beleidigung", "sonstiges"]})["Harmlos"]
    client.force_login(editor)
    response = client.post(
        reverse("agendas:dismiss_flags", args=[consulting.pk]), {"kind": "comment", "contribution": comment.pk}
    )
    assert response["Location"] == reverse("agendas:moderation_queue", args=[consulting.pk])
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert set(Flag.objects.values_list("outcome", "resolved_by")) == {("verworfen", editor.pk)}
    flag = Flag.objects.first()
    assert [record.outcome for record in flag.history.order_by("history_date", "history_id")] == ["offen", "verworfen"]
    queue = client.get(reverse("agendas:moderation_queue", args=[consulting.pk]))
    assert queue.context["entries"] == []
    (settled,) = queue.context["settled"]
    assert (settled.flags, settled.outcome, settled.resolved_by) == (2, "verworfen", editor)
    # A later report by somebody else brings it back to the queue.
    services.flag_contribution(comment, reason="werbung", by=UserFactory())
    assert len(client.get(reverse("agendas:moderation_queue", args=[consulting.pk])).context["entries"]) == 1


def test_moderators_see_the_open_reports_on_the_agenda_and_consultation_pages(client, consulting, editor, citizen):
    _reported(consulting, {"Eins": ["werbung"], "Zwei": ["werbung", "beleidigung"]})
    client.force_login(editor)
    detail = client.get(reverse("agendas:detail", args=[consulting.pk])).content.decode()
    assert "3 offene Meldungen an die Moderation" in detail
    page = client.get(reverse("agendas:consultation", args=[consulting.pk])).content.decode()
    assert (
        "3 offene Meldungen von Teilnehmenden." in page and "2 offene Meldungen" in page and "1 offene Meldung" in page
    )
    client.force_login(citizen)
    assert "offene Meldung" not in client.get(reverse("agendas:detail", args=[consulting.pk])).content.decode()


def test_the_queue_query_count_does_not_grow_with_reports(client, consulting, editor, django_assert_max_num_queries):
    client.force_login(editor)
    url = reverse("agendas:moderation_queue", args=[consulting.pk])
    _reported(consulting, {"Erster": ["werbung"]})
    services.flag_contribution(
        services.propose_idea(consulting.consultation, title="Idee", text="Text", by=UserFactory()),
        reason="werbung",
        by=UserFactory(),
    )
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    reported = _reported(consulting, {f"Beitrag {number}": ["werbung", "beleidigung"] for number in range(12)})
    for comment in list(reported.values())[:4]:
        services.dismiss_flags(comment, by=editor)
    for number in range(5):
        idea = services.propose_idea(consulting.consultation, title=f"Idee {number}", text="Text", by=UserFactory())
        services.flag_contribution(idea, reason="werbung", by=UserFactory())
    with django_assert_max_num_queries(20) as many:
        response = client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.context["entries"]) == 1 + 1 + 8 + 5
