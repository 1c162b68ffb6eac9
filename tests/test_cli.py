import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import __version__
from briefing.cli import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("command", [[], ["build"], ["email"], ["dates"], ["read"]])
def test_every_command_has_help_ending_with_an_example(command):
    result = run(*command, "--help")
    assert result.returncode == 0
    lines = result.stdout.rstrip().splitlines()
    assert lines[-2].strip() == "example:" or "example:" in "\n".join(lines[-3:])
    assert lines[-1].strip().startswith("briefing ")


def test_dates_jsonl_contract(seeds):
    result = run("dates", str(seeds / "001_3a2f32aede7024c5.txt"), "--format", "jsonl")
    assert result.returncode == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    text = (seeds / "001_3a2f32aede7024c5.txt").read_text("utf-8")
    assert {"source", "start", "end", "text", "type", "value"} <= set(records[0])
    assert all(text[r["start"]:r["end"]] == r["text"] for r in records)
    assert {"text": "Sunday", "value": "2024-11-17"}.items() <= next(r for r in records if r["text"] == "Sunday").items()


def test_read_jsonl_gives_what_the_build_reads_of_a_seed(seeds):
    result = run("read", str(seeds / "000_b279d1822da1bbd2.txt"), "--format", "jsonl")
    assert result.returncode == 0
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    text = record.pop("text")
    assert record == {"source": "000_b279d1822da1bbd2", "path": str(seeds / "000_b279d1822da1bbd2.txt"),
                      "title": "A Ukrainian drone has struck the Smolensk Aviation Factory more than 200 miles behind enemy lines.",
                      "published": "2023-11-28", "published_basis": "sources_yaml", "publisher": "Yahoo!",
                      "author": "Timothy Sigsworth", "url": None}
    # the blog's preface and its credit line ("Timothy Sigsworth reports in Yahoo!:") are not analysed
    assert text.startswith("A Ukrainian drone has struck the Smolensk Aviation Factory more than 200 miles behind enemy lines. ")
    assert "reports in Yahoo!" not in text and "Strategic attacks on Russian logistics" not in text


def test_read_table_and_a_skipped_file(tmp_path):
    (tmp_path / "a.txt").write_text("---\npublished: 2024-03-13\npublisher: Harbour Wire\n---\n"
                                    "Odesa port hit\n\nRussia fired six missiles at Odesa on Wednesday, officials said.\n"
                                    "Read more:\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    result = run("read", str(tmp_path))
    assert result.returncode == 3
    assert result.stdout == ("a\t2024-03-13\tfront_matter\tHarbour Wire\tOdesa port hit\n"
                             "    Odesa port hit\n    Russia fired six missiles at Odesa on Wednesday, officials said.\n\n")
    assert result.stderr == f"skipped {tmp_path / 'b.txt'}: binary file, not text\n"
    lines = run("read", str(tmp_path), "--format", "jsonl").stdout.splitlines()
    assert json.loads(lines[-1]) == {"path": str(tmp_path / "b.txt"), "skipped": "binary file, not text"}


def test_bad_as_of_is_one_line_error(capsys, seeds):
    assert main(["build", str(seeds), "--as-of", "yesterday"]) == 2
    assert capsys.readouterr().err == "Error: --as-of 'yesterday' is not a date; give it as YYYY-MM-DD\n"


def test_jobs_below_one_is_one_line_error(capsys, seeds):
    assert main(["build", str(seeds), "--jobs", "0"]) == 2  # bad usage
    assert capsys.readouterr().err == "Error: --jobs 0 must be a number of processes, 1 or more\n"


def test_missing_input_is_one_line_error(tmp_path):
    result = run("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode == 4
    assert result.stderr == f"Error: no article found in {tmp_path / 'nowhere'} ({tmp_path / 'nowhere'}: no such file or folder)\n"
    assert "Traceback" not in result.stderr


def test_bad_templates_folder_is_one_line_error(capsys, seeds, tmp_path):
    assert main(["build", str(seeds), "--templates", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err.startswith("Error: --templates ")


def test_skipped_file_is_listed_and_the_exit_code_says_so(tmp_path):
    (tmp_path / "a.txt").write_text("Russia fired six missiles at Odesa on Wednesday, officials said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    out = tmp_path / "out"
    result = run("build", str(tmp_path), "--out", str(out), "--no-charts", "--as-of", "2024-03-15", "-v")
    assert result.returncode == 3
    assert f"skipped {tmp_path / 'b.txt'}: binary file, not text" in result.stderr
    assert (out / "briefing.pdf").exists()


def test_a_failed_build_leaves_the_previous_output_whole(tmp_path, seeds):
    out = tmp_path / "out"
    assert main(["build", str(seeds / "004_bd72372eb4c33033.txt"), "--out", str(out), "--no-charts", "--as-of", "2024-01-01"]) == 0
    before = (out / "briefing.pdf").read_bytes()
    bad = tmp_path / "tpl"
    bad.mkdir()
    (bad / "method.txt.j2").write_text("{{ no_such_value }}", encoding="utf-8")
    assert main(["build", str(seeds), "--out", str(out), "--no-charts", "--templates", str(bad)]) == 2
    assert (out / "briefing.pdf").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".building")]


def test_window_keeps_the_week_and_lists_the_rest(tmp_path, seeds):
    out = tmp_path / "out"
    result = run("build", str(seeds), "--out", str(out), "--no-charts", "--as-of", "2024-11-20", "--window", "7", "-v")
    assert result.returncode == 0  # an article of another week is left out, not skipped: nothing is wrong with it
    sources = (out / "2024-W46" / "sources.csv").read_text("utf-8")  # 14-20 Nov: four of its days are in ISO week 46
    assert (out / "latest.pdf").resolve() == (out / "briefing-2024-W46.pdf").resolve()
    assert "001_3a2f32aede7024c5" in sources and "002_c2be2a0c6008a7cf" in sources
    assert "000_b279d1822da1bbd2" not in sources
    assert "left out " in result.stderr and "000_b279d1822da1bbd2.txt: published 2023-11-28, outside 2024-11-14 – 2024-11-20" \
        in result.stderr  # the -v log lists them
    quiet = run("build", str(seeds), "--out", str(out), "--no-charts", "--as-of", "2024-11-20", "--window", "7")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")  # cron mails nothing


def test_window_with_nothing_in_it_is_one_line_error(tmp_path, seeds):
    result = run("build", str(seeds), "--out", str(tmp_path), "--no-charts", "--as-of", "2030-01-01", "--window", "7")
    assert result.returncode == 4
    assert result.stderr == "Error: no article was published in 2029-12-26 – 2030-01-01\n"


def test_an_unexpected_failure_is_still_one_line(capsys, monkeypatch, seeds):
    import briefing.pipeline

    def broken(config, progress=None):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(briefing.pipeline, "build", broken)
    assert main(["build", str(seeds)]) == 1
    err = capsys.readouterr().err
    assert err == "Error: internal error (ZeroDivisionError: division by zero); run with -v for details and report it\n"


def test_output_folder_that_is_a_file_is_one_line_error(tmp_path, seeds):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("build", str(seeds / "004_bd72372eb4c33033.txt"), "--out", str(blocker), "--no-charts")
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: cannot write to output folder {blocker}")
    assert len(result.stderr.splitlines()) == 1


def test_version():
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"briefing {__version__}\n")


def test_the_exit_codes_in_the_readme_are_the_ones_the_cli_uses():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    table = dict(re.findall(r"^\| (\d) \| (.+?) \|$", readme.split("### Exit codes", 1)[1], re.M))
    assert sorted(table) == ["0", "1", "2", "3", "4"]
    from briefing import cli
    assert (cli.BUILT, cli.FAILED, cli.BAD_USAGE, cli.SKIPPED, cli.NOTHING) == (0, 1, 2, 3, 4)
    assert "skipped" in table["3"] and "nothing to build" in table["4"] and "bad usage" in table["2"]


def test_an_unknown_option_is_bad_usage():
    result = run("build", "--colour", "red")
    assert result.returncode == 2 and "unrecognized arguments: --colour" in result.stderr


def test_an_empty_folder_is_nothing_to_build(tmp_path):
    (tmp_path / "in").mkdir()
    result = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-charts")
    assert result.returncode == 4 and result.stderr.startswith("Error: no article found in ")


def test_without_a_terminal_only_errors_and_skips_are_printed(tmp_path):
    (tmp_path / "a.txt").write_text("Russia fired six missiles at Odesa on Wednesday, officials said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    result = run("build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-charts", "--as-of", "2024-03-15")
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == f"skipped {tmp_path / 'b.txt'}: binary file, not text\n"
    loud = run("build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-charts", "--as-of", "2024-03-15", "-v")
    assert "INFO " in loud.stderr and "skipped " in loud.stderr


def test_a_terminal_gets_a_progress_bar_and_quiet_silences_it(tmp_path):
    import pty

    (tmp_path / "a.txt").write_text("Russia fired six missiles at Odesa on Wednesday, officials said.\n", encoding="utf-8")

    def on_terminal(*extra) -> str:
        leader, follower = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "briefing", "build", str(tmp_path / "a.txt"), "--out",
                                 str(tmp_path / "out"), "--no-charts", "--as-of", "2024-03-15", *extra],
                                stdin=follower, stdout=follower, stderr=follower, close_fds=True)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed when the build ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=300) == 0
        os.close(leader)
        return b"".join(chunks).decode("utf-8", "replace")
    shown = on_terminal()
    assert "extracting" in shown and "wrote " in shown
    assert on_terminal("--quiet") == ""
