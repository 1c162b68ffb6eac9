"""Export the charts to SVG in a child process that the build can always stop.

kaleido drives a Chromium browser. A browser that is missing, exits at once or never answers
must not hang the build: the export runs in a child process (`python -m briefing.chart_export`),
waited for at most EXPORT_TIMEOUT_S, and every process it started (the browser runs in a session
of its own) is ended when it is done, fails, times out or the build is stopped. The browser's
temporary profile goes into a folder that is removed afterwards.
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


def export_svgs(figures: dict, folder: Path, topojson: Path) -> str | None:
    """Write `name.svg` into `folder` for each plotly figure; return None, or why the charts could not be exported."""
    if not _browser_found():
        return "no Chromium browser was found to export them (`make setup` installs it)"
    jobs = json.dumps({"topojson": topojson.as_uri() + "/", "figures": {n: f.to_json() for n, f in figures.items()}})
    scratch = Path(tempfile.mkdtemp(prefix="briefing-chromium-"))
    env = {**os.environ, "TMPDIR": str(scratch)}
    child = subprocess.Popen([sys.executable, "-m", "briefing.chart_export", str(folder)], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    family: dict[int, str] = {}
    watcher = threading.Thread(target=_watch, args=(child, family), daemon=True)
    watcher.start()
    try:
        _, err = child.communicate(jobs.encode("utf-8"), timeout=timeout_s())
    except subprocess.TimeoutExpired:
        return f"the browser that exports the charts (Chromium) did not answer within {timeout_s():g} s"
    finally:
        _end(child, family)
        shutil.rmtree(scratch, ignore_errors=True)
    if child.returncode != 0:
        lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        return lines[-1].strip() if lines else f"the chart export stopped with exit code {child.returncode}"
    return None


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
    for pid, started in family.items():
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


def _export(folder: Path, jobs: dict) -> None:
    """In the child: start one browser, write every chart, stop the browser (its stop is time-limited)."""
    import kaleido
    import plotly.io as pio

    try:
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    except Exception as exc:  # noqa: BLE001 - kaleido raises its own types for a missing or broken browser
        sys.exit(f"cannot start Chromium for chart export ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})")
    try:
        for name, spec in jobs["figures"].items():
            fig = pio.from_json(spec)
            try:
                kaleido.write_fig_sync(fig, path=str(folder / f"{name}.svg"),
                                       opts=dict(format="svg", width=fig.layout.width, height=fig.layout.height),
                                       topojson=jobs["topojson"])
            except Exception as exc:  # noqa: BLE001
                sys.exit(f"chart {name} could not be exported: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    finally:
        stopper = threading.Thread(target=kaleido.stop_sync_server, kwargs={"silence_warnings": True}, daemon=True)
        stopper.start()
        stopper.join(STOP_TIMEOUT_S)


def _main() -> int:
    try:
        _export(Path(sys.argv[1]), json.loads(sys.stdin.read()))
    except SystemExit as exc:
        print(exc.code, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    code = _main()
    sys.stderr.flush()
    os._exit(code)  # kaleido's threads may still wait on the browser: the parent ends what is left
