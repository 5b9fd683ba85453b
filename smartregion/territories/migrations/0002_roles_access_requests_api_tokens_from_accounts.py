"""TerritoryRole, AccessRequest and ApiToken move here from accounts (ADR 0024); their tables keep their names and rows."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("territories", "0001_initial"),
        ("accounts", "0006_user_language_email_confirmed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # the tables stay as they are (db_table / table_name name them); only Django's picture of them moves
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ApiToken",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                        ("name", models.CharField(max_length=100, verbose_name="Bezeichnung")),
                        ("prefix", models.CharField(max_length=8, verbose_name="Anfang des Schlüssels")),
                        ("key_hash", models.CharField(editable=False, max_length=64, unique=True)),
                        ("last_used_at", models.DateTimeField(blank=True, null=True, verbose_name="zuletzt benutzt")),
                        ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="widerrufen am")),
                        (
                            "territories",
                            models.ManyToManyField(
                                related_name="+", to="territories.territory", verbose_name="gilt für"
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="api_tokens",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="Konto",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "API-Schlüssel",
                        "verbose_name_plural": "API-Schlüssel",
                        "db_table": "accounts_apitoken",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalAccessRequest",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="geändert am")),
                        (
                            "deleted_at",
                            models.DateTimeField(blank=True, editable=False, null=True, verbose_name="gelöscht am"),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[("editor", "Redaktion"), ("admin", "Administration")],
                                max_length=20,
                                verbose_name="gewünschte Rolle",
                            ),
                        ),
                        ("message", models.TextField(max_length=2000, verbose_name="Nachricht")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("offen", "offen"),
                                    ("angenommen", "angenommen"),
                                    ("abgelehnt", "abgelehnt"),
                                    ("zurueckgezogen", "zurückgezogen"),
                                ],
                                default="offen",
                                max_length=20,
                                verbose_name="Stand",
                            ),
                        ),
                        (
                            "from_own_domain",
                            models.BooleanField(
                                default=False,
                                help_text="Beim Antrag festgestellt: die Adresse gehört zur Domain der hinterlegten Website.",
                                verbose_name="Adresse aus der Domain der Kommune",
                            ),
                        ),
                        (
                            "checked_domain",
                            models.CharField(
                                blank=True,
                                help_text="Die Domain der Website beim Antrag; leer, wenn keine Website hinterlegt war.",
                                max_length=253,
                                verbose_name="verglichene Domain",
                            ),
                        ),
                        ("language", models.CharField(default="de", max_length=8, verbose_name="Sprache der Person")),
                        ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="entschieden am")),
                        ("reason", models.TextField(blank=True, max_length=2000, verbose_name="Begründung")),
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
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="entschieden von",
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
                            "requester",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="beantragt von",
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
                                verbose_name="Gebietskörperschaft",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical Zugangsanfrage",
                        "verbose_name_plural": "historical Zugangsanfragen",
                        "db_table": "accounts_historicalaccessrequest",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalTerritoryRole",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="geändert am")),
                        (
                            "role",
                            models.CharField(
                                choices=[("editor", "Redaktion"), ("admin", "Administration")],
                                max_length=20,
                                verbose_name="Rolle",
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
                            "granted_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="vergeben von",
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
                                verbose_name="Gebietskörperschaft",
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
                                verbose_name="Konto",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical Rolle in einer Gebietskörperschaft",
                        "verbose_name_plural": "historical Rollen in Gebietskörperschaften",
                        "db_table": "accounts_historicalterritoryrole",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="AccessRequest",
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
                            "deleted_at",
                            models.DateTimeField(blank=True, editable=False, null=True, verbose_name="gelöscht am"),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[("editor", "Redaktion"), ("admin", "Administration")],
                                max_length=20,
                                verbose_name="gewünschte Rolle",
                            ),
                        ),
                        ("message", models.TextField(max_length=2000, verbose_name="Nachricht")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("offen", "offen"),
                                    ("angenommen", "angenommen"),
                                    ("abgelehnt", "abgelehnt"),
                                    ("zurueckgezogen", "zurückgezogen"),
                                ],
                                default="offen",
                                max_length=20,
                                verbose_name="Stand",
                            ),
                        ),
                        (
                            "from_own_domain",
                            models.BooleanField(
                                default=False,
                                help_text="Beim Antrag festgestellt: die Adresse gehört zur Domain der hinterlegten Website.",
                                verbose_name="Adresse aus der Domain der Kommune",
                            ),
                        ),
                        (
                            "checked_domain",
                            models.CharField(
                                blank=True,
                                help_text="Die Domain der Website beim Antrag; leer, wenn keine Website hinterlegt war.",
                                max_length=253,
                                verbose_name="verglichene Domain",
                            ),
                        ),
                        ("language", models.CharField(default="de", max_length=8, verbose_name="Sprache der Person")),
                        ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="entschieden am")),
                        ("reason", models.TextField(blank=True, max_length=2000, verbose_name="Begründung")),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="entschieden von",
                            ),
                        ),
                        (
                            "requester",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="access_requests",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="beantragt von",
                            ),
                        ),
                        (
                            "territory",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="access_requests",
                                to="territories.territory",
                                verbose_name="Gebietskörperschaft",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Zugangsanfrage",
                        "verbose_name_plural": "Zugangsanfragen",
                        "db_table": "accounts_accessrequest",
                        "ordering": ["-created_at", "-pk"],
                        "indexes": [models.Index(fields=["status", "territory"], name="access_request_status")],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("deleted_at__isnull", True), ("status", "offen")),
                                fields=("territory", "requester"),
                                name="access_request_one_open",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="TerritoryRole",
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
                            "role",
                            models.CharField(
                                choices=[("editor", "Redaktion"), ("admin", "Administration")],
                                max_length=20,
                                verbose_name="Rolle",
                            ),
                        ),
                        (
                            "granted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="vergeben von",
                            ),
                        ),
                        (
                            "territory",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="roles",
                                to="territories.territory",
                                verbose_name="Gebietskörperschaft",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="territory_roles",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="Konto",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Rolle in einer Gebietskörperschaft",
                        "verbose_name_plural": "Rollen in Gebietskörperschaften",
                        "db_table": "accounts_territoryrole",
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "territory"), name="territory_role_unique")
                        ],
                    },
                ),
            ],
        ),
    ]
