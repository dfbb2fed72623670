"""CLI: geocoding from the command line, with the API's JSON."""

import json

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from jobnet.geo.lookup import geocode_answer
from jobnet.geo.names import InvalidQuery

geo_cli = AppGroup("geo", help="Places, districts and municipalities.")
BAD_INPUT_EXIT_CODE = 2  # as click's own usage errors


@geo_cli.command("locate")
@click.argument("place")
@click.option(
    "--limit",
    type=click.IntRange(1, 20),
    default=10,
    show_default=True,
    help="Most results to print.",
)
def locate_command(place: str, limit: int) -> None:
    """Print the places matching PLACE as the geocode API's JSON, best first."""
    # There is no request to choose a language from; messages use the default one.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        try:
            answer = geocode_answer(place, limit=limit)
        except InvalidQuery as error:
            click.echo(str(error), err=True)
            raise click.exceptions.Exit(BAD_INPUT_EXIT_CODE) from None
    click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
