"""The anchor a text is read against, and the calendar arithmetic of resolving against it:
days, weeks, months, quarters, seasons, and holidays whose day moves from year to year."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date, known to the day, the month, the year, or not at all."""

    year: int | None = None
    month: int | None = None
    day: date | None = None

    @classmethod
    def parse(cls, published: str | None) -> Anchor:
        """Read YYYY-MM-DD, YYYY-MM or YYYY (anything else: unknown)."""
        if not published:
            return cls()
        parts = published[:10].split("-")
        try:
            if len(parts) == 3:
                day = date(int(parts[0]), int(parts[1]), int(parts[2]))
                return cls(day.year, day.month, day)
            if len(parts) == 2:
                return cls(int(parts[0]), int(parts[1]))
            return cls(int(parts[0]))
        except ValueError:
            return cls()


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """Return the (year, month) n months after the given one."""
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def fmt_week(day: date) -> str:
    """The ISO week of a day, as TIMEX3 writes it: 2013-W11."""
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def quarter_of(month: int) -> int:
    """The calendar quarter (1 to 4) of a month."""
    return (month - 1) // 3 + 1


def shift(anchor: Anchor, unit: str, n: int) -> str | None:
    """Return the TIMEX3 value of the calendar unit n units away from the anchor (None if unknown)."""
    if unit in ("D", "W", "WE"):
        if anchor.day is None:
            return None
        if unit == "D":
            return (anchor.day + timedelta(days=n)).isoformat()
        moved = anchor.day + timedelta(weeks=n)
        return fmt_week(moved) + ("-WE" if unit == "WE" else "")
    if unit in ("M", "Q"):
        if anchor.year is None or anchor.month is None:
            return None
        if unit == "M":
            y, m = add_months(anchor.year, anchor.month, n)
            return f"{y}-{m:02d}"
        y, m = add_months(anchor.year, anchor.month, 3 * n)
        return f"{y}-Q{quarter_of(m)}"
    if anchor.year is None:
        return None
    if unit == "DE":
        return str((anchor.year + 10 * n) // 10)
    if unit == "CE":
        return str((anchor.year + 100 * n) // 100)
    return str(anchor.year + n)


def unknown(unit: str) -> str:
    """The underspecified value of a unit when the anchor is too coarse."""
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(unit, "XXXX")


def anchor_of_value(value: str) -> Anchor | None:
    """Turn a resolved DATE value back into an anchor (for expressions relative to it)."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value):
        return Anchor.parse(value[:10])
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return Anchor(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
        return Anchor(int(m[1]), int(m[2]) * 3 - 2)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        return Anchor.parse(date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat())
    if re.fullmatch(r"\d{4}", value):
        return Anchor(int(value))
    return None


def valid_date(y: int, m: int, d: int) -> bool:
    """Whether year, month and day make a date of the calendar."""
    try:
        date(y, m, d)
        return True
    except ValueError:
        return False


# The months a season spans (winter runs into the next year: 12 to 14).
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def easter(y: int, *, orthodox: bool = False) -> date:
    """Easter Sunday: the Gregorian computus (Meeus/Jones/Butcher), or the Julian one for the
    Orthodox churches, shifted to the Gregorian calendar."""
    if orthodox:
        a, b, c = y % 4, y % 7, y % 19
        d = (19 * c + 15) % 30
        e = (2 * a + 4 * b - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        return date(y, month, day + 1) + timedelta(days=y // 100 - y // 400 - 2)
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 2 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(y, month, day + 1)


def nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Monday 0) of a month."""
    first = date(y, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def thanksgiving(y: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    return nth_weekday(y, 11, 3, 4)


# Holidays whose day moves from year to year: (usual month, function of the year).
MOVABLE_HOLIDAYS: dict[str, tuple[int, Callable[[int], date]]] = {
    "thanksgiving": (11, thanksgiving),
    "thanksgiving day": (11, thanksgiving),
    "election day": (11, lambda y: nth_weekday(y, 11, 0, 1) + timedelta(days=1)),  # US: Tuesday after the first Monday
    "easter": (4, easter),
    "orthodox easter": (4, lambda y: easter(y, orthodox=True)),
}
