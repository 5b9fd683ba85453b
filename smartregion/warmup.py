"""Work every worker would otherwise do on its first requests, done before it takes any.

A fresh worker builds Django's table of URL names on its first link (about 0.4 s at 2,800
patterns), compiles each template on first use, and reads the reference data the matching and the
glossary keep per process (every core.freshness.Kept registered with `warm=True`: programme catalogue,
expert facts, glossary terms, Länder outlines). Under load the
first visitors after a start or deploy waited seconds behind that. Gunicorn calls `warm_up` in
each worker after loading the application (gunicorn.conf.py, post_worker_init). A step that fails
(the database not yet reachable, say) is logged and skipped: the worker starts anyway and does the
work on demand, as before.
"""

import gc
import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)


def _url_names() -> None:
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 - built on first access, per language


def _templates() -> None:
    for templates in Path(settings.PACKAGE_DIR).glob("**/templates"):
        for path in templates.glob("**/*.html"):
            get_template(path.relative_to(templates).as_posix())


def _kept_values() -> None:
    """Every kept value that registered itself for the warm-up (the URL configuration imported them)."""
    from smartregion.core import freshness

    get_resolver().url_patterns  # noqa: B018 - imports every view module, so every kept value is registered
    freshness.warm_up()


STEPS = (_url_names, _templates, _kept_values)


def warm_up() -> float:
    """Run every step; returns the seconds taken."""
    started = time.perf_counter()
    for step in STEPS:
        try:
            step()
        except Exception:  # noqa: BLE001 - a failed step must not keep the worker from starting
            logger.warning("warm-up step %s failed; it happens on demand instead", step.__name__, exc_info=True)
    connections.close_all()  # request threads use their own connections
    # What exists now (modules, URL patterns, templates, kept reference data) lives as long as the worker: moved
    # out of the garbage collector's generations, so that its collections during requests no longer walk it.
    gc.collect()
    gc.freeze()
    return time.perf_counter() - started
