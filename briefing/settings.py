"""Read briefing.toml: the settings of a recurring build, validated once, with paths made absolute.

The file is found in the current folder or given with --config; command-line options override
it. An unknown key or a bad value is a ConfigError naming the key and what is allowed.
"""
from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from briefing.corpus.periods import LAST_WEEK
from briefing.errors import ConfigError
from briefing.read.untrusted import printable

LOGGER = logging.getLogger(__name__)
FILE_NAME = "briefing.toml"
PAGE_SIZES = ("A4", "letter")
WINDOW = re.compile(r"(?P<n>\d+)\s*(?P<unit>[dw]?)", re.I)
ADDRESS = re.compile(r"[^@\s<>,;\x00-\x1f\x7f-\x9f]+@[^@\s<>,;\x00-\x1f\x7f-\x9f]+\.[^@\s<>,;\x00-\x1f\x7f-\x9f]+")
LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def window_days(value: object, name: str = "--window") -> int | str:
    """Parse a window: 7, "7", "7d" (days) or "1w" (weeks), the number of days; or "last-week"
    (periods.LAST_WEEK: Monday to Sunday of the last full week before the build date)."""
    if isinstance(value, str) and value.strip().lower() == LAST_WEEK:
        return LAST_WEEK
    match = WINDOW.fullmatch(str(value).strip()) if not isinstance(value, bool) else None
    days = int(match["n"]) * (7 if match and match["unit"].lower() == "w" else 1) if match else 0
    if days < 1:
        raise ConfigError(f"{name} {value!r} is not a window: give a number of days, 1 or more (7 or 7d; 1w for a "
                          f"week), or {LAST_WEEK}")
    return days


def parse_date(value: object, name: str) -> date:
    """A day given as YYYY-MM-DD (a TOML date or a string)."""
    if isinstance(value, date) and not isinstance(value, datetime):  # a TOML date-time is no day
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{name} {str(value)!r} is not a date; give it as YYYY-MM-DD") from None


def address(value: object, name: str) -> str:
    """An email address, as a@b.org."""
    if not isinstance(value, str) or not ADDRESS.fullmatch(value.strip()):
        raise ConfigError(f"{name} {value!r} is not an email address (like someone@example.org)")
    return value.strip()


def one_line(value: str, name: str) -> str:
    """Text that must stay one line (a title, a subject: an email header, the PDF's metadata): no line
    break or other control character, which would forge a header (`Bcc:`) or end the line."""
    if LINE_BREAKING.search(value):
        raise ConfigError(f"{name} {value[:80]!r} holds a line break or control character; give one line of text")
    return value


def _line(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or LINE_BREAKING.search(value):
        raise ValueError("one line of text")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty string")
    return value


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def topic_words(value: object, name: str = "--topic") -> tuple[str, ...]:
    """Parse a topic: "libya,libyan" or a list of words; return the words, lower-cased."""
    try:
        return _topic(value)
    except ValueError as exc:
        raise ConfigError(f"{name} {value!r} is not a topic: give {exc}") from None


def _topic(value: object) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else []
    if not items or not all(isinstance(w, str) and w.strip() for w in items):
        raise ValueError("words separated by commas, like libya,libyan (in briefing.toml, a list: [\"libya\", \"libyan\"])")
    return tuple(dict.fromkeys(w.strip().lower() for w in items))


def _port(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
        raise ValueError("a port number from 1 to 65535")
    return value


def _texts(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(x, str) and x.strip() for x in items):
        raise ValueError("a list of files or folders, like [\"inbox/\"]")
    return items


def _addresses(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(x, str) and ADDRESS.fullmatch(x.strip()) for x in items):
        raise ValueError("a list of email addresses, like [\"desk@example.org\"]")
    return [x.strip() for x in items]


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError("a number of seconds above 0")
    return float(value)


def _table(value: object) -> dict:
    if not isinstance(value, dict):
        raise ValueError("a table, [smtp], of " + ", ".join(sorted(SMTP_KEYS)))
    return value


def _choice(*allowed: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in allowed:
            raise ValueError(" or ".join(repr(a) for a in allowed))
        return value
    return check


# key -> its check, which returns the value or raises ValueError saying what is allowed;
# paths are resolved against the file's folder afterwards
BUILD_KEYS: dict[str, Callable[[object], Any]] = {
    "inputs": _texts,
    "output": _text,
    "window": lambda v: window_days(v, "window"),
    "since": lambda v: parse_date(v, "since"),
    "until": lambda v: parse_date(v, "until"),
    "as_of": lambda v: parse_date(v, "as_of"),
    "title": _line,
    "author": _line,
    "recipients": _addresses,
    "subject": _line,
    "templates": _text,
    "page_size": _choice(*PAGE_SIZES),
    "cache": _text,
    "charts": _boolean,
    "topic": _topic,
    "smtp": lambda v: _table(v),
}
SMTP_KEYS: dict[str, Callable[[object], Any]] = {
    "host": _text,
    "port": _port,
    "user": _text,
    "password": _text,
    "starttls": _boolean,
    "ssl": _boolean,
    "sender": lambda v: address(v, "smtp.sender"),
    "timeout": _seconds,
    "cafile": _text,
}
PATH_KEYS = ("output", "templates", "cache")


def find(given: Path | None, cwd: Path | None = None) -> Path | None:
    """The settings file: the one given, else briefing.toml in the current folder, else none."""
    if given is not None:
        if not given.is_file():
            raise ConfigError(f"--config {given}: no such file")
        return given
    here = (cwd or Path.cwd()) / FILE_NAME
    return here if here.is_file() else None


def load(path: Path | None) -> dict[str, Any]:
    """The validated settings of a briefing.toml ({} without one); paths relative to its folder."""
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    settings = _checked(data, BUILD_KEYS, path, "")
    if "smtp" in settings:
        settings["smtp"] = _checked(settings["smtp"], SMTP_KEYS, path, "smtp.")
        if "password" in settings["smtp"]:
            _warn_if_readable(path)
        if "cafile" in settings["smtp"]:
            settings["smtp"]["cafile"] = path.resolve().parent / Path(settings["smtp"]["cafile"]).expanduser()
    if "window" in settings and ("since" in settings or "until" in settings):
        raise ConfigError(f"{path}: give either window or since/until, not both")
    folder = path.resolve().parent
    for key in PATH_KEYS:
        if key in settings:
            settings[key] = folder / Path(settings[key]).expanduser()
    if "inputs" in settings:
        settings["inputs"] = [folder / Path(p).expanduser() for p in settings["inputs"]]
    return settings


def _warn_if_readable(path: Path) -> None:
    """A settings file that holds the SMTP password should be readable by its owner alone."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & 0o077:
        LOGGER.warning("%s holds the SMTP password and other users may read it (mode %03o): chmod 600 it, or give the "
                       "password in BRIEFING_SMTP_PASSWORD instead", path, mode & 0o777)


def _checked(data: dict, keys: dict[str, Callable[[object], Any]], path: Path, prefix: str) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if key not in keys:
            raise ConfigError(f"{path}: unknown key {printable(prefix + key)} (allowed: {', '.join(sorted(keys))})")
        try:
            out[key] = keys[key](value)
        except ValueError as exc:
            shown = "(hidden)" if key == "password" else repr(value)  # a secret never goes into an error
            raise ConfigError(f"{path}: {prefix}{key} = {shown} is not allowed; give {exc}") from None
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None
    return out
