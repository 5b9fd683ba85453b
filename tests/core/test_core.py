import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.urls import reverse

from smartregion.core.backup import fingerprint, is_empty
from smartregion.core.csvio import parse_decimal, read_table
from smartregion.network import services as network_services
from smartregion.network.models import Network
from smartregion.territories.models import Territory

from ..factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "german", "expected"),
    [
        ("1234,5", False, Decimal("1234.5")),
        ("1.234,5", True, Decimal("1234.5")),
        ("1.234", True, Decimal("1234")),
        ("1.234", False, Decimal("1.234")),
        ("133.35", True, Decimal("133.35")),
        ("1,234.5", False, Decimal("1234.5")),
    ],
)
def test_parse_decimal_understands_german_and_english_numbers(text, german, expected):
    assert parse_decimal(text, german=german) == expected


def test_parse_decimal_rejects_words():
    with pytest.raises(ValueError, match="keine Zahl"):
        parse_decimal("zwölf")


def test_read_table_sniffs_semicolons_and_cp1252():
    table = read_table("name;wert\nMünchen;1,5\n".encode("cp1252"))
    assert (table.delimiter, table.encoding) == (";", "cp1252")
    assert table.rows == [(2, {"name": "München", "wert": "1,5"})]


def test_read_table_reports_rows_with_the_wrong_number_of_values():
    table = read_table(b"a,b\n1,2\n3\n")
    assert [str(error) for error in table.errors] == ["Zeile 3: 1 Werte statt 2 wie in der Kopfzeile."]


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_503_when_database_unreachable(client):
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_pages_answer_503_not_500_when_database_goes_away(client):
    with mock.patch("smartregion.territories.queries.list_queryset", side_effect=OperationalError("server closed")):
        response = client.get(reverse("territories:search"))
    assert response.status_code == 503
    assert "Vorübergehend nicht erreichbar" in response.content.decode()
    assert response["Retry-After"] == "30"


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_hsts_is_sent_over_tls_and_plain_http_is_redirected(client, settings):
    """As production runs it (DJANGO_HTTPS, the default when DEBUG is off; check --deploy asserts the settings)."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True
    secure = client.get(reverse("home"), secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "frame-ancestors 'none'" in secure["Content-Security-Policy"]
    plain = client.get(reverse("home"))
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in plain


@pytest.mark.django_db
def test_no_key_page_loads_more_than_300_kb_of_compressed_css_and_javascript(client, jena):
    """Measured as served: WhiteNoise sends the gzip (or smaller Brotli) variant of each file."""
    import gzip
    import re

    from django.contrib.staticfiles import finders

    pages = [reverse("home"), reverse("projects:catalog"), jena.get_absolute_url(), reverse("matching:search"),
             reverse("assessments:index"), reverse("projects:map"), reverse("agendas:list")]  # fmt: skip
    for url in pages:
        html = client.get(url).content.decode()
        assets = set(re.findall(r'(?:src|href)="/static/([^"]+\.(?:js|css))"', html))
        assert assets, url
        compressed = sum(len(gzip.compress(Path(finders.find(asset)).read_bytes(), 9)) for asset in assets)
        assert compressed <= 300 * 1024, f"{url}: {compressed / 1024:.0f} KB of CSS and JavaScript"


@pytest.mark.django_db
def test_no_page_uses_inline_scripts_or_styles_or_a_cdn(client, jena):
    for url in [reverse("home"), reverse("territories:search"), jena.get_absolute_url(), reverse("network:list")]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and " style=" not in html and "<style" not in html
        assert "https://cdn" not in html and "unpkg.com" not in html and "googleapis" not in html


@pytest.mark.django_db
def test_footer_carries_destatis_and_bkg_attribution(client):
    html = client.get(reverse("home")).content.decode()
    assert "© Statistisches Bundesamt (Destatis), 2025 – Gemeindeverzeichnis GV-ISys, Gebietsstand 31.12.2024" in html
    assert "GeoBasis-DE / BKG 2021</a> (Daten verändert)" in html
    assert reverse("data_sources") in html


@pytest.mark.django_db
def test_english_is_switchable_and_german_is_default(client):
    assert 'lang="de"' in client.get("/").content.decode()
    html = client.get("/en/").content.decode()
    assert 'lang="en"' in html
    assert "Skip to content" in html


@pytest.mark.django_db
def test_imprint_shows_operator_text_from_settings(client, settings):
    settings.IMPRINT_TEXT = "Landkreis Musterland, Musterstraße 1"
    assert "Landkreis Musterland" in client.get(reverse("core:imprint")).content.decode()


@pytest.mark.django_db
def test_soft_delete_hides_but_keeps_the_row():
    network = network_services.create_network(name="Weg damit")
    network.delete()
    assert not Network.objects.filter(pk=network.pk).exists()
    assert Network.all_objects.get(pk=network.pk).is_deleted


@pytest.mark.django_db
def test_history_page_shows_who_changed_what(client):
    admin = UserFactory(is_superuser=True, full_name="Paula Plattform")
    network = network_services.create_network(name="Alter Name", by=admin)
    client.force_login(admin)
    client.post(
        reverse("network:edit", args=[network.slug]),
        {"name": "Neuer Name", "organisation": "", "description": "", "website": "", "revision": network.revision},
    )
    html = client.get(reverse("core:history", args=["network", "network", network.pk])).content.decode()
    assert "Alter Name" in html and "Neuer Name" in html and "Paula Plattform" in html


@pytest.mark.django_db
def test_concurrent_edit_is_detected_and_nothing_is_lost(client):
    admin = UserFactory(is_superuser=True)
    network = network_services.create_network(name="Netz", by=admin)
    loaded_revision = network.revision
    client.force_login(admin)
    first = {
        "name": "Netz A",
        "organisation": "",
        "description": "erste Fassung",
        "website": "",
        "revision": loaded_revision,
    }
    second = {
        "name": "Netz B",
        "organisation": "",
        "description": "zweite Fassung",
        "website": "",
        "revision": loaded_revision,
    }
    assert client.post(reverse("network:edit", args=[network.slug]), first).status_code == 302
    response = client.post(reverse("network:edit", args=[network.slug]), second)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jemand anderes hat inzwischen gespeichert" in html
    assert "Netz A" in html and "Netz B" in html  # both versions shown
    network.refresh_from_db()
    assert network.name == "Netz A"  # the first save was not overwritten


@pytest.mark.django_db(transaction=True)
def test_every_app_with_data_is_in_the_backup():
    """A new app's rows (the events app, the coordinators' gap recommendations) must not be left out of backups
    unnoticed: every app of the project with models is backed up or skipped on purpose."""
    from django.apps import apps
    from django.conf import settings

    with_models = {
        app.label for app in apps.get_app_configs() if app.name.startswith("smartregion.") and list(app.get_models())
    }
    listed = set(settings.BACKUP_APP_LABELS) | set(settings.BACKUP_SKIPPED_APP_LABELS)
    assert with_models - listed == set()
    assert {"events", "matching"} <= set(settings.BACKUP_APP_LABELS)


def _flush_in_this_transaction() -> None:
    """`flush` inside the test's transaction. PostgreSQL refuses to TRUNCATE tables whose rows of this transaction
    still wait for their deferred foreign-key checks: those checks run first, and are deferred again for the
    restore (which loads rows before the rows they point at)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", "--no-input", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_backup_round_trip_restores_every_row(tmp_path, jena):
    """Every row comes back, the notifications' too (settings with history, inbox, watches, unsubscribed
    addresses: ADR 0028) but not the outbox; generic references point at the same objects although the restored
    database numbers its content types otherwise. (The one test here that empties the database: a second one
    in the same worker would find no register.)"""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from smartregion.notifications import services as notifications
    from smartregion.notifications.enums import Delivery, Kind
    from smartregion.notifications.models import AddressOptOut, DeliverySetting, Notification, OutboxMail, Watch

    admin = UserFactory(is_superuser=True)
    network = network_services.create_network(name="Sicherung", by=admin)
    network_services.add_member(network, jena, by=admin)
    anna = UserFactory(email="anna@jena.de")
    notifications.set_delivery(user=anna, kind=Kind.REPLY, delivery=Delivery.DIGEST, by=anna)
    notifications.set_delivery(user=anna, kind=Kind.INVITATION, delivery=Delivery.OFF, by=anna)
    notifications.toggle_watch(user=anna, obj=jena)
    AddressOptOut.objects.create(email="ohne.konto@example.org", kind=Kind.INVITATION)
    reply = {"author": "Bea Bürgerin", "place": "Beteiligung – Vision", "excerpt": "Gute Idee"}
    notifications.notify(anna, Kind.REPLY, network, reply, key="1")  # in the inbox, for the digest
    notifications.notify(admin, Kind.REPLY, network, reply, key="2")  # mailed at once
    assert OutboxMail.objects.exists()
    settings_history = DeliverySetting.history.filter(user_id=anna.pk).count()
    before = fingerprint()
    assert "notifications.Watch" in before and "notifications.OutboxMail" not in before
    target = tmp_path / "backup.xml.gz"
    call_command("export_all", str(target), verbosity=0)
    _flush_in_this_transaction()
    assert is_empty()
    for model in (Territory, Network):  # a fresh database numbers its content types otherwise
        content_type = ContentType.objects.get_for_model(model)
        Permission.objects.filter(content_type=content_type).delete()
        ContentType.objects.filter(pk=content_type.pk).update(id=content_type.pk + 1000)
    ContentType.objects.clear_cache()
    call_command("import_all", str(target), verbosity=0)
    assert fingerprint() == before
    assert Network.objects.get(name="Sicherung").territories.get() == jena
    assert not OutboxMail.objects.exists()
    assert DeliverySetting.objects.get(user=anna, kind=Kind.REPLY).delivery == Delivery.DIGEST
    assert notifications.delivery_for(anna, Kind.INVITATION) == Delivery.OFF
    assert DeliverySetting.history.filter(user_id=anna.pk).count() == settings_history
    assert Watch.objects.get(user=anna).target == jena
    assert Notification.objects.get(recipient=anna).target == network
    assert AddressOptOut.objects.filter(email="ohne.konto@example.org", kind=Kind.INVITATION).exists()


def test_verify_backup_finds_a_changed_row_and_passes_an_identical_database(tmp_path, jena):
    recorded = tmp_path / "fingerprint.json"
    call_command("verify_backup", write=recorded, verbosity=0)
    output = io.StringIO()
    call_command("verify_backup", against=recorded, stdout=output)
    assert "match fingerprint.json" in output.getvalue()
    Territory.objects.filter(pk=jena.pk).update(name="Jena (verändert)")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 models differ"):
        call_command("verify_backup", against=recorded, stderr=errors)
    assert "territories.Territory" in errors.getvalue()


def test_check_deploy_passes_with_production_settings():
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-1234567890",
        "DJANGO_ALLOWED_HOSTS": "smartregion.example",
        "DATABASE_URL": "sqlite:///:memory:",
        # production runs tasks on workers (make test-production runs them eagerly beside its broker)
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_english_translation_is_complete():
    po = (ROOT / "smartregion" / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = [entry for entry in po.split("\n\n")[1:] if entry.strip()]
    untranslated = [entry for entry in entries if 'msgstr ""' in entry.splitlines()[-1] and "msgstr[" not in entry]
    assert "#, fuzzy" not in po
    assert untranslated == []
    assert len(entries) > 100


def test_collectstatic_with_hashed_names_succeeds(tmp_path):
    """Production serves hashed, compressed static files; every reference inside them must resolve."""
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-1234567890",
        "DJANGO_ALLOWED_HOSTS": "smartregion.example",
        "DATABASE_URL": "sqlite:///:memory:",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert list((tmp_path / "static").glob("vendor/kern-ux-native-2.7.2/kern.min.*.css.gz"))


def test_the_long_select_marks_chosen_options_and_escapes_labels():
    from smartregion.core.widgets import LongSelectMultiple

    widget = LongSelectMultiple(choices=[("A-1", "Programm <A>"), ("B-2", "Programm B")])
    html = widget.render("genutzt", ["B-2"], attrs={"id": "id_genutzt"})
    assert html.startswith('<select name="genutzt" id="id_genutzt" multiple>')
    assert '<option value="A-1">Programm &lt;A&gt;</option>' in html
    assert '<option value="B-2" selected>Programm B</option>' in html
    quoted = LongSelectMultiple(choices=[('x" onmouseover="alert(1)', "A & B")]).render("genutzt", [])
    assert '<option value="x&quot; onmouseover=&quot;alert(1)">A &amp; B</option>' in quoted


def test_the_long_single_select_renders_what_djangos_select_renders():
    """The adopt form's territory select (thousands of options for an editor of a whole Land) in one pass:
    the same options, the same chosen one, escaped."""
    from django import forms

    from smartregion.core.widgets import LongSelect

    choices = [("", "---------"), ("7", "Wald <Ost>"), ("8", 'Au "Nord"')]
    html = LongSelect(choices=choices).render("territory", "8", attrs={"id": "id_territory", "required": True})
    assert html == (
        '<select name="territory" id="id_territory" required><option value="">---------</option>'
        '<option value="7">Wald &lt;Ost&gt;</option><option value="8" selected>Au &quot;Nord&quot;</option></select>'
    )
    plain = forms.Select(choices=choices).render("territory", "8", attrs={"id": "id_territory", "required": True})
    assert [line.strip() for line in plain.splitlines() if line.strip()] == [
        '<select name="territory" id="id_territory" required>',
        '<option value="">---------</option>',
        '<option value="7">Wald &lt;Ost&gt;</option>',
        '<option value="8" selected>Au &quot;Nord&quot;</option>',
        "</select>",
    ]
