"""Email: the message composed from a build's outputs, sent to a real SMTP server on 127.0.0.1 (aiosmtpd)."""
from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pypdf
import pytest
from conftest import SMTP_PASSWORD as PASSWORD

from briefing import mail
from briefing.cli import main
from briefing.errors import ConfigError

ARTICLES = {
    "izmail.md": ("2024-11-18", "Russian drones struck the port of Izmail on Sunday, injuring three dock workers, the governor said.\n"),
    "kyiv.md": ("2024-11-19", "Ukraine said on Tuesday it had shot down 12 of 15 drones launched at Kyiv overnight.\n"),
}
PUBLISHERS = {"izmail.md": "Odesa Journal", "kyiv.md": "Kyiv Independent"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A small weekly build to send: its PDF path."""
    folder = tmp_path_factory.mktemp("mail")
    inbox = folder / "inbox"
    inbox.mkdir()
    for name, (published, text) in ARTICLES.items():
        (inbox / name).write_text(f"---\npublished: {published}\npublisher: {PUBLISHERS[name]}\n---\n{text}", encoding="utf-8")
    assert main(["build", str(inbox), "--out", str(folder / "out"), "--no-charts", "--as-of", "2024-11-24",
                 "--window", "7d", "--title", "Danube desk"]) == 0
    return folder / "out" / "latest.pdf"


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def smtp_env(monkeypatch, port, **extra):
    for key in ("HOST", "PORT", "USER", "PASSWORD", "STARTTLS", "SSL", "FROM", "CAFILE"):
        monkeypatch.delenv(f"BRIEFING_SMTP_{key}", raising=False)
    monkeypatch.setenv("BRIEFING_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("BRIEFING_SMTP_PORT", str(port))
    monkeypatch.setenv("BRIEFING_SMTP_FROM", "briefing@example.org")
    for key, value in extra.items():
        monkeypatch.setenv(f"BRIEFING_SMTP_{key.upper()}", value)


def test_the_message_lists_the_key_developments_and_attaches_the_pdf(built):
    message = parse(bytes(mail.compose(built, ["desk@example.org"], None, "briefing@example.org")))
    pdf = built.resolve()
    assert message["Subject"] == "Danube desk: 2024-W47, 2024-11-18 – 2024-11-24"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    # the line page 1 of the PDF has, its source named by label (the PDF's source list) and publisher
    assert ("\n\nKey developments\n- 19 Nov 2024 · Air-defence intercept: Ukraine said on Tuesday it had shot down 12 of 15 "
            "drones launched at Kyiv overnight. [S2 Kyiv Independent]\n") in plain
    assert "Izmail" not in plain  # struck on Sunday 17 November: background to this week, not a key development
    assert ("<li><b>19 Nov 2024</b> · Air-defence intercept: Ukraine said on Tuesday it had shot down 12 of 15 drones "
            'launched at Kyiv overnight. <span style="color: #5d6d7e">[S2 Kyiv Independent]</span></li>') in html
    first = pypdf.PdfReader(pdf).pages[0].extract_text()
    assert "Ukraine said on Tuesday it had shot down 12 of 15" in " ".join(first.split())
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == pdf.name == "briefing-2024-W47.pdf"
    assert attachment.get_content() == pdf.read_bytes()


def test_eml_writes_the_message_instead_of_sending(built, tmp_path, capsys):
    eml = tmp_path / "briefing.eml"
    assert main(["email", str(built), "--to", "a@example.org", "--to", "b@example.org", "--subject", "Weekly",
                 "--eml", str(eml)]) == 0
    message = parse(eml.read_bytes())
    assert (message["To"], message["Subject"]) == ("a@example.org, b@example.org", "Weekly")
    assert next(message.iter_attachments()).get_content() == built.resolve().read_bytes()


def test_sent_to_a_real_server_with_the_right_recipients(built, smtp_server, monkeypatch):
    port, inbox = smtp_server()
    smtp_env(monkeypatch, port)
    assert main(["email", str(built), "--to", "a@example.org", "--to", "b@example.org"]) == 0
    (envelope,) = inbox.received
    assert envelope.rcpt_tos == ["a@example.org", "b@example.org"] and envelope.mail_from == "briefing@example.org"
    message = parse(envelope.original_content)
    assert next(message.iter_attachments()).get_content() == built.resolve().read_bytes()


def test_starttls_with_a_self_signed_certificate_and_a_login(built, smtp_server, monkeypatch, certificate, tls_server_context,
                                                             capsys, caplog):
    cert, _ = certificate
    port, inbox = smtp_server(tls_context=tls_server_context, login=True)
    smtp_env(monkeypatch, port, user="desk", password=PASSWORD, starttls="1", cafile=str(cert))
    assert main(["-v", "email", str(built), "--to", "desk@example.org"]) == 0
    (envelope,) = inbox.received
    assert envelope.rcpt_tos == ["desk@example.org"]
    assert next(parse(envelope.original_content).iter_attachments()).get_content() == built.resolve().read_bytes()
    out = capsys.readouterr()
    assert PASSWORD not in out.out + out.err + caplog.text


def test_a_certificate_the_client_does_not_trust_is_a_one_line_error(built, smtp_server, monkeypatch, tls_server_context, capsys):
    port, inbox = smtp_server(tls_context=tls_server_context)
    smtp_env(monkeypatch, port, starttls="yes")
    assert main(["email", str(built), "--to", "desk@example.org"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: TLS with SMTP server 127.0.0.1:{port} failed: ") and len(err.splitlines()) == 1
    assert inbox.received == []


def test_a_refused_login_is_a_one_line_error_without_the_password(built, smtp_server, monkeypatch, capsys, caplog):
    port, inbox = smtp_server(login=True, accept_login=False)
    smtp_env(monkeypatch, port, user="desk", password=PASSWORD)
    assert main(["-v", "email", str(built), "--to", "desk@example.org"]) == 1
    out = capsys.readouterr()
    # -v shows the traceback above the one-line error: the password is in neither
    assert out.err.splitlines()[-1] == f"Error: SMTP server 127.0.0.1:{port} refused the login of desk (code 535)"
    assert PASSWORD not in out.out + out.err + caplog.text
    assert inbox.received == []


def test_build_with_email_sends_on_success_and_nothing_when_the_build_fails(tmp_path, smtp_server, monkeypatch):
    port, inbox = smtp_server()
    smtp_env(monkeypatch, port)
    articles = tmp_path / "inbox"
    articles.mkdir()
    for name, (published, text) in ARTICLES.items():
        (articles / name).write_text(f"---\npublished: {published}\n---\n{text}", encoding="utf-8")
    out = tmp_path / "out"
    build = ["build", str(articles), "--out", str(out), "--no-charts", "--as-of", "2024-11-24", "--email",
             "--to", "desk@example.org"]
    assert main(build) == 0
    assert len(inbox.received) == 1
    before = (out / "briefing.pdf").read_bytes()
    bad = tmp_path / "templates"
    bad.mkdir()
    (bad / "method.txt.j2").write_text("{{ no_such_value }}", encoding="utf-8")
    assert main(build + ["--templates", str(bad)]) == 2
    assert len(inbox.received) == 1  # nothing sent for the failed build
    assert (out / "briefing.pdf").read_bytes() == before


def test_email_without_a_server_is_bad_usage_before_any_build(tmp_path, monkeypatch, capsys):
    for key in ("HOST", "PORT", "USER", "PASSWORD", "STARTTLS", "SSL"):
        monkeypatch.delenv(f"BRIEFING_SMTP_{key}", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(tmp_path / "none"), "--email", "--to", "desk@example.org"]) == 2
    assert capsys.readouterr().err == ("Error: no SMTP server: set BRIEFING_SMTP_HOST or host in the [smtp] table of "
                                       "briefing.toml\n")


def test_a_user_without_a_password_is_told_where_to_put_it(monkeypatch):
    with pytest.raises(Exception, match="set BRIEFING_SMTP_PASSWORD"):
        mail.smtp_settings({"host": "mail.example.org", "user": "desk"}, {})


def test_settings_repr_hides_the_password():
    settings = mail.smtp_settings({"host": "mail.example.org", "user": "desk", "password": PASSWORD}, {})
    assert PASSWORD not in repr(settings) and settings.port == 25
    assert mail.smtp_settings({"host": "h"}, {"BRIEFING_SMTP_SSL": "1"}).port == 465



def test_an_email_template_that_links_outside_its_folder_is_refused(tmp_path):
    """The e-mail's templates are read as the PDF's are: a --templates folder may come from anyone."""
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "email.txt.j2").symlink_to(secret)
    with pytest.raises(ConfigError, match="outside its folder"):
        mail._render("email.txt.j2", {}, folder)


WEEK = {
    "port.md": ("Odesa Journal", "2024-11-19", "Russian drones struck the port of Izmail on Monday, injuring three dock "
                "workers, the regional governor said.\nOn Tuesday, Ukraine's air force said it had shot down 12 of 15 "
                "drones launched at Kyiv overnight.\n"),
    "kyiv.md": ("Kyiv Independent", "2024-11-20", "Ukraine's air force said on Tuesday it had shot down 12 of 15 drones "
                "launched at Kyiv overnight.\nRussian drones struck Izmail's port on Monday, wounding three workers.\n"),
    "aid.md": ("Berlin Desk", "2024-11-21", "Germany pledged €650 million in military aid to Ukraine on Wednesday, the "
               "defence minister said.\nThe strike on Izmail's port on Monday injured three dock workers.\n"),
}


def test_at_scale_the_message_leads_with_the_key_dates_as_page_one_does(tmp_path, monkeypatch):
    # beyond a table's worth of events (here: two), page 1 of the PDF leads with the key dates, and so does the message
    from briefing.corpus import salience
    monkeypatch.setattr(salience, "TABLE_EVENTS", 2)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, (publisher, published, text) in WEEK.items():
        (inbox / name).write_text(f"---\npublished: {published}\npublisher: {publisher}\n---\n{text}", encoding="utf-8")
    assert main(["build", str(inbox), "--out", str(tmp_path / "out"), "--no-charts", "--as-of", "2024-11-24",
                 "--window", "7d"]) == 0
    pdf = tmp_path / "out" / "latest.pdf"
    first = " ".join(pypdf.PdfReader(pdf).pages[0].extract_text().split())
    plain = parse(bytes(mail.compose(pdf, ["desk@example.org"], None, "briefing@example.org"))).get_body(("plain",)).get_content()
    developments = plain.split("\nKey developments\n", 1)[1].strip().splitlines()
    assert developments[0].startswith("- 18 Nov 2024: ")  # a key date: its day, no event type
    assert any("[S1 Berlin Desk, S2 Kyiv Independent, S3 Odesa Journal]" in line for line in developments)
    for line in developments:  # each line is one of page 1's, its day as the PDF writes it
        when, summary = line[2:].split(": ", 1)
        assert f"{when} · {' '.join(summary.rsplit(' [', 1)[0].split()[:6])}" in first


def test_a_briefing_json_of_an_earlier_version_still_makes_a_message(built, tmp_path):
    import json
    import shutil
    folder = tmp_path / "old"
    shutil.copytree(built.parent, folder, symlinks=True)
    written = folder / "2024-W47" / "briefing.json"
    facts = json.loads(written.read_text("utf-8"))
    for row in facts["key"]:
        del row["more"]  # written before the key developments said how many sources were left out
    written.write_text(json.dumps(facts), encoding="utf-8")
    plain = parse(bytes(mail.compose(folder / "latest.pdf", ["a@example.org"], None, "b@example.org"))).get_body(("plain",))
    assert "Ukraine said on Tuesday it had shot down 12 of 15 drones launched at Kyiv overnight. [S2 Kyiv Independent]" \
        in plain.get_content()


WEEK_BEFORE = {
    "odesa.md": ("2024-11-13", "Russian missiles struck the port of Odesa on November 12, killing five people, officials said.\n"),
    "sumy.md": ("2024-11-14", "A glide bomb hit a hospital in Sumy on Wednesday, injuring nine people, the regional administration said.\n"),
}
WEEK = {
    "odesa-toll.md": ("2024-11-19", "Russian missiles struck the port of Odesa on November 12, killing seven people, officials said.\n"
                                    "Drones struck the Danube port of Izmail on Monday, injuring three dock workers, the governor said.\n"),
    "kupiansk.md": ("2024-11-21", "Russian troops captured a village near Kupiansk on Wednesday, Ukraine's general staff said.\n"
                                  "Germany pledged €400 million in air defence support for Ukraine on Thursday, Berlin said.\n"),
}


def weekly_build(folder, articles, as_of):
    from datetime import date

    from briefing.corpus import periods
    from briefing.models import Config
    from briefing.pipeline import build
    inbox = folder / "inbox"
    inbox.mkdir(exist_ok=True)
    for name, (published, text) in articles.items():
        (inbox / name).write_text(f"---\npublished: {published}\n---\n{text}", encoding="utf-8")
    day = date.fromisoformat(as_of)
    return build(Config(inputs=(inbox,), out=folder / "out", as_of=day, charts=False, window=periods.window(day, 7)))


def flat(text: str) -> str:
    return " ".join(text.split())


def page_one(pdf) -> str:
    from pypdf import PdfReader
    return flat(PdfReader(pdf).pages[0].extract_text())


def test_the_message_says_what_the_pdfs_first_page_says(tmp_path):
    weekly_build(tmp_path, WEEK_BEFORE, "2024-11-17")
    briefing = weekly_build(tmp_path, WEEK, "2024-11-24")
    message = parse(bytes(mail.compose(briefing.pdf, ["desk@example.org"], None, "briefing@example.org")))
    plain = message.get_body(("plain",)).get_content()
    first = page_one(briefing.pdf)
    labels = mail.naming.source_labels(briefing.documents)
    key = plain[plain.index("Key developments"):].splitlines()[1:len(briefing.key_developments) + 1]
    assert len(key) == len(briefing.key_developments) >= 3
    for line, event in zip(key, briefing.key_developments):
        said = line.removeprefix("- ").rsplit(" [", 1)[0]  # '19 Nov 2024 · Strike: ...' as page 1 says it
        assert flat(said) in first
        cited = line.rsplit(" [", 1)[1].removesuffix("]").split(", ")
        assert [c.split()[0] for c in cited] == [labels[s] for s in event.sources[:3]]  # the PDF's S1, S2 ...
    # what is new since the week before, as page 1 opens with it
    assert "New since the last briefing (2024-W46): " in plain and "New since the last briefing (2024-W46)" in first
    said = "12 Nov 2024 · Casualty report (1 new source; figure revised: 5 → 7 people killed): Russian missiles struck"
    assert f"- {said}" in plain and said in first
    assert "Drones struck the Danube port of Izmail on Monday" in plain[:plain.index("Key developments")]  # new
    assert "No longer covered: 13 Nov 2024 " in plain and "No longer covered: 13 Nov 2024" in first


def test_at_scale_the_message_leads_with_the_key_dates_as_page_one_does(tmp_path, monkeypatch):
    from briefing.corpus import salience
    monkeypatch.setattr(salience, "TABLE_EVENTS", 2)  # more events than a table holds: the PDF leads with key dates
    briefing = weekly_build(tmp_path, WEEK, "2024-11-24")
    assert salience.at_scale(briefing.events) and briefing.key_dates
    message = parse(bytes(mail.compose(briefing.pdf, ["desk@example.org"], None, "briefing@example.org")))
    plain, html = message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()
    first = page_one(briefing.pdf)
    lines = [line for line in plain[plain.index("Key developments"):].splitlines()[1:] if line.startswith("- ")]
    assert len(lines) == len(briefing.key_dates[:salience.MOST])
    for line, key in zip(lines, sorted(briefing.key_dates[:salience.MOST], key=lambda k: k.date)):
        said = line.removeprefix("- ").rsplit(" [", 1)[0]  # '18 Nov 2024 · the day's clearest sentences'
        assert said.startswith(f"{mail.naming.human_date(key.date)} · {key.summary.split()[0]}") and flat(said) in first
    assert "<li><b>" in html


@pytest.mark.parametrize("args, env, files, message", [
    (["--subject", "Hi\r\nBcc: x@y.example"], {}, {},
     "Error: --subject 'Hi\\r\\nBcc: x@y.example' holds a line break or control character; give one line of text"),
    (["--eml", "{tmp}"], {}, {}, "Error: --eml {tmp} is a folder; give the name of a file to write"),
    (["--eml", "{tmp}/nowhere/m.eml"], {}, {}, "Error: --eml {tmp}/nowhere/m.eml: there is no folder {tmp}/nowhere"),
    ([], {"FROM": "a@b.org\nBcc: x@y.org"}, {},
     "Error: BRIEFING_SMTP_FROM 'a@b.org\\nBcc: x@y.org' is not an email address (like briefing@example.org)"),
    ([], {"TIMEOUT": "abc"}, {}, "Error: BRIEFING_SMTP_TIMEOUT 'abc' is not a number of seconds above 0"),
    ([], {"TIMEOUT": "-1"}, {}, "Error: BRIEFING_SMTP_TIMEOUT '-1' is not a number of seconds above 0"),
    ([], {"TIMEOUT": "nan"}, {}, "Error: BRIEFING_SMTP_TIMEOUT 'nan' is not a number of seconds above 0"),
    (["--eml", "{tmp}/m.eml"], {}, {"briefing.json": "{}"},
     "Error: {tmp}/x/briefing.json is not the summary a build writes (no 'key'); build the briefing again, or remove "
     "the file to make the message from events.json"),
    (["--eml", "{tmp}/m.eml"], {}, {"events.json": "[1, 2]"},
     "Error: {tmp}/x/events.json is not the table a build writes (not a list of events); build the briefing again"),
])
def test_an_email_mistake_is_one_line_of_bad_usage(built, tmp_path, monkeypatch, capsys, args, env, files, message):
    smtp_env(monkeypatch, 9, **env)  # port 9 (discard): nothing may be sent before the mistake is found
    pdf = built
    if files:
        (tmp_path / "x").mkdir()
        pdf = tmp_path / "x" / "briefing.pdf"
        pdf.write_bytes(built.read_bytes())
        for name, text in files.items():
            (tmp_path / "x" / name).write_text(text, encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main(["email", str(pdf), "--to", "a@example.org", *args]) == 2
    assert capsys.readouterr().err == message.replace("{tmp}", str(tmp_path)) + "\n"
    assert not (tmp_path / "m.eml").exists()


@pytest.mark.parametrize("args, toml, message", [
    (["--title", "Weekly\r\nBcc: evil@x.example"], "",
     "Error: --title 'Weekly\\r\\nBcc: evil@x.example' holds a line break or control character; give one line of text"),
    (["--subject", "Weekly\x1b]0;pwned\x07"], "",
     "Error: --subject 'Weekly\\x1b]0;pwned\\x07' holds a line break or control character; give one line of text"),
    ([], 'title = "Weekly\\nBcc: evil@x.example"',
     "Error: {tmp}/briefing.toml: title = 'Weekly\\nBcc: evil@x.example' is not allowed; give one line of text"),
    ([], "[smtp]\ntimeout = 0", "Error: {tmp}/briefing.toml: smtp.timeout = 0 is not allowed; give a number of seconds above 0"),
])
def test_build_with_email_finds_a_mistake_before_building(tmp_path, monkeypatch, capsys, args, toml, message):
    smtp_env(monkeypatch, 9)
    (tmp_path / "briefing.toml").write_text(toml + "\n", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.md").write_text("---\npublished: 2024-11-18\n---\nRussian drones struck Izmail on Sunday.\n", encoding="utf-8")
    assert main(["build", str(inbox), "--out", str(tmp_path / "out"), "--no-charts", "--config", str(tmp_path / "briefing.toml"),
                 "--email", "--to", "a@example.org", *args]) == 2
    assert capsys.readouterr().err == message.replace("{tmp}", str(tmp_path)) + "\n"
    assert not (tmp_path / "out").exists()  # nothing built, nothing published


def test_a_line_break_in_a_briefing_json_title_never_reaches_a_header(built, tmp_path):
    import json
    import shutil
    folder = tmp_path / "copy"
    shutil.copytree(built.parent, folder, symlinks=True)
    written = folder / "2024-W47" / "briefing.json"
    facts = json.loads(written.read_text("utf-8"))
    written.write_text(json.dumps({**facts, "title": "Danube\r\nBcc: evil@x.example"}), encoding="utf-8")
    message = parse(bytes(mail.compose(folder / "latest.pdf", ["a@example.org"], None, "b@example.org")))
    assert message["Subject"] == "Danube Bcc: evil@x.example: 2024-W47, 2024-11-18 – 2024-11-24"
    assert message["Bcc"] is None


def test_an_address_that_is_not_ascii_needs_a_server_with_smtputf8(built, smtp_server, monkeypatch, capsys):
    # It was told as "does not offer AUTH", with no login configured.
    port, inbox = smtp_server()  # aiosmtpd offers no SMTPUTF8 unless told to
    smtp_env(monkeypatch, port)
    assert main(["email", str(built), "--to", "ünï@例え.jp"]) == 1
    assert capsys.readouterr().err == (f"Error: SMTP server 127.0.0.1:{port} does not offer SMTPUTF8, which ünï@例え.jp "
                                       "needs (it is not ASCII); give an ASCII address (a domain as xn--...), or use a "
                                       "server that offers SMTPUTF8\n")
    assert inbox.received == []
    port, inbox = smtp_server(utf8=True)
    smtp_env(monkeypatch, port)
    assert main(["email", str(built), "--to", "ünï@例え.jp"]) == 0
    assert [e.rcpt_tos for e in inbox.received] == [["ünï@例え.jp"]]


def _trickling_server(when: str):
    """A server on 127.0.0.1 that, at `when` (its greeting, or its answer to EHLO), sends one more
    continuation line every 0.2 s and never the last: each read gets its line, none times out."""
    import socket
    import threading

    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(60)

    def serve():
        with listener:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(60)
                try:
                    if when == "ehlo":
                        conn.sendall(b"220 slow.example ESMTP\r\n")
                        conn.recv(1024)
                    for _ in range(300):  # at most a minute
                        conn.sendall(b"220-still here\r\n" if when == "greeting" else b"250-still here\r\n")
                        threading.Event().wait(0.2)
                except OSError:  # the client hung up
                    return

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


@pytest.mark.parametrize("when", ["greeting", "ehlo"])
def test_a_server_that_trickles_its_reply_is_given_up_at_the_deadline(built, when):
    import os
    import subprocess
    import sys
    port = _trickling_server(when)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_SMTP_")}
    env |= {"BRIEFING_SMTP_HOST": "127.0.0.1", "BRIEFING_SMTP_PORT": str(port), "BRIEFING_SMTP_TIMEOUT": "2"}
    result = subprocess.run([sys.executable, "-m", "briefing", "email", str(built), "--to", "a@example.org"],
                            capture_output=True, text=True, env=env, timeout=120)  # before: held for ever
    assert (result.returncode, result.stderr) == (1, f"Error: SMTP server 127.0.0.1:{port} did not finish within 2 s (it "
                                                     "answers too slowly or never ends its reply; BRIEFING_SMTP_TIMEOUT "
                                                     "sets the limit)\n")
