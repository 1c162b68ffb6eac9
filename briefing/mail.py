"""Email a built briefing: the PDF attached, the key developments in the message (plain text and HTML).

What the message says is read from the build's outputs beside the PDF (briefing.json, else
events.json), so that `briefing email` can send any briefing built before. SMTP settings come
from the environment (BRIEFING_SMTP_*) or the settings file's [smtp] table; the password is
never taken from the command line and never written into a log line or an error.
"""
from __future__ import annotations

import json
import logging
import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import urlsplit

from briefing.corpus import salience
from briefing.errors import ConfigError, MailError
from briefing.models import SMTPSettings
from briefing.publish import naming

LOGGER = logging.getLogger(__name__)

BUILT_IN = Path(__file__).resolve().parent.parent / "templates"
ENV = "BRIEFING_SMTP_"
DEFAULT_SENDER = "briefing@localhost"
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
MAX_DEVELOPMENTS = 8
# The PDF's page 1 says the same (report.py): sources cited, then "+N more"; words of each line.
CITED_SOURCES, CHANGES_SHOWN = 3, 6
EVENT_WORDS, KEY_DATE_WORDS, CHANGE_WORDS = 34, 40, 28


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
    timeout = get("timeout")
    return SMTPSettings(host=str(host), port=port, sender=str(sender), user=user and str(user), password=password,
                        starttls=starttls, ssl=use_ssl, cafile=Path(cafile) if cafile else None,
                        timeout=float(timeout) if timeout else 30.0)


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

    def row(e, words: int = EVENT_WORDS) -> dict:
        return {"event_id": e.event_id, "date": e.date.date if e.date else "", "when": naming.event_when(e),
                "type": naming.type_name(e.type), "summary": naming.clip(e.summary, words), **cited(e.sources),
                "background": e.background}

    def day(k) -> dict:  # as report.key_date_bullet tells a key date
        return {"event_id": k.event_ids[0] if k.event_ids else "", "date": k.date, "when": naming.human_date(k.date),
                "type": "", "summary": naming.clip(k.summary, KEY_DATE_WORDS) or "many articles refer to this day",
                **cited(k.sources), "background": False}

    # the PDF's rule (report.write_pdf): beyond a table's worth of events, page 1 leads with the key dates
    if salience.at_scale(briefing.events) and briefing.key_dates:
        key = [day(k) for k in salience.leading_key_dates(briefing.key_dates)]
    else:
        key = [row(e) for e in briefing.key_developments]
    period = (f"{window.week}, {window.first} – {window.last}" if window and window.week
              else f"{window.first} – {window.last}" if window
              else " – ".join(briefing.period) if briefing.period else None)
    changes = briefing.changes
    if changes:  # as report.changes_flowables lists them
        fresh = sorted(changes.new, key=lambda e: (e.background, -len(e.sources), e.event_id))[:CHANGES_SHOWN]
        changes = {
            "previous": changes.previous, "n_new": len(changes.new), "n_updated": len(changes.updated),
            "n_dropped": len(changes.dropped),
            "new": [row(e, CHANGE_WORDS) for e in sorted(fresh, key=lambda e: e.event_id)],
            "updated": [{**row(u.event, CHANGE_WORDS), "what": u.what} for u in changes.updated[:CHANGES_SHOWN]],
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
    """What the message says, from the build's briefing.json (else its events.json)."""
    manifest = folder / "briefing.json"
    if manifest.is_file():
        try:
            values = json.loads(manifest.read_text("utf-8"))
            return _filled(values)
        except (ValueError, AttributeError, TypeError) as exc:
            LOGGER.warning("%s is not readable (%s): using events.json", manifest, exc)
    try:
        rows = json.loads((folder / "events.json").read_text("utf-8"))
    except (OSError, ValueError):
        rows = []
    ranked = sorted((r for r in rows if r.get("date") and not r.get("background")),
                    key=lambda r: (-len(r.get("sources") or ()), r["date"]))[:MAX_DEVELOPMENTS]
    key = [{**r, "when": r["date"], "type": str(r.get("type", "")).replace("_", " "),
            "sources": list(r.get("sources") or ())[:CITED_SOURCES], "more": max(len(r.get("sources") or ()) - CITED_SOURCES, 0)}
           for r in ranked]
    return {"title": "Situation briefing", "period": None, "as_of": None, "n_sources": None, "n_events": len(rows),
            "n_figures": None, "n_skipped": 0, "key": sorted(key, key=lambda r: r["date"]), "changes": None}


def _filled(values: dict) -> dict:
    """A briefing.json of an earlier version lacks some keys the templates read: give them their empty values."""
    for e in values["key"]:
        e.setdefault("more", 0)
    if values.get("changes"):
        values["changes"].setdefault("dropped", [])
        for e in values["changes"]["new"] + values["changes"]["updated"]:
            e.setdefault("more", 0)
    return values


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
    message["Subject"] = subject or _subject(values)
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    message.set_content(_render("email.txt.j2", values, templates))
    message.add_alternative(_render("email.html.j2", values, templates), subtype="html")
    message.add_attachment(attachment, maintype="application", subtype="pdf", filename=real.name)
    return message


def _subject(values: dict) -> str:
    period = values.get("period")
    return f"{values.get('title') or 'Briefing'}: {period}" if period else str(values.get("title") or "Briefing")


def _render(name: str, values: dict, override: Path | None) -> str:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    folders = [str(p) for p in (override, BUILT_IN) if p is not None]
    env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(folders), undefined=jinja2.StrictUndefined,
                               autoescape=jinja2.select_autoescape(["html.j2"]), trim_blocks=True, lstrip_blocks=True)
    try:
        return env.get_template(name).render(**values).strip() + "\n"
    except jinja2.TemplateNotFound:
        raise ConfigError(f"template {name} not found in {override or BUILT_IN}") from None
    except jinja2.TemplateError as exc:
        raise ConfigError(f"template {name}: {exc}") from None


def send(message: EmailMessage, smtp: SMTPSettings) -> list[str]:
    """Send the message; return the recipients the server took. Errors are one line, without the password."""
    recipients = [a.strip() for a in str(message["To"]).split(",")]
    where = f"{smtp.host}:{smtp.port}"
    try:
        context = ssl.create_default_context(cafile=str(smtp.cafile) if smtp.cafile else None)
        connect = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context) if smtp.ssl \
            else smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        with connect as server:
            if smtp.starttls:
                server.starttls(context=context)
            if smtp.user:
                server.login(smtp.user, smtp.password or "")
            refused = server.send_message(message, from_addr=smtp.sender, to_addrs=recipients)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"SMTP server {where} refused the login of {smtp.user} (code {exc.smtp_code})") from None
    except smtplib.SMTPNotSupportedError:
        raise MailError(f"SMTP server {where} does not offer {'STARTTLS' if smtp.starttls else 'AUTH'}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"SMTP server {where} refused every recipient ({', '.join(exc.recipients)})") from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"SMTP server {where} answered {exc.smtp_code}: {_first_line(exc.smtp_error)}") from None
    except ssl.SSLError as exc:
        raise MailError(f"TLS with SMTP server {where} failed: {exc.reason or exc}") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"cannot send through SMTP server {where}: {getattr(exc, 'strerror', None) or exc}") from None
    for address, (code, _) in refused.items():
        LOGGER.warning("SMTP server %s refused recipient %s (code %s)", where, address, code)
    return [a for a in recipients if a not in refused]


def _first_line(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return text.strip().splitlines()[0] if text.strip() else "no reason given"
