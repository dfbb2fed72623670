"""CLI: post maintenance."""

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale, ngettext

from jobnet.clock import utcnow
from jobnet.posts.services import archive_expired_posts, fair_archive_after, relocate_posts

posts_cli = AppGroup("posts", help="Maintain posts.")


@posts_cli.command("archive-expired")
def archive_expired_command():
    """Archive published posts whose 'valid until' date has passed and job fairs over for
    FAIR_ARCHIVE_AFTER_DAYS."""
    count = archive_expired_posts(utcnow(),
                                  fair_archive_after=fair_archive_after(current_app.config))
    # No request means no locale selector can run; the CLI speaks the default language.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        click.echo(ngettext("%(num)d abgelaufener Beitrag archiviert.",
                            "%(num)d abgelaufene Beiträge archiviert.", count))


@posts_cli.command("relocate")
def relocate_command():
    """Recompute every post's district, municipality and catchment from the current geodata."""
    count = relocate_posts(utcnow())
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        click.echo(ngettext("%(num)d Beitrag neu verortet.", "%(num)d Beiträge neu verortet.",
                            count))
