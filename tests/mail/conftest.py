"""Mail on the wire: a real SMTP server that keeps the raw bytes, and an independent parser.

`parse_with_mailparser` runs the npm package mailparser (tests/mail/node, installed with
`npm ci --prefix tests/mail/node`), so what the tests read back does not depend on Python's
`email` package, which wrote it. Without node or the package the tests skip, in CI they fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import require_system_tool, serving_smtp
from tests.digest.conftest import make_subscription  # noqa: F401  (fixture)
from tests.posts.conftest import make_post  # noqa: F401  (fixture)

NODE_DIR = Path(__file__).resolve().parent / "node"
PARSER = NODE_DIR / "parse.js"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    mail_options: list[str] = field(default_factory=list)

    @property
    def header_block(self) -> str:
        """The header lines as they arrived (CRLF line ends), which must be ASCII."""
        head, separator, _body = self.raw.partition(b"\r\n\r\n")
        assert separator, "no blank line after the headers"
        return head.decode("ascii") + "\r\n"


@dataclass
class RawHandler:
    """aiosmtpd handler that keeps each message's envelope and raw bytes."""

    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      envelope.original_content or envelope.content,
                                      list(envelope.mail_options)))
        return "250 OK"


@pytest.fixture()
def raw_smtp_server():
    """aiosmtpd on 127.0.0.1 at a free port; `.received` holds envelope and raw bytes."""
    with serving_smtp(RawHandler()) as handler:
        yield handler


@pytest.fixture()
def mailparser(tmp_path):
    """parse(raw messages) -> mailparser's view of each (subject, from, to, headers, text, html)."""
    node = require_system_tool(shutil.which("node"), "node (apt-get install nodejs)")
    require_system_tool(str(NODE_DIR / "node_modules" / "mailparser" / "package.json"),
                        "the npm package mailparser (npm ci --prefix tests/mail/node)")

    def parse(raws: list[bytes]) -> list[dict]:
        paths = []
        for number, raw in enumerate(raws):
            path = tmp_path / f"message-{number}.eml"
            path.write_bytes(raw)
            paths.append(str(path))
        done = subprocess.run([node, str(PARSER), *paths], capture_output=True, timeout=60,
                              check=False)
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        return json.loads(done.stdout)

    return parse
