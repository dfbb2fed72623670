"""CLI: load the demo network."""

import click
from flask import current_app
from flask.cli import AppGroup

from jobnet.clock import utcnow

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
def load_command() -> None:
    """Load the demo network (idempotent) and print the demo logins."""
    # Imported here so that the web app does not load the demo data module at start.
    from jobnet.demo.loader import DemoRegionError, load_demo, read_demo_logins

    try:
        summary = load_demo(now=utcnow(), instance_path=current_app.instance_path)
    except DemoRegionError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Demo data: {summary.organisations} new organisations, {summary.users} new users, "
               f"{summary.posts} new posts, {summary.rings} new comparison rings.")
    click.echo(_format_logins(read_demo_logins(current_app.instance_path)))


def _format_logins(logins: list[dict]) -> str:
    base = current_app.config["PUBLIC_BASE_URL"]
    lines = [f"Demo logins for {base}/konto/anmelden:"]
    lines += [f"  {row['role']:<12} {row['email']:<48} {row['password']}" for row in logins]
    return "\n".join(lines)
