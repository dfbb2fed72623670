"""CLI: user administration."""

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from jobnet.accounts.administration import create_admin
from jobnet.accounts.services import find_user_by_email
from jobnet.clock import utcnow
from jobnet.forms.errors import FieldError

users_cli = AppGroup("users", help="Manage users.")
TEXT_MAX = 200


def _single_line(value: str, option: str) -> str:
    value = value.strip()
    if not value or any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        raise click.BadParameter("must be one non-empty line", param_hint=option)
    if len(value) > TEXT_MAX:
        raise click.BadParameter(f"must be at most {TEXT_MAX} characters", param_hint=option)
    return value


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--name", required=True, help="The admin's full name.")
@click.option("--organisation", "organisation_name", required=True,
              help="Organisation name; created as a partner when it does not exist.")
def create_admin_command(email: str, name: str, organisation_name: str) -> None:
    """Create an admin account, asking for the password without echoing it."""
    try:
        validate_email(email, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as error:
        raise click.BadParameter(str(error), param_hint="EMAIL") from error
    name = _single_line(name, "--name")
    organisation_name = _single_line(organisation_name, "--organisation")
    if find_user_by_email(email) is not None:
        raise click.ClickException("an account with this email address exists already")
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    # There is no request to choose a language from; service messages use the default one.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        try:
            user = create_admin(email, name, organisation_name, password, now=utcnow())
        except FieldError as error:
            raise click.ClickException(error.message) from error
    click.echo(f"Created admin {user.id} in organisation {user.organisation.name!r}.")
