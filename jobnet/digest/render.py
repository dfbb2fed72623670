"""The digest's content: subject line, text and HTML parts, list headers, deterministic Message-ID.

The message itself is built by `jobnet.mail.messages` like every other mail.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import date, datetime
from email.message import EmailMessage
from functools import lru_cache

from flask import current_app
from flask_babel import force_locale, get_locale, ngettext
from flask_babel import gettext as _
from markupsafe import Markup, escape

from jobnet.clock import local_today
from jobnet.digest.compose import Digest, Entry
from jobnet.digest.models import Frequency
from jobnet.digest.periods import Period
from jobnet.fairs.display import daily_text
from jobnet.fairs.schedule import DailyHours
from jobnet.geo.settings import geo_settings
from jobnet.i18n import date_text, datetime_text
from jobnet.mail.messages import MAX_LINE_OCTETS, compose_message
from jobnet.mail.wire import ascii_domain, sender_domain
from jobnet.posts.models import Kind

BLANK_LINES = re.compile(r"\n{3,}")


def _count_phrase(kind: str, num: int) -> str:
    if kind == Kind.SETTLEMENT:
        return ngettext("%(num)d Ansiedlung", "%(num)d Ansiedlungen", num)
    if kind == Kind.PROGRAMME:
        return ngettext("%(num)d Berufsbild", "%(num)d Berufsbilder", num)
    if kind == Kind.PROJECT:
        return ngettext("%(num)d Projekt", "%(num)d Projekte", num)
    return ngettext("%(num)d Jobbörse", "%(num)d Jobbörsen", num)


def period_label(period: Period) -> str:
    """The period in the subject: "KW 48" (the week says weekly) or "Tagesübersicht 24.11.2026"."""
    if period.frequency == Frequency.WEEKLY:
        return _("KW %(week)d", week=period.week)
    return _("Tagesübersicht %(date)s", date=date_text(local_today(period.slot)))


def digest_title(period: Period) -> str:
    """"Wochenübersicht KW 48" or "Tagesübersicht 24.11.2026", heading the mail's text."""
    if period.frequency == Frequency.WEEKLY:
        return _("Wochenübersicht KW %(week)d", week=period.week)
    return period_label(period)


def _contents(digest: Digest) -> str | None:
    counts = tuple(digest.counts.get(kind, 0) for kind in
                   (Kind.SETTLEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.FAIR))
    counted = _counted(counts, str(get_locale()))
    if not digest.questions:
        return counted
    questions = ngettext("%(num)d Frage an das Netzwerk", "%(num)d Fragen an das Netzwerk",
                         len(digest.questions))
    return f"{counted}, {questions}" if counted else questions


@lru_cache(maxsize=4096)
def _counted(counts: tuple[int, ...], locale: str) -> str | None:
    # Subject and preheader both name the counts; a round has few distinct ones per language.
    parts = [_count_phrase(kind, num) for kind, num in
             zip((Kind.SETTLEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.FAIR), counts, strict=True)
             if num]
    return ", ".join(parts) if parts else None


def subject_line(digest: Digest, period: Period) -> str:
    """What is new, e.g. "JobNet Hessen: 3 Ansiedlungen, 2 Jobbörsen – KW 48"."""
    return _("%(product)s: %(contents)s – %(period)s", product=geo_settings().product_name,
             contents=_contents(digest) or _("nichts Neues"), period=period_label(period))


def preheader(digest: Digest) -> str:
    """The preview line a mail client shows after the subject."""
    contents = _contents(digest)
    if contents is None:
        return _("Diesmal gibt es nichts Neues in Ihren Kreisen.")
    return _("Neu in Ihren Kreisen: %(contents)s", contents=contents)


def message_id(subscription_id: int, period_key: str) -> str:
    """The same id for every attempt of one digest, so receivers can drop a duplicate; keyed
    with SECRET_KEY, so it reveals neither the subscription's id nor how many there are."""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"digest\0{subscription_id}\0{period_key}".encode(), hashlib.sha256)
    return f"<digest.{digest.hexdigest()[:32]}@{sender_domain(current_app.config)}>"


def list_id(period: Period) -> str:
    """RFC 2919 List-Id under the operator's domain; daily and weekly digests are two lists."""
    config = current_app.config
    domain = ascii_domain(config.get("MAIL_LIST_ID_DOMAIN") or sender_domain(config))
    if period.frequency == Frequency.WEEKLY:
        return f"{geo_settings().product_name} Wochenuebersicht <wochenuebersicht.{domain}>"
    return f"{geo_settings().product_name} Tagesuebersicht <tagesuebersicht.{domain}>"


@lru_cache(maxsize=8192)
def _when(value: DailyHours | datetime | date | None, locale: str) -> str:
    # Babel's formatting costs ~50 µs per call; the same fair appears in thousands of digests.
    if value is None:
        return ""
    if isinstance(value, DailyHours):
        return daily_text(value)  # as the fair's page and the calendar say it
    if isinstance(value, datetime):
        return datetime_text(value)
    return date_text(value)


@lru_cache(maxsize=20000)
def _snippet(fmt: str, macro: str, entry: Entry, post_url: str, locale: str,
             marks: tuple[int, int] | None = None) -> Markup:
    # An entry looks the same in every digest of a language, so each is rendered once and
    # reused: this took composing text + HTML + MIME from about 230 to 330-340 digests/s.
    module = current_app.jinja_env.get_template(f"email/_digest_entries.{fmt}").module
    render = getattr(module, macro)
    when = lambda value: _when(value, locale)
    snippet = render(entry, post_url, when, _marks_text(marks) if marks else "")
    if fmt == "html":
        snippet = _one_line(snippet)
    return Markup(snippet)


def _marks_text(marks: tuple[int, int]) -> str:
    """E.g. "3 Organisationen haben Erfahrung damit, 1 hat Interesse"."""
    experience, interest = marks
    parts = []
    if experience:
        parts.append(ngettext("%(num)d Organisation hat Erfahrung damit",
                              "%(num)d Organisationen haben Erfahrung damit", experience))
    if interest:
        parts.append(ngettext("%(num)d hat Interesse", "%(num)d haben Interesse", interest)
                     if experience else
                     ngettext("%(num)d Organisation hat Interesse",
                              "%(num)d Organisationen haben Interesse", interest))
    return ", ".join(parts)


def _one_line(html: str) -> str:
    # A line break in HTML is a space; one line per entry leaves the receiving server fewer
    # lines to read (most of its work per message). Kept as it is where one line would be
    # longer than SMTP allows.
    joined = " ".join(line.strip() for line in html.splitlines() if line.strip())
    return joined if len(joined.encode()) <= MAX_LINE_OCTETS else html


def _snippets(fmt: str, macro: str, entries, post_url: str, locale: str,
              marks: dict[int, tuple[int, int]]) -> Markup:
    # One template call per group of entries instead of one per entry: Jinja's call overhead
    # was most of a digest's rendering (measured: 1.57 -> 0.98 ms for text + HTML).
    # marks: members' digests only; the counts are part of the entry's cache key.
    return Markup("\n".join([_snippet(fmt, macro, entry, post_url, locale,
                                      marks.get(entry.item.id)) for entry in entries]))


# Stand-ins for the subscriber's own links in a digest rendered once for many subscribers;
# random per process, so no post text can contain them.
_OWN_LINKS = {name: f"jobnet-{secrets.token_hex(12)}-{name}" for name in ("manage", "unsubscribe")}


def render_parts(digest: Digest, period: Period, links: dict) -> tuple[str, str, str]:
    """Subject, plain text and HTML of a digest in the current locale."""
    key = (str(get_locale()), period.key, links["post"])
    if key not in digest.rendered:
        digest.rendered[key] = _render(digest, period, {**links, **_OWN_LINKS})
    subject, text, html = digest.rendered[key]
    for name, stand_in in _OWN_LINKS.items():
        text = text.replace(stand_in, links[name])
        html = html.replace(stand_in, str(escape(links[name])))
    return subject, text, html


def _render(digest: Digest, period: Period, links: dict) -> tuple[str, str, str]:
    env = current_app.jinja_env
    subject = subject_line(digest, period)
    locale = str(get_locale())
    settings = geo_settings()  # rendered without the context processors (templating.py)
    context = {"digest": digest, "period": period, "subject": subject, "links": links,
               "product_name": settings.product_name, "region": settings.names(),
               "label": digest_title(period), "Kind": Kind, "preheader": preheader(digest),
               "when": lambda value: _when(value, locale),
               "snippets": lambda fmt, macro, entries: _snippets(fmt, macro, entries,
                                                                 links["post"], locale,
                                                                 digest.marks)}
    # Template loops leave runs of blank lines; one blank line between blocks reads best.
    text = BLANK_LINES.sub("\n\n", env.get_template("email/digest.txt").render(context))
    html = env.get_template("email/digest.html").render(context)
    return subject, text, html


def digest_message(*, to: str, subscription_id: int, period: Period, digest: Digest,
                   links: dict, locale: str) -> EmailMessage:
    """The multipart digest: a bulk list mail with RFC 8058 one-click unsubscribe."""
    with force_locale(locale):
        subject, text, html = render_parts(digest, period, links)
    return compose_message(
        to=to, subject=subject, text=text, html=html,
        message_id=message_id(subscription_id, period.key),
        headers=[("List-Id", list_id(period)),
                 ("List-Unsubscribe", f"<{links['unsubscribe']}>"),
                 ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                 ("Precedence", "bulk"),
                 ("Auto-Submitted", "auto-generated")])
