"""Page sections contributed by other apps, so lower layers need not import higher ones.

A territory page (territories app) shows the territory's projects (projects app), later its
assessment and agenda: each app registers a provider in its AppConfig.ready(); the page asks
`sections_for("territory", request, territory)` and renders each section's template.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Section:
    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)


_providers: dict[str, list[Callable]] = defaultdict(list)


def register(page: str, provider: Callable) -> None:
    if provider not in _providers[page]:
        _providers[page].append(provider)


def sections_for(page: str, request, obj) -> list[Section]:
    sections = (provider(request, obj) for provider in _providers[page])
    return [section for section in sections if section is not None]
