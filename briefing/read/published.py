"""Publication dates as metadata gives them: their forms, and the years a news article can have."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from briefing.errors import ConfigError

PUBLISHED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# A time of day after the date is allowed and dropped: "2024-03-05T10:00:00Z", "2024-03-05 10:00".
PUBLISHED_TIME = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:Z|[+-]\d{2}:?\d{2})?")
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
