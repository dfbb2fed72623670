"""Replacing a post's target groups so that concurrent saves cannot collide.

The ORM decides between INSERT and DELETE from the rows it loaded; two saves that loaded the
same rows both insert a new code and the second fails on the primary key. These statements
state the wanted result instead (docs/architecture.md, "Concurrent edits").
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from jobnet.content_version import post_writes
from jobnet.extensions import db
from jobnet.posts.models import Post, PostTargetGroup

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def replace_target_groups(post: Post, codes: Iterable[str]) -> None:
    """Make the post's stored target groups exactly `codes`, whatever others stored meanwhile."""
    wanted = list(dict.fromkeys(codes))
    table = PostTargetGroup.__table__
    session = db.session
    with post_writes(post.id):  # stamps the post, as editing it through the ORM would
        session.execute(delete(table).where(table.c.post_id == post.id,
                                            table.c.code.not_in(wanted)))
        if wanted:
            insert = _INSERTS[session.get_bind().dialect.name]
            rows = [{"post_id": post.id, "code": code} for code in wanted]
            session.execute(insert(table).values(rows).on_conflict_do_nothing())
    session.expire(post, ["target_group_rows"])
