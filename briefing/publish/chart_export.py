"""Export the charts to SVG in a child process that the build can always stop.

kaleido drives a Chromium browser. A browser that is missing, exits at once or never answers
must not hang the build: the export runs in a child process (`python -m briefing.publish.chart_export`),
waited for at most EXPORT_TIMEOUT_S, and every process it started (the browser runs in a session
of its own) is ended when it is done, fails, times out or the build is stopped. The browser's
temporary profile goes into a folder that is removed afterwards.

The browser's start is the export's largest cost (seconds, before the first chart): a build starts
the child first (`Exporter`), and it opens the browser while the articles are read.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

LOGGER = logging.getLogger(__name__)

EXPORT_TIMEOUT_S = 120  # the seeds' three charts take a few seconds; a slow shared machine, a minute
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
STOP_TIMEOUT_S = 10
POLL_S = 0.25


def timeout_s() -> float:
    """The export's time limit; BRIEFING_CHART_TIMEOUT (seconds) overrides it."""
    try:
        return float(os.environ.get("BRIEFING_CHART_TIMEOUT", EXPORT_TIMEOUT_S))
    except ValueError:
        return EXPORT_TIMEOUT_S


class Exporter:
    """A chart export started ahead of the charts: the child imports kaleido and opens the browser with
    a first small chart (seconds: Chromium starts, then loads plotly.js) while the build reads the
    articles; `export` then hands it the build's charts. Close it (or use it in a `with`) to end the
    child and everything it started, whether or not it exported."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self.child: subprocess.Popen | None = None
        self.family: dict[int, str] = {}
        if not _browser_found():
            self.reason = "no Chromium browser was found to export them (`make setup` installs it)"
            return
        self.scratch = Path(tempfile.mkdtemp(prefix="briefing-chromium-"))
        env = {**os.environ, "TMPDIR": str(self.scratch)}
        self.child = subprocess.Popen([sys.executable, "-m", "briefing.publish.chart_export"], stdin=subprocess.PIPE,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
        try:  # a SIGTERM from here on must still end the child: the caller's `with` is not entered yet
            threading.Thread(target=_watch, args=(self.child, self.family), daemon=True).start()
        except BaseException:
            self.close()
            raise

    def export(self, figures: dict, folder: Path, topojson: Path) -> str | None:
        """Write `name.svg` into `folder` for each plotly figure; return None, or why the charts could not be exported."""
        if self.child is None:
            return self.reason
        # One line of JSON (it escapes every newline): the child reads up to it, not to the end of a
        # pipe that worker processes forked since may still hold open.
        jobs = json.dumps({"folder": str(folder), "topojson": topojson.as_uri() + "/",
                           "figures": {n: f.to_json() for n, f in figures.items()}}) + "\n"
        try:
            _, err = self.child.communicate(jobs.encode("utf-8"), timeout=timeout_s())
        except subprocess.TimeoutExpired:
            return f"the browser that exports the charts (Chromium) did not answer within {timeout_s():g} s"
        finally:
            self.close()
        if self.child.returncode != 0:
            lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
            return lines[-1].strip() if lines else f"the chart export stopped with exit code {self.child.returncode}"
        return None

    def close(self) -> None:
        """End the child and what it started; remove the browser's profile."""
        if self.child is not None:
            _end(self.child, self.family)
            shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> Exporter:
        return self

    def __exit__(self, *_) -> None:
        self.close()


def export_svgs(figures: dict, folder: Path, topojson: Path) -> str | None:
    """Start an export and write `name.svg` into `folder` for each plotly figure (see `Exporter.export`)."""
    with Exporter() as exporter:
        return exporter.export(figures, folder, topojson)


def _browser_found() -> bool:
    """Whether kaleido can find a browser: BROWSER_PATH, else one on PATH."""
    given = os.environ.get("BROWSER_PATH")
    if given:
        return os.access(given, os.X_OK)
    return any(shutil.which(name) for name in BROWSER_NAMES)


def _watch(child: subprocess.Popen, family: dict[int, str]) -> None:
    """Note every process started under the child while it runs: the browser leaves its process group."""
    while child.poll() is None:
        family.update(_descendants(child.pid))
        time.sleep(POLL_S)


def process_table() -> dict[int, tuple[int, list[str]]]:
    """Every process in /proc: its parent's pid and the fields of its stat line after the name."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(entry.name)] = (int(fields[1]), fields)
    return table


def descendants(pid: int, table: dict[int, tuple[int, list[str]]] | None = None) -> list[int]:
    """The pids of the processes under `pid`, from `process_table()`."""
    table = process_table() if table is None else table
    children: dict[int, list[int]] = {}
    for child, (parent, _) in table.items():
        children.setdefault(parent, []).append(child)
    found, todo = [], list(children.get(pid, []))
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def _descendants(pid: int) -> dict[int, str]:
    """The processes under `pid`, each with its start time (so that a reused pid is never killed)."""
    table = process_table()
    return {child: table[child][1][19] for child in descendants(pid, table)}


def _end(child: subprocess.Popen, family: dict[int, str]) -> None:
    """Stop the child and every process it started that is still alive."""
    if child.poll() is None:
        family.update(_descendants(child.pid))
        _signal_group(child.pid, signal.SIGKILL)
    child.wait()
    for pid, started in list(family.items()):  # a copy: the watching thread may still add to it
        if _start_time(pid) == started:
            _signal_group(pid, signal.SIGKILL)
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def _start_time(pid: int) -> str | None:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _signal_group(pid: int, signum: int) -> None:
    try:
        if os.getpgid(pid) == pid:  # the leader of its own group (the browser's session): the whole group
            os.killpg(pid, signum)
    except OSError:
        pass


def _export(read_jobs) -> None:
    """In the child: start one browser, warm it with a small chart, write every chart of the jobs
    `read_jobs()` returns, stop the browser (its stop is time-limited)."""
    import kaleido
    import plotly.graph_objects as go
    import plotly.io as pio

    try:
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    except Exception as exc:  # noqa: BLE001 - kaleido raises its own types for a missing or broken browser
        sys.exit(f"cannot start Chromium for chart export ({_first_line(exc)})")
    try:
        try:  # the browser starts and loads plotly.js on its first chart
            kaleido.write_fig_sync(go.Figure(go.Scatter(x=[0], y=[0])), path=os.path.join(tempfile.gettempdir(), "warm.svg"),
                                   opts=dict(format="svg", width=100, height=100))
        except Exception as exc:  # noqa: BLE001
            sys.exit(f"cannot start Chromium for chart export ({_first_line(exc)})")
        jobs = read_jobs()
        if jobs is None:  # the build ended without charts
            return
        folder = Path(jobs["folder"])
        for name, spec in jobs["figures"].items():
            fig = pio.from_json(spec)
            try:
                kaleido.write_fig_sync(fig, path=str(folder / f"{name}.svg"),
                                       opts=dict(format="svg", width=fig.layout.width, height=fig.layout.height),
                                       topojson=jobs["topojson"])
            except Exception as exc:  # noqa: BLE001
                sys.exit(f"chart {name} could not be exported: {_first_line(exc)}")
    finally:
        stopper = threading.Thread(target=kaleido.stop_sync_server, kwargs={"silence_warnings": True}, daemon=True)
        stopper.start()
        stopper.join(STOP_TIMEOUT_S)


def _first_line(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def _read_jobs() -> dict | None:
    """The one line of JSON the build sends; None when it closed the pipe without one."""
    line = sys.stdin.readline()
    return json.loads(line) if line.strip() else None


def _main() -> int:
    try:
        _export(_read_jobs)
    except SystemExit as exc:
        print(exc.code, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    code = _main()
    sys.stderr.flush()
    os._exit(code)  # kaleido's threads may still wait on the browser: the parent ends what is left
