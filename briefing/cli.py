"""Command line: parse options, build one Config, call one library function, report."""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import sys
import traceback
from datetime import date, datetime, timezone
from pathlib import Path

from briefing import __version__, cache, mail, settings
from briefing.corpus import periods
from briefing.errors import BriefingError, ConfigError, InputError, Terminated
from briefing.read.untrusted import printable

EPILOG_MAIN = """example:
  briefing build seeds/ --out out/
  briefing dates seeds/000_b279d1822da1bbd2.txt --format table"""
EPILOG_BUILD = """example:
  briefing build inbox/ --out reports/ --window last-week --email --to desk@example.org"""
EPILOG_EMAIL = """example:
  briefing email reports/latest.pdf --to desk@example.org --eml /tmp/briefing.eml"""
EPILOG_READ = """example:
  briefing read inbox/page.html --format jsonl"""
EPILOG_DATES = """example:
  briefing dates seeds/ --format jsonl"""
EXIT_CODES = """exit codes:
  0  built (or sent)
  1  the build or the sending failed
  2  bad usage or configuration
  3  built, but some articles were skipped (listed in the PDF's caveats)
  4  nothing to build: no article, or none published in the window"""
BUILT, FAILED, BAD_USAGE, SKIPPED, NOTHING = 0, 1, 2, 3, 4


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log progress")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="print nothing but errors (the default without a terminal, as in cron)")
    common.add_argument("--config", type=Path, metavar="FILE", help=f"settings file (default: ./{settings.FILE_NAME} if there)")
    return common


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a folder of news articles into a sourced PDF briefing.",
        epilog=EXIT_CODES + "\n\n" + EPILOG_MAIN,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress; on an error, show its traceback")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser(
        "build", help="build the PDF briefing and its tables", epilog=EXIT_CODES + "\n\n" + EPILOG_BUILD, parents=[_common()],
        description="Build briefing.pdf, events.csv, events.json, figures.csv, sources.csv, timeline.csv and charts. "
                    "Options override the settings file.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("inputs", nargs="*", type=Path, metavar="INPUT", help="article files or folders (default: seeds/)")
    build.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: out/)")
    build.add_argument("--as-of", metavar="YYYY-MM-DD", help="build date printed in the PDF (default: SOURCE_DATE_EPOCH, else today)")
    build.add_argument("--window", metavar="DAYS", help="only articles published in the DAYS days up to the build date: 7, 7d or 1w "
                                                        "(a 7-day window is named by its ISO week); or last-week: Monday to "
                                                        "Sunday of the last full week before the build date")
    build.add_argument("--since", metavar="YYYY-MM-DD", help="first day of the window")
    build.add_argument("--until", metavar="YYYY-MM-DD", help="last day of the window (default: the build date)")
    build.add_argument("--templates", type=Path, metavar="DIR", help="folder of jinja2 templates overriding the built-in ones")
    build.add_argument("--page-size", choices=settings.PAGE_SIZES, help="paper size (default: A4)")
    build.add_argument("--title", help="title of the briefing (default: Situation briefing)")
    build.add_argument("--author", help="author written into the PDF's metadata")
    build.add_argument("--no-charts", action="store_true", default=None, help="leave the charts out (no browser needed)")
    build.add_argument("--key-dates", type=int, metavar="N", help="how many key dates timeline.csv and the PDF lead with (default: about one for every three days with news, 3 to 15)")
    build.add_argument("--sentences", type=int, default=2, metavar="K", help="sentences told per key date (default: 2)")
    build.add_argument("--topic", metavar="WORDS", help="comma-separated words the key dates, key developments and "
                       "summary are about, e.g. libya,libyan (default: the places and actors most articles name)")
    build.add_argument("--jobs", type=int, metavar="N", help="worker processes reading the articles (default: one per core)")
    build.add_argument("--dask", metavar="ADDRESS", default=os.environ.get("BRIEFING_DASK_SCHEDULER") or None,
                       help="read the articles on the Dask cluster whose scheduler is at ADDRESS, e.g. tcp://10.0.0.5:8786 "
                            "(default: BRIEFING_DASK_SCHEDULER)")
    build.add_argument("--cache", type=Path, metavar="DIR", help="folder of the extraction cache (default: the output folder)")
    build.add_argument("--email", action="store_true", help="email the PDF when the build succeeds (to --to or the settings' recipients)")
    build.add_argument("--to", action="append", metavar="ADDRESS", help="recipient of --email (repeat for more)")
    build.add_argument("--subject", help="subject of the email")
    email = commands.add_parser(
        "email", help="email a built briefing", epilog=EPILOG_EMAIL, parents=[_common()],
        description="Send a briefing PDF by email, the key developments in the message; SMTP settings from the "
                    "settings file's [smtp] table or BRIEFING_SMTP_HOST, _PORT, _USER, _PASSWORD, _STARTTLS, _SSL, _FROM.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    email.add_argument("pdf", type=Path, metavar="PDF", help="the briefing PDF (its tables are read from beside it)")
    email.add_argument("--to", action="append", metavar="ADDRESS", help="recipient (repeat for more; default: the settings' recipients)")
    email.add_argument("--subject", help="subject (default: the briefing's title and period)")
    email.add_argument("--eml", type=Path, metavar="FILE", help="write the message to FILE instead of sending it")
    email.add_argument("--templates", type=Path, metavar="DIR", help="folder of jinja2 templates overriding the built-in ones")
    read = commands.add_parser(
        "read", help="show what a build reads of each article", epilog=EPILOG_READ, parents=[_common()],
        description="Print, for each article, its source id, path, title, publication date and where it came from, "
                    "publisher, author, URL and the text the build analyses (boilerplate lines left out); "
                    "and each file skipped, with its reason.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    read.add_argument("inputs", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    read.add_argument("--format", default="table", choices=("jsonl", "table"), help="output format (default: table)")
    dates = commands.add_parser(
        "dates", help="list the temporal expressions of articles", epilog=EPILOG_DATES, parents=[_common()],
        description="Print every temporal expression found in the articles, resolved against each article's publication date.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    dates.add_argument("inputs", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    dates.add_argument("--format", default="table", choices=("jsonl", "table"), help="output format (default: table)")
    return parser


def _as_of(value: object) -> date:
    if value:
        return settings.parse_date(value, "--as-of")
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        try:
            seconds = int(epoch)
        except ValueError:
            raise ConfigError(f"SOURCE_DATE_EPOCH {epoch[:40]!r} is not a whole number of seconds") from None
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise ConfigError(f"SOURCE_DATE_EPOCH {epoch[:40]!r} is not a time between the years 1 and 9999") from None
    return date.today()



LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (see EXIT_CODES)."""
    parser = _parser()
    args = parser.parse_args(argv)
    verbose = getattr(args, "verbose", False)
    # In cron (no terminal) only errors are printed: cron mails whatever a job prints.
    args.quiet = not verbose and (getattr(args, "quiet", False) or not (sys.stdout.isatty() or sys.stderr.isatty()))
    handler = logging.StreamHandler()
    handler.setFormatter(Escaping("%(levelname)s %(message)s"))
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR if args.quiet else logging.WARNING,
                        handlers=[handler])
    for library in LIBRARY_LOGGERS:  # a page they cannot read is a skipped article, said once in our own words
        logging.getLogger(library).setLevel(logging.NOTSET if verbose else logging.CRITICAL)
    previous = _on_sigterm()
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "email":
            return _email(args)
        if args.command == "dates":
            return _dates(args)
        if args.command == "read":
            return _read(args)
        parser.print_help()
        return BAD_USAGE
    except ConfigError as exc:
        return _fail(f"Error: {exc}", verbose, BAD_USAGE)
    except InputError as exc:  # NothingToBuild among them: the inputs give nothing for the period
        return _fail(f"Error: {exc}", verbose, NOTHING)
    except BriefingError as exc:
        return _fail(f"Error: {exc}", verbose, FAILED)
    except KeyboardInterrupt:
        return _fail("Error: interrupted", verbose, 130)
    except Terminated:
        return _fail("Error: terminated", verbose, 143)
    except BrokenPipeError:
        return _closed_pipe()
    except Exception as exc:  # a bug: still one line, the traceback only with --verbose
        first = str(exc).splitlines()[0] if str(exc) else ""
        return _fail(f"Error: internal error ({type(exc).__name__}: {first}); run with -v for details and report it",
                     verbose, FAILED)
    finally:
        _restore_sigterm(previous)


class Escaping(logging.Formatter):
    """Write a log line's control characters out as escapes (\\x1b, \\n): a value taken from an
    article (a metadata key, a file name, a date) could otherwise retitle or clear the terminal,
    or start a line that looks like another message. A traceback (-v) stays as it is."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        return printable(super().formatMessage(record))


def _fail(message: str, verbose: bool, code: int) -> int:
    """Print the one-line error; with -v, the traceback above it."""
    if verbose:
        traceback.print_exc(file=sys.stderr)
    print(printable(message), file=sys.stderr)
    return code


def _closed_pipe() -> int:
    """The reader went away (`briefing dates ... | head -1`): stop quietly, and let nothing flush into the pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _on_sigterm():
    """SIGTERM unwinds like Ctrl-C, so that staging folders and the chart browser are cleaned up."""
    try:
        return signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread (an embedding program): leave its handler alone
        return None


def _restore_sigterm(previous) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


def _pick(args: argparse.Namespace, found: dict, option: str, key: str | None = None, default=None):
    """An option's value: given on the command line, else from the settings file, else the default."""
    value = getattr(args, option, None)
    if value is not None:
        return value
    return found.get(key or option, default)


def _build(args: argparse.Namespace) -> int:
    from briefing.models import Config
    from briefing.pipeline import build

    found = settings.load(settings.find(args.config))
    templates = _pick(args, found, "templates")
    if templates is not None and not Path(templates).is_dir():
        raise ConfigError(f"--templates {templates} is not a folder")
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(f"--jobs {args.jobs} must be a number of processes, 1 or more")
    if args.key_dates is not None and args.key_dates < 1:
        raise ConfigError(f"--key-dates {args.key_dates} must be a number of dates, 1 or more")
    if args.sentences < 1:
        raise ConfigError(f"--sentences {args.sentences} must be a number of sentences, 1 or more")
    for option in ("title", "author", "subject"):  # one line each: a header of the email, the PDF's metadata
        if getattr(args, option, None) is not None:
            settings.one_line(getattr(args, option), f"--{option}")
    as_of = _as_of(_pick(args, found, "as_of"))
    days = settings.window_days(args.window) if args.window is not None else None
    since = settings.parse_date(args.since, "--since") if args.since else None
    until = settings.parse_date(args.until, "--until") if args.until else None
    if days is None and since is None and until is None:
        days, since, until = found.get("window"), found.get("since"), found.get("until")
    config = Config(
        inputs=tuple(args.inputs) or tuple(found.get("inputs", ())) or (Path("seeds"),),
        out=_pick(args, found, "out", "output", Path("out")),
        as_of=as_of,
        templates=templates,
        page_size=_pick(args, found, "page_size", default="A4"),
        title=_pick(args, found, "title", default="Situation briefing"),
        author=_pick(args, found, "author", default="briefing"),
        charts=not args.no_charts if args.no_charts is not None else found.get("charts", True),
        window=periods.window(as_of, days, since, until),
        cache=cache.check_folder(Path(chosen), "--cache" if args.cache is not None else f"{settings.FILE_NAME}: cache")
        if (chosen := _pick(args, found, "cache")) is not None else None,
        jobs=args.jobs,
        dask=args.dask,
        key_dates=args.key_dates,
        sentences=args.sentences,
        topic=settings.topic_words(args.topic, "--topic") if args.topic is not None else tuple(found.get("topic", ())),
    )
    letter = _letter(args, found) if args.email else None  # checked before the build: no build wasted
    with _progress(args.quiet) as progress:
        briefing = build(config, progress)
    if not args.quiet:
        outside = f"; {len(briefing.left_out)} articles outside the window left out (-v lists them)" if briefing.left_out else ""
        print(f"wrote {briefing.pdf}: {len(briefing.documents)} sources, "
              f"{len(briefing.events)} events, {len(briefing.figures)} figures{outside}")
    for skipped in briefing.skipped:  # a problem, so printed in cron too (exit code 3 says there are some)
        print(printable(f"skipped {skipped.path}: {skipped.reason}"), file=sys.stderr)
    if letter is not None:
        recipients, subject, smtp = letter
        sent = mail.send(mail.compose(briefing.pdf, recipients, subject, smtp.sender, config.templates), smtp)
        if not args.quiet:
            print(f"sent {briefing.pdf.name} to {', '.join(sent)}")
    return SKIPPED if briefing.skipped else BUILT


def _letter(args: argparse.Namespace, found: dict) -> tuple[list[str], str | None, mail.SMTPSettings]:
    recipients = [settings.address(a, "--to") for a in args.to] if args.to else found.get("recipients", [])
    if not recipients:
        raise ConfigError("no recipient: give --to ADDRESS or recipients in briefing.toml")
    return recipients, _pick(args, found, "subject"), mail.smtp_settings(found.get("smtp", {}), os.environ)


def _writable(path: Path, option: str) -> None:
    """Refuse a file name that cannot be written: a folder, or one in a folder that does not exist."""
    if path.is_dir():
        raise ConfigError(f"{option} {path} is a folder; give the name of a file to write")
    if not path.parent.is_dir():
        raise ConfigError(f"{option} {path}: there is no folder {path.parent}")


def _email(args: argparse.Namespace) -> int:
    found = settings.load(settings.find(args.config))
    if not args.pdf.is_file():
        raise ConfigError(f"{args.pdf}: no such PDF")
    recipients = [settings.address(a, "--to") for a in args.to] if args.to else found.get("recipients", [])
    if not recipients:
        raise ConfigError("no recipient: give --to ADDRESS or recipients in briefing.toml")
    templates = _pick(args, found, "templates")
    if args.subject is not None:
        settings.one_line(args.subject, "--subject")
    if args.eml is not None:
        _writable(args.eml, "--eml")
        message = mail.compose(args.pdf, recipients, _pick(args, found, "subject"),
                               mail.sender_of(found.get("smtp", {}), os.environ), templates)
        try:
            args.eml.write_bytes(bytes(message))
        except OSError as exc:
            raise ConfigError(f"cannot write --eml {args.eml}: {exc.strerror}") from None
        if not args.quiet:
            print(f"wrote {args.eml}")
        return BUILT
    smtp = mail.smtp_settings(found.get("smtp", {}), os.environ)
    sent = mail.send(mail.compose(args.pdf, recipients, _pick(args, found, "subject"), smtp.sender, templates), smtp)
    if not args.quiet:
        print(f"sent {args.pdf.name} to {', '.join(sent)}")
    return BUILT


@contextlib.contextmanager
def _progress(quiet: bool):
    """A progress bar over the articles on a terminal (rich); nothing otherwise."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True, redirect_stderr=False) as bar:
        task = bar.add_task("extracting", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _dates(args: argparse.Namespace) -> int:
    from briefing.pipeline import date_mentions

    mentions, skipped = date_mentions(tuple(args.inputs))
    out = sys.stdout
    if args.format == "jsonl":
        for m in mentions:
            out.write(json.dumps({"source": m.source, "start": m.start, "end": m.end, "text": m.text,
                                  "type": m.type, "value": m.value, **({"mod": m.mod} if m.mod else {})},
                                 ensure_ascii=False) + "\n")
    else:
        for m in mentions:
            out.write(f"{printable(m.source)}\t{m.start}-{m.end}\t{m.type:<8}\t{m.value:<16}\t{printable(m.text)}\n")
    for s in skipped:
        print(printable(f"skipped {s.path}: {s.reason}"), file=sys.stderr)
    return SKIPPED if skipped else BUILT


def _read(args: argparse.Namespace) -> int:
    from briefing.pipeline import articles

    rows, skipped = articles(tuple(args.inputs))
    out = sys.stdout
    if args.format == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        for s in skipped:
            out.write(json.dumps({"path": s.path, "skipped": s.reason}, ensure_ascii=False) + "\n")
    else:
        for row in rows:
            head = "\t".join(printable(str(row[key] or "-")) for key in ("source", "published", "published_basis", "publisher", "title"))
            out.write(head + "\n")
            out.write("".join(f"    {printable(line)}\n" for line in row["text"].splitlines()) + "\n")
        for s in skipped:
            print(printable(f"skipped {s.path}: {s.reason}"), file=sys.stderr)
    return SKIPPED if skipped else BUILT


if __name__ == "__main__":
    sys.exit(main())
