"""Who is told of a new question, answer or hidden message (filled in with following)."""

from __future__ import annotations

from datetime import datetime

from jobnet.exchange.thread_models import Message, Thread


def new_thread(thread: Thread, *, now: datetime) -> None:
    """A new question on a post or to the network."""


def new_reply(message: Message, *, now: datetime) -> None:
    """A new answer in a thread."""


def hidden(message: Message, *, now: datetime) -> None:
    """A moderator hid a message: its author is told why."""
