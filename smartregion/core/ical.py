"""Writing iCalendar (RFC 5545) by hand: CRLF lines folded at 75 octets, text escaped.

Used by the deadline feed of funding programmes (all-day events) and the network event feeds (timed
events in Europe/Berlin with a VTIMEZONE; cancellations as STATUS:CANCELLED with a higher SEQUENCE). Kept small and
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
    """Fold a content line so that no line exceeds 75 octets (continuations start with a space).

    Cuts by bytes and steps back over UTF-8 continuation bytes, so a character is never split.
    """
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(encoded[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines carry a leading space
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


@dataclass
class TimedEvent:
    """An event with a start and end time, written in Europe/Berlin local time with its VTIMEZONE."""

    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    stamp: datetime | None = None
    sequence: int = 0
    cancelled: bool = False


TZID = "Europe/Berlin"
# Central European Time with its daylight-saving rules (since 1996): what calendar clients need to read TZID.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def _local(value: datetime) -> str:
    from zoneinfo import ZoneInfo

    return value.astimezone(ZoneInfo(TZID)).strftime("%Y%m%dT%H%M%S")


def _timed(event: TimedEvent) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_stamp(event.stamp)}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTART;TZID={TZID}:{_local(event.starts_at)}",
        f"DTEND;TZID={TZID}:{_local(event.ends_at)}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


def _stamp(value: datetime | None) -> str:
    value = (value or datetime.now(UTC)).astimezone(UTC)
    return value.strftime("%Y%m%dT%H%M%SZ")


def calendar(name: str, events) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    events = list(events)
    if any(isinstance(event, TimedEvent) for event in events):
        lines += [f"X-WR-TIMEZONE:{TZID}", *VTIMEZONE]
    for event in events:
        if isinstance(event, TimedEvent):
            lines += _timed(event)
            continue
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
