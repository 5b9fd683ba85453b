"""The machine-readable deadline rule of a programme (column `frist_regel` of the list, version 2).

    laufend                      no fixed deadline (whether it is open says the status)
    einmalig:2021-09-17          one call with this deadline
    jaehrlich:01-15              every year on this day: the next date is this year's or next year's
    aufrufe:2024-09-30|2025-09-15  the documented ends of calls
    unbekannt                    not documented

An empty rule is a programme of the first list's layout: its deadlines are the dates in its deadline text.
The rule says nothing about the status: "laufend" with status "geschlossen" was open without a deadline and
has ended.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

RUNNING = "laufend"
ONCE = "einmalig"
YEARLY = "jaehrlich"
CALLS = "aufrufe"
UNKNOWN = "unbekannt"
KINDS = (RUNNING, ONCE, YEARLY, CALLS, UNKNOWN)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
FORMAT_HINT = "laufend, einmalig:JJJJ-MM-TT, jaehrlich:MM-TT, aufrufe:JJJJ-MM-TT|JJJJ-MM-TT …, unbekannt"


class InvalidRule(ValueError):
    pass


@dataclass(frozen=True)
class DeadlineRule:
    kind: str  # one of KINDS, or "" (dates from the text)
    dates: tuple = ()  # einmalig and aufrufe: the deadlines, oldest first
    month: int = 0  # jaehrlich
    day: int = 0

    @property
    def has_dates(self) -> bool:
        return self.kind in (ONCE, CALLS)

    def next_yearly(self, today: date) -> date:
        """This year's date if it has not passed, else next year's (29 February: the 28th in other years)."""
        for year in (today.year, today.year + 1):
            day = min(self.day, 28) if (self.month, self.day) == (2, 29) and not _leap(year) else self.day
            candidate = date(year, self.month, day)
            if candidate >= today:
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover

    def describe(self) -> str:
        """The rule in words (German UI text)."""
        if self.kind == RUNNING:
            return _("laufend, ohne feste Frist")
        if self.kind == YEARLY:
            return _("jährlich zum %(day)s") % {"day": f"{self.day:02d}.{self.month:02d}."}
        if self.kind == ONCE:
            return _("einmalige Frist %(date)s") % {"date": self.dates[0].strftime("%d.%m.%Y")}
        if self.kind == CALLS:
            return _("Aufrufe mit Fristen %(dates)s") % {
                "dates": ", ".join(day.strftime("%d.%m.%Y") for day in self.dates)
            }
        if self.kind == UNKNOWN:
            return _("Frist nicht belegt")
        return ""


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def parse(text: str) -> DeadlineRule:
    """The rule written in `text`; raises InvalidRule with the reason in German."""
    text = (text or "").strip()
    if not text:
        return DeadlineRule("")
    kind, _separator, value = text.partition(":")
    kind = kind.strip()
    value = value.strip()
    if kind in (RUNNING, UNKNOWN):
        if value:
            raise InvalidRule(f"„{kind}“ steht ohne Datum.")
        return DeadlineRule(kind)
    if kind in (ONCE, CALLS):
        parts = [part.strip() for part in value.split("|")] if value else []
        if not parts:
            raise InvalidRule(f"„{kind}“ braucht ein Datum (JJJJ-MM-TT).")
        if kind == ONCE and len(parts) > 1:
            raise InvalidRule("„einmalig“ hat genau ein Datum; mehrere Fristen als „aufrufe:…|…“.")
        dates = []
        for part in parts:
            try:
                if not ISO_DAY.match(part):
                    raise ValueError
                dates.append(date.fromisoformat(part))
            except ValueError:
                raise InvalidRule(f"„{part}“ ist kein Datum (JJJJ-MM-TT).") from None
        return DeadlineRule(kind, dates=tuple(sorted(set(dates))))
    if kind == YEARLY:
        match = MONTH_DAY.match(value)
        if match:
            month, day = int(match[1]), int(match[2])
            try:
                date(2024, month, day)  # a leap year: 02-29 is a date
            except ValueError:
                match = None
        if not match:
            raise InvalidRule(f"„{value}“ ist kein Tag im Jahr (MM-TT).")
        return DeadlineRule(kind, month=month, day=day)
    raise InvalidRule(f"Unbekannte Fristregel „{text[:40]}“ ({FORMAT_HINT}).")


def parse_or_empty(text: str) -> DeadlineRule:
    """The stored rule; a rule that does not parse (edited outside the forms) counts as empty."""
    try:
        return parse(text)
    except InvalidRule:
        return DeadlineRule("")


def validate_rule(text: str) -> None:
    """The model field's validator: one rule for the edit form, the import and the admin."""
    try:
        parse(text)
    except InvalidRule as error:
        raise ValidationError(str(error), code="invalid_rule") from None
