"""Faults around a build: bad options, bad templates, a broken browser, outputs that cannot be replaced, signals."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.publish import outputs

ARTICLE = "---\npublished: 2025-03-05\n---\nRussian drones struck Odesa on Monday, and the US pledged $2 billion in aid.\n"


def run(*args, env=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300, **kwargs)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("args, env, message", [
    (["--window", "999999999"], {}, "Error: --window 999999999 reaches back before the year 1 from 2025-03-06; give fewer days\n"),
    (["--window", "0"], {}, "Error: --window '0' is not a window: give a number of days, 1 or more (7 or 7d; 1w for a week), or "
                         "last-week\n"),
    ([], {"SOURCE_DATE_EPOCH": "99999999999999999"},
     "Error: SOURCE_DATE_EPOCH '99999999999999999' is not a time between the years 1 and 9999\n"),
])
def test_an_option_out_of_range_is_a_one_line_error_naming_it(folder, capsys, monkeypatch, args, env, message):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    as_of = [] if env else ["--as-of", "2025-03-06"]
    assert main(["build", str(folder / "in"), "--out", str(folder / "out"), "--no-charts", *as_of, *args]) == 2  # bad usage
    assert capsys.readouterr().err == message


@pytest.mark.parametrize("template, message", [
    ("{{ 1 / 0 }}", "Error: template method.txt.j2: ZeroDivisionError: division by zero\n"),
    ('{% include "method.txt.j2" %}', "Error: template method.txt.j2 includes or calls itself without end\n"),
    ("{{ cycler.__init__.__globals__.os.popen('touch /tmp/briefing-pwned').read() }}",
     "Error: template method.txt.j2: access to attribute '__init__' of 'type' object is unsafe.\n"),
])
def test_a_faulty_or_hostile_template_is_one_line_naming_it(folder, capsys, template, message):
    (folder / "tpl").mkdir()
    (folder / "tpl" / "method.txt.j2").write_text(template, encoding="utf-8")
    assert main(["build", str(folder / "in"), "--out", str(folder / "out"), "--no-charts", "--as-of", "2025-03-06",
                 "--templates", str(folder / "tpl")]) == 2  # a bad template is bad configuration
    assert capsys.readouterr().err == message
    assert not Path("/tmp/briefing-pwned").exists()


@pytest.mark.parametrize("toml, message", [
    ("since = 1979-05-27T07:32:00Z", "since '1979-05-27 07:32:00+00:00' is not a date; give it as YYYY-MM-DD"),
    ('"\\u001b[2J" = 1', "unknown key \\x1b[2J (allowed:"),  # an escape sequence is written out, not sent to the terminal
    ("window = 1e400", "window inf is not a window"),
])
def test_a_hostile_briefing_toml_is_one_line_naming_the_key(tmp_path, toml, message):
    (tmp_path / "briefing.toml").write_text(toml + "\n", encoding="utf-8")
    result = run("build", "--config", str(tmp_path / "briefing.toml"))
    assert result.returncode == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr and len(result.stderr.splitlines()) == 1
    assert "\x1b" not in result.stderr


def test_the_output_folder_may_not_be_an_input_folder(folder, capsys):
    assert main(["build", str(folder / "in"), "--out", str(folder / "in" / "."), "--no-charts"]) == 2
    assert capsys.readouterr().err.startswith(f"Error: --out {folder / 'in'} is an input folder: the outputs would be read "
                                              "as articles by the next build")
    assert sorted(p.name for p in (folder / "in").iterdir()) == ["a.txt"]


def test_a_template_that_links_out_of_its_folder_is_refused(folder, capsys):
    (folder / "tpl").mkdir()
    (folder / "tpl" / "method.txt.j2").symlink_to("/etc/passwd")
    assert main(["build", str(folder / "in"), "--out", str(folder / "out"), "--no-charts", "--as-of", "2025-03-06",
                 "--templates", str(folder / "tpl")]) == 2
    assert capsys.readouterr().err == "Error: template method.txt.j2 is a link to a file outside its folder, not followed\n"
    assert not (folder / "out" / "briefing.pdf").exists()


def test_a_named_pipe_given_as_an_article_is_not_waited_on(folder):
    os.mkfifo(folder / "pipe.txt")
    result = run("build", str(folder / "pipe.txt"), "--out", str(folder / "out"), "--no-charts")
    assert result.returncode == 4  # nothing to build
    assert result.stderr == (f"Error: no article found in {folder / 'pipe.txt'} ({folder / 'pipe.txt'}: not a regular file "
                             "(a named pipe, socket or device), not read)\n")


def test_a_file_the_build_may_not_read_is_skipped_with_the_reason(folder, monkeypatch):
    # As root (CI) chmod 000 does not stop a read, so the refusal the system would give is made here.
    from briefing.read import ingest

    (folder / "in" / "locked.txt").write_text(ARTICLE, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    documents, skipped = ingest.read_documents([folder / "in"])
    assert [d.source for d in documents] == ["a"]
    assert [(s.path, s.reason) for s in skipped] == [(str(folder / "in" / "locked.txt"), "cannot be read: Permission denied")]


def test_a_negative_source_date_epoch_is_a_build_date_before_the_articles(folder):
    result = run("build", str(folder / "in"), "--out", str(folder / "out"), "--no-charts", env={"SOURCE_DATE_EPOCH": "-86400"})
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(folder / "out" / "briefing.pdf"), "-"], capture_output=True, text=True).stdout
    assert "is dated 2025-03-05, after the build date 1969-12-31" in " ".join(text.split())


def test_version_and_verbose_tracebacks(folder):
    assert run("--version").stdout.startswith("briefing ")
    quiet = run("build", str(folder / "nowhere"), "--out", str(folder / "out"))
    loud = run("build", "-v", str(folder / "nowhere"), "--out", str(folder / "out"))
    assert "Traceback" not in quiet.stderr and len(quiet.stderr.splitlines()) == 1
    assert "Traceback (most recent call last)" in loud.stderr
    assert loud.stderr.splitlines()[-1] == quiet.stderr.strip()


def test_a_closed_pipe_ends_quietly(folder):
    result = subprocess.run(f"{sys.executable} -m briefing dates {folder / 'in'} {Path(__file__).parent.parent / 'seeds'} | head -1",
                            shell=True, capture_output=True, text=True, timeout=300)
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == ""


@pytest.mark.parametrize("browser", ["#!/bin/sh\nexit 1\n", "#!/bin/sh\nsleep 600\n", None])
def test_a_broken_browser_leaves_the_charts_out_and_says_why(folder, browser):
    path = folder / "browser.sh"
    if browser:
        path.write_text(browser, encoding="utf-8")
        path.chmod(0o755)
    out = folder / "out"
    result = run("build", str(folder / "in"), "--out", str(out), "--as-of", "2025-03-06",
                 env={"BROWSER_PATH": str(path), "BRIEFING_CHART_TIMEOUT": "5"})
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(out / "briefing.pdf"), "-"], capture_output=True, text=True).stdout
    assert "The charts are left out of this briefing:" in " ".join(text.split())
    assert (out / "briefing.pdf").exists() and not (out / "timeline.svg").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    leftover = subprocess.run(["pgrep", "-f", str(path)], capture_output=True, text=True)
    assert leftover.stdout == ""


def test_outputs_of_an_earlier_build_that_this_one_does_not_write_are_dropped(tmp_path):
    out, staging = tmp_path / "out", tmp_path / "staging"
    out.mkdir(), staging.mkdir()
    for name in ("briefing.pdf", "timeline.svg", "map.html", "notes.txt"):
        (out / name).write_text("old", encoding="utf-8")
    (staging / "briefing.pdf").write_text("new", encoding="utf-8")
    outputs.publish(staging, out)
    assert sorted(p.name for p in out.iterdir()) == ["briefing.pdf", "notes.txt"]  # not a file the build writes: kept
    assert (out / "briefing.pdf").read_text("utf-8") == "new"


def test_a_failure_midway_leaves_the_previous_set_whole(tmp_path, monkeypatch):
    out, staging = tmp_path / "out", tmp_path / "staging"
    out.mkdir(), staging.mkdir()
    for name in ("briefing.pdf", "events.csv", "sources.csv"):
        (out / name).write_text("old", encoding="utf-8")
        (staging / name).write_text("new", encoding="utf-8")
    replace, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if Path(src).parent == staging and Path(dst).name == "sources.csv":
            raise PermissionError(1, "Operation not permitted", str(dst))
        replace(src, dst)

    monkeypatch.setattr(outputs.os, "replace", failing)
    with pytest.raises(outputs.RenderError, match="the previous outputs are left as they were"):
        outputs.publish(staging, out)
    assert {p.name: p.read_text("utf-8") for p in out.iterdir()} == {"briefing.pdf": "old", "events.csv": "old", "sources.csv": "old"}


def test_an_output_name_taken_by_a_folder_is_one_line_and_changes_nothing(folder):
    out = folder / "out"
    assert run("build", str(folder / "in"), "--out", str(out), "--no-charts", "--as-of", "2025-03-06").returncode == 0
    before = (out / "briefing.pdf").read_bytes()
    (out / "events.csv").unlink()
    (out / "events.csv").mkdir()
    result = run("build", str(folder / "in"), "--out", str(out), "--no-charts", "--as-of", "2025-03-07")
    assert result.returncode == 1
    assert result.stderr == f"Error: cannot write {out / 'events.csv'}: a folder has that name; the previous outputs are left as they were\n"
    assert (out / "briefing.pdf").read_bytes() == before


def _ready(condition, build: subprocess.Popen, what: str) -> None:
    """Wait until `condition()` holds, while the build runs (bounded: the build may have failed)."""
    deadline = time.monotonic() + 240
    while not condition():
        assert build.poll() is None, build.communicate()[1]
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


@pytest.mark.parametrize("when", ["browser", "outputs"])
def test_sigterm_stops_the_build_and_cleans_up(folder, when):
    # The fake browser says when it has started (the build is then reading or extracting); with
    # "outputs" the signal waits for the staging folder too (the build is writing or waiting on the
    # export). Each is a known point, not a guess at how long a start takes.
    path, started = folder / "browser.sh", folder / "browser.started"
    path.write_text(f"#!/bin/sh\n: > '{started}'\nsleep 600\n", encoding="utf-8")
    path.chmod(0o755)
    out = folder / "out"
    build = subprocess.Popen([sys.executable, "-m", "briefing", "build", str(folder / "in"), "--out", str(out),
                              "--as-of", "2025-03-06"], stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "BROWSER_PATH": str(path), "BRIEFING_CHART_TIMEOUT": "300"})
    try:
        _ready(started.exists, build, "the browser did not start")
        if when == "outputs":
            _ready(lambda: any(out.glob(".building-*")), build, "the build did not start writing")
        build.send_signal(signal.SIGTERM)
        _, err = build.communicate(timeout=60)
    finally:
        build.kill()
    assert build.returncode == 143, err
    assert err.strip().splitlines()[-1] == "Error: terminated"
    assert not list(out.glob(".*"))  # no staging folder left
    assert subprocess.run(["pgrep", "-f", str(path)], capture_output=True, text=True).stdout == ""


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_an_export_started_ahead_opens_the_browser_and_leaves_nothing_running_when_closed_unused():
    from briefing.publish import chart_export

    exporter = chart_export.Exporter()
    deadline = time.monotonic() + 120
    family: set[int] = set()
    while not any("chrom" in (Path("/proc") / str(p) / "comm").read_text() for p in family if _alive(p)):
        assert time.monotonic() < deadline, "the browser did not start"
        family |= set(chart_export.descendants(exporter.child.pid))
        time.sleep(0.1)
    exporter.close()
    time.sleep(0.5)
    assert not [p for p in family | {exporter.child.pid} if _alive(p)]


def test_a_sigterm_as_the_export_starts_ends_its_child(tmp_path, monkeypatch):
    # Before the caller's `with` is entered nothing else would end the child (and its browser).
    from briefing.errors import Terminated
    from briefing.publish import chart_export

    browser = tmp_path / "browser.sh"
    browser.write_text("#!/bin/sh\nsleep 600\n", encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(browser))
    children = []

    class Popen(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            children.append(self)

    class Thread:
        def __init__(self, **_):
            pass

        def start(self):
            raise Terminated()

    monkeypatch.setattr(chart_export.subprocess, "Popen", Popen)
    monkeypatch.setattr(chart_export.threading, "Thread", Thread)
    try:
        with pytest.raises(Terminated):
            chart_export.Exporter()
        assert len(children) == 1 and children[0].returncode is not None
    finally:
        for child in children:  # whatever the outcome, leave nothing running
            chart_export._end(child, {})


def test_control_characters_of_an_article_reach_no_terminal(tmp_path):
    # A metadata key could retitle the terminal (ESC ] 0; ... BEL), recolour it, or forge a log line
    # (a newline then "ERROR ..."); a file name likewise, in the line that says it was skipped.
    (tmp_path / "k.txt").write_text('---\npublished: 2024-11-19\n"\\e]0;PWNED\\a\\e[31mRED": 1\n"x\\nERROR forged": 2\n---\n'
                                    "On 18 November 2024 a missile strike on Odesa killed 10 people.\n", encoding="utf-8")
    (tmp_path / "\x1b[2Jempty.txt").write_text("", encoding="utf-8")
    for verbose in ([], ["-v"]):
        result = run("dates", *verbose, str(tmp_path), env={"PYTHONWARNINGS": "ignore"})
        assert result.returncode == 3  # the empty file is skipped
        assert not set(result.stderr) & {"\x1b", "\x07"}
        assert not [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
        assert f"skipped {tmp_path}/\\x1b[2Jempty.txt: empty article" in result.stderr
    assert "WARNING k.txt: unknown metadata key \\x1b]0;PWNED\\x07\\x1b[31mRED, x\\nERROR forged (known:" in result.stderr
