"""The kinds of job: each app names what it builds in the background (in its `AppConfig.ready()`), so that
this app knows no domain model (the import rules of AGENTS.md).

A kind loads its object, says whether a person may ask for it (`check` raises Http404 or PermissionDenied,
as the direct download would) and builds the file as that person sees the object.

An import kind reads a file the person uploaded instead: its object is what the import writes into (a
territory) or None for a platform-wide list; `apply` imports the file with that person's rights and returns
the counts, or raises `core.csvio.ImportRejected` with every row error (nothing written).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.urls import reverse


@dataclass(frozen=True)
class Built:
    file_name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Kind:
    name: str  # in the URL and the job row, e.g. "agenda-pdf"
    label: object  # what the person asked for, lazily translated ("Digitalisierungskonzept als PDF")
    load: Callable[[str], object]  # object id → the object (raises ObjectDoesNotExist)
    check: Callable[[object, object], None]  # (user, object): raises Http404 / PermissionDenied
    build: Callable[[object, object], Built]  # (object, user) → the file
    back_url: Callable[[object], str]  # the page the person came from


@dataclass(frozen=True)
class ImportKind:
    name: str  # e.g. "projects-import"
    label: object  # "Projekte importieren"
    load: Callable[[str], object]  # object id ("" for a platform-wide import) → the object or None
    check: Callable[[object, object], None]  # (user, object): raises Http404 / PermissionDenied
    apply: Callable[..., object]  # (object, user, content, file_name, options) → counts (.created, .updated, …)
    back_url: Callable[[object], str]  # the import page


_kinds: dict[str, Kind | ImportKind] = {}


def register(kind: Kind | ImportKind) -> None:
    _kinds[kind.name] = kind


def get(name: str) -> Kind | ImportKind | None:
    return _kinds.get(name)


def names() -> list[str]:
    return sorted(_kinds)


def platform_import(name: str, label, *, permission: str, importer, page: str, **fixed) -> ImportKind:
    """An import into a platform-wide list (programmes, offerings, the catalog): no object; the person needs
    `permission`; `importer(content, by=…, file_name=…, **fixed, **options)` is the app's all-or-nothing import."""

    def check(user, _nothing) -> None:
        if not user.has_perm(permission):
            raise PermissionDenied

    def apply(_nothing, user, content, file_name, options):
        chosen = {key: value for key, value in options.items() if key != "file_name"}
        return importer(content, by=user, file_name=file_name, **fixed, **chosen)

    return ImportKind(name, label, lambda _id: None, check, apply, lambda _nothing: reverse(page))
