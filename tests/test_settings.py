"""briefing.toml: found, validated with the key's name and what is allowed, overridden by options."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from briefing import settings
from briefing.cli import main
from briefing.errors import ConfigError

ARTICLE = "---\npublished: 2024-11-19\n---\nA Russian missile struck a school in Kharkiv on Tuesday, killing four people, officials said.\n"


def test_settings_are_read_and_paths_resolved_against_the_file(tmp_path):
    path = tmp_path / "briefing.toml"
    path.write_text('inputs = ["inbox"]\noutput = "reports"\nwindow = "7d"\ntitle = "Desk weekly"\n'
                    'recipients = ["desk@example.org"]\npage_size = "letter"\ncache = "cache"\n'
                    '[smtp]\nhost = "mail.example.org"\nport = 587\nstarttls = true\n', encoding="utf-8")
    found = settings.load(path)
    assert found["inputs"] == [tmp_path / "inbox"] and found["output"] == tmp_path / "reports"
    assert (found["window"], found["page_size"], found["recipients"]) == (7, "letter", ["desk@example.org"])
    assert found["smtp"] == {"host": "mail.example.org", "port": 587, "starttls": True}


@pytest.mark.parametrize(("toml", "message"), [
    ('ouptut = "x"', "unknown key ouptut (allowed: as_of, author, cache, charts, inputs, output, page_size, recipients, since, "
                     "smtp, subject, templates, title, topic, until, window)"),
    ('topic = [1]', "topic = [1] is not allowed; give words separated by commas"),
    ('topic = ""', "topic = '' is not allowed; give words separated by commas"),
    ('page_size = "A5"', "page_size = 'A5' is not allowed; give 'A4' or 'letter'"),
    ('window = "a week"', "window 'a week' is not a window: give a number of days, 1 or more (7 or 7d; 1w for a week)"),
    ('since = "last monday"', "since 'last monday' is not a date; give it as YYYY-MM-DD"),
    ('recipients = ["desk"]', "recipients = ['desk'] is not allowed; give a list of email addresses"),
    ('charts = "no"', "charts = 'no' is not allowed; give true or false"),
    ('[smtp]\nport = 99999', "smtp.port = 99999 is not allowed; give a port number from 1 to 65535"),
    ('[smtp]\nhots = "x"', "unknown key smtp.hots (allowed: cafile, host, password, port, sender, ssl, starttls, timeout, user)"),
    ('window = 7\nsince = 2024-11-01', "give either window or since/until, not both"),
    ('title = ', "is not valid TOML"),
])
def test_a_bad_key_or_value_names_the_key_and_what_is_allowed(tmp_path, toml, message):
    path = tmp_path / "briefing.toml"
    path.write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        settings.load(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_a_bad_password_value_is_not_repeated_in_the_error(tmp_path):
    path = tmp_path / "briefing.toml"
    path.write_text('[smtp]\npassword = 12345678\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        settings.load(path)
    assert "12345678" not in str(caught.value) and "smtp.password = (hidden)" in str(caught.value)


@pytest.mark.parametrize(("given", "days"), [("7", 7), ("7d", 7), ("14D", 14), ("1w", 7), (3, 3), ("last-week", "last-week"),
                                             (" Last-Week ", "last-week")])
def test_window_lengths(given, days):
    assert settings.window_days(given) == days


def test_the_file_in_the_current_folder_is_used_and_options_override_it(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "briefing.toml").write_text('inputs = ["inbox"]\noutput = "reports"\ntitle = "From the file"\ncharts = false\n'
                                            'as_of = 2024-11-21\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "briefing", "build", "--title", "From the option"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    pdf = (tmp_path / "reports" / "briefing.pdf").read_bytes()
    assert b"From the option" in pdf and b"From the file" not in pdf
    assert (tmp_path / "reports" / "briefing-cache.sqlite").exists()


def test_config_option_names_the_file_and_a_missing_one_is_bad_usage(tmp_path, capsys):
    assert main(["build", "--config", str(tmp_path / "none.toml")]) == 2
    assert capsys.readouterr().err == f"Error: --config {tmp_path / 'none.toml'}: no such file\n"


def test_bad_settings_file_is_exit_code_2_with_one_line(tmp_path):
    (tmp_path / "briefing.toml").write_text('output = "out"\nformat = "pdf"\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "briefing", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.startswith("Error: ") and "unknown key format" in run.stderr and len(run.stderr.splitlines()) == 1


def test_window_from_the_file_applies_unless_an_option_gives_one(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "briefing.toml").write_text('since = 2024-11-01\nuntil = 2024-11-10\n', encoding="utf-8")
    assert main(["build", str(tmp_path / "a.md"), "--config", str(tmp_path / "briefing.toml"), "--no-charts",
                 "--out", str(tmp_path / "o1")]) == 4  # the article is dated after the file's window
    assert main(["build", str(tmp_path / "a.md"), "--config", str(tmp_path / "briefing.toml"), "--no-charts",
                 "--out", str(tmp_path / "o2"), "--as-of", "2024-11-21", "--window", "7d"]) == 0
    assert Path(tmp_path / "o2" / "briefing-2024-W47.pdf").exists()


@pytest.mark.parametrize("mode, warned", [(0o644, True), (0o640, True), (0o600, False), (0o400, False)])
def test_a_settings_file_with_the_smtp_password_that_others_may_read_is_warned_of(tmp_path, caplog, mode, warned):
    import logging
    path = tmp_path / "briefing.toml"
    path.write_text('[smtp]\nhost = "smtp.example.org"\nuser = "desk"\npassword = "s3cret"\n', encoding="utf-8")
    path.chmod(mode)
    with caplog.at_level(logging.WARNING, logger="briefing.settings"):
        assert settings.load(path)["smtp"]["password"] == "s3cret"
    expected = [f"{path} holds the SMTP password and other users may read it (mode {mode:03o}): chmod 600 it, or give "
                "the password in BRIEFING_SMTP_PASSWORD instead"] if warned else []
    assert [r.getMessage() for r in caplog.records] == expected
    assert "s3cret" not in caplog.text


def test_a_settings_file_without_a_password_may_be_read_by_anyone(tmp_path, caplog):
    path = tmp_path / "briefing.toml"
    path.write_text('[smtp]\nhost = "smtp.example.org"\n', encoding="utf-8")
    path.chmod(0o644)
    settings.load(path)
    assert caplog.records == []


@pytest.mark.parametrize("files, refused", [
    ([], False),                                          # empty: made for the cache
    (["briefing-cache.sqlite", "briefing-cache.sqlite-wal", "notes.txt"], False),  # holds our cache already
    (["passwd", "hosts", "fstab", "group"], True),        # someone else's folder (--cache /etc)
    (["briefing-cache.sqlite-wal"], True),                # a journal without its cache is no cache
])
def test_a_cache_folder_that_holds_other_files_and_no_cache_is_refused(tmp_path, files, refused):
    from briefing import cache
    folder = tmp_path / "c"
    folder.mkdir()
    for name in files:
        (folder / name).write_text("x", encoding="utf-8")
    if refused:
        with pytest.raises(ConfigError, match=rf"--cache {folder} holds other files \(.*\) and no extraction cache: "
                                              r"give a folder of its own \(it is made if missing\)"):
            cache.check_folder(folder)
    else:
        assert cache.check_folder(folder) == folder
    assert cache.check_folder(tmp_path / "new") == tmp_path / "new"


def test_cache_etc_is_bad_usage_and_writes_nothing_there(tmp_path, capsys):
    etc = tmp_path / "etc"
    etc.mkdir()
    (etc / "passwd").write_text("root:x:0:0::/root:/bin/sh\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(ARTICLE, encoding="utf-8")
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-charts", "--cache", str(etc)]) == 2
    assert capsys.readouterr().err == (f"Error: --cache {etc} holds other files (passwd) and no extraction cache: give a "
                                       "folder of its own (it is made if missing)\n")
    assert sorted(p.name for p in etc.iterdir()) == ["passwd"]


@pytest.mark.parametrize("given, words", [
    ("libya,libyan", ("libya", "libyan")),
    (" Libya , libyan,libya ", ("libya", "libyan")),
    (["BP", "oil", "spill"], ("bp", "oil", "spill")),
])
def test_topic_words(given, words):
    assert settings.topic_words(given) == words


def test_a_topic_of_no_words_is_one_line_error():
    with pytest.raises(ConfigError, match=r"^--topic ',,' is not a topic: give words separated by commas, like libya,libyan"):
        settings.topic_words(",,")
