"""Questions to the network in the digest: for subscribers whose address is an active member's,
matched by the same preferences as posts (docs/architecture.md, "Questions in the digest").

A digest is composed once for everyone with the same preferences and window; the composer keys
members' digests apart from the others', so a non-member's digest never carries a question.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from jobnet.accounts.models import Organisation, User
from jobnet.exchange.models import ExchangeMark, MarkType
from jobnet.exchange.thread_models import Thread
from jobnet.extensions import db
from jobnet.posts.models import Kind

# A question's kind of work counts as the kind of post a subscriber chose (one each way).
TOPIC_KIND = {"training": Kind.PROGRAMME, "target_group": Kind.PROJECT,
              "employer_service": Kind.SETTLEMENT, "job_fairs": Kind.FAIR}


@dataclass(frozen=True, slots=True)
class QuestionItem:
    id: int
    title: str
    kind: str
    districts: frozenset[str]
    target_groups: frozenset[str]  # empty: the question concerns every target group
    organisation: str
    created_at: datetime


def load_questions(since: datetime, until: datetime) -> list[QuestionItem]:
    """Network questions asked in [since, until) whose question is not hidden."""
    threads = db.session.scalars(
        select(Thread).where(Thread.post_id.is_(None), Thread.created_at >= since,
                             Thread.created_at < until)
        .options(selectinload(Thread.districts), selectinload(Thread.target_group_rows),
                 selectinload(Thread.messages))
        .order_by(Thread.created_at, Thread.id))
    return [QuestionItem(t.id, t.title, TOPIC_KIND.get(t.topic or "", ""),
                         frozenset(d.district_ags for d in t.districts),
                         frozenset(t.target_groups), t.organisation_name, t.created_at)
            for t in threads if not t.opening.hidden]


def member_addresses() -> frozenset[str]:
    """The addresses of active members of active organisations, case-folded."""
    return frozenset(address.casefold() for address in db.session.scalars(
        select(func.lower(User.email)).join(Organisation).where(
            User.active.is_(True), Organisation.active.is_(True))))


def mark_counts() -> dict[int, tuple[int, int]]:
    """(experience, interest) marks of active organisations by post id."""
    rows = db.session.execute(
        select(ExchangeMark.post_id, ExchangeMark.type, func.count())
        .join(Organisation, Organisation.id == ExchangeMark.organisation_id)
        .where(Organisation.active.is_(True))
        .group_by(ExchangeMark.post_id, ExchangeMark.type))
    counts: dict[int, list[int]] = {}
    for post_id, mark_type, number in rows:
        counts.setdefault(post_id, [0, 0])[mark_type == MarkType.INTEREST] = number
    return {post_id: (experience, interest) for post_id, (experience, interest) in counts.items()}


@dataclass(frozen=True)
class RoundQuestions:
    """A digest round's questions, the marks on posts and the members' addresses, loaded once
    per round."""

    questions: list[QuestionItem]
    members: frozenset[str]
    marks: dict[int, tuple[int, int]]  # (experience, interest) by post id

    def is_member(self, address: str) -> bool:
        return address.casefold() in self.members

    def matching(self, kinds: frozenset[str], districts: frozenset[str] | None,
                 target_groups: frozenset[str], since: datetime) -> list[QuestionItem]:
        """Questions of a chosen kind, in the window, about a chosen district (or about none),
        and about a chosen target group, like posts (digest/compose.py `_group_ok`): a question
        without target groups concerns everybody, a subscriber without any wants all."""
        return [q for q in self.questions
                if q.created_at >= since and q.kind in kinds
                and (districts is None or not q.districts or bool(q.districts & districts))
                and (not target_groups or not q.target_groups
                     or bool(q.target_groups & target_groups))]


def for_round(since: datetime, until: datetime) -> RoundQuestions | None:
    """The digest's member news (digest/composer.py MEMBER_NEWS): questions to the network and
    the marks on posts; None when there is neither."""
    questions, marks = load_questions(since, until), mark_counts()
    return RoundQuestions(questions, member_addresses(), marks) if questions or marks else None


