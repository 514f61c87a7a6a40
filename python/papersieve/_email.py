"""The digest as an e-mail: a MIME message (text and HTML alternatives) ready for
``sendmail -t``, and sending it over SMTP (docs/writers.md, "E-mail").

Credentials come from the environment only (PAPERSIEVE_SMTP_USER and
PAPERSIEVE_SMTP_PASSWORD), never from the command line, where other users of the
machine could read them.
"""

from __future__ import annotations

import datetime
import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from typing import List, Optional, Sequence, Tuple

from . import Results
from ._outputs import DigestInfo

USER_VARIABLE = "PAPERSIEVE_SMTP_USER"
PASSWORD_VARIABLE = "PAPERSIEVE_SMTP_PASSWORD"
DEFAULT_SENDER = "papersieve <papersieve@localhost>"


class EmailError(ValueError):
    """A bad e-mail setting (an address, HOST:PORT)."""


def _addresses(text: str, what: str) -> List[str]:
    pairs = getaddresses([text])
    if not pairs or any("@" not in address for _, address in pairs):
        raise EmailError(f"{what}: not an e-mail address: {text!r}")
    return [address for _, address in pairs]


def subject_line(results: Results, info: DigestInfo) -> str:
    """"papersieve digest — 2026-12-07: 15 papers"."""
    count = len(results)
    return f"{info.title} — {info.generated[:10]}: {count} paper{'s' if count != 1 else ''}"


def build_message(results: Results, info: DigestInfo, sender: Optional[str],
                  recipients: Sequence[str], subject: Optional[str] = None) -> EmailMessage:
    """A complete message: headers (Date, Message-ID, an RFC 2047 subject), a text/plain
    and a text/html alternative, both UTF-8."""
    sender = sender or DEFAULT_SENDER
    sender_address = _addresses(sender, "--from")[0]
    for recipient in recipients:
        _addresses(recipient, "--to-address")
    message = EmailMessage()
    message["Subject"] = subject or subject_line(results, info)
    message["From"] = sender
    message["To"] = ", ".join(recipients) if recipients else "undisclosed-recipients:;"
    message["Date"] = format_datetime(_utc(info.generated))
    message["Message-ID"] = make_msgid("papersieve", domain=sender_address.rsplit("@", 1)[1])
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies
    message.set_content(results.to_text(info.title, inputs=info.inputs, rules=info.rules,
                                        generated=info.generated,
                                        full_abstracts=info.full_abstracts), charset="utf-8")
    message.add_alternative(results.to_html(info.title, inputs=info.inputs, rules=info.rules,
                                            generated=info.generated,
                                            full_abstracts=info.full_abstracts),
                            subtype="html", charset="utf-8")
    return message


def _utc(rfc3339: str) -> datetime.datetime:
    when = datetime.datetime.strptime(rfc3339, "%Y-%m-%dT%H:%M:%SZ")
    return when.replace(tzinfo=datetime.timezone.utc)


def host_port(text: str) -> Tuple[str, int]:
    """"smtp.example.org:587" -> ("smtp.example.org", 587); a bare host means port 25."""
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = text, "25"
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise EmailError(f"--smtp: expected HOST:PORT, got {text!r}")
    return host, int(port)


def send(message: EmailMessage, smtp: str, recipients: Sequence[str],
         timeout: float = 60) -> None:
    """Delivers the message: implicit TLS on port 465, else STARTTLS when the server
    offers it; logs in when PAPERSIEVE_SMTP_USER is set (never in clear text)."""
    if not recipients:
        raise EmailError("--smtp needs at least one --to-address")
    host, port = host_port(smtp)
    user = os.environ.get(USER_VARIABLE)
    password = os.environ.get(PASSWORD_VARIABLE, "")
    context = ssl.create_default_context()
    server: smtplib.SMTP
    if port == 465:
        server = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        server = smtplib.SMTP(host, port, timeout=timeout)
    with server:
        server.ehlo()
        if port != 465:
            if server.has_extn("starttls"):
                server.starttls(context=context)
                server.ehlo()
            elif user:
                raise EmailError(f"{host}:{port} does not offer STARTTLS; refusing to send "
                                 f"the {USER_VARIABLE} credentials in clear text")
        if user:
            server.login(user, password)
        server.send_message(message, to_addrs=list(recipients))

