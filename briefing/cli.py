"""Command line: parse options, build one Config, call one library function, report."""
from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import traceback
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from briefing import __version__
from briefing.errors import BriefingError, ConfigError, Terminated

EPILOG_MAIN = """example:
  briefing build seeds/ --out out/
  briefing dates seeds/000_b279d1822da1bbd2.txt --format table"""
EPILOG_BUILD = """example:
  briefing build inbox/ --out reports/this-week --window 7"""
EPILOG_DATES = """example:
  briefing dates seeds/ --format jsonl"""
PAGE_SIZES = ("A4", "letter")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a folder of news articles into a sourced PDF briefing.",
        epilog=EPILOG_MAIN,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress; on an error, show its traceback")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    # -v after the command too ("briefing build -v"); SUPPRESS keeps it from undoing a -v given before
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log progress; on an error, show its traceback")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser(
        "build", help="build the PDF briefing and its tables", epilog=EPILOG_BUILD, parents=[verbose],
        description="Build briefing.pdf, events.csv, events.json, figures.csv, sources.csv, timeline.csv and charts.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("inputs", nargs="*", type=Path, metavar="INPUT", help="article files or folders (default: seeds/)")
    build.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out/)")
    build.add_argument("--as-of", metavar="YYYY-MM-DD", help="build date printed in the PDF (default: SOURCE_DATE_EPOCH, else today)")
    build.add_argument("--templates", type=Path, metavar="DIR", help="folder of jinja2 templates overriding the built-in ones")
    build.add_argument("--page-size", default="A4", choices=PAGE_SIZES, help="paper size (default: A4)")
    build.add_argument("--title", default="Situation briefing", help="title of the briefing")
    build.add_argument("--author", default="briefing", help="author written into the PDF's metadata")
    build.add_argument("--window", type=int, metavar="DAYS", help="only articles published in the DAYS days up to the build date (a weekly job: 7)")
    build.add_argument("--key-dates", type=int, metavar="N", help="how many key dates timeline.csv and the PDF lead with (default: about one for every three days with news, 3 to 15)")
    build.add_argument("--sentences", type=int, default=2, metavar="K", help="sentences told per key date (default: 2)")
    build.add_argument("--no-charts", action="store_true", help="leave the charts out (no browser needed)")
    build.add_argument("--jobs", type=int, metavar="N", help="worker processes reading the articles (default: one per core)")
    build.add_argument("--dask", metavar="ADDRESS", default=os.environ.get("BRIEFING_DASK_SCHEDULER") or None,
                       help="read the articles on the Dask cluster whose scheduler is at ADDRESS, e.g. tcp://10.0.0.5:8786 "
                            "(default: BRIEFING_DASK_SCHEDULER)")
    dates = commands.add_parser(
        "dates", help="list the temporal expressions of articles", epilog=EPILOG_DATES, parents=[verbose],
        description="Print every temporal expression found in the articles, resolved against each article's publication date.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    dates.add_argument("inputs", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    dates.add_argument("--format", default="table", choices=("jsonl", "table"), help="output format (default: table)")
    return parser


def _as_of(value: str | None) -> date:
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ConfigError(f"--as-of {value!r} is not a date; give it as YYYY-MM-DD") from None
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


def _window(days: int | None, as_of: date) -> int | None:
    """The --window option: a number of days from 1 that does not reach before the calendar's start."""
    if days is None:
        return None
    if days < 1:
        raise ConfigError(f"--window {days} must be a number of days, 1 or more")
    try:
        as_of - timedelta(days=days - 1)
    except OverflowError:
        raise ConfigError(f"--window {days} reaches back before the year 1 from {as_of}; give fewer days") from None
    return days


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 error, 3 built with skipped inputs)."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    previous = _on_sigterm()
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "dates":
            return _dates(args)
        parser.print_help()
        return 2
    except BriefingError as exc:
        return _fail(f"Error: {exc}", args.verbose, 1)
    except KeyboardInterrupt:
        return _fail("Error: interrupted", args.verbose, 130)
    except Terminated:
        return _fail("Error: terminated", args.verbose, 143)
    except BrokenPipeError:
        return _closed_pipe()
    except Exception as exc:  # a bug: still one line, the traceback only with --verbose
        first = str(exc).splitlines()[0] if str(exc) else ""
        return _fail(f"Error: internal error ({type(exc).__name__}: {first}); run with -v for details and report it",
                     args.verbose, 1)
    finally:
        _restore_sigterm(previous)


def _fail(message: str, verbose: bool, code: int) -> int:
    """Print the one-line error; with -v, the traceback above it."""
    if verbose:
        traceback.print_exc(file=sys.stderr)
    print(message, file=sys.stderr)
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


def _build(args: argparse.Namespace) -> int:
    from briefing.models import Config
    from briefing.pipeline import build

    templates = args.templates
    if templates is not None and not templates.is_dir():
        raise ConfigError(f"--templates {templates} is not a folder")
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(f"--jobs {args.jobs} must be a number of processes, 1 or more")
    if args.key_dates is not None and args.key_dates < 1:
        raise ConfigError(f"--key-dates {args.key_dates} must be a number of dates, 1 or more")
    if args.sentences < 1:
        raise ConfigError(f"--sentences {args.sentences} must be a number of sentences, 1 or more")
    as_of = _as_of(args.as_of)
    config = Config(
        inputs=tuple(args.inputs) or (Path("seeds"),),
        out=args.out,
        as_of=as_of,
        templates=templates,
        page_size=args.page_size,
        title=args.title,
        author=args.author,
        charts=not args.no_charts,
        window_days=_window(args.window, as_of),
        jobs=args.jobs,
        dask=args.dask,
        key_dates=args.key_dates,
        sentences=args.sentences,
    )
    briefing = build(config)
    print(f"wrote {config.out / 'briefing.pdf'}: {len(briefing.documents)} sources, "
          f"{len(briefing.events)} events, {len(briefing.figures)} figures")
    for skipped in briefing.skipped:
        print(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    return 3 if briefing.skipped else 0


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
            out.write(f"{m.source}\t{m.start}-{m.end}\t{m.type:<8}\t{m.value:<16}\t{m.text}\n")
    for s in skipped:
        print(f"skipped {s.path}: {s.reason}", file=sys.stderr)
    return 3 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())
