"""The README's recipes for a scheduled build, each run as written: crontab, systemd timer and service, CI workflow."""
from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SMTP_PASSWORD

README = (ROOT / "README.md").read_text("utf-8")
BIN = Path(sys.executable).parent
# The code of this checkout, even when the venv's command is installed from another one (a worktree)
CHECKOUT = {"PYTHONPATH": str(ROOT)}
EPOCH = "1732492800"  # Monday 2024-11-25, the build date: the articles of the week just ended (--window last-week)
ARTICLES = {
    "izmail.md": ("2024-11-22", "Russian drones struck the port of Izmail on Thursday, injuring three dock workers, the governor said.\n"),
    "kyiv.md": ("2024-11-23", "Ukraine said on Saturday it had shot down 12 of 15 drones launched at Kyiv overnight.\n"),
}


def recipe(name: str) -> str:
    """The code block that follows `<!-- recipe: name -->` in the README."""
    match = re.search(rf"<!-- recipe: {re.escape(name)} -->\s*```\w*\n(.*?)```", README, re.S)
    assert match, f"README has no recipe {name}"
    return match.group(1)


def project(home: Path, smtp_port: int) -> Path:
    """~/briefing as the recipes assume it: the venv's command, a briefing.toml, an inbox of this week's articles."""
    folder = home / "briefing"
    (folder / ".venv" / "bin").mkdir(parents=True)
    (folder / ".venv" / "bin" / "briefing").symlink_to(BIN / "briefing")
    (folder / "inbox").mkdir()
    for name, (published, text) in ARTICLES.items():
        (folder / "inbox" / name).write_text(f"---\npublished: {published}\n---\n{text}", encoding="utf-8")
    (folder / "briefing.toml").write_text(
        'inputs = ["inbox"]\noutput = "reports"\nrecipients = ["desk@example.org"]\ncharts = false\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsender = "briefing@example.org"\n', encoding="utf-8")
    return folder


def cron_env(home: Path) -> dict[str, str]:
    """The few variables cron gives a job: no terminal, a bare PATH."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh", "LANG": "C.UTF-8", "SOURCE_DATE_EPOCH": EPOCH,
            **CHECKOUT}


def test_the_crontab_line_runs_as_written(tmp_path, smtp_server):
    port, inbox = smtp_server()
    line = recipe("crontab").strip()
    fields = line.split(None, 5)
    assert len(fields) == 6 and all(re.fullmatch(r"[\d*,/-]+", f) for f in fields[:5]), line
    assert "%" not in fields[5]  # cron turns % into a newline
    folder = project(tmp_path, port)
    run = subprocess.run(["/bin/sh", "-c", fields[5]], env=cron_env(tmp_path), stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=600)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")  # cron mails whatever a job prints
    assert (folder / "reports" / "briefing-2024-W47.pdf").exists()
    assert (folder / "reports" / "latest.pdf").resolve() == (folder / "reports" / "briefing-2024-W47.pdf").resolve()
    assert [e.rcpt_tos for e in inbox.received] == [["desk@example.org"]]


def _unit(text: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read_string(text)
    return parser


def test_the_systemd_timer_and_service_verify_and_run(tmp_path, smtp_server):
    port, inbox = smtp_server()
    folder = project(tmp_path, port)
    units = tmp_path / "units"
    units.mkdir()
    # %h is the user's home: here the temporary one, so that systemd-analyze finds the command.
    for name in ("briefing.service", "briefing.timer"):
        (units / name).write_text(recipe(name).replace("%h", str(tmp_path)), encoding="utf-8")
    service, timer = _unit((units / "briefing.service").read_text()), _unit((units / "briefing.timer").read_text())
    assert service["Service"]["Type"] == "oneshot" and timer["Timer"]["OnCalendar"]
    if shutil.which("systemd-analyze"):
        calendar = subprocess.run(["systemd-analyze", "calendar", timer["Timer"]["OnCalendar"]], capture_output=True, text=True)
        assert calendar.returncode == 0, calendar.stderr
        verify = subprocess.run(["systemd-analyze", "verify", str(units / "briefing.service"), str(units / "briefing.timer")],
                                capture_output=True, text=True)
        assert verify.returncode == 0, verify.stderr
    env_file = tmp_path / ".config" / "briefing" / "smtp.env"
    env_file.parent.mkdir(parents=True)
    env_file.write_text("BRIEFING_SMTP_FROM=systemd@example.org\n", encoding="utf-8")
    env = cron_env(tmp_path) | dict(line.split("=", 1) for line in env_file.read_text().splitlines())
    command = service["Service"]["ExecStart"].split()
    run = subprocess.run(command, cwd=service["Service"]["WorkingDirectory"], env=env, stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=600)
    assert (run.returncode, run.stderr) == (0, "")
    assert [(e.mail_from, e.rcpt_tos) for e in inbox.received] == [("systemd@example.org", ["desk@example.org"])]
    assert (folder / "reports" / "latest.pdf").exists()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_systemd_analyze_rejects_a_broken_unit(tmp_path):
    """The check above can fail: a unit whose command does not exist does not verify."""
    (tmp_path / "broken.service").write_text("[Service]\nType=oneshot\nExecStart=/nowhere/briefing build\n", encoding="utf-8")
    verify = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "broken.service")], capture_output=True, text=True)
    assert verify.returncode != 0


def test_the_ci_workflow_is_valid_and_its_build_step_runs(tmp_path, smtp_server, tls_server_context, certificate):
    port, inbox = smtp_server(tls_context=tls_server_context, login=True)
    workflow = yaml.safe_load(recipe("workflow"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads a bare `on` as true
    (schedule,) = triggers["schedule"]
    assert len(schedule["cron"].split()) == 5
    steps = workflow["jobs"]["briefing"]["steps"]
    step = next(s for s in steps if s.get("name") == "build and email")
    secrets = {"BRIEFING_SMTP_HOST": "127.0.0.1", "BRIEFING_SMTP_PORT": str(port), "BRIEFING_SMTP_USER": "desk",
               "BRIEFING_SMTP_PASSWORD": SMTP_PASSWORD, "BRIEFING_TO": "desk@example.org"}

    def expand(text: str) -> str:
        return re.sub(r"\$\{\{\s*secrets\.(\w+)\s*\}\}", lambda m: secrets[m.group(1)], str(text))
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path), "SOURCE_DATE_EPOCH": EPOCH, "LANG": "C.UTF-8",
           "BRIEFING_SMTP_CAFILE": str(certificate[0]), **CHECKOUT}  # the test's own CA; a real server's is in the system's store
    env |= {k: expand(v) for k, v in step["env"].items()}
    repo = tmp_path / "repo"
    (repo / "inbox").mkdir(parents=True)
    for name, (published, text) in ARTICLES.items():
        (repo / "inbox" / name).write_text(f"---\npublished: {published}\n---\n{text}", encoding="utf-8")
    run = subprocess.run(["bash", "-e", "-c", expand(step["run"])], cwd=repo, env=env,
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert (repo / "reports" / "briefing-2024-W47.pdf").exists()
    assert [e.rcpt_tos for e in inbox.received] == [["desk@example.org"]]
