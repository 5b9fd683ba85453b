"""How a refusal tells a person how long to wait ("Bitte warten Sie 1 Minute." / "… 5 Minuten.")."""

from smartregion.core import limits


def wait_phrase(minutes: int, end: str = ".") -> str:
    return f"Bitte warten Sie {minutes} Minute{'' if minutes == 1 else 'n'}{end}"


class WaitPhrases:
    """The phrases a refusal may show: the minutes left when it was asked for and when it answered.

    A refusal near a minute's end may be written a minute earlier or later than a test reads the clock.
    """

    def __init__(self, window: int):
        self.window = window

    def __enter__(self):
        self.before = limits.minutes_left(self.window)
        return self

    def __exit__(self, *exc_info):
        self.after = limits.minutes_left(self.window)
        return False

    def allowed(self, prefix: str, end: str = ".") -> set[str]:
        return {f"{prefix} {wait_phrase(minutes, end)}" for minutes in (self.before, self.after)}
