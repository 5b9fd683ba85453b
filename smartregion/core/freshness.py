"""Kept values and the generations that keep them fresh (ADR 0023).

Every model of the project's apps has a *generation*: a token in the shared cache (`default`: the
database cache, or Redis) that is replaced whenever a row of the model is saved, deleted or linked
(signals), or written in bulk (`bulk_written`, which every importer and every `bulk_create`,
`bulk_update` and `queryset.update()` of the domain code calls). One more generation, `ANY`, moves with
every change: the visitor page cache is keyed by it.

A value built from the database is a `Kept`: it names the models it is built from (`depends_on`)
and is kept under a key holding their generations, so it is rebuilt on the next read after any of them
moved, in every worker at once. Nothing is deleted in place (other workers keep copies in memory);
a change is a new key. A kept value is held in the `pages` cache (process memory in front of the
shared cache), in process memory only (`in_process`, reference data every request reads), or both.
Every `Kept` registers itself: the warm-up walks the registry (`warm=True`) and a test walks every
entry with every model it names.

Generations are read once per request, all of them in one `get_many`; outside requests (commands,
shells) every read asks. A change inside a transaction moves the shared generations after commit;
until then only the writing thread sees it (a private mark on its generations).
"""

import logging
import secrets
import threading
import time
from collections.abc import Callable
from typing import ClassVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.translation import get_language

from . import queue
from .caching import cache_key

logger = logging.getLogger(__name__)

GENERATIONS = "default"  # the shared cache holding the generations
ANY = "*"  # moves with every change of any watched model
DAY = 24 * 3600
# Saves that change only these fields change nothing a page shows (a login), so they move no generation.
BOOKKEEPING_FIELDS = frozenset({"last_login", "last_used_at"})
PROJECT_PACKAGE = "smartregion."

_local = threading.local()


def label_of(model) -> str:
    """ "app_label.modelname" of a model class, or the label itself: a lower app names a higher app's model
    by its label, without importing it (the import rules of AGENTS.md)."""
    if isinstance(model, str):
        return model.lower()
    return model._meta.concrete_model._meta.label_lower


def _key(label: str) -> str:
    return f"generation:{label}"


def _token() -> str:
    return secrets.token_hex(8)


# --- reading ------------------------------------------------------------------------------------


def generations(labels) -> tuple:
    """The current generation of each label, in order. In a request the first read fetches every
    registered label at once; later reads in the same request answer from that."""
    asked = getattr(_local, "request", None)
    if asked is not None and all(label in asked for label in labels):
        found = asked
    else:
        found = _fetch(set(labels) | (Kept.all_labels() if asked is not None else set()))
        if asked is not None:
            asked.update(found)
    private = _private()
    return tuple(found[label] + private.get(label, "") for label in labels)


def _private() -> dict:
    """Marks of the changes this thread made in the transaction it is in: it sees its own writes at once,
    while other workers, which cannot see the rows yet, learn of them after commit. Outside a transaction
    there is nothing uncommitted, so the marks are dropped (committed ones were published, rolled back
    ones never happened)."""
    private = getattr(_local, "private", None)
    if not private:
        return {}
    if not transaction.get_connection().in_atomic_block:
        _local.private = {}
        return {}
    return private


def _fetch(labels) -> dict:
    cache = caches[GENERATIONS]
    _retry_unpublished(cache)
    try:
        held = cache.get_many([_key(label) for label in labels])
    except Exception:  # noqa: BLE001 - a failing shared cache means: build again, never stale
        logger.warning("generations unavailable; values are rebuilt", exc_info=True)
        return {label: _token() for label in labels}
    found = {label: held.get(_key(label)) for label in labels}
    # First use, or culled, or the cache server lost them (flushed, restarted): a new generation, which is
    # a miss for every value built from it. Two workers doing this at once only cost a rebuild: whichever
    # token stays, nothing old is reached.
    missing = {label: _token() for label, token in found.items() if token is None}
    if missing:
        try:
            cache.set_many({_key(label): token for label, token in missing.items()}, None)
        except Exception:  # noqa: BLE001
            logger.warning("generations could not be stored", exc_info=True)
        found.update(missing)
    # The cache server's start (core.rediscache: its run_id; "" for the database cache) is part of every
    # generation: a Redis restored from a snapshot brings back old tokens with the values kept under them.
    epoch = getattr(cache, "epoch", "")
    if epoch:
        found = {label: f"{token}@{epoch}" for label, token in found.items()}
    return found


def _request_started(**kwargs) -> None:
    _local.request = {}


def _request_finished(**kwargs) -> None:
    _local.request = None


request_started.connect(_request_started, dispatch_uid="freshness-request-started")
request_finished.connect(_request_finished, dispatch_uid="freshness-request-finished")


# --- writing ------------------------------------------------------------------------------------


# Labels whose move did not reach the shared cache (it was away). This process moves them again before it
# next reads generations; until then the other workers may show what they kept (ADR 0025).
_unpublished: set = set()
_unpublished_lock = threading.Lock()


def _bump(labels) -> None:
    tokens = {label: _token() for label in labels}
    failed = None
    try:
        failed = caches[GENERATIONS].set_many({_key(label): token for label, token in tokens.items()}, None)
    except Exception:
        failed = True
    if failed:
        logger.error("generations could not be moved: moved again on the next read", exc_info=failed is True)
        with _unpublished_lock:
            _unpublished.update(labels)
    asked = getattr(_local, "request", None)
    if asked is not None:
        epoch = getattr(caches[GENERATIONS], "epoch", "")
        asked.update({label: f"{token}@{epoch}" if epoch else token for label, token in tokens.items()})
    queue.changed(labels)


def _retry_unpublished(cache) -> None:
    if not _unpublished:
        return
    with _unpublished_lock:
        labels = set(_unpublished)
        _unpublished.clear()
    tokens = {_key(label): _token() for label in labels}
    try:
        failed = cache.set_many(tokens, None)
    except Exception:  # noqa: BLE001
        failed = True
    if failed:
        with _unpublished_lock:
            _unpublished.update(labels)
    else:
        logger.warning("generations moved after the shared cache came back: %s", ", ".join(sorted(labels)))


class _AfterCommit:
    def __init__(self):
        self.labels: set = set()

    def __call__(self) -> None:
        _local.private = {}  # published now
        _bump(self.labels)


def bulk_written(*models) -> None:
    """Call after writing rows of these models without `save`/`delete` (bulk_create, bulk_update,
    queryset.update(), raw SQL): their kept values are rebuilt on the next read."""
    labels = {label_of(model) for model in models} | {ANY}
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _bump(labels)
        return
    # In a transaction the shared generations move once, after commit: a write to them now would hold a
    # lock on them until then (every writer of the site would queue on the `*` row of the database cache),
    # and nobody else could see the new rows before anyway. This thread sees its own change at once.
    private = getattr(_local, "private", None)
    if private is None:
        private = _local.private = {}
    private.update({label: f"+{_token()}" for label in labels})
    pending = getattr(_local, "pending", None)
    if pending is None or not any(func is pending for _sids, func, _robust in connection.run_on_commit):
        pending = _local.pending = _AfterCommit()
        transaction.on_commit(pending)
    pending.labels |= labels


_watched: dict = {}


def watched(model) -> bool:
    """The project's own models, not their history rows, nor models that say `freshness_watched = False`
    (bookkeeping no kept value shows, such as the task queue's jobs)."""
    known = _watched.get(model)
    if known is None:
        known = _watched[model] = (
            model.__module__.startswith(PROJECT_PACKAGE)
            and getattr(model, "instance_type", None) is None  # simple_history's historical models
            and getattr(model, "freshness_watched", True)
        )
    return known


def _saved(sender, update_fields=None, **kwargs) -> None:
    if watched(sender) and not (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
        bulk_written(sender)


def _deleted(sender, **kwargs) -> None:
    bulk_written(sender)


def _linked(sender, instance, action, model, **kwargs) -> None:
    if action.startswith("post_") and watched(type(instance)):
        bulk_written(sender, type(instance), model)


def connect_signals() -> None:
    """Called by core's AppConfig.ready. post_delete only for the watched models: a receiver for all
    would switch off Django's fast deletes everywhere."""
    post_save.connect(_saved, dispatch_uid="freshness-saved")
    m2m_changed.connect(_linked, dispatch_uid="freshness-linked")
    for model in apps.get_models(include_auto_created=True):
        if watched(model):
            post_delete.connect(_deleted, sender=model, dispatch_uid=f"freshness-deleted-{label_of(model)}")


# --- kept values --------------------------------------------------------------------------------


BUILD_CLAIM_SECONDS = 120  # a builder's claim expires after this (a worker killed mid-build)
BUILD_WAIT_SECONDS = 60  # how long a reader waits for another's build before building itself


class Kept:
    """A value built from rows of `depends_on`, rebuilt on the first read after any of them changed.

    `build(*parts)` computes it; parts that are model instances are keyed by their pk. `cache`
    names where it is kept between workers (None: only in this process); `in_process` keeps the last
    copy per parts in process memory as well (read on every request, not unpickled each time).
    `switch` names the setting that turns keeping in the shared cache off when 0 (the benchmark's
    cold pages) and gives its lifetime when `seconds` is None. `warm`: built by the warm-up.
    """

    registry: ClassVar[dict] = {}
    _labels: ClassVar[set] = set()

    def __init__(
        self,
        name: str,
        build: Callable,
        *,
        depends_on: tuple,
        seconds: int | None = DAY,
        cache: str | None = "pages",
        in_process: bool = False,
        per_language: bool = True,
        switch: str = "PAGE_CACHE_SECONDS",
        warm: bool = False,
    ):
        if name in self.registry:
            raise ValueError(f"a kept value named {name!r} exists already")
        self.name = name
        self.build = build
        self.depends_on = tuple(depends_on)
        self.labels = tuple(sorted({label_of(model) for model in depends_on}))
        self.seconds, self.cache, self.in_process = seconds, cache, in_process
        self.per_language, self.switch, self.warm = per_language, switch, warm
        self.builds = 0  # how often it was built in this process (tests, diagnostics)
        self._held: dict = {}
        self.registry[name] = self
        Kept._labels.update(self.labels)

    @classmethod
    def all_labels(cls) -> set:
        return cls._labels | {ANY}

    def get(self, *parts):
        key_parts = tuple(getattr(part, "pk", part) for part in parts)
        if self.per_language:
            key_parts += (get_language(),)
        version = generations(self.labels)
        if self.in_process:
            held = self._held.get(key_parts)
            if held is not None and held[0] == version:
                return held[1]
        value = self._shared(key_parts, version, parts)
        if self.in_process:
            if len(self._held) >= 32:  # a few parts per value; never grows without bound
                self._held.clear()
            self._held[key_parts] = (version, value)
        return value

    def get_in_every_language(self, *parts) -> None:
        """Finds or builds the value for `parts` in each of the site's languages: a warm-up on the task queue
        (ADR 0026), so that the first reader after a change finds it whatever language she reads in."""
        languages = [code for code, _name in settings.LANGUAGES] if self.per_language else [get_language()]
        for language in languages:
            with translation.override(language):
                self.get(*parts)

    def _shared(self, key_parts: tuple, version: tuple, parts: tuple):
        seconds = getattr(settings, self.switch, 0)
        if self.seconds is not None and seconds > 0:
            seconds = self.seconds
        if self.cache is None or seconds <= 0:
            return self._build(parts)
        cache = caches[self.cache]
        key = cache_key(f"kept-{self.name}", key_parts, version)
        value = cache.get(key)
        if value is None:
            value = self._build_once(cache, key, seconds, parts)
        return value

    def _build_once(self, cache, key: str, seconds: int, parts: tuple):
        """One build per value and version across every worker and node: whoever finds it missing first builds
        it; the others wait for its result instead of building the same (a cold network dashboard takes
        seconds; eight people opening it at once took eight times the CPU and stalled every other page). A
        builder that fails or dies releases its claim (or it expires); then the next one builds."""
        lock_cache = getattr(cache, "shared", cache)  # never a process's own memory: other workers must see it
        lock = f"{key}:building"
        try:
            mine = lock_cache.add(lock, 1, BUILD_CLAIM_SECONDS)
        except Exception:  # a shared cache away (Redis restarting): build here, as before
            logger.warning("no claim for building %s", self.name, exc_info=True)
            mine = True
        if not mine:
            value = self._wait_for(cache, lock_cache, key, lock)
            if value is not None:
                return value
        try:
            value = self._build(parts)
            cache.set(key, value, seconds)
        finally:
            if mine:
                lock_cache.delete(lock)
        return value

    @staticmethod
    def _wait_for(cache, lock_cache, key: str, lock: str):
        deadline = time.monotonic() + BUILD_WAIT_SECONDS
        pause = 0.02
        while time.monotonic() < deadline:
            time.sleep(pause)
            pause = min(pause * 2, 0.5)
            value = cache.get(key)
            if value is not None:
                return value
            if lock_cache.get(lock) is None:  # the builder gave up without a value: build here
                return None
        return None

    def _build(self, parts: tuple):
        self.builds += 1
        return self.build(*parts)

    def forget(self) -> None:
        """Drop this process's copies (a test's clean start)."""
        self._held = {}


def forget_all() -> None:
    """A clean start: no copies in this process, no generations read in this thread."""
    for value in Kept.registry.values():
        value.forget()
    _local.request = None
    _local.private = {}
    _local.pending = None


def warm_up() -> None:
    """Build every kept value that asks for it (smartregion.warmup)."""
    for value in Kept.registry.values():
        if value.warm:
            value.get()
