"""Headers as they go on the wire, the policy that writes them unchanged, the bytes for DATA.

Python's `email.policy.default` folds headers longer than 78 characters into RFC 2047 encoded
words, even a literal `List-Unsubscribe: <URL>`, and its folding of adjacent encoded words loses
or doubles spaces (cpython gh-144156); it also writes non-ASCII domains as encoded words inside
addresses, which RFC 2047 §5 forbids. So `WIRE_POLICY` stores every header already in its wire
form, and serialising writes that form unchanged:

- addresses: display name as encoded word when not ASCII, domain in IDNA (punycode) form, an
  address that cannot be written in ASCII (non-ASCII local part) is refused;
- a non-ASCII Subject (or other unstructured header): whole-value encoded words of at most 76
  characters a line, which decode to exactly the composed text;
- any other header must be ASCII; it stays literal and is folded at spaces only.
"""

from __future__ import annotations

import re
from email.generator import BytesGenerator
from email.header import Header
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import getaddresses
from functools import lru_cache
from io import BytesIO

import idna

FOLD_AT = 78  # RFC 5322 2.1.1: lines SHOULD be at most 78 characters ...
MAX_LINE = 998  # ... and MUST be at most 998
ENCODED_LINE = 76  # RFC 2047 2: a line holding encoded words at most 76 characters
ADDRESS_HEADERS = frozenset({"from", "to", "cc", "bcc", "reply-to", "sender", "resent-from",
                             "resent-to", "resent-cc", "resent-bcc", "resent-sender"})
# Headers whose value is free text (RFC 5322 "unstructured"): they may carry encoded words.
UNSTRUCTURED_HEADERS = frozenset({"subject", "comments", "x-preheader"})
SPECIALS = re.compile(r'[][\\()<>@,:;".]')
ESCAPES = re.compile(r'[\\"]')
LOOKS_ENCODED = re.compile(r"=\?.*\?=")
FOLD_POINT = re.compile(r"(?<=\S) +(?=\S)")  # a run of spaces between words


class HeaderError(ValueError):
    """A header value that cannot be written as a valid header."""


@lru_cache(maxsize=4096)
def ascii_domain(domain: str) -> str:
    """The domain as it goes on the wire: IDNA (punycode) for an internationalised one."""
    if domain.isascii():
        return domain
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except idna.IDNAError as error:
        raise HeaderError(f"not a valid domain: {domain!r}") from error


def ascii_address(address: str) -> str:
    """local@domain with the domain in IDNA form; a non-ASCII local part needs SMTPUTF8: refused."""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        raise HeaderError(f"not an address: {address!r}")
    if not local.isascii():
        raise HeaderError(f"address needs SMTPUTF8: {address!r}")
    return f"{local}@{ascii_domain(domain)}"


def named_address(display: str, address: str) -> str:
    """The header value 'display <address>', which getaddresses() reads back unchanged."""
    if SPECIALS.search(display):
        display = '"' + ESCAPES.sub(r"\\\g<0>", display) + '"'
    return f"{display} <{address}>"


def envelope_sender(config) -> str:
    """MAIL FROM of the SMTP transaction: MAIL_RETURN_PATH, or the address of MAIL_FROM."""
    configured = (config.get("MAIL_RETURN_PATH") or "").strip()
    if configured:
        return ascii_address(getaddresses([configured])[0][1] or configured)
    return ascii_address(getaddresses([config["MAIL_FROM"]])[0][1])


def sender_domain(config) -> str:
    """The (ASCII) domain of MAIL_FROM, for Message-IDs."""
    address = getaddresses([config["MAIL_FROM"]])[0][1]
    return ascii_domain(address.rpartition("@")[2]) if "@" in address else "jobnet-hessen.invalid"


def _encoded_words(name: str, value: str) -> str:
    # Header.encode splits the text itself into adjacent encoded words, each with its spaces
    # inside, so a decoder that drops the folding whitespace between them gets the text back.
    return Header(value, "utf-8", header_name=name).encode(maxlinelen=ENCODED_LINE, linesep="\n")


def _folded(name: str, value: str) -> str:
    """An ASCII value folded before spaces only: unfolding gives the value back unchanged."""
    lines, rest, used = [], value, len(name) + 2
    while used + len(rest) > FOLD_AT:
        # Fold before a space that has text both before it on the line and after it.
        cuts = [match.start() for match in FOLD_POINT.finditer(rest)]
        if not cuts:
            break
        fitting = [cut for cut in cuts if used + cut <= FOLD_AT]
        cut = fitting[-1] if fitting else cuts[0]
        lines.append(rest[:cut])
        rest, used = rest[cut:], 0
    lines.append(rest)
    if len(lines[0]) + len(name) + 2 > MAX_LINE or any(len(line) > MAX_LINE for line in lines[1:]):
        raise HeaderError(f"{name} has a word longer than {MAX_LINE} characters")
    return "\n".join(lines)


def _phrase(name: str) -> str:
    if not name:
        return ""
    if not name.isascii():
        return _encoded_words("", name).replace("\n", "") + " "
    if SPECIALS.search(name) or LOOKS_ENCODED.search(name):
        return '"' + ESCAPES.sub(r"\\\g<0>", name) + '" '
    return name + " "


def _addresses(name: str, value: str) -> str:
    pairs = getaddresses([value])
    if not pairs or any(not address for _name, address in pairs):
        raise HeaderError(f"{name}: not an address list: {value!r}")
    items = [f"{_phrase(display)}<{ascii_address(address)}>" if display else ascii_address(address)
             for display, address in pairs]
    return _folded(name, ", ".join(items))


@lru_cache(maxsize=4096)
def wire_header(name: str, value: str) -> str:
    """The value as written on the wire (ASCII, folded with "\\n" plus a space).

    Cached: a round writes the same From, Subject, List-Id and Content-Type values thousands
    of times, and encoding a non-ASCII Subject costs about a millisecond."""
    if "\r" in value or "\n" in value:
        raise HeaderError(f"{name}: line breaks in a header value")
    lower = name.lower()
    if lower in ADDRESS_HEADERS:
        return _addresses(name, value)
    if lower in UNSTRUCTURED_HEADERS and (not value.isascii() or LOOKS_ENCODED.search(value)):
        return _encoded_words(name, value)
    if not value.isascii():
        raise HeaderError(f"{name}: non-ASCII text in a structured header")
    return _folded(name, value)


class WirePolicy(EmailPolicy):
    """`email.policy.default` for bodies; headers are stored and written in their wire form."""

    def header_store_parse(self, name, value):
        if hasattr(value, "name"):  # a parsed header object: its decoded text
            value = str(value)
        return name, wire_header(name, str(value))

    def header_max_count(self, name):
        # Asked on every header set; the registry builds a new class per lookup.
        return _max_count(self.header_factory, name.lower())

    def header_fetch_parse(self, name, value):
        # The generator asks for Content-Type and friends several times per part; parsing
        # them was a third of serialising. Parsed headers are immutable: cache them.
        if not hasattr(value, "name") and name.lower() in CACHED_FETCH:
            return _parsed(self.header_factory, name, value)
        return super().header_fetch_parse(name, value)

    def _fold(self, name, value, refold_binary=False):
        if hasattr(value, "name"):
            return super()._fold(name, value, refold_binary)
        return f"{name}: {self.linesep.join(value.split(chr(10)))}{self.linesep}"


CACHED_FETCH = frozenset({"content-type", "content-transfer-encoding", "mime-version",
                          "content-disposition"})


# Keyed by the header registry, not the policy: the generator works with clones of it.
@lru_cache(maxsize=256)
def _parsed(factory, name: str, value: str):
    return factory(name, value.replace("\r", "").replace("\n", ""))  # as EmailPolicy does


@lru_cache(maxsize=256)
def _max_count(factory, name: str) -> int | None:
    return factory[name].max_count  # EmailPolicy.header_max_count


WIRE_POLICY = WirePolicy()
SMTP_POLICY = WIRE_POLICY.clone(linesep="\r\n")


def wire_bytes(message: EmailMessage) -> bytes:
    """The message as it goes into DATA: CRLF line ends, headers in their stored wire form."""
    policy = SMTP_POLICY if message.policy is WIRE_POLICY else message.policy.clone(linesep="\r\n")
    out = BytesIO()
    _WireGenerator(out, mangle_from_=False, policy=policy).flatten(message)
    return out.getvalue()


class _WireGenerator(BytesGenerator):
    """BytesGenerator writing a body's lines in one call instead of two calls per line."""

    def _write_lines(self, lines: str) -> None:
        # The same bytes as Generator._write_lines: every line end (CRLF, CR or LF, as
        # email.generator.NLCRE) becomes linesep; str.replace is 4x faster than that regex.
        if lines:
            self.write(lines.replace("\r\n", "\n").replace("\r", "\n").replace("\n", self._NL))


def envelope(message: EmailMessage, return_path: str | None) -> tuple[str, list[str]]:
    """MAIL FROM and RCPT TO as smtplib.send_message derives them (Sender or From; To, Cc, Bcc)."""
    # From the stored (wire form, unfolded) values: parsing them into header objects first
    # cost more than the rest of sending.
    raw = [(name.lower(), value.replace("\n", "")) for name, value in message.raw_items()]
    senders = [value for name, value in raw if name == "sender"] or [
        value for name, value in raw if name == "from"]
    sender = return_path or getaddresses(senders[:1])[0][1]
    recipients = [address for _name, address in getaddresses(
        [value for name, value in raw if name in ("to", "cc", "bcc")])]
    return sender, recipients
