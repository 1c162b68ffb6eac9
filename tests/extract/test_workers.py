"""Worker processes: a signal to the whole process group (systemctl stop, Ctrl-C) ends them quietly."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing import cli
from briefing.errors import InputError
from briefing.extract import workers

# The build as the command runs it, but a worker that reads the article "slow" says so and waits,
# and the one that read "fast" says when it is done: the signal comes while one worker is busy and
# the other idle, waiting for work (where the traceback came from).
DRIVER = """
import os, pathlib, sys, time
from briefing import pipeline
from briefing.cli import main
real = pipeline.extract_articles

def extract(documents):
    if any(d.source == "slow" for d in documents):
        pathlib.Path(sys.argv[1], "slow").write_text(str(os.getpid()))
        time.sleep(600)
    found = real(documents)
    pathlib.Path(sys.argv[1], "fast").write_text(str(os.getpid()))
    return found

pipeline.extract_articles = extract
sys.exit(main(sys.argv[2:]))
"""


# The workers' states are read from /proc: Linux only
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="no /proc to read process states from")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "gone"


@pytest.mark.parametrize("signum, code, message, kill", [
    (signal.SIGTERM, 143, "Error: terminated", os.killpg),  # as systemctl stop sends it
    (signal.SIGINT, 130, "Error: interrupted", os.killpg),  # Ctrl-C in a terminal
    (signal.SIGTERM, 143, "Error: terminated", os.kill),    # kill PID: the build ends its workers, not waiting for them
])
def test_a_signal_to_the_process_group_ends_the_workers_quietly(tmp_path, signum, code, message, kill):
    inbox, said = tmp_path / "inbox", tmp_path / "said"
    inbox.mkdir(), said.mkdir()
    for name in ("fast", "slow"):
        (inbox / f"{name}.md").write_text("---\npublished: 2024-11-18\n---\nDrones struck Izmail on Sunday.\n", encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-c", DRIVER, str(said), "build", str(inbox), "--out", str(tmp_path / "out"),
                              "--no-charts", "--jobs", "2"], stderr=subprocess.PIPE, text=True, start_new_session=True,
                             preexec_fn=_as_from_a_terminal)
    try:
        deadline, states = time.monotonic() + 240, []
        while len(states) < 2 or states[-2:] != ["S", "S"]:  # the fast worker is back waiting for work
            assert build.poll() is None, build.communicate()[1]
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.1)
            if (said / "slow").exists() and (said / "fast").exists():
                states.append(_state(int((said / "fast").read_text())))
        pids = [int((said / name).read_text()) for name in ("fast", "slow")]
        kill(build.pid, signum)
        _, err = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
    assert (build.returncode, err) == (code, message + "\n")
    assert [_state(pid) for pid in pids] == ["gone", "gone"]


# The same build, but the parent is busy with the first extraction it got (importing the output
# stages, writing the cache: extract_cached's `meanwhile`) when the signal comes, outside the loop
# that waits for the workers.
BUSY_DRIVER = DRIVER.replace("pipeline.extract_articles = extract\n", """pipeline.extract_articles = extract
real_cached = pipeline.extract_cached

def cached(documents, folder, jobs=None, dask=None, progress=None, meanwhile=None):
    def busy():
        pathlib.Path(sys.argv[1], "busy").write_text(str(os.getpid()))
        time.sleep(600)
    return real_cached(documents, folder, jobs, dask, progress, busy)

pipeline.extract_cached = cached
""")


def test_a_signal_while_the_build_handles_a_result_ends_the_workers_at_once(tmp_path):
    inbox, said = tmp_path / "inbox", tmp_path / "said"
    inbox.mkdir(), said.mkdir()
    for name in ("fast", "slow"):
        (inbox / f"{name}.md").write_text("---\npublished: 2024-11-18\n---\nDrones struck Izmail on Sunday.\n", encoding="utf-8")
    assert "busy" in BUSY_DRIVER
    build = subprocess.Popen([sys.executable, "-c", BUSY_DRIVER, str(said), "build", str(inbox), "--out", str(tmp_path / "out"),
                              "--no-charts", "--jobs", "2"], stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while not all((said / name).exists() for name in ("busy", "slow", "fast")):
            assert build.poll() is None, build.communicate()[1]
            assert time.monotonic() < deadline, "the build did not get busy"
            time.sleep(0.1)
        pids = [int((said / name).read_text()) for name in ("fast", "slow")]
        os.kill(build.pid, signal.SIGTERM)
        _, err = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
    assert (build.returncode, err) == (143, "Error: terminated\n")
    assert [_state(pid) for pid in pids] == ["gone", "gone"]


def _as_from_a_terminal() -> None:
    """In the build's process before it starts: SIGINT as a terminal's command gets it, even when the
    tests run in the background (where the shell ignores SIGINT, and Python then makes no
    KeyboardInterrupt of it: the workers kept Ctrl-C's default and died, the build did not stop)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_a_worker_ignores_the_stop_signals_its_parent_ignores():
    """A build started in the background by a script: the shell ignores SIGINT, and so do its workers."""
    saved = {signum: signal.getsignal(signum) for signum in workers.STOPPING}
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        found = workers.in_processes(_dispositions, [1, 2], 2)
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
    assert set(found) == {(signal.SIG_DFL, signal.SIG_IGN)}


def _dispositions(_: object) -> tuple:
    return signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)


def test_a_worker_does_not_run_the_commands_signal_handlers():
    previous = cli._on_sigterm()  # as the command runs: SIGTERM raises Terminated
    interrupt = signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C raises KeyboardInterrupt
    try:
        found = workers.in_processes(_dispositions, [1, 2], 2)
    finally:
        cli._restore_sigterm(previous)
        signal.signal(signal.SIGINT, interrupt)
    assert set(found) == {(signal.SIG_DFL, signal.SIG_DFL)}


def _reading(name: str) -> int:
    logging.getLogger("briefing.read.ingest").warning("skipped %s: not UTF-8 text", name)
    if name == "none":
        raise InputError("no article found in inbox")
    return os.getpid()


def test_a_function_run_beside_gives_its_result_and_logs_here_what_it_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="briefing.read.ingest"):
        with workers.beside(_reading, "a.txt") as result:
            pid = result()
    assert pid != os.getpid()
    assert [r.getMessage() for r in caplog.records] == ["skipped a.txt: not UTF-8 text"]


def test_a_function_run_beside_raises_its_error_here_after_its_log_lines(caplog):
    with caplog.at_level(logging.WARNING, logger="briefing.read.ingest"):
        with pytest.raises(InputError) as raised, workers.beside(_reading, "none") as result:
            result()
    assert str(raised.value) == "no article found in inbox"  # as the command says it: "Error: ..."
    assert [r.getMessage() for r in caplog.records] == ["skipped none: not UTF-8 text"]


def _sizes(batch: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    return tuple((item, len(batch)) for item in batch)


def test_batches_give_one_result_per_item_in_order_and_tell_each():
    told = []
    found = list(workers.each_in_batches(_sizes, list(range(40)), 2, done=told.append))
    assert [item for item, _ in found] == list(range(40))
    assert {size for _, size in found} == {40 // (2 * workers.CHUNKS_PER_WORKER)}
    assert told == list(range(1, 41))
