"""NetworkRole and Invitation move here from accounts (ADR 0024); their tables keep their names and rows."""

import django.db.models.deletion
import simple_history.models
import smartregion.network.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_walk_in_attendees"),
        ("territories", "0002_roles_access_requests_api_tokens_from_accounts"),
        ("accounts", "0006_user_language_email_confirmed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # the tables stay as they are (db_table / table_name name them); only Django's picture of them moves
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalInvitation",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="geändert am")),
                        ("email", models.EmailField(max_length=254, verbose_name="E-Mail-Adresse")),
                        (
                            "territory_role",
                            models.CharField(
                                blank=True,
                                choices=[("editor", "Redaktion"), ("admin", "Administration")],
                                max_length=20,
                                verbose_name="Rolle",
                            ),
                        ),
                        ("expires_at", models.DateTimeField(verbose_name="gültig bis")),
                        ("accepted_at", models.DateTimeField(blank=True, null=True, verbose_name="angenommen am")),
                        ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="zurückgezogen am")),
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
                            "accepted_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="angenommen von",
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
                            "invited_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="eingeladen von",
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
                        "verbose_name": "historical Einladung",
                        "verbose_name_plural": "historical Einladungen",
                        "db_table": "accounts_historicalinvitation",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalNetworkRole",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="geändert am")),
                        (
                            "role",
                            models.CharField(
                                choices=[("coordinator", "Koordination")],
                                default="coordinator",
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
                        "verbose_name": "historical Rolle in einem Netzwerk",
                        "verbose_name_plural": "historical Rollen in Netzwerken",
                        "db_table": "accounts_historicalnetworkrole",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Invitation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                        ("email", models.EmailField(max_length=254, verbose_name="E-Mail-Adresse")),
                        (
                            "token",
                            models.CharField(
                                default=smartregion.network.models.new_invitation_token,
                                editable=False,
                                max_length=64,
                                unique=True,
                            ),
                        ),
                        (
                            "territory_role",
                            models.CharField(
                                blank=True,
                                choices=[("editor", "Redaktion"), ("admin", "Administration")],
                                max_length=20,
                                verbose_name="Rolle",
                            ),
                        ),
                        ("expires_at", models.DateTimeField(verbose_name="gültig bis")),
                        ("accepted_at", models.DateTimeField(blank=True, null=True, verbose_name="angenommen am")),
                        ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="zurückgezogen am")),
                        (
                            "accepted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="angenommen von",
                            ),
                        ),
                        (
                            "invited_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="eingeladen von",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="invitations",
                                to="network.network",
                                verbose_name="Netzwerk",
                            ),
                        ),
                        (
                            "territory",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="invitations",
                                to="territories.territory",
                                verbose_name="Gebietskörperschaft",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Einladung",
                        "verbose_name_plural": "Einladungen",
                        "db_table": "accounts_invitation",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("network__isnull", True), ("territory__isnull", False)),
                                    models.Q(("network__isnull", False), ("territory__isnull", True)),
                                    _connector="OR",
                                ),
                                name="invitation_exactly_one_target",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="NetworkRole",
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
                                choices=[("coordinator", "Koordination")],
                                default="coordinator",
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
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="roles",
                                to="network.network",
                                verbose_name="Netzwerk",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="network_roles",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="Konto",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Rolle in einem Netzwerk",
                        "verbose_name_plural": "Rollen in Netzwerken",
                        "db_table": "accounts_networkrole",
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "network"), name="network_role_unique")
                        ],
                    },
                ),
            ],
        ),
    ]
