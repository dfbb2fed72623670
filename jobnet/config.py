"""Configuration loader: default.toml -> $JOBNET_CONFIG -> JOBNET_* environment -> overrides."""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "config" / "default.toml"
ENV_PREFIX = "JOBNET_"


class ConfigError(RuntimeError):
    """A configuration value is missing or malformed."""


def _parse_env_value(raw: str) -> Any:
    # Environment values are TOML literals when they parse (numbers, booleans, quoted strings),
    # plain strings otherwise, so JOBNET_MAIL_PORT=587 is an int and a password stays a string.
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def load_config(
    instance_path: Path,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Merge the configuration layers into one dict of Flask settings."""
    environ = os.environ if environ is None else environ
    config: dict[str, Any] = tomllib.loads(DEFAULT_CONFIG.read_text("utf-8"))
    known = set(config) | {"TESTING", "WTF_CSRF_ENABLED"}

    extra_file = environ.get("JOBNET_CONFIG")
    if extra_file:
        path = Path(extra_file)
        if not path.is_file():
            raise ConfigError(f"JOBNET_CONFIG names {path}, which does not exist")
        config.update(tomllib.loads(path.read_text("utf-8")))

    for name, raw in environ.items():
        key = name.removeprefix(ENV_PREFIX)
        if name.startswith(ENV_PREFIX) and key in known:
            config[key] = _parse_env_value(raw)

    config.update(overrides or {})
    _fill_derived(config, instance_path)
    return config


def _fill_derived(config: dict[str, Any], instance_path: Path) -> None:
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance_path / 'jobnet.sqlite3'}"
    if not config.get("MAIL_FILE_DIR"):
        config["MAIL_FILE_DIR"] = str(instance_path / "mail")
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret(instance_path)
    if config["MAIL_TRANSPORT"] not in {"file", "smtp", "memory"}:
        raise ConfigError(f"MAIL_TRANSPORT must be file, smtp or memory, not {config['MAIL_TRANSPORT']!r}")
    if config["MAIL_SECURITY"] not in {"none", "starttls", "tls"}:
        raise ConfigError("MAIL_SECURITY must be none, starttls or tls")
    config["PUBLIC_BASE_URL"] = str(config["PUBLIC_BASE_URL"]).rstrip("/")
    _resolve_secure_cookies(config)
    for key in ("CSP_FRAME_ANCESTORS", "EMBED_FRAME_ANCESTORS"):
        config[key] = _frame_ancestors(config[key], key)
    _check_nominatim(config)


def _resolve_secure_cookies(config: dict[str, Any]) -> None:
    # "auto": Secure everywhere but development, which is plain http on this machine (`make run`,
    # the tests); there a Secure cookie would never come back and nobody could sign in.
    for key in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if config[key] == "auto":
            config[key] = not is_local_development(config["PUBLIC_BASE_URL"])
        elif not isinstance(config[key], bool):
            raise ConfigError(f'{key} must be true, false or "auto", not {config[key]!r}')


def _frame_ancestors(value: Any, key: str) -> list[str]:
    # CSP sources: a list in TOML, or one string of them separated by spaces (environment, where
    # TOML reads 'none' as none, hence the bare keywords).
    sources = value.split() if isinstance(value, str) else value
    if (not isinstance(sources, list) or not sources
            or not all(isinstance(s, str) and s and not set(s) & set(";,\"") for s in sources)):
        raise ConfigError(f"{key} must be a list of CSP sources such as "
                          f'["\'none\'"] or ["https://www.kreis.example"], not {value!r}')
    sources = [f"'{s}'" if s in {"none", "self"} else s for s in sources]
    if "'none'" in sources and len(sources) > 1:
        raise ConfigError(f"{key}: 'none' cannot be combined with other sources")
    return sources


def _check_nominatim(config: dict[str, Any]) -> None:
    if not config["NOMINATIM_ENABLED"]:
        return
    # Nominatim's usage policy: an anonymous or library-default user agent gets blocked.
    if not str(config["NOMINATIM_USER_AGENT"]).strip():
        raise ConfigError(
            "NOMINATIM_ENABLED is true but NOMINATIM_USER_AGENT is empty: set it to a name for this "
            'installation with a contact, e.g. "JobNet Hessen (jobnet@kreis.example.de)"'
        )
    for key, smallest in (("NOMINATIM_MIN_INTERVAL_SECONDS", 0), ("NOMINATIM_CACHE_DAYS", 0),
                          ("NOMINATIM_TIMEOUT_SECONDS", 0.1)):
        value = config[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not smallest <= value:
            raise ConfigError(f"{key} must be a number of at least {smallest}, not {value!r}")


def _instance_secret(instance_path: Path) -> str:
    # One random key per installation, kept out of git in instance/, so the embedded
    # default is safe without anyone having to invent a secret.
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48), "utf-8")
        key_file.chmod(0o600)
    return key_file.read_text("utf-8").strip()


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def is_local_development(url: str) -> bool:
    """Whether PUBLIC_BASE_URL is plain http on this machine: development and the demo."""
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS


def public_url_warning(config: Mapping[str, Any]) -> str | None:
    """Why PUBLIC_BASE_URL is unfit for the links in mails, or None.

    Plain http is fine on this machine (development, the demo); anywhere else the links in
    mails must be https: RFC 8058 one-click unsubscribe requires it, and so do secure cookies.
    """
    url = str(config.get("PUBLIC_BASE_URL", ""))
    if urlsplit(url).scheme == "https" or is_local_development(url):
        return None
    return (f"PUBLIC_BASE_URL {url!r} is not https: links in mails (one-click unsubscribe, "
            "confirmations, invitations) need https outside development")
