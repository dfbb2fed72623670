"""The scheduler process."""

import click


@click.command("scheduler")
def scheduler_command():
    """Run the scheduled jobs in this process (one process only)."""
