"""The real end of a consultation ended early (issue 20, finding 7); the planned end kept beside it."""

from django.db import migrations, models
from django.utils import timezone


def real_end_of_early_closed(apps, schema_editor):
    """Consultations closed by hand before their end date show the day they ended; the plan is kept."""
    consultation = apps.get_model("participation", "Consultation")
    for row in consultation.objects.filter(kind="public", closed_at__isnull=False, ends_on__isnull=False):
        closed_on = timezone.localdate(row.closed_at)
        if closed_on < row.ends_on:
            consultation.objects.filter(pk=row.pk).update(planned_ends_on=row.ends_on, ends_on=closed_on)


def planned_end_back(apps, schema_editor):
    consultation = apps.get_model("participation", "Consultation")
    for row in consultation.objects.filter(planned_ends_on__isnull=False):
        consultation.objects.filter(pk=row.pk).update(ends_on=row.planned_ends_on)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0002_remove_self_supports"),
    ]

    operations = [
        migrations.AddField(
            model_name="consultation",
            name="planned_ends_on",
            field=models.DateField(
                blank=True,
                help_text="Nur wenn die Beteiligung vorzeitig beendet wurde: das Ende, das geplant war.",
                null=True,
                verbose_name="geplantes Ende",
            ),
        ),
        migrations.AddField(
            model_name="historicalconsultation",
            name="planned_ends_on",
            field=models.DateField(
                blank=True,
                help_text="Nur wenn die Beteiligung vorzeitig beendet wurde: das Ende, das geplant war.",
                null=True,
                verbose_name="geplantes Ende",
            ),
        ),
        migrations.AlterField(
            model_name="consultation",
            name="ends_on",
            field=models.DateField(
                blank=True,
                help_text="Der letzte Tag der Beteiligung; nach einem vorzeitigen Ende dieser Tag.",
                null=True,
                verbose_name="Ende",
            ),
        ),
        migrations.AlterField(
            model_name="historicalconsultation",
            name="ends_on",
            field=models.DateField(
                blank=True,
                help_text="Der letzte Tag der Beteiligung; nach einem vorzeitigen Ende dieser Tag.",
                null=True,
                verbose_name="Ende",
            ),
        ),
        migrations.RunPython(real_end_of_early_closed, planned_end_back),
    ]
