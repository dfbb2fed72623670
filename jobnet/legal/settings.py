"""The legal pages' settings, read once at start: the operator's own texts (a file or TOML text
per page), the facts the default texts are filled in with, and the feedback form's limits.

A configured file that cannot be read stops the start (ConfigError) rather than showing a
public body's site without its Impressum.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from markupsafe import Markup

from jobnet.config import PROJECT_ROOT, ConfigError, is_local_development
from jobnet.legal.text import render_legal_text

log = logging.getLogger("jobnet.legal")

# Page name -> prefix of its two configuration keys (<PREFIX>_FILE, <PREFIX>_TEXT).
PAGES = {"imprint": "LEGAL_IMPRINT", "privacy": "LEGAL_PRIVACY",
         "accessibility": "LEGAL_ACCESSIBILITY"}
CONFORMANCE = ("full", "partial", "none")
LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Operator:
    """The public body running this installation, as the default texts name it."""

    name: str = ""
    address: tuple[str, ...] = ()
    representative: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class LegalSettings:
    texts: Mapping[str, Markup] = field(default_factory=dict)  # page -> the operator's text
    text_language: str = "de"
    operator: Operator = Operator()
    data_protection_officer: tuple[str, ...] = ()
    feedback_to: str = ""  # where the feedback form's mails go; "" = no form
    statement_date: date = date(2026, 12, 1)
    conformance: str = "partial"
    feedback_per_client: int = 5
    feedback_per_hour: int = 60

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> LegalSettings:
        """Settings from the LEGAL_* and ACCESSIBILITY_* keys; ConfigError for bad values."""
        texts = {page: render_legal_text(source) for page, prefix in PAGES.items()
                 if (source := _page_source(config, prefix))}
        operator = Operator(
            name=_text(config, "LEGAL_OPERATOR_NAME"),
            address=_lines(_text(config, "LEGAL_OPERATOR_ADDRESS")),
            representative=_text(config, "LEGAL_OPERATOR_REPRESENTATIVE"),
            email=_text(config, "LEGAL_OPERATOR_EMAIL"),
            phone=_text(config, "LEGAL_OPERATOR_PHONE"))
        language = _text(config, "LEGAL_TEXT_LANGUAGE")
        conformance = _text(config, "ACCESSIBILITY_CONFORMANCE")
        if language not in LANGUAGES:
            raise ConfigError(f"LEGAL_TEXT_LANGUAGE must be one of {LANGUAGES}, not {language!r}")
        if conformance not in CONFORMANCE:
            raise ConfigError(f"ACCESSIBILITY_CONFORMANCE must be one of {CONFORMANCE}, "
                              f"not {conformance!r}")
        return cls(texts=texts, text_language=language, operator=operator,
                   data_protection_officer=_lines(_text(config, "LEGAL_DATA_PROTECTION_OFFICER")),
                   feedback_to=_text(config, "ACCESSIBILITY_FEEDBACK_TO") or operator.email,
                   statement_date=_day(config, "ACCESSIBILITY_STATEMENT_DATE"),
                   conformance=conformance,
                   feedback_per_client=_count(config, "ACCESSIBILITY_FEEDBACK_MAX_PER_CLIENT"),
                   feedback_per_hour=_count(config, "ACCESSIBILITY_FEEDBACK_MAX_PER_HOUR"))

    def missing(self) -> list[str]:
        """Keys a public installation must set but did not (for the warning at start)."""
        wanted = {"LEGAL_OPERATOR_NAME": self.operator.name or "imprint" in self.texts,
                  "LEGAL_OPERATOR_ADDRESS": self.operator.address or "imprint" in self.texts,
                  "ACCESSIBILITY_FEEDBACK_TO": self.feedback_to}
        return [key for key, value in wanted.items() if not value]


def _text(config: Mapping[str, Any], key: str) -> str:
    value = config.get(key, "")
    if not isinstance(value, str):
        raise ConfigError(f"{key} must be text, not {value!r}")
    return value.strip()


def _lines(value: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in value.splitlines() if line.strip())


def _page_source(config: Mapping[str, Any], prefix: str) -> str:
    """The page's text: from <PREFIX>_FILE if set (a file wins), else <PREFIX>_TEXT, else ""."""
    name = _text(config, f"{prefix}_FILE")
    if not name:
        return _text(config, f"{prefix}_TEXT")
    path = Path(name)
    path = path if path.is_absolute() else PROJECT_ROOT / path
    try:
        return path.read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{prefix}_FILE names {path}, which cannot be read as UTF-8 text: "
                          f"{type(error).__name__}") from error


def _day(config: Mapping[str, Any], key: str) -> date:
    # TOML writes a date bare (2026-12-01); the environment may give it as text.
    value = config.get(key)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{key} must be a date such as 2026-12-01, not {value!r}") from None


def _count(config: Mapping[str, Any], key: str) -> int:
    value = config.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{key} must be a whole number of at least 1, not {value!r}")
    return value


def init_app(app: Flask) -> None:
    """Read the settings once; warn when a public installation lacks the operator's facts."""
    settings = LegalSettings.from_config(app.config)
    app.extensions["jobnet_legal"] = settings
    missing = settings.missing()
    if missing and not app.testing and not is_local_development(app.config["PUBLIC_BASE_URL"]):
        log.warning("legal pages: set %s (config/default.toml, 'Legal pages')", ", ".join(missing))


def legal_settings() -> LegalSettings:
    """The settings of the current application."""
    return current_app.extensions["jobnet_legal"]
