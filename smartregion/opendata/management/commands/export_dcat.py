import time

from django.core.management.base import BaseCommand, CommandError

from smartregion.core.siteurl import site_url
from smartregion.opendata.dcat import write_full_turtle
from smartregion.opendata.full_export import store_full_catalogue


class Command(BaseCommand):
    help = (
        "Write the whole DCAT-AP.de catalogue (the project catalogue and the open datasets) as one Turtle file, "
        "or with --store into the storage that /catalog-full.ttl serves."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write")
        parser.add_argument("--store", action="store_true", help="store it for /catalog-full.ttl (as beat does)")
        parser.add_argument("--base-url", default="", help="address of this instance [SITE_URL]")

    def handle(self, *args, path, store, base_url, **options):
        if bool(path) == store:
            raise CommandError("Name a file to write, or --store.")
        started = time.perf_counter()
        if store:
            name, pages = store_full_catalogue(base_url)
        else:
            with open(path, "w", encoding="utf-8") as out:
                pages = write_full_turtle(out, (base_url or site_url()).rstrip("/"))
            name = path
        self.stdout.write(f"{pages} pages written to {name} in {time.perf_counter() - started:.1f} s")
