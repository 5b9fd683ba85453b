"""What the daily run tells people: higher apps register a function `(today, base_url) -> int` in their
AppConfig.ready() (due follow-ups, watched programmes' deadlines); `send_due_notifications` calls each, then sends
the digests and every waiting mail."""

from collections.abc import Callable

_producers: list[Callable] = []


def register(producer: Callable) -> None:
    if producer not in _producers:
        _producers.append(producer)


def producers() -> list[Callable]:
    return list(_producers)
