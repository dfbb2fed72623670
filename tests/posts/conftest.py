"""Helpers for the posts tests: valid data per kind, a post factory, form data, cheap hashing."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from flask.testing import FlaskClient

from jobnet.accounts.models import Role, User
from jobnet.posts import services
from jobnet.posts.models import Kind, Post, Status
from tests.conftest import csrf_token_from

# A fixed instant for service and query tests (a Monday morning in Hesse).
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KINDS = [kind.value for kind in Kind]
# A point in each district the tests use: posts get their district from their point.
DISTRICT_POINTS = {
    "06435": (50.202, 9.188),  # Gelnhausen
    "06631": (50.551, 9.675),  # Fulda
    "06632": (50.868, 9.707),  # Bad Hersfeld
    "06412": (50.1109, 8.6821),  # Frankfurt am Main
    "06611": (51.316, 9.498),  # Kassel
}


def post_data(kind: str, **overrides) -> dict:
    """Valid service data for a post of the kind (model attribute names)."""
    common = {
        "title": "Logistikzentrum in Bad Hersfeld",
        "summary": "Ein neues Logistikzentrum schafft viele Arbeitsplätze in der Region.",
        "body": "Mehr dazu **hier**.",
        "place": "Bad Hersfeld",
        "latitude": 50.868,
        "longitude": 9.707,
        "links": ["https://example.org/info"],
    }
    specific = {
        Kind.SETTLEMENT: {"company": "Beispiel Logistik GmbH", "sector": "Logistik",
                          "jobs_expected": 800, "occupations": "Fachkräfte für Lagerlogistik"},
        Kind.PROGRAMME: {"programme_name": "Fachkraft für Lagerlogistik",
                         "programme_type": "new_training", "duration_months": 24},
        Kind.PROJECT: {"target_groups": ["youth_u25"], "participants": 40, "integrations": 12},
        Kind.FAIR: {"starts_at": NOW + timedelta(days=10),
                    "ends_at": NOW + timedelta(days=10, hours=6),
                    "venue": "Messe Wächtersbach", "organisers": "Jobcenter Main-Kinzig"},
    }[kind]
    return {**common, **specific, **overrides}


@pytest.fixture()
def make_post(db, make_user) -> Callable[..., Post]:
    """Create a post through the services: published by default, or draft/archived/unpublished."""

    def _make(kind: str = Kind.SETTLEMENT, *, author: User | None = None,
              status: str = Status.PUBLISHED, now: datetime = NOW, **fields) -> Post:
        author = author or make_user(Role.COORDINATOR)
        if "district_ags" in fields:
            fields["latitude"], fields["longitude"] = DISTRICT_POINTS[fields.pop("district_ags")]
        post = services.create_post(kind, post_data(kind, **fields), author=author, now=now,
                                    publish=status != Status.DRAFT)
        if status == Status.ARCHIVED:
            services.archive_post(post, user=author, now=now)
        elif status == Status.UNPUBLISHED:
            moderator = make_user(Role.MODERATOR)
            services.unpublish_post(post, moderator=moderator, reason="Bitte Quelle ergänzen.",
                                    now=now)
        return post

    return _make


def form_data(kind: str, **overrides) -> dict:
    """What a browser sends for a valid post form of the kind (strings, local times)."""
    soon = date.today() + timedelta(days=30)
    common = {
        "title": "Jobbörse im Main-Kinzig-Kreis",
        "summary": "Arbeitgeber aus der Region stellen sich vor und suchen Personal.",
        "body": "Mit **vielen** Ausstellern.",
        "place": "Gelnhausen",
        "latitude": "50,2019",
        "longitude": "9.1866",
        "contact_name": "Erika Muster",
        "contact_email": "erika.muster@example.org",
        "contact_phone": "+49 (6051) 123-45",
        "links": "https://example.org/a\nhttps://example.org/b",
        "valid_until": soon.isoformat(),
    }
    specific = {
        Kind.SETTLEMENT: {"company": "Rechenzentrum Hanau GmbH", "sector": "IT",
                          "jobs_expected": "150", "hiring_start": soon.isoformat(),
                          "occupations": "Elektroniker\nIT-Fachleute", "commute_radius_km": "30"},
        Kind.PROGRAMME: {"programme_name": "Kaufleute im E-Commerce",
                         "programme_type": "new_occupation", "duration_months": "36",
                         "providers": "IHK Hanau", "experience": "Gut angenommen."},
        Kind.PROJECT: {"target_groups": ["single_parents", "over_50"], "period_start": "2025-01-01",
                       "period_end": "2026-12-31", "funding": "ESF Plus",
                       "instruments": "Coaching", "participants": "60", "integrations": "20"},
        Kind.FAIR: {"starts_at": f"{soon.isoformat()}T10:00",
                    "ends_at": f"{soon.isoformat()}T16:00",
                    "venue": "Stadthalle Gelnhausen", "organisers": "Kommunales Center für Arbeit",
                    "registration_url": "https://example.org/anmeldung",
                    "registration_deadline": (soon - timedelta(days=7)).isoformat(),
                    "exhibitors_expected": "45", "audience": "Alle Interessierten",
                    "target_groups": ["refugees"], "is_free": "y"},
    }[kind]
    return {**common, **specific, **overrides}


HIDDEN_RE = re.compile(r'<input[^>]*type="hidden"[^>]*>')
NAME_RE = re.compile(r'name="([^"]+)"')
VALUE_RE = re.compile(r'value="([^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden inputs of a page (CSRF token, the post's version, the one-time key)."""
    fields = {}
    for tag in HIDDEN_RE.findall(html):
        name, value = NAME_RE.search(tag), VALUE_RE.search(tag)
        if name:
            fields[name.group(1)] = value.group(1) if value else ""
    return fields


@pytest.fixture()
def submit(client: FlaskClient) -> Callable:
    """Fill a form like a browser: GET the page, then POST its hidden fields with the data."""

    def _submit(url: str, data: dict | None = None, *, page: str | None = None, **kwargs):
        html = client.get(page or url).get_data(as_text=True)
        payload = {**hidden_fields(html), "csrf_token": csrf_token_from(html), **(data or {})}
        return client.post(url, data=payload, **kwargs)

    return _submit


ERROR_RE = re.compile(r'<p class="error" role="alert">(.*?)</p>', re.DOTALL)


def field_errors(html: str) -> list[str]:
    """The error messages shown next to form fields."""
    return ERROR_RE.findall(html)


@pytest.fixture()
def relogin(submit, login_as) -> Callable[..., User]:
    """Sign out whoever is signed in, then sign in as another user (or a new one with the role)."""

    def _relogin(role_or_user: str | User) -> User:
        submit("/konto/abmelden", page="/beitraege/")
        return login_as(role_or_user)

    return _relogin


@pytest.fixture()
def anonymous_get(app) -> Callable:
    """GET as a visitor without an account (a client with its own, empty cookie jar)."""

    def _get(url: str, **kwargs):
        return app.test_client().get(url, **kwargs)

    return _get
