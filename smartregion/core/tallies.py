"""Counts of a higher app's objects per object of a lower app, contributed by the higher app.

The network dashboard (assessments app) shows each member's digital agendas (agendas app, a higher layer): the
agendas app registers a provider for the topic "agendas_per_territory" in its AppConfig.ready(); the dashboard
asks `tally("agendas_per_territory", territory_ids)` once and gets a mapping from id to count. Without a provider
the answer is empty (every count 0).
"""

from collections.abc import Callable

_providers: dict[str, Callable] = {}


def provide(topic: str, provider: Callable) -> None:
    _providers[topic] = provider


def tally(topic: str, ids) -> dict[int, int]:
    provider = _providers.get(topic)
    return provider(list(ids)) if provider else {}
