"""Email a built briefing: the PDF attached, the key developments in the message (plain text and HTML).

What the message says is read from the build's outputs beside the PDF (briefing.json, else
events.json), so that `briefing email` can send any briefing built before. SMTP settings come
from the environment (BRIEFING_SMTP_*) or the settings file's [smtp] table; the password is
never taken from the command line and never written into a log line or an error.
"""
from __future__ import annotations

import contextlib
import json
import logging
import math
import re
import smtplib
import socket
import ssl
import threading
from collections.abc import Callable, Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import urlsplit

from briefing import settings
from briefing.corpus import salience
from briefing.errors import ConfigError, MailError
from briefing.models import SMTPSettings
from briefing.publish import naming
from briefing.read.untrusted import UNPRINTABLE as CONTROL
from briefing.read.untrusted import printable

LOGGER = logging.getLogger(__name__)


ENV = "BRIEFING_SMTP_"
DEFAULT_SENDER = "briefing@localhost"
DEFAULT_TIMEOUT_S = 60.0  # the whole exchange with the server
SENDER = re.compile(r"[^@\s<>,;\x00-\x1f\x7f-\x9f]+@[^@\s<>,;\x00-\x1f\x7f-\x9f]+")
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
MAX_DEVELOPMENTS = 8
# The PDF's page 1 says the same (publish/pageone.py): sources cited, then "+N more"; its lines (publish/naming.py).
CITED_SOURCES, CHANGES_SHOWN = 3, 6


def smtp_settings(found: Mapping[str, object], environ: Mapping[str, str]) -> SMTPSettings:
    """The SMTP settings: the environment's BRIEFING_SMTP_* over the settings file's [smtp] table."""
    def get(key: str):
        return environ[ENV + key.upper()] if ENV + key.upper() in environ else found.get(key)

    host = get("host")
    if not host:
        raise ConfigError(f"no SMTP server: set {ENV}HOST or host in the [smtp] table of briefing.toml")
    use_ssl, starttls = _flag(get("ssl"), "ssl"), _flag(get("starttls"), "starttls")
    if use_ssl and starttls:
        raise ConfigError(f"{ENV}SSL and {ENV}STARTTLS exclude each other: SSL for port 465, STARTTLS for 587")
    port = get("port")
    try:
        port = int(port) if port not in (None, "") else (465 if use_ssl else 587 if starttls else 25)
    except ValueError:
        raise ConfigError(f"{ENV}PORT {port!r} is not a port number") from None
    if not 0 < port < 65536:
        raise ConfigError(f"{ENV}PORT {port} is not a port number from 1 to 65535")
    user, password = get("user") or None, get("password") or None
    if user and not password:
        raise ConfigError(f"SMTP user {user} has no password: set {ENV}PASSWORD (never on the command line)")
    sender = get("from") or found.get("sender") or (user if user and "@" in str(user) else DEFAULT_SENDER)
    cafile = get("cafile")
    return SMTPSettings(host=str(host), port=port, sender=_sender(sender), user=user and str(user),
                        password=password, starttls=starttls, ssl=use_ssl, cafile=Path(cafile) if cafile else None,
                        timeout=_timeout(get("timeout")))


def sender_of(found: Mapping[str, object], environ: Mapping[str, str]) -> str:
    """The From address alone (for a message written to a file: no server needed)."""
    return _sender(environ.get(ENV + "FROM") or found.get("sender") or DEFAULT_SENDER)


def _sender(value: object) -> str:
    """The envelope's and the From header's address: one address, no line break (user@host will do)."""
    if not isinstance(value, str) or not SENDER.fullmatch(value.strip()):
        raise ConfigError(f"{ENV}FROM {str(value)[:80]!r} is not an email address (like briefing@example.org)")
    return value.strip()


def _timeout(value: object) -> float:
    """The time allowed for the whole exchange with the server, in seconds (BRIEFING_SMTP_TIMEOUT)."""
    if value in (None, ""):
        return DEFAULT_TIMEOUT_S
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if not 0 < seconds < math.inf:
        raise ConfigError(f"{ENV}TIMEOUT {str(value)[:40]!r} is not a number of seconds above 0")
    return seconds


def _flag(value: object, key: str) -> bool:
    if isinstance(value, bool) or value is None:
        return bool(value)
    if str(value).strip().lower() in TRUE:
        return True
    if str(value).strip().lower() in FALSE:
        return False
    raise ConfigError(f"{ENV}{key.upper()} {value!r} is not a yes or no: give 1 or 0")


def outputs_of(pdf: Path) -> tuple[Path, Path]:
    """The PDF a path names (latest.pdf followed) and the folder of its tables."""
    real = pdf.resolve()
    if pdf.name == "latest.pdf" and not pdf.is_symlink():  # a copy where links are impossible: find its week
        data = pdf.read_bytes()
        real = next((p for p in sorted(pdf.parent.glob("briefing-*.pdf"), reverse=True) if p.read_bytes() == data), real)
    week = real.parent / real.stem.removeprefix("briefing-")
    return real, week if real.stem.startswith("briefing-") and week.is_dir() else real.parent


def manifest(briefing) -> dict:
    """What a build tells its email (briefing.json): title, period, counts, and the lines the PDF's
    first page opens with, in its words: what is new since the last briefing, and the key
    developments (at scale, the key dates: their day, clearest sentences and first sources)."""
    cfg, window = briefing.config, briefing.config.window
    labels = naming.source_labels(briefing.documents)
    names = {d.source: _outlet(d) for d in briefing.documents}

    def cited(sources: tuple[str, ...]) -> dict:
        shown = [f"{labels.get(s, s)} {names[s]}" if names.get(s) else labels.get(s, s) for s in sources[:CITED_SOURCES]]
        return {"sources": shown, "more": max(len(sources) - CITED_SOURCES, 0)}

    def row(e, words: int = naming.EVENT_WORDS) -> dict:
        return {"event_id": e.event_id, "date": e.date.date if e.date else "", "when": naming.event_when(e),
                "type": naming.type_name(e.type), "summary": naming.event_line(e, words), **cited(e.sources),
                "background": e.background}

    def day(k) -> dict:  # as pageone.key_date_bullet tells a key date
        return {"event_id": k.event_ids[0] if k.event_ids else "", "date": k.date, "when": naming.human_date(k.date),
                "type": "", "summary": naming.key_date_line(k) or "many articles refer to this day",
                **cited(k.sources), "background": False}

    # the PDF's rule (pageone.leads_with_key_dates): beyond a table's worth of events, page 1 leads with the key dates
    if salience.at_scale(briefing.events) and briefing.key_dates:
        key = [day(k) for k in salience.leading_key_dates(briefing.key_dates)]
    else:
        key = [row(e) for e in briefing.key_developments]
    period = (f"{window.week}, {window.first} – {window.last}" if window and window.week
              else f"{window.first} – {window.last}" if window
              else " – ".join(briefing.period) if briefing.period else None)
    changes = briefing.changes
    if changes:  # as pageone.changes_flowables lists them
        fresh = sorted(changes.new, key=lambda e: (e.background, -len(e.sources), e.event_id))[:CHANGES_SHOWN]
        changes = {
            "previous": changes.previous, "n_new": len(changes.new), "n_updated": len(changes.updated),
            "n_dropped": len(changes.dropped),
            "new": [row(e, naming.CHANGE_WORDS) for e in sorted(fresh, key=lambda e: e.event_id)],
            "updated": [{**row(u.event, naming.CHANGE_WORDS), "what": u.what} for u in changes.updated[:CHANGES_SHOWN]],
            "dropped": [{"when": naming.human_date(p.date) if p.date else "undated",
                         "type": naming.type_label(p.type) if p.type in naming.TYPE_NAMES else p.type,
                         "summary": naming.clip(p.summary, 12)} for p in changes.dropped[:3]],
        }
    return {"title": cfg.title, "period": period, "as_of": cfg.as_of.isoformat(), "n_sources": len(briefing.documents),
            "n_events": len(briefing.events), "n_figures": len(briefing.figures), "n_skipped": len(briefing.skipped),
            "key": key, "changes": changes or None}


def _outlet(document) -> str:
    """Who published an article, as a reader knows them: its publisher, else its web site ('' if neither)."""
    if document.publisher:
        return document.publisher
    try:
        host = urlsplit(document.url).hostname if document.url else None
    except ValueError:  # a malformed address ('http://[x')
        host = None
    return host.removeprefix("www.") if host else ""


def facts(folder: Path) -> dict:
    """What the message says, from the build's briefing.json (else its events.json).

    A file there that is not what a build writes is a ConfigError naming it: the message would
    otherwise say something else than the briefing."""
    manifest = folder / "briefing.json"
    if manifest.is_file():
        try:
            return _filled(json.loads(manifest.read_text("utf-8")))
        except (OSError, ValueError, KeyError, AttributeError, TypeError) as exc:
            raise ConfigError(f"{manifest} is not the summary a build writes ({_why(exc)}); build the briefing "
                              "again, or remove the file to make the message from events.json") from None
    try:
        rows = json.loads((folder / "events.json").read_text("utf-8"))
    except OSError:
        rows = []
    except ValueError as exc:
        raise ConfigError(f"{folder / 'events.json'} is not the table a build writes ({_why(exc)}); build the briefing "
                          "again") from None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ConfigError(f"{folder / 'events.json'} is not the table a build writes (not a list of events); build the "
                          "briefing again")
    ranked = sorted((r for r in rows if r.get("date") and not r.get("background")),
                    key=lambda r: (-len(r.get("sources") or ()), r["date"]))[:MAX_DEVELOPMENTS]
    key = [{**r, "when": r["date"], "type": str(r.get("type", "")).replace("_", " "),
            "sources": list(r.get("sources") or ())[:CITED_SOURCES], "more": max(len(r.get("sources") or ()) - CITED_SOURCES, 0)}
           for r in ranked]
    return {"title": "Situation briefing", "period": None, "as_of": None, "n_sources": None, "n_events": len(rows),
            "n_figures": None, "n_skipped": 0, "key": sorted(key, key=lambda r: r["date"]), "changes": None}


def _filled(values: dict) -> dict:
    """A briefing.json of an earlier version lacks some keys the templates read: give them their empty values."""
    if not isinstance(values, dict) or not isinstance(values["key"], list):
        raise TypeError("not an object with a list of key developments")
    for e in values["key"]:
        e.setdefault("more", 0)
    if values.get("changes"):
        values["changes"].setdefault("dropped", [])
        for e in values["changes"]["new"] + values["changes"]["updated"]:
            e.setdefault("more", 0)
    return values


def _why(exc: Exception) -> str:
    return f"no {exc}" if isinstance(exc, KeyError) else printable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)[:120]


def compose(pdf: Path, recipients: list[str], subject: str | None, sender: str,
            templates: Path | None = None) -> EmailMessage:
    """The message: subject, plain and HTML body listing the key developments, the PDF attached."""
    real, folder = outputs_of(pdf)
    try:
        attachment = real.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {pdf}: {exc.strerror}") from None
    values = facts(folder)
    values["pdf"] = real.name
    message = EmailMessage()
    message["Subject"] = settings.one_line(subject, "subject") if subject else _subject(values)
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    message.set_content(_render("email.txt.j2", values, templates))
    message.add_alternative(_render("email.html.j2", values, templates), subtype="html")
    message.add_attachment(attachment, maintype="application", subtype="pdf", filename=real.name)
    return message


def _subject(values: dict) -> str:
    """The title and period as one line (a briefing.json is a file: a line break in it never reaches a header)."""
    period = values.get("period")
    subject = f"{values.get('title') or 'Briefing'}: {period}" if period else str(values.get("title") or "Briefing")
    return " ".join(CONTROL.sub(" ", subject).split())


def _render(name: str, values: dict, override: Path | None) -> str:
    import jinja2

    from briefing.publish import prose

    env = prose.environment(override, autoescape=jinja2.select_autoescape(["html.j2"]), lstrip_blocks=True)
    try:
        return env.get_template(name).render(**values).strip() + "\n"
    except jinja2.TemplateNotFound:
        raise ConfigError(f"template {name} not found in {override or prose.BUILT_IN}") from None
    except jinja2.TemplateError as exc:
        raise ConfigError(f"template {name}: {exc}") from None


def send(message: EmailMessage, smtp: SMTPSettings) -> list[str]:
    """Send the message; return the recipients the server took. Errors are one line, without the password.

    `smtp.timeout` bounds the whole exchange, from the connection to QUIT: smtplib's timeout is per
    read, and a server that sends a line every few seconds would hold the command for ever."""
    recipients = [a.strip() for a in str(message["To"]).split(",")]
    where = f"{smtp.host}:{smtp.port}"
    server = smtplib.SMTP(timeout=smtp.timeout)
    expired, done = threading.Event(), threading.Event()
    deadline = threading.Timer(smtp.timeout, _hang_up, args=(lambda: server, expired, done))
    deadline.daemon = True
    deadline.start()
    step = "connect"
    try:
        context = ssl.create_default_context(cafile=str(smtp.cafile) if smtp.cafile else None)
        if smtp.ssl:
            server = smtplib.SMTP_SSL(timeout=smtp.timeout, context=context)
        # Made without a host so that the deadline runs from the connection on (the constructor would
        # connect and read the greeting); the name TLS checks the certificate against is set as it sets it.
        server._host = smtp.host
        server.connect(smtp.host, smtp.port)
        if smtp.starttls:
            step = "STARTTLS"
            server.starttls(context=context)
        if smtp.user:
            step = "AUTH"
            server.login(smtp.user, smtp.password or "")
        step = "send"
        refused = server.send_message(message, from_addr=smtp.sender, to_addrs=recipients)
        with contextlib.suppress(smtplib.SMTPException, OSError):  # sent: a QUIT unanswered changes nothing
            server.quit()
    except (smtplib.SMTPException, OSError, UnicodeError) as exc:  # ssl.SSLError is an OSError
        raise _failure(exc, step, where, smtp, recipients, expired.is_set()) from None
    finally:
        done.set()
        deadline.cancel()
        server.close()
    for address, (code, _) in refused.items():
        LOGGER.warning("SMTP server %s refused recipient %s (code %s)", where, address, code)
    return [a for a in recipients if a not in refused]


def _hang_up(server: Callable[[], smtplib.SMTP], expired: threading.Event, done: threading.Event) -> None:
    """Past the deadline: cut the connection under the read that waits (run by the timer's thread).

    A deadline that falls while the connection is still being made waits for its socket, which the
    connection's own timeout bounds: the greeting read next must not trickle on unbounded."""
    expired.set()
    while not done.is_set():
        sock = getattr(server(), "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the TCP socket, under any TLS layer
            return
        done.wait(0.05)


def _failure(exc: Exception, step: str, where: str, smtp: SMTPSettings, recipients: list[str],
             timed_out: bool) -> MailError:
    """The one-line error for what went wrong at `step` of the exchange."""
    if timed_out and not isinstance(exc, smtplib.SMTPResponseException):
        return MailError(f"SMTP server {where} did not finish within {smtp.timeout:g} s (it answers too slowly or never "
                         f"ends its reply; {ENV}TIMEOUT sets the limit)")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailError(f"SMTP server {where} refused the login of {smtp.user} (code {exc.smtp_code})")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        if step == "send":  # smtplib's only refusal there: an address that is not ASCII
            wide = next((a for a in [smtp.sender, *recipients] if not a.isascii()), "an address")
            return MailError(f"SMTP server {where} does not offer SMTPUTF8, which {wide} needs (it is not ASCII); give an "
                             "ASCII address (a domain as xn--...), or use a server that offers SMTPUTF8")
        return MailError(f"SMTP server {where} does not offer {step}")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return MailError(f"SMTP server {where} refused every recipient ({', '.join(exc.recipients)})")
    if isinstance(exc, smtplib.SMTPResponseException):
        return MailError(f"SMTP server {where} answered {exc.smtp_code}: {_first_line(exc.smtp_error)}")
    if isinstance(exc, ssl.SSLError):
        return MailError(f"TLS with SMTP server {where} failed: {exc.reason or exc}")
    if isinstance(exc, UnicodeError):  # an address or a header that cannot go out as it is
        return MailError(f"SMTP server {where}: the message cannot be sent as it is ({_first_line(str(exc))})")
    return MailError(f"cannot send through SMTP server {where}: {getattr(exc, 'strerror', None) or exc}")


def _first_line(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return text.strip().splitlines()[0] if text.strip() else "no reason given"
