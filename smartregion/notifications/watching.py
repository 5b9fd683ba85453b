"""Which objects can be watched: higher apps register their model in AppConfig.ready() (the notifications app
knows none of them), with the kind of news a watch brings."""

_watchable: dict[str, str] = {}


def register(model_label: str, description: str) -> None:
    _watchable[model_label.lower()] = description


def is_watchable(model_label: str) -> bool:
    return model_label.lower() in _watchable


def description(model_label: str) -> str:
    return _watchable.get(model_label.lower(), "")
