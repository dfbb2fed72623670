"""Reading questions and answers for members: a post's threads, one thread, the network's
questions with filters, and the moderators' queue."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from jobnet.accounts.models import Organisation
from jobnet.exchange.thread_models import (
    Mention,
    Message,
    Report,
    Thread,
    ThreadDistrict,
    ThreadTargetGroup,
)
from jobnet.extensions import db
from jobnet.posts.models import Post


def _with_messages():
    return select(Thread).options(
        selectinload(Thread.messages).selectinload(Message.mentions)
        .joinedload(Mention.organisation),
        selectinload(Thread.messages).joinedload(Message.author),
        selectinload(Thread.messages).joinedload(Message.quote_of),
        selectinload(Thread.districts), selectinload(Thread.target_group_rows))


@dataclass
class PostThread:
    """A question as the post page lists it: the thread, its question and how many answers."""

    thread: Thread
    opening: Message
    answers: int


def post_threads(post: Post) -> list[PostThread]:
    """The questions on a post, the newest activity first; the answers are counted, not loaded
    (measured in bench/bench_threads.py)."""
    found = list(db.session.scalars(select(Thread).where(Thread.post_id == post.id)
                                    .order_by(Thread.last_message_at.desc(), Thread.id.desc())))
    if not found:
        return []
    ids = [t.id for t in found]
    counts = dict(db.session.execute(select(Message.thread_id, func.count(Message.id))
                                     .where(Message.thread_id.in_(ids))
                                     .group_by(Message.thread_id)).all())
    first = select(func.min(Message.id)).where(Message.thread_id.in_(ids)).group_by(Message.thread_id)
    openings = {m.thread_id: m for m in db.session.scalars(
        select(Message).where(Message.id.in_(first)).options(
            selectinload(Message.mentions).joinedload(Mention.organisation),
            joinedload(Message.author), joinedload(Message.quote_of)))}
    return [PostThread(t, openings[t.id], counts.get(t.id, 1) - 1) for t in found]


def thread(thread_id: int) -> Thread | None:
    return db.session.scalar(_with_messages().where(Thread.id == thread_id))


@dataclass(frozen=True)
class QuestionFilter:
    topic: str = ""
    district: str = ""
    target_group: str = ""
    state: str = ""  # "", "open" or "answered"


def network_questions(question_filter: QuestionFilter, limit: int = 200) -> list[Thread]:
    """Questions to the network (not about a post), newest activity first."""
    stmt = _with_messages().where(Thread.post_id.is_(None))
    if question_filter.topic:
        stmt = stmt.where(Thread.topic == question_filter.topic)
    if question_filter.district:
        stmt = stmt.where(Thread.id.in_(select(ThreadDistrict.thread_id).where(
            ThreadDistrict.district_ags == question_filter.district)))
    if question_filter.target_group:
        stmt = stmt.where(Thread.id.in_(select(ThreadTargetGroup.thread_id).where(
            ThreadTargetGroup.code == question_filter.target_group)))
    if question_filter.state == "open":
        stmt = stmt.where(Thread.answered_at.is_(None))
    elif question_filter.state == "answered":
        stmt = stmt.where(Thread.answered_at.is_not(None))
    return list(db.session.scalars(stmt.order_by(Thread.last_message_at.desc(), Thread.id.desc())
                                   .limit(limit)))


def mentionable() -> list[Organisation]:
    """The organisations a member may mention: the active ones, by name."""
    return list(db.session.scalars(select(Organisation).where(Organisation.active.is_(True))
                                   .order_by(Organisation.name)))


@dataclass
class Reported:
    message: Message
    reports: list[Report]


def moderation_queue() -> list[Reported]:
    """Messages with open reports, the most reported first, then the oldest report."""
    rows = db.session.scalars(select(Report).where(Report.resolved_at.is_(None))
                              .options(selectinload(Report.message), selectinload(Report.user))
                              .order_by(Report.created_at, Report.id)).all()
    grouped: dict[int, Reported] = {}
    for row in rows:
        grouped.setdefault(row.message_id, Reported(row.message, [])).reports.append(row)
    return sorted(grouped.values(), key=lambda r: -len(r.reports))


def hidden_messages(limit: int = 100) -> list[Message]:
    """Recently hidden messages, for unhiding."""
    return list(db.session.scalars(select(Message).where(Message.hidden_at.is_not(None))
                                   .order_by(Message.hidden_at.desc()).limit(limit)))


def reply_count(thread: Thread) -> int:
    return len(thread.messages) - 1


def open_report_count() -> int:
    return db.session.scalar(select(func.count(func.distinct(Report.message_id)))
                             .where(Report.resolved_at.is_(None))) or 0
