"""Publication dates as metadata gives them: their forms, and the years a news article can have."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from briefing.errors import ConfigError

PUBLISHED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# A time of day after the date is allowed and dropped, with its zone: "2024-03-05T10:00:00Z",
# "2024-03-05 10:00", YAML's "2024-11-19 23:30:00 -05:00". The day is the one written, local to the
# article (23:30 at -05:00 on the 19th is the 19th where it was published, though the 20th in UTC).
PUBLISHED_TIME = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})[Tt ](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
                            r"(?:\s*(?P<zone>[Zz]|[+-]\d{1,2}(?::?\d{2})?))?")
ZONE_HOURS = 14  # the farthest offset from UTC a place keeps (Kiribati, +14:00)
PUBLISHED_YEARS = (1800, 2200)  # a news article's; relative dates near the calendar's ends cannot be resolved


def published_date(value: object, path: Path) -> str | None:
    """The publication date metadata gives (YYYY-MM-DD, YYYY-MM or YYYY), checked; None when none is given."""
    if value in (None, ""):
        return None
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    if timed := PUBLISHED_TIME.fullmatch(text):
        text = timed["day"]
        if not _real_time(timed["time"]):
            raise ConfigError(f"published time {timed['time']!r} of {path.name} is not a real time of day")
        if not _real_zone(timed["zone"] or "Z"):
            raise ConfigError(f"published time zone {timed['zone']!r} of {path.name} is no time zone's offset")
    if not PUBLISHED.fullmatch(text):
        raise ConfigError(f"published date {text[:40]!r} of {path.name} is not YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        date.fromisoformat(text if len(text) == 10 else (text + "-01-01")[:10])
    except ValueError:
        raise ConfigError(f"published date {text!r} of {path.name} is not a real date") from None
    if not plausible_year(text):
        raise ConfigError(f"published date {text!r} of {path.name} is outside the years "
                          f"{PUBLISHED_YEARS[0]}–{PUBLISHED_YEARS[1]} of news articles")
    return text


def plausible_year(published: str) -> bool:
    """Whether a publication date is in the years a news article can have (and its dates can be resolved)."""
    return PUBLISHED_YEARS[0] <= int(published[:4]) <= PUBLISHED_YEARS[1]


def _real_time(text: str) -> bool:
    hour, minute, *rest = text.split(":")
    return int(hour) < 24 and int(minute) < 60 and (not rest or float(rest[0]) < 61)


def _real_zone(zone: str) -> bool:
    """Whether an offset (Z, -5, +05:30, -0800) is one a place keeps: within ±14 hours."""
    if zone in ("Z", "z"):
        return True
    digits = zone[1:].replace(":", "")
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    return hours <= ZONE_HOURS and minutes < 60
