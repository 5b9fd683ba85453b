"""The accessibility statement (BGG §12b, BITV 2.0 §7): its parts, the feedback form (stored, mailed to the
operator, limited per client), the operator's list with the reply due in a month, and the reminders."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from smartregion.core.models import AccessibilityFeedback, add_one_month

from ..factories import UserFactory

URL = "/barrierefreiheit/"
GOOD = {
    "name": "",
    "email": "leserin@example.org",
    "page": "/projekte/karte/",
    "message": "Die Karte ist ohne Maus nicht bedienbar.",
}


@pytest.fixture
def operator(settings):
    settings.OPERATOR_CONTACT_EMAIL = "betrieb@example.org"
    return settings.OPERATOR_CONTACT_EMAIL


def received(days_ago, **fields):
    feedback = AccessibilityFeedback.objects.create(
        email=fields.pop("email", f"person{days_ago}@example.org"), message=fields.pop("message", "Barriere"), **fields
    )
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    feedback.refresh_from_db()
    return feedback


def test_the_statement_names_exceptions_date_method_feedback_and_the_arbitration_board(client, db, settings):
    settings.ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 3)
    page = client.get(URL).content.decode()
    assert "teilweise mit den Anforderungen der BITV 2.0 vereinbar" in page
    for exception in ("PDF-Dateien", "Word-Dateien (DOCX)", "Interaktive Projektkarte", "Hochgeladene Dokumente"):
        assert exception in page
    assert "nicht getaggt und erfüllen nicht PDF/UA" in page
    assert "3. Dezember 2026" in page and "Selbstbewertung" in page and "axe-core" in page
    assert 'href="https://www.schlichtungsstelle-bgg.de"' in page and "§\u00a016 BGG" in page
    for field in ("name", "email", "page", "message"):
        assert f'name="{field}"' in page
    assert "csrfmiddlewaretoken" in page


def test_every_page_links_the_statement_in_its_footer(client, db):
    for url, link in (
        ("/", "/barrierefreiheit/"),
        ("/suche/", "/barrierefreiheit/"),
        ("/en/", "/en/barrierefreiheit/"),
    ):
        assert f'href="{link}"' in client.get(url).content.decode(), url


def test_a_message_is_stored_and_mailed_to_the_operator_with_the_reply_due_date(client, db, operator):
    response = client.post(URL, GOOD, follow=True)
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.email, feedback.page, feedback.name) == (GOOD["email"], GOOD["page"], "")
    assert feedback.reply_due == add_one_month(timezone.localdate())
    due = feedback.reply_due.strftime("%d.%m.%Y")
    [sent] = mail.outbox
    assert sent.to == [operator] and sent.reply_to == [GOOD["email"]]
    assert due in sent.subject and GOOD["message"] in sent.body and GOOD["page"] in sent.body
    assert "Ihre Nachricht ist angekommen" in response.content.decode()


def test_without_an_operator_address_the_message_is_stored_all_the_same(client, db, settings):
    settings.OPERATOR_CONTACT_EMAIL = ""
    client.post(URL, GOOD)
    assert AccessibilityFeedback.objects.count() == 1 and mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"email": ""}, "email"),
        ({"email": "keine-adresse"}, "email"),
        ({"message": "   "}, "message"),
        ({"message": "x" * 5001}, "message"),
    ],
)
def test_an_invalid_message_is_refused_with_its_error(client, db, operator, changes, error):
    response = client.post(URL, {**GOOD, **changes})
    assert response.status_code == 200
    assert response.context["form"].errors[error]
    assert AccessibilityFeedback.objects.count() == 0 and mail.outbox == []


def test_messages_are_limited_per_client_and_hour(client, db, operator, settings):
    settings.ACCESSIBILITY_FEEDBACK_PER_HOUR = 2
    for _ in range(2):
        assert client.post(URL, GOOD).status_code == 302
    response = client.post(URL, GOOD)
    assert response.status_code == 200
    assert "sehr viele Nachrichten" in response.content.decode()
    assert AccessibilityFeedback.objects.count() == 2


def test_the_form_needs_its_csrf_token(db, operator):
    assert Client(enforce_csrf_checks=True).post(URL, GOOD).status_code == 403
    assert AccessibilityFeedback.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "due"),
    [
        (date(2026, 12, 3), date(2027, 1, 3)),
        (date(2027, 1, 31), date(2027, 2, 28)),
        (date(2028, 1, 30), date(2028, 2, 29)),
        (date(2026, 3, 31), date(2026, 4, 30)),
    ],
)
def test_the_reply_is_due_one_calendar_month_after_receipt(day, due):
    assert add_one_month(day) == due


def test_the_operators_list_flags_overdue_messages_and_records_the_answer(client, db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    late, recent = received(40, email="spaet@example.org"), received(2, email="neu@example.org")
    assert late.overdue and not recent.overdue
    client.force_login(admin)
    page = client.get(reverse("core:accessibility_feedback")).content.decode()
    assert page.count("überfällig") == 1 and "spaet@example.org" in page and "neu@example.org" in page
    assert "2 Nachrichten sind noch nicht beantwortet" in page
    client.post(reverse("core:accessibility_feedback_answered", args=[late.pk]))
    late.refresh_from_db()
    assert late.answered_at is not None and late.answered_by == admin.email and not late.overdue
    first_answer = late.answered_at
    client.post(reverse("core:accessibility_feedback_answered", args=[late.pk]))
    late.refresh_from_db()
    assert late.answered_at == first_answer
    assert "überfällig" not in client.get(reverse("core:accessibility_feedback")).content.decode()


def test_only_platform_admins_see_the_messages(client, db):
    received(3)
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("core:accessibility_feedback")).status_code == 403


def test_reminders_mail_the_operator_about_unanswered_messages_after_three_weeks_once_a_week(db, operator):
    old, fresh = received(22, email="alt@example.org"), received(5, email="frisch@example.org")
    answered = received(30, email="beantwortet@example.org", answered_at=timezone.now())
    call_command("accessibility_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [reminder] = mail.outbox
    assert reminder.to == [operator]
    assert "alt@example.org" in reminder.body
    assert fresh.email not in reminder.body and answered.email not in reminder.body
    assert add_one_month(timezone.localdate(old.created_at)).strftime("%d.%m.%Y") in reminder.body
    old.refresh_from_db()
    assert old.reminded_at is not None
    call_command("accessibility_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1  # reminded today: not again before a week has passed


def test_reminders_without_an_operator_address_say_so(db, settings, capsys):
    settings.OPERATOR_CONTACT_EMAIL = ""
    received(25)
    call_command("accessibility_reminders")
    assert "OPERATOR_CONTACT_EMAIL is not set" in capsys.readouterr().err and mail.outbox == []


def test_beat_sends_the_reminders_daily_through_an_existing_task(db, operator, settings):
    from celery.schedules import crontab

    from smartregion import celery_app

    celery_app.loader.import_default_modules()  # what `celery -A smartregion beat|worker` imports
    entry = settings.CELERY_BEAT_SCHEDULE["accessibility-reminders"]
    assert entry["task"] in celery_app.tasks
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab) and len(schedule.hour) == 1 and len(schedule.minute) == 1  # once a day
    assert schedule.day_of_week == set(range(7)) and len(schedule.day_of_month) == 31
    received(22, email="alt@example.org")
    celery_app.tasks[entry["task"]].apply().get()  # runs as beat would
    [reminder] = mail.outbox
    assert reminder.to == [operator] and "alt@example.org" in reminder.body
