from django.core.management.base import BaseCommand

from smartregion.projects.catalogue_files import store_catalogue_files


class Command(BaseCommand):
    help = (
        "Write the whole published project catalogue (CSV, XLSX, JSON, GeoJSON) into storage: the files the "
        "Projektkatalog's DCAT distributions point at. Celery beat runs this nightly; without a broker, from cron."
    )

    def handle(self, *args, **options):
        for fmt, name in store_catalogue_files().items():
            self.stdout.write(f"{fmt}: {name}")
