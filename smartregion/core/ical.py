"""Writing iCalendar (RFC 5545) by hand: CRLF lines folded at 75 octets, text escaped.

Used by the deadline feed of funding programmes (and later by event feeds). Kept small and
dependency-free; the tests parse the output back with the `icalendar` library.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.http import HttpResponse

PRODID = "-//Smart Region Hub//DE"


def escape_text(value: str) -> str:
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line so that no line exceeds 75 octets (continuations start with a space)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, size = [], "", 0
    limit = 75
    for character in line:
        length = len(character.encode("utf-8"))
        if size + length > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines carry a leading space
        current += character
        size += length
    parts.append(current)
    return "\r\n ".join(parts)


@dataclass
class AllDayEvent:
    uid: str
    day: date
    summary: str
    description: str = ""
    url: str = ""
    stamp: datetime | None = None
    sequence: int = 0


def _stamp(value: datetime | None) -> str:
    value = (value or datetime.now(UTC)).astimezone(UTC)
    return value.strftime("%Y%m%dT%H%M%SZ")


def calendar(name: str, events) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_stamp(event.stamp)}",
            f"SEQUENCE:{event.sequence}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def ics_response(text: str, file_name: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{file_name}"'
    return response
