"""Mails about moderation, to the people concerned: the organisation when a moderator withdraws
its post (with the reason), the moderator when the changed post comes back for review, the
organisation when it is published again. Sent after the change is committed; a mail that cannot
be sent is logged and the change stands (the organisation also sees the reason in JobNet)."""

from __future__ import annotations

import logging

from flask_babel import gettext as _
from sqlalchemy import select

from jobnet.accounts.models import Role, User
from jobnet.extensions import db
from jobnet.mail.links import public_link
from jobnet.mail.messages import build_message, send
from jobnet.mail.transports import MAIL_ERRORS
from jobnet.posts.models import Post, PostChange
from jobnet.posts.permissions import can_edit, is_moderator, moderates

log = logging.getLogger("jobnet.posts")


def tell_withdrawn(post: Post, reason: str) -> None:
    """The post's editors learn that and why a moderator withdrew it, and what to do."""
    _mail(_editors(post), _("Ihr Beitrag wurde zurückgezogen: %(title)s", title=post.title),
          "post_withdrawn", post=post, reason=reason,
          link=public_link("posts.edit", post_id=post.id))


def tell_back_for_review(post: Post, changed_by: User) -> None:
    """The moderator who withdrew the post (or, if gone, every moderator) learns it is back."""
    _mail(_reviewers(post), _("Zur Prüfung: %(title)s", title=post.title), "post_in_review",
          post=post, changed_by=changed_by, link=public_link("moderation.index"))


def tell_approved(post: Post) -> None:
    """The post's editors learn that a moderator published it again."""
    _mail(_editors(post), _("Ihr Beitrag ist wieder veröffentlicht: %(title)s", title=post.title),
          "post_approved", post=post, link=public_link("posts.detail", post_id=post.id))


def _editors(post: Post) -> list[User]:
    """The author if they may still edit the post, else everyone in its organisation who may."""
    if post.author is not None and can_edit(post.author, post):
        return [post.author]
    colleagues = db.session.scalars(select(User).where(
        User.organisation_id == post.organisation_id).order_by(User.id))
    return [user for user in colleagues if can_edit(user, post)]


def _reviewers(post: Post) -> list[User]:
    withdrawn_by = db.session.scalar(
        select(PostChange.user_id).where(PostChange.post_id == post.id,
                                         PostChange.action == "unpublished")
        .order_by(PostChange.at.desc(), PostChange.id.desc()).limit(1))
    moderator = db.session.get(User, withdrawn_by) if withdrawn_by else None
    if moderator is not None and moderates(moderator, post):
        return [moderator]
    everyone = db.session.scalars(select(User).where(
        User.role.in_((Role.MODERATOR, Role.ADMIN))).order_by(User.id))
    return [user for user in everyone if is_moderator(user)]


def _mail(recipients: list[User], subject: str, template: str, **context) -> None:
    for user in recipients:
        try:
            send(build_message(user.email, subject, template, user=user, **context))
        except MAIL_ERRORS as error:
            # Logged without address or title: the post's id is enough to find it.
            log.warning("moderation mail %s for post %d not sent: %s", template, context["post"].id,
                        type(error).__name__)
