"""Events, follow-ups and partnerships, moved here from network (issue 23, ADR 0024): their tables keep their
`network_*` names and rows; only Django's picture of them moves (network 0007 removes them there). The content
types move along, so notifications (a generic relation), permissions and admin log entries stay attached."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MOVED = [
    "event", "historicalevent", "agendaitem", "registration", "historicalregistration", "followup",
    "historicalfollowup", "walkinattendee", "historicalwalkinattendee", "hostdecline", "workshopcard",
    "partnership", "historicalpartnership",
]  # fmt: skip


def _move(apps, schema_editor, *, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if content_type.objects.using(db).filter(app_label=new, model=model).exists():
            continue  # made already (post_migrate of an earlier run): the old one is left as it is
        content_type.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _move(apps, schema_editor, old="network", new="events")


def move_content_types_back(apps, schema_editor):
    _move(apps, schema_editor, old="events", new="network")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("actors", "0001_initial"),
        ("needs", "0001_initial"),
        ("network", "0007_events_moved_to_their_own_app"),
        ("projects", "0008_reuse_lineage"),
        ("taxonomy", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("territories", "0002_roles_access_requests_api_tokens_from_accounts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # the tables stay as they are (db_table / table_name name them); only Django's picture of them moves
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Event",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                        ("revision", models.PositiveIntegerField(default=1, editable=False, verbose_name="Version")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("netzwerktreffen", "Netzwerktreffen"),
                                    ("workshop", "Workshop"),
                                    ("living-lab", "Living Lab"),
                                    ("webinar", "Webinar"),
                                ],
                                default="netzwerktreffen",
                                max_length=20,
                                verbose_name="Art",
                            ),
                        ),
                        (
                            "audience",
                            models.CharField(
                                choices=[("oeffentlich", "öffentlich"), ("netzwerk", "nur für das Netzwerk")],
                                default="netzwerk",
                                help_text="„Nur für das Netzwerk“: sehen und anmelden können sich nur die Mitglieder (Redaktionen der Mitgliedskommunen), die Koordination und die Plattform-Administration.",
                                max_length=12,
                                verbose_name="Teilnehmerkreis",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="Titel")),
                        ("starts_at", models.DateTimeField(verbose_name="Beginn")),
                        ("ends_at", models.DateTimeField(verbose_name="Ende")),
                        ("place", models.CharField(blank=True, max_length=300, verbose_name="Ort")),
                        ("online_url", models.URLField(blank=True, verbose_name="Online-Zugang")),
                        ("description", models.TextField(blank=True, verbose_name="Beschreibung")),
                        (
                            "capacity",
                            models.PositiveIntegerField(
                                blank=True, help_text="Leer: unbegrenzt.", null=True, verbose_name="Plätze"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("geplant", "geplant"), ("abgesagt", "abgesagt")],
                                default="geplant",
                                max_length=10,
                                verbose_name="Status",
                            ),
                        ),
                        (
                            "sequence",
                            models.PositiveIntegerField(
                                default=0, editable=False, verbose_name="Änderungszähler (iCalendar)"
                            ),
                        ),
                        ("minutes", models.TextField(blank=True, verbose_name="Protokoll")),
                        (
                            "host",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="hosted_events",
                                to="territories.territory",
                                verbose_name="Gastgeber",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="events",
                                to="network.network",
                                verbose_name="Netzwerk",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Veranstaltung",
                        "verbose_name_plural": "Veranstaltungen",
                        "db_table": "network_event",
                        "ordering": ["starts_at"],
                    },
                ),
                migrations.CreateModel(
                    name="AgendaItem",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="Reihenfolge")),
                        ("title", models.CharField(max_length=300, verbose_name="Tagesordnungspunkt")),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="agenda_items",
                                to="events.event",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Tagesordnungspunkt",
                        "verbose_name_plural": "Tagesordnung",
                        "db_table": "network_agendaitem",
                        "ordering": ["position", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="FollowUp",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                        ("revision", models.PositiveIntegerField(default=1, editable=False, verbose_name="Version")),
                        ("title", models.CharField(max_length=300, verbose_name="Aufgabe")),
                        (
                            "owner",
                            models.CharField(
                                blank=True,
                                help_text="Name, ggf. mit Stelle.",
                                max_length=200,
                                verbose_name="verantwortliche Person",
                            ),
                        ),
                        ("due_on", models.DateField(verbose_name="fällig am")),
                        (
                            "status",
                            models.CharField(
                                choices=[("offen", "offen"), ("in-arbeit", "in Arbeit"), ("erledigt", "erledigt")],
                                db_index=True,
                                default="offen",
                                max_length=10,
                                verbose_name="Stand",
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=500, verbose_name="Notiz zum Stand")),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="actors.actor",
                                verbose_name="Expertin/Experte",
                            ),
                        ),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="follow_ups",
                                to="events.event",
                            ),
                        ),
                        (
                            "need",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="needs.need",
                                verbose_name="Bedarf",
                            ),
                        ),
                        (
                            "owner_territory",
                            models.ForeignKey(
                                blank=True,
                                help_text="Ihre Redaktion kann den Stand selbst eintragen.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="territories.territory",
                                verbose_name="verantwortliche Kommune",
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="projects.project",
                                verbose_name="Projekt",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Folgeaufgabe",
                        "verbose_name_plural": "Folgeaufgaben",
                        "db_table": "network_followup",
                        "ordering": ["due_on", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalEvent",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="angelegt am")),
                        ("revision", models.PositiveIntegerField(default=1, editable=False, verbose_name="Version")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("netzwerktreffen", "Netzwerktreffen"),
                                    ("workshop", "Workshop"),
                                    ("living-lab", "Living Lab"),
                                    ("webinar", "Webinar"),
                                ],
                                default="netzwerktreffen",
                                max_length=20,
                                verbose_name="Art",
                            ),
                        ),
                        (
                            "audience",
                            models.CharField(
                                choices=[("oeffentlich", "öffentlich"), ("netzwerk", "nur für das Netzwerk")],
                                default="netzwerk",
                                help_text="„Nur für das Netzwerk“: sehen und anmelden können sich nur die Mitglieder (Redaktionen der Mitgliedskommunen), die Koordination und die Plattform-Administration.",
                                max_length=12,
                                verbose_name="Teilnehmerkreis",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="Titel")),
                        ("starts_at", models.DateTimeField(verbose_name="Beginn")),
                        ("ends_at", models.DateTimeField(verbose_name="Ende")),
                        ("place", models.CharField(blank=True, max_length=300, verbose_name="Ort")),
                        ("online_url", models.URLField(blank=True, verbose_name="Online-Zugang")),
                        ("description", models.TextField(blank=True, verbose_name="Beschreibung")),
                        (
                            "capacity",
                            models.PositiveIntegerField(
                                blank=True, help_text="Leer: unbegrenzt.", null=True, verbose_name="Plätze"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("geplant", "geplant"), ("abgesagt", "abgesagt")],
                                default="geplant",
                                max_length=10,
                                verbose_name="Status",
                            ),
                        ),
                        (
                            "sequence",
                            models.PositiveIntegerField(
                                default=0, editable=False, verbose_name="Änderungszähler (iCalendar)"
                            ),
                        ),
                        ("minutes", models.TextField(blank=True, verbose_name="Protokoll")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "host",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="territories.territory",
                                verbose_name="Gastgeber",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="network.network",
                                verbose_name="Netzwerk",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical Veranstaltung",
                        "verbose_name_plural": "historical Veranstaltungen",
                        "db_table": "network_historicalevent",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalFollowUp",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="angelegt am")),
                        ("revision", models.PositiveIntegerField(default=1, editable=False, verbose_name="Version")),
                        ("title", models.CharField(max_length=300, verbose_name="Aufgabe")),
                        (
                            "owner",
                            models.CharField(
                                blank=True,
                                help_text="Name, ggf. mit Stelle.",
                                max_length=200,
                                verbose_name="verantwortliche Person",
                            ),
                        ),
                        ("due_on", models.DateField(verbose_name="fällig am")),
                        (
                            "status",
                            models.CharField(
                                choices=[("offen", "offen"), ("in-arbeit", "in Arbeit"), ("erledigt", "erledigt")],
                                db_index=True,
                                default="offen",
                                max_length=10,
                                verbose_name="Stand",
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=500, verbose_name="Notiz zum Stand")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="actors.actor",
                                verbose_name="Expertin/Experte",
                            ),
                        ),
                        (
                            "event",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="events.event",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "need",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="needs.need",
                                verbose_name="Bedarf",
                            ),
                        ),
                        (
                            "owner_territory",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="Ihre Redaktion kann den Stand selbst eintragen.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="territories.territory",
                                verbose_name="verantwortliche Kommune",
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="projects.project",
                                verbose_name="Projekt",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical Folgeaufgabe",
                        "verbose_name_plural": "historical Folgeaufgaben",
                        "db_table": "network_historicalfollowup",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalPartnership",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="angelegt am")),
                        ("revision", models.PositiveIntegerField(default=1, editable=False, verbose_name="Version")),
                        ("topic", models.CharField(max_length=200, verbose_name="Thema")),
                        ("description", models.TextField(blank=True, verbose_name="Beschreibung")),
                        ("starts_on", models.DateField(verbose_name="Beginn")),
                        (
                            "status",
                            models.CharField(
                                choices=[("geplant", "in Vorbereitung"), ("aktiv", "aktiv"), ("beendet", "beendet")],
                                default="aktiv",
                                max_length=10,
                                verbose_name="Status",
                            ),
                        ),
                        ("agreement", models.TextField(blank=True, max_length=100, verbose_name="Vereinbarung")),
                        (
                            "agreement_public",
                            models.BooleanField(
                                default=False,
                                help_text="Sonst laden sie nur die Partner, ihre Koordination und die Plattform-Administration herunter.",
                                verbose_name="Vereinbarung öffentlich",
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="network.network",
                                verbose_name="Netzwerk",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical Partnerschaft",
                        "verbose_name_plural": "historical Partnerschaften",
                        "db_table": "network_historicalpartnership",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalRegistration",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="angelegt am")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("bestaetigt", "angemeldet"),
                                    ("warteliste", "auf der Warteliste"),
                                    ("storniert", "abgemeldet"),
                                ],
                                max_length=12,
                                verbose_name="Status",
                            ),
                        ),
                        ("attended", models.BooleanField(default=False, verbose_name="teilgenommen")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "event",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="events.event",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical Anmeldung",
                        "verbose_name_plural": "historical Anmeldungen",
                        "db_table": "network_historicalregistration",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalWalkInAttendee",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="angelegt am")),
                        ("name", models.CharField(max_length=200, verbose_name="Name")),
                        ("organisation", models.CharField(blank=True, max_length=200, verbose_name="Organisation")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "event",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="events.event",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "territory",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="territories.territory",
                                verbose_name="Kommune",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical Teilnahme ohne Anmeldung",
                        "verbose_name_plural": "historical Teilnahmen ohne Anmeldung",
                        "db_table": "network_historicalwalkinattendee",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HostDecline",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                        ("until", models.DateField(verbose_name="kann nicht ausrichten bis")),
                        ("note", models.CharField(blank=True, max_length=300, verbose_name="Grund")),
                        (
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="host_declines",
                                to="network.network",
                            ),
                        ),
                        (
                            "territory",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="territories.territory",
                                verbose_name="Mitglied",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Absage als Gastgeber",
                        "verbose_name_plural": "Absagen als Gastgeber",
                        "db_table": "network_hostdecline",
                        "ordering": ["-until"],
                    },
                ),
                migrations.CreateModel(
                    name="Partnership",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                        ("revision", models.PositiveIntegerField(default=1, editable=False, verbose_name="Version")),
                        ("topic", models.CharField(max_length=200, verbose_name="Thema")),
                        ("description", models.TextField(blank=True, verbose_name="Beschreibung")),
                        ("starts_on", models.DateField(verbose_name="Beginn")),
                        (
                            "status",
                            models.CharField(
                                choices=[("geplant", "in Vorbereitung"), ("aktiv", "aktiv"), ("beendet", "beendet")],
                                default="aktiv",
                                max_length=10,
                                verbose_name="Status",
                            ),
                        ),
                        (
                            "agreement",
                            models.FileField(blank=True, upload_to="partnerschaften/", verbose_name="Vereinbarung"),
                        ),
                        (
                            "agreement_public",
                            models.BooleanField(
                                default=False,
                                help_text="Sonst laden sie nur die Partner, ihre Koordination und die Plattform-Administration herunter.",
                                verbose_name="Vereinbarung öffentlich",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="partnerships",
                                to="network.network",
                                verbose_name="Netzwerk",
                            ),
                        ),
                        (
                            "partners",
                            models.ManyToManyField(
                                related_name="partnerships", to="territories.territory", verbose_name="Partner"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Partnerschaft",
                        "verbose_name_plural": "Partnerschaften",
                        "db_table": "network_partnership",
                        "ordering": ["-starts_on", "topic"],
                    },
                ),
                migrations.CreateModel(
                    name="Registration",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("bestaetigt", "angemeldet"),
                                    ("warteliste", "auf der Warteliste"),
                                    ("storniert", "abgemeldet"),
                                ],
                                max_length=12,
                                verbose_name="Status",
                            ),
                        ),
                        ("attended", models.BooleanField(default=False, verbose_name="teilgenommen")),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="registrations",
                                to="events.event",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="event_registrations",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Anmeldung",
                        "verbose_name_plural": "Anmeldungen",
                        "db_table": "network_registration",
                        "ordering": ["created_at", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="WalkInAttendee",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                        ("name", models.CharField(max_length=200, verbose_name="Name")),
                        ("organisation", models.CharField(blank=True, max_length=200, verbose_name="Organisation")),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="walk_ins", to="events.event"
                            ),
                        ),
                        (
                            "territory",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="territories.territory",
                                verbose_name="Kommune",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Teilnahme ohne Anmeldung",
                        "verbose_name_plural": "Teilnahmen ohne Anmeldung",
                        "db_table": "network_walkinattendee",
                        "ordering": ["name", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="WorkshopCard",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                        ("text", models.CharField(max_length=500, verbose_name="Herausforderung oder Bedarf")),
                        ("votes", models.PositiveIntegerField(default=0, verbose_name="Stimmen")),
                        (
                            "domain",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to="taxonomy.domain",
                                verbose_name="Handlungsfeld",
                            ),
                        ),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="cards", to="events.event"
                            ),
                        ),
                        (
                            "need",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="needs.need",
                            ),
                        ),
                        (
                            "territory",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to="territories.territory",
                                verbose_name="Kommune",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Workshop-Karte",
                        "verbose_name_plural": "Workshop-Karten",
                        "db_table": "network_workshopcard",
                        "ordering": ["-votes", "pk"],
                    },
                ),
                migrations.AddIndex(
                    model_name="event",
                    index=models.Index(fields=["network", "starts_at"], name="event_network_start"),
                ),
                migrations.AddIndex(
                    model_name="followup",
                    index=models.Index(fields=["due_on", "status"], name="followup_due_status"),
                ),
                migrations.AddConstraint(
                    model_name="registration",
                    constraint=models.UniqueConstraint(fields=("event", "user"), name="registration_once"),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
