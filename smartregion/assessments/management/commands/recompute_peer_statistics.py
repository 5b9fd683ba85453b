import time

from django.core.management.base import BaseCommand

from smartregion.assessments.peers import recompute


class Command(BaseCommand):
    help = "Recompute the peer statistics of all cycles (also done after every submission)."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int)

    def handle(self, *args, cycle=None, **options):
        started = time.perf_counter()
        rows = recompute(cycle)
        if options["verbosity"]:
            self.stdout.write(f"{rows} peer statistics in {time.perf_counter() - started:.1f} s")
