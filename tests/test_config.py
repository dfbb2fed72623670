"""Configuration layers: default.toml -> $JOBNET_CONFIG -> JOBNET_* environment -> overrides."""

import stat

import pytest

from jobnet.config import ConfigError, load_config


def test_defaults_give_embedded_sqlite_file_mail_and_a_private_secret(tmp_path):
    config = load_config(tmp_path, environ={})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'jobnet.sqlite3'}"
    assert config["MAIL_TRANSPORT"] == "file"
    assert config["MAIL_FILE_DIR"] == str(tmp_path / "mail")
    secret_file = tmp_path / "secret_key"
    assert config["SECRET_KEY"] == secret_file.read_text().strip()
    assert len(config["SECRET_KEY"]) >= 48
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    # The same installation keeps its key across restarts (sessions survive).
    assert load_config(tmp_path, environ={})["SECRET_KEY"] == config["SECRET_KEY"]


def test_file_then_environment_then_overrides_win(tmp_path):
    extra = tmp_path / "site.toml"
    extra.write_text('MAIL_PORT = 2525\nMAIL_HOST = "mail.file.example"\nPOSTS_PER_PAGE = 5\n')
    environ = {"JOBNET_CONFIG": str(extra), "JOBNET_MAIL_PORT": "587",
               "JOBNET_MAIL_PASSWORD": "s3cr3t with spaces", "JOBNET_SESSION_COOKIE_SECURE": "true",
               "JOBNET_NOT_A_KEY": "ignored"}
    config = load_config(tmp_path, environ=environ, overrides={"POSTS_PER_PAGE": 7})
    assert config["MAIL_HOST"] == "mail.file.example"
    assert config["MAIL_PORT"] == 587
    assert config["MAIL_PASSWORD"] == "s3cr3t with spaces"
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["POSTS_PER_PAGE"] == 7
    assert "NOT_A_KEY" not in config


def test_missing_config_file_and_bad_values_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path, environ={"JOBNET_CONFIG": str(tmp_path / "nope.toml")})
    with pytest.raises(ConfigError, match="MAIL_TRANSPORT"):
        load_config(tmp_path, environ={"JOBNET_MAIL_TRANSPORT": "pigeon"})


def test_every_default_key_is_documented_with_a_comment():
    from jobnet.config import DEFAULT_CONFIG

    lines = DEFAULT_CONFIG.read_text("utf-8").splitlines()
    for number, line in enumerate(lines):
        if line and not line.startswith("#") and "=" in line:
            assert lines[number - 1].startswith("#") or lines[number - 1] and "=" in lines[number - 1], line


@pytest.mark.parametrize(("url", "warned"), [
    ("https://jobnet.kreis.example", False),
    ("http://127.0.0.1:5050", False),
    ("http://localhost:5000", False),
    ("http://jobnet.kreis.example", True),
    ("http://10.1.2.3:8080", True),
])
def test_starting_with_an_http_base_url_outside_development_warns(caplog, url, warned):
    from jobnet.app import create_app

    with caplog.at_level("WARNING", logger="jobnet"):
        create_app({"PUBLIC_BASE_URL": url, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    messages = [r.getMessage() for r in caplog.records if r.name == "jobnet"]
    assert any("is not https" in m for m in messages) is warned


def test_cookies_are_secure_by_default_except_on_plain_http_on_this_machine(tmp_path):
    for url, secure in [("http://127.0.0.1:5000", False), ("http://localhost:5050", False),
                        ("https://127.0.0.1:5000", True), ("https://jobnet.kreis.example", True),
                        ("http://jobnet.kreis.example", True), ("http://10.1.2.3:8080", True)]:
        config = load_config(tmp_path, environ={"JOBNET_PUBLIC_BASE_URL": url})
        assert config["SESSION_COOKIE_SECURE"] is secure, url
        assert config["REMEMBER_COOKIE_SECURE"] is secure, url


def test_explicit_cookie_security_wins_and_nonsense_is_refused(tmp_path):
    environ = {"JOBNET_PUBLIC_BASE_URL": "http://jobnet.intranet",
               "JOBNET_SESSION_COOKIE_SECURE": "false"}
    config = load_config(tmp_path, environ=environ)
    assert config["SESSION_COOKIE_SECURE"] is False and config["REMEMBER_COOKIE_SECURE"] is True
    with pytest.raises(ConfigError, match="REMEMBER_COOKIE_SECURE"):
        load_config(tmp_path, environ={"JOBNET_REMEMBER_COOKIE_SECURE": "sometimes"})


@pytest.mark.parametrize(("value", "sources"), [
    ('["\'none\'"]', ["'none'"]),
    ("\"'self' https://www.mkk.de\"", ["'self'", "https://www.mkk.de"]),
    ("none", ["'none'"]),  # what the shell leaves of JOBNET_CSP_FRAME_ANCESTORS='none'
])
def test_frame_ancestors_are_read_from_toml_or_environment(tmp_path, value, sources):
    config = load_config(tmp_path, environ={"JOBNET_CSP_FRAME_ANCESTORS": value})
    assert config["CSP_FRAME_ANCESTORS"] == sources


@pytest.mark.parametrize("value", ['[]', '["https://a.example; script-src *"]',
                                   '["https://a.example,https://b.example"]',
                                   '["\'none\'", "https://a.example"]'])
def test_frame_ancestors_that_would_break_the_policy_are_refused(tmp_path, value):
    with pytest.raises(ConfigError, match="CSP_FRAME_ANCESTORS"):
        load_config(tmp_path, environ={"JOBNET_CSP_FRAME_ANCESTORS": value})


def test_tile_url_the_policy_cannot_name_is_refused_at_start():
    from jobnet.app import create_app

    with pytest.raises(ConfigError, match="MAP_TILE_URL"):
        create_app({"MAP_TILE_URL": "https://tile.{region}.example/{z}/{x}/{y}.png",
                    "SQLALCHEMY_DATABASE_URI": "sqlite://"})
