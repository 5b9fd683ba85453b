"""The product's addresses plus two benchmark-only views on the same middleware stack:
/bench/minimal, the cheapest Django view, as the yardstick for every page's throughput, and
/bench/slow, a request that stays in flight long enough to kill its worker (bench/faults.py)."""

import os
import time
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from smartregion.urls import handler403, handler404  # noqa: F401
from smartregion.urls import urlpatterns as product_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


def slow(request):
    Path(os.environ["BENCH_SLOW_PIDFILE"]).write_text(str(os.getpid()))
    time.sleep(float(request.GET.get("s", "5")))
    return HttpResponse("slept", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), path("bench/slow", slow), *product_urlpatterns]
