import json
import subprocess
import sys

import pytest

from briefing.cli import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("command", [[], ["build"], ["dates"]])
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


def test_bad_as_of_is_one_line_error(capsys, seeds):
    assert main(["build", str(seeds), "--as-of", "yesterday"]) == 1
    assert capsys.readouterr().err == "Error: --as-of 'yesterday' is not a date; give it as YYYY-MM-DD\n"


def test_jobs_below_one_is_one_line_error(capsys, seeds):
    assert main(["build", str(seeds), "--jobs", "0"]) == 1
    assert capsys.readouterr().err == "Error: --jobs 0 must be a number of processes, 1 or more\n"


def test_missing_input_is_one_line_error(tmp_path):
    result = run("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr == f"Error: no article found in {tmp_path / 'nowhere'} ({tmp_path / 'nowhere'}: no such file or folder)\n"
    assert "Traceback" not in result.stderr


def test_bad_templates_folder_is_one_line_error(capsys, seeds, tmp_path):
    assert main(["build", str(seeds), "--templates", str(tmp_path / "none")]) == 1
    assert capsys.readouterr().err.startswith("Error: --templates ")


def test_skipped_file_is_listed_and_the_exit_code_says_so(tmp_path):
    (tmp_path / "a.txt").write_text("Russia fired six missiles at Odesa on Wednesday, officials said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    out = tmp_path / "out"
    result = run("build", str(tmp_path), "--out", str(out), "--no-charts", "--as-of", "2024-03-15")
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
    assert main(["build", str(seeds), "--out", str(out), "--no-charts", "--templates", str(bad)]) == 1
    assert (out / "briefing.pdf").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".building")]


def test_window_keeps_the_week_and_lists_the_rest(tmp_path, seeds):
    out = tmp_path / "out"
    result = run("build", str(seeds), "--out", str(out), "--no-charts", "--as-of", "2024-11-20", "--window", "7")
    assert result.returncode == 3
    sources = (out / "sources.csv").read_text("utf-8")
    assert "001_3a2f32aede7024c5" in sources and "002_c2be2a0c6008a7cf" in sources
    assert "000_b279d1822da1bbd2" not in sources
    assert "000_b279d1822da1bbd2.txt: published 2023-11-28, outside 2024-11-14 – 2024-11-20" in result.stderr


def test_window_with_nothing_in_it_is_one_line_error(tmp_path, seeds):
    result = run("build", str(seeds), "--out", str(tmp_path), "--no-charts", "--as-of", "2030-01-01", "--window", "7")
    assert result.returncode == 1
    assert result.stderr == "Error: no article was published in the 7 days up to 2030-01-01\n"


def test_an_unexpected_failure_is_still_one_line(capsys, monkeypatch, seeds):
    import briefing.pipeline

    def broken(config):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(briefing.pipeline, "build", broken)
    assert main(["build", str(seeds)]) == 1
    err = capsys.readouterr().err
    assert err == "Error: internal error (ZeroDivisionError: division by zero); run with -v for details and report it\n"


def test_output_folder_that_is_a_file_is_one_line_error(tmp_path, seeds):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("build", str(seeds / "004_bd72372eb4c33033.txt"), "--out", str(blocker), "--no-charts")
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: cannot write to output folder {blocker}")
    assert len(result.stderr.splitlines()) == 1
