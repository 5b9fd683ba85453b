"""An idea's author can no longer support it (issue 20, finding 7): supports given before the rule by the
idea's own author are removed, so that counts and the most supported ideas mean support by others."""

from django.db import migrations
from django.db.models import F


def remove_self_supports(apps, schema_editor):
    support = apps.get_model("participation", "Support")
    support.objects.filter(user_id=F("idea__author_id")).delete()


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [migrations.RunPython(remove_self_supports, migrations.RunPython.noop)]
