"""The application factory."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from jobnet import content_version
from jobnet.clock import LOCAL_TIMEZONE_NAME
from jobnet.config import PROJECT_ROOT, load_config, public_url_warning
from jobnet.extensions import babel, csrf, db, login_manager, migrate
from jobnet.i18n import mark_language, select_locale
from jobnet.mail.transports import transport_from_config
from jobnet.web import compression, headers, page_cache, static_files
from jobnet.web.converters import CONVERTERS


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build a configured JobNet application."""
    app = Flask(
        "jobnet",
        root_path=str(PROJECT_ROOT / "jobnet"),
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(load_config(Path(app.instance_path), overrides=overrides))
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["SESSION_LIFETIME_HOURS"])
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(PROJECT_ROOT / "jobnet" / "translations")
    # Times are shown in Hesse's zone whatever the configuration says (jobnet/clock.py).
    app.config["BABEL_DEFAULT_TIMEZONE"] = LOCAL_TIMEZONE_NAME
    app.url_map.converters.update(CONVERTERS)
    if app.config["TRUSTED_PROXIES"]:
        # The client's address for the login and reset limits (accounts/throttle.py).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["TRUSTED_PROXIES"])
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    logging.getLogger("jobnet").setLevel(app.config["LOG_LEVEL"])
    if (warning := public_url_warning(app.config)) and not app.testing:
        logging.getLogger("jobnet").warning(warning)

    compression.init_app(app)  # registered first, so it runs after every other after-request hook
    static_files.init_app(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    from jobnet.templating import register_template_helpers
    from jobnet.web.errors import register_error_handlers

    register_error_handlers(app)
    register_template_helpers(app)
    headers.init_app(app)
    page_cache.init_app(app)  # last: its lookup runs right before the view, its store right after
    return app


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    content_version.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(mark_language)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    # "basic", not "strong": phones change IP address all the time and would be signed out.
    # Sessions are checked on the server instead (accounts/session.py).
    login_manager.session_protection = "basic"
    app.extensions["jobnet_mail"] = transport_from_config(app.config)

    from jobnet.accounts.session import load_user

    login_manager.user_loader(load_user)
    app.jinja_env.globals["current_user"] = current_user


def _register_blueprints(app: Flask) -> None:
    from jobnet.accounts.admin_views import bp as admin_bp
    from jobnet.accounts.views import bp as accounts_bp
    from jobnet.api.docs import bp as api_docs_bp
    from jobnet.api.geo import bp as api_geo_bp
    from jobnet.api.ogc import bp as api_ogc_bp
    from jobnet.api.posts import bp as api_posts_bp
    from jobnet.digest.admin_views import bp as digest_admin_bp
    from jobnet.digest.composer import MEMBER_NEWS
    from jobnet.digest.views import bp as digest_bp
    from jobnet.embed.views import bp as embed_bp
    from jobnet.exchange.digest_questions import for_round
    from jobnet.exchange.notification_views import bp as notifications_bp
    from jobnet.exchange.thread_moderation import bp as thread_moderation_bp
    from jobnet.exchange.thread_views import bp as threads_bp
    from jobnet.exchange.views import bp as exchange_bp
    from jobnet.fairs.state_views import bp as fair_states_bp
    from jobnet.fairs.views import bp as fairs_bp
    from jobnet.imports.views import bp as imports_bp
    from jobnet.legal import settings as legal_settings
    from jobnet.legal.views import bp as legal_bp
    from jobnet.map.views import bp as map_bp
    from jobnet.opendata.views import bp as opendata_bp
    from jobnet.pages import bp as pages_bp
    from jobnet.posts.moderation_views import bp as moderation_bp
    from jobnet.posts.views import bp as posts_bp
    from jobnet.rings.views import bp as rings_bp
    from jobnet.web.vendor import bp as vendor_bp

    for blueprint in (pages_bp, accounts_bp, admin_bp, posts_bp, moderation_bp, api_geo_bp,
                      vendor_bp, map_bp, digest_bp, digest_admin_bp, fair_states_bp, fairs_bp,
                      legal_bp, exchange_bp, threads_bp, thread_moderation_bp, notifications_bp,
                      opendata_bp, embed_bp, imports_bp, api_posts_bp, api_ogc_bp, api_docs_bp,
                      rings_bp):
        app.register_blueprint(blueprint)
    app.extensions[MEMBER_NEWS] = for_round  # questions to the network in members' digests
    from jobnet.api import cors

    legal_settings.init_app(app)  # reads the operator's texts once; a missing file stops the start
    csrf.exempt(map_bp)  # GET only as well
    csrf.exempt(opendata_bp)  # GET only
    for api_bp in (api_geo_bp, api_posts_bp, api_ogc_bp, api_docs_bp):
        csrf.exempt(api_bp)  # GET only, no cookies needed: nothing a forged request could change
    cors.init_app(app)


def _register_cli(app: Flask) -> None:
    from jobnet.accounts.cli import users_cli
    from jobnet.demo.cli import demo_cli
    from jobnet.digest.cli import digest_cli
    from jobnet.geo.cli import geo_cli
    from jobnet.posts.cli import posts_cli
    from jobnet.scheduler import scheduler_command

    for group in (users_cli, demo_cli, posts_cli, geo_cli, digest_cli):
        app.cli.add_command(group)
    app.cli.add_command(scheduler_command)
