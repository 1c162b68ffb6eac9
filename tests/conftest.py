"""Shared fixtures: the seeds, and one real build of them (charts and PDF) per test session."""
from __future__ import annotations

import datetime as dt
import ipaddress
import shutil
import socket
from datetime import date
from pathlib import Path

import pytest

from briefing.models import Config
from briefing.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
AS_OF = date(2026, 11, 21)


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """Build the seeds once, with charts, into a temporary folder."""
    out = tmp_path_factory.mktemp("out")
    briefing = build(Config(inputs=(SEEDS,), out=out, as_of=AS_OF))
    return briefing, out


@pytest.fixture
def article_dir(tmp_path):
    """A folder to write articles into."""
    def write(name: str, text: str, sources: str | None = None) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        if sources is not None:
            (tmp_path / "sources.yaml").write_text(sources, encoding="utf-8")
        return path
    write.folder = tmp_path
    return write


def has_chromium() -> bool:
    return shutil.which("chromium") is not None


# A real SMTP server on 127.0.0.1 for the email tests (aiosmtpd), and a certificate made here.
SMTP_PASSWORD = "s3cret-Pa55word"


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.received.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _authenticator(accept: bool):
    from aiosmtpd.smtp import AuthResult

    def check(server, session, envelope, mechanism, auth_data):
        ok = accept and auth_data.login == b"desk" and auth_data.password == SMTP_PASSWORD.encode()
        return AuthResult(success=ok, handled=False)
    return check


@pytest.fixture
def smtp_server():
    """Start an SMTP server on 127.0.0.1: plain, or with STARTTLS and a login; stopped after the test."""
    started = []

    from aiosmtpd.controller import Controller

    def start(*, tls_context=None, accept_login=True, login=False, utf8=False):
        inbox = Inbox()
        kwargs = {"enable_SMTPUTF8": utf8}
        if login:
            kwargs |= {"authenticator": _authenticator(accept_login), "auth_require_tls": tls_context is not None}
        if tls_context is not None:
            kwargs.update(tls_context=tls_context, require_starttls=True)
        controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), **kwargs)
        controller.start()
        started.append(controller)
        return controller.port, inbox
    yield start
    for controller in started:
        controller.stop()


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, made here; return (cert file, key file)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    return folder / "cert.pem", folder / "key.pem"


@pytest.fixture
def tls_server_context(certificate):
    """The server side of STARTTLS with the self-signed certificate."""
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context
