"""Reports of comments and ideas to the moderation (issue 20, finding 7)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0003_consultation_planned_end"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalFlag",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="angelegt am")),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("beleidigung", "Beleidigung"),
                            ("werbung", "Werbung oder Spam"),
                            ("persoenliche_daten", "persönliche Daten"),
                            ("sonstiges", "Sonstiges"),
                        ],
                        max_length=20,
                        verbose_name="Grund der Meldung",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="Erläuterung")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("offen", "offen"),
                            ("ausgeblendet", "Beitrag ausgeblendet"),
                            ("verworfen", "verworfen, Beitrag bleibt sichtbar"),
                        ],
                        db_index=True,
                        default="offen",
                        max_length=20,
                        verbose_name="Ergebnis",
                    ),
                ),
                ("resolved_at", models.DateTimeField(blank=True, null=True, verbose_name="erledigt am")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "comment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="participation.comment",
                        verbose_name="Kommentar",
                    ),
                ),
                (
                    "consultation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="participation.consultation",
                        verbose_name="Beteiligung",
                    ),
                ),
                (
                    "flagged_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="gemeldet von",
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
                    "idea",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="participation.idea",
                        verbose_name="Idee",
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="erledigt von",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Meldung",
                "verbose_name_plural": "historical Meldungen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Flag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("beleidigung", "Beleidigung"),
                            ("werbung", "Werbung oder Spam"),
                            ("persoenliche_daten", "persönliche Daten"),
                            ("sonstiges", "Sonstiges"),
                        ],
                        max_length=20,
                        verbose_name="Grund der Meldung",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="Erläuterung")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("offen", "offen"),
                            ("ausgeblendet", "Beitrag ausgeblendet"),
                            ("verworfen", "verworfen, Beitrag bleibt sichtbar"),
                        ],
                        db_index=True,
                        default="offen",
                        max_length=20,
                        verbose_name="Ergebnis",
                    ),
                ),
                ("resolved_at", models.DateTimeField(blank=True, null=True, verbose_name="erledigt am")),
                (
                    "comment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="participation.comment",
                        verbose_name="Kommentar",
                    ),
                ),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="participation.consultation",
                        verbose_name="Beteiligung",
                    ),
                ),
                (
                    "flagged_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="gemeldet von",
                    ),
                ),
                (
                    "idea",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="participation.idea",
                        verbose_name="Idee",
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="erledigt von",
                    ),
                ),
            ],
            options={
                "verbose_name": "Meldung",
                "verbose_name_plural": "Meldungen",
                "ordering": ["-created_at", "-id"],
                "indexes": [models.Index(fields=["consultation", "outcome"], name="flag_queue")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("comment__isnull", False), ("idea__isnull", True)),
                            models.Q(("comment__isnull", True), ("idea__isnull", False)),
                            _connector="OR",
                        ),
                        name="flag_one_contribution",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("comment__isnull", False)),
                        fields=("comment", "flagged_by"),
                        name="flag_comment_once",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("idea__isnull", False)),
                        fields=("idea", "flagged_by"),
                        name="flag_idea_once",
                    ),
                ],
            },
        ),
    ]
