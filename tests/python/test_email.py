"""`--to email` writes a MIME message; `--smtp` delivers it (to a local aiosmtpd
server started here); both are read back with Python's email package."""

from __future__ import annotations

import email
import email.policy
import io
import shutil
import socket
import ssl
import subprocess
from email.message import EmailMessage
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest

from papersieve.cli import main

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "examples" / "rules" / "digest.json"
EPOCH = "1767323045"  # 2026-01-02T03:04:05Z


def run(argv: List[str]) -> Tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def parts(message: EmailMessage) -> List[EmailMessage]:
    return [p for p in message.iter_parts()]  # type: ignore[misc]


def check_message(message: EmailMessage, count: int) -> None:
    assert message.get_content_type() == "multipart/alternative"
    plain, html = parts(message)
    assert plain.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    assert plain.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
    assert "Dual Prompt" in plain.get_content() or "Prompt" in plain.get_content()
    assert "<mark" in html.get_content() and "<script" not in html.get_content()
    assert message["Subject"] == f"Morning papers — 2026-01-02: {count} papers"
    assert message["Date"].datetime.year == 2026
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith(">")
    assert message["From"].addresses[0].addr_spec == "bot@example.org"


def test_to_email_writes_a_complete_mime_message(sample: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code, out, err = run(["filter", str(sample), "-r", str(RULES), "--to", "email",
                          "--title", "Morning papers", "--from", "bot@example.org",
                          "--to-address", "me@example.org"])
    assert code == 0, err
    raw_subject = next(line for line in out.splitlines() if line.startswith("Subject:"))
    assert "=?utf-8?" in raw_subject.lower()  # RFC 2047: the subject holds an em dash
    assert out.isascii()  # 7-bit clean: what sendmail -t passes on unchanged
    message = email.message_from_string(out, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message["To"] == "me@example.org"
    html = parts(message)[1].get_content()
    check_message(message, html.count("<h3"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[Tuple[int, List[Tuple[str, List[str], bytes]]]]:
    controller_module = pytest.importorskip("aiosmtpd.controller")
    received: List[Tuple[str, List[str], bytes]] = []

    class Handler:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            received.append((envelope.mail_from, list(envelope.rcpt_tos),  # type: ignore[attr-defined]
                             envelope.original_content))  # type: ignore[attr-defined]
            return "250 OK"

    port = free_port()
    controller = controller_module.Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


def test_smtp_delivers_the_digest(sample: Path, monkeypatch: pytest.MonkeyPatch,
                                  smtp_server: Tuple[int, List[Tuple[str, List[str], bytes]]]
                                  ) -> None:
    port, received = smtp_server
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("PAPERSIEVE_SMTP_USER", raising=False)
    code, out, err = run(["filter", str(sample), "-r", str(RULES), "--title", "Morning papers",
                          "--smtp", f"127.0.0.1:{port}", "--from", "bot@example.org",
                          "--to-address", "me@example.org", "--to-address", "you@example.org"])
    assert code == 0, err
    assert out == ""  # sent, not printed
    assert len(received) == 1
    sender, recipients, data = received[0]
    assert sender == "bot@example.org" and recipients == ["me@example.org", "you@example.org"]
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    selected = int(err.split(" of ")[0])
    check_message(message, selected)
    assert err.endswith("→ mail to me@example.org, you@example.org\n")


def test_smtp_refuses_credentials_without_tls(sample: Path, monkeypatch: pytest.MonkeyPatch,
                                              smtp_server: Tuple[int, List[Tuple[str, List[str], bytes]]]
                                              ) -> None:
    port, received = smtp_server
    monkeypatch.setenv("PAPERSIEVE_SMTP_USER", "bot")
    monkeypatch.setenv("PAPERSIEVE_SMTP_PASSWORD", "secret")
    code, _, err = run(["filter", str(sample), "-r", str(RULES), "--smtp", f"127.0.0.1:{port}",
                        "--to-address", "me@example.org"])
    assert code == 2 and "STARTTLS" in err and "secret" not in err and "Traceback" not in err
    assert received == []


def test_smtp_starttls_and_login(sample: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """STARTTLS when the server offers it, then a login with credentials from the
    environment; the client checks the server's certificate (here a self-signed one
    trusted through SSL_CERT_FILE)."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    smtp_module = pytest.importorskip("aiosmtpd.smtp")
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    logins: List[Tuple[str, str]] = []
    received: List[bytes] = []

    def authenticate(server: object, session: object, envelope: object, mechanism: str,
                     data: object) -> object:
        logins.append((data.login.decode(), data.password.decode()))  # type: ignore[attr-defined]
        return smtp_module.AuthResult(success=True)

    class Handler:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            received.append(envelope.original_content)  # type: ignore[attr-defined]
            return "250 OK"

    port = free_port()
    controller = controller_module.Controller(
        Handler(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
        authenticator=authenticate, auth_require_tls=True)
    controller.start()
    try:
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        monkeypatch.setenv("PAPERSIEVE_SMTP_USER", "bot")
        monkeypatch.setenv("PAPERSIEVE_SMTP_PASSWORD", "s3cret")
        code, _, err = run(["filter", str(sample), "-r", str(RULES), "--smtp",
                            f"127.0.0.1:{port}", "--from", "bot@example.org",
                            "--to-address", "me@example.org"])
    finally:
        controller.stop()
    assert code == 0, err
    assert logins == [("bot", "s3cret")] and len(received) == 1
    message = email.message_from_bytes(received[0], policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"


def test_smtp_usage_errors(sample: Path) -> None:
    code, _, err = run(["filter", str(sample), "-r", str(RULES), "--smtp", "127.0.0.1:25"])
    assert code == 2 and "--to-address" in err
    code, _, err = run(["filter", str(sample), "-r", str(RULES), "--smtp", "host:port",
                        "--to-address", "me@example.org"])
    assert code == 2 and "HOST:PORT" in err
    port = free_port()  # nobody listens
    code, _, err = run(["filter", str(sample), "-r", str(RULES), "--smtp", f"127.0.0.1:{port}",
                        "--to-address", "me@example.org"])
    assert code == 2 and err.startswith("papersieve: error:") and "Traceback" not in err
