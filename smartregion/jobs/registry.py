"""The kinds of job: each app names what it builds in the background (in its `AppConfig.ready()`), so that
this app knows no domain model (the import rules of AGENTS.md).

A kind loads its object, says whether a person may ask for it (`check` raises Http404 or PermissionDenied,
as the direct download would) and builds the file as that person sees the object.
"""

from collections.abc import Callable
from dataclasses import dataclass


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


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    _kinds[kind.name] = kind


def get(name: str) -> Kind | None:
    return _kinds.get(name)


def names() -> list[str]:
    return sorted(_kinds)
