"""Mail transports: a folder of .eml files (embedded default), SMTP, and memory (tests)."""

from __future__ import annotations

import secrets
import smtplib
import ssl
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class FileTransport:
    """Writes each message as an .eml file, so a new user can read mails without a server."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)

    def send(self, message: EmailMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        # Sortable by time, unique without coordination between processes.
        path = self.directory / f"{time.time_ns()}-{secrets.token_hex(4)}.eml"
        path.write_bytes(bytes(message))


class MemoryTransport:
    """Keeps messages in a list; the test suite reads them from there."""

    def __init__(self) -> None:
        self.outbox: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.outbox.append(message)


class SMTPTransport:
    """Sends through an SMTP server with optional STARTTLS or implicit TLS and login."""

    def __init__(self, host: str, port: int, security: str = "none", username: str = "",
                 password: str = "", timeout: float = 30) -> None:
        self.host, self.port, self.security = host, port, security
        self.username, self.password, self.timeout = username, password, timeout

    def send(self, message: EmailMessage) -> None:
        context = ssl.create_default_context()
        if self.security == "tls":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                                  context=context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with smtp:
            if self.security == "starttls":
                smtp.starttls(context=context)
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(message)


def transport_from_config(config: dict) -> Transport:
    """The transport named by MAIL_TRANSPORT."""
    kind = config["MAIL_TRANSPORT"]
    if kind == "memory":
        return MemoryTransport()
    if kind == "smtp":
        return SMTPTransport(config["MAIL_HOST"], int(config["MAIL_PORT"]), config["MAIL_SECURITY"],
                             config["MAIL_USERNAME"], config["MAIL_PASSWORD"],
                             float(config["MAIL_TIMEOUT_SECONDS"]))
    return FileTransport(config["MAIL_FILE_DIR"])
