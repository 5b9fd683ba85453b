"""Help for places in lower apps, contributed by a higher app.

The questionnaire (assessments app) links each matrix cell to the guides of the Werkzeugkasten
(toolkit app, a higher layer): the toolkit registers a provider for the topic "matrix_cells" in its
AppConfig.ready(); the questionnaire asks `help_for("matrix_cells", cells)` once per page and gets
a mapping from each object's id to its links. Without a provider the answer is empty.
"""

from collections.abc import Callable

_providers: dict[str, Callable] = {}


def provide(topic: str, provider: Callable) -> None:
    _providers[topic] = provider


def help_for(topic: str, objects) -> dict:
    provider = _providers.get(topic)
    return provider(objects) if provider else {}
