"""Issue 10, defect 9: a post a moderator withdrew cannot be made public again by its author in
one click. The organisation is told by mail why; a changed post goes back to the moderator who
withdrew it (also by mail); only a moderator publishes it again."""

from __future__ import annotations

from jobnet.accounts.models import Role
from jobnet.posts.models import Kind, Post, Status
from tests.digest.conftest import parts_of
from tests.posts.conftest import form_data

REASON = "Die Telefonnummer einer Privatperson steht im Text."


def _withdraw(submit, login_as, post, moderator) -> None:
    login_as(moderator)
    response = submit(f"/moderation/{post.id}/zurueckziehen", {"reason": REASON})
    assert response.status_code == 302


def test_withdrawn_post_goes_through_review_before_it_is_public_again(
        client, db, submit, login_as, make_post, make_user, mail_outbox, relogin):
    author = make_user(Role.COORDINATOR)
    post = make_post(Kind.PROJECT, author=author, title="Jobcoaching für Geflüchtete")
    moderator = make_user(Role.MODERATOR, email="moderation@example.org")
    _withdraw(submit, login_as, post, moderator)

    # The author is told why, with a link to edit it.
    [withdrawn] = mail_outbox
    text = parts_of(withdrawn)[0]
    assert withdrawn["To"] == author.email and REASON in text and f"/beitraege/{post.id}/bearbeiten" in text

    # The one-click republish is gone: no button, and the POST is refused.
    relogin(author)
    page = client.get(f"/beitraege/{post.id}").get_data(as_text=True)
    assert "Wieder veröffentlichen" not in page and REASON in page
    refused = submit(f"/beitraege/{post.id}/wieder-veroeffentlichen", page=f"/beitraege/{post.id}")
    assert refused.status_code in (302, 409)
    db.session.expire_all()
    assert db.session.get(Post, post.id).status == Status.UNPUBLISHED
    assert client.get("/beitraege/?q=Jobcoaching").get_data(as_text=True).count(
        f"/beitraege/{post.id}\"") == 0

    # Changing it sends it to the moderator who withdrew it; it stays hidden from the public.
    edited = submit(f"/beitraege/{post.id}/bearbeiten",
                    form_data("project", title="Jobcoaching für Geflüchtete",
                              summary="Ohne private Telefonnummer."),
                    page=f"/beitraege/{post.id}/bearbeiten")
    assert edited.status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, post.id).status == Status.IN_REVIEW
    back = mail_outbox[-1]
    assert back["To"] == moderator.email and "Jobcoaching für Geflüchtete" in parts_of(back)[0]
    anonymous = client.application.test_client()
    assert anonymous.get(f"/beitraege/{post.id}").status_code == 404

    # The moderator sees it in the queue and approves it; the author is told.
    relogin(moderator)
    queue = client.get("/moderation/").get_data(as_text=True)
    assert "Zur Prüfung" in queue and "Jobcoaching für Geflüchtete" in queue
    approved = submit(f"/moderation/{post.id}/freigeben", page="/moderation/")
    assert approved.status_code == 302
    db.session.expire_all()
    post = db.session.get(Post, post.id)
    assert post.status == Status.PUBLISHED and post.moderation_reason is None
    assert mail_outbox[-1]["To"] == author.email
    assert anonymous.get(f"/beitraege/{post.id}").status_code == 200
    assert [change.action for change in sorted(post.changes, key=lambda c: c.id)][-4:] == [
        "unpublished", "updated", "review_requested", "approved"]


def test_only_moderators_approve_and_only_posts_in_review(client, db, submit, login_as, make_post,
                                                          make_user, relogin):
    post = make_post(Kind.SETTLEMENT)
    coordinator = make_user(Role.COORDINATOR, organisation=post.organisation)
    login_as(coordinator)
    assert submit(f"/moderation/{post.id}/freigeben", page="/beitraege/").status_code == 403
    relogin(make_user(Role.MODERATOR))
    # Published, not in review: nothing to approve.
    response = submit(f"/moderation/{post.id}/freigeben", page="/moderation/")
    assert response.status_code in (302, 409)
    db.session.expire_all()
    assert "approved" not in {change.action for change in db.session.get(Post, post.id).changes}


def test_a_moderator_without_a_mailbox_does_not_block_the_review(client, db, submit, login_as,
                                                                 make_post, make_user, mail_outbox,
                                                                 relogin):
    # The withdrawing moderator has left: every active moderator is told instead.
    post = make_post(Kind.PROJECT)
    gone = make_user(Role.MODERATOR)
    others = [make_user(Role.MODERATOR), make_user(Role.ADMIN)]
    _withdraw(submit, login_as, post, gone)
    gone.active = False
    db.session.commit()
    relogin(post.author)
    submit(f"/beitraege/{post.id}/bearbeiten", form_data("project", summary="Neu gefasst."),
           page=f"/beitraege/{post.id}/bearbeiten")
    told = {message["To"] for message in mail_outbox[1:]}
    assert told == {user.email for user in others}
