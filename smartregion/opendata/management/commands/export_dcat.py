import time

from django.core.management.base import BaseCommand

from smartregion.core.siteurl import site_url
from smartregion.opendata.dcat import write_full_turtle


class Command(BaseCommand):
    help = "Write the whole DCAT-AP.de catalogue (the project catalogue and the open datasets) as one Turtle file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="file to write")
        parser.add_argument("--base-url", default="", help="address of this instance [SITE_URL]")

    def handle(self, *args, path, base_url, **options):
        started = time.perf_counter()
        with open(path, "w", encoding="utf-8") as out:
            pages = write_full_turtle(out, (base_url or site_url()).rstrip("/"))
        self.stdout.write(f"{pages} pages written to {path} in {time.perf_counter() - started:.1f} s")
