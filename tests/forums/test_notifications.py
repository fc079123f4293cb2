"""Who hears about a new forum post, straight away by email, and who never does: the writer,
a member who muted them, anyone who cannot read it now, and anyone not an approved member.
What the email says: the writer as the forums show them, a content note instead of the
text, and nothing but a count and a link for members who chose private email."""

from django.core import mail

import pytest

from forums import tasks
from forums.models import Mute, Notification, NotificationPreference, Post, Watch

from ..members.factories import approved_member
from .factories import PostFactory, TopicFactory
from .following_helpers import (  # noqa: F401 - fixtures
    emails_to,
    html_of,
    make_private,
    prefer,
    pseudonym,
    publishing,
)

pytestmark = pytest.mark.django_db


def reasons_for(post):
    return dict(Notification.objects.filter(post=post).values_list("member__email", "reason"))


# Who hears ---------------------------------------------------------------------------------


def test_a_reply_is_emailed_at_once_to_the_member_who_started_the_topic(
    publish, board, member, other_member
):
    opening = publish.topic(board, member, title="Handovers after a hard shift")

    reply = publish.reply(opening.topic, other_member, body="I write *three* things down.")

    assert reasons_for(reply) == {member.email: Notification.Reason.REPLY}
    [email] = emails_to(member)
    assert email.subject == "[Community of Action] New reply in “Handovers after a hard shift”"
    assert "Sam Rivers replied in “Handovers after a hard shift” on Practice questions" in (
        email.body
    )
    assert "I write three things down." in email.body
    assert f"{board.sub_url('topic', args=[opening.topic_id])}" in email.body
    assert f"#post-{reply.pk}" in email.body
    assert "http://" in email.body or "https://" in email.body
    assert Notification.objects.get(post=reply).emailed_at is not None


def test_the_writer_never_hears_about_their_own_post(publish, board, member):
    opening = publish.topic(board, member)

    reply = publish.reply(opening.topic, member, body="Adding to my own question.")

    assert reasons_for(reply) == {}
    assert mail.outbox == []


def test_a_member_who_muted_the_writer_hears_nothing_from_them(
    publish, board, member, other_member
):
    opening = publish.topic(board, member)
    Mute.objects.create(member=member, muted=other_member)

    reply = publish.reply(opening.topic, other_member)

    assert reasons_for(reply) == {}
    assert emails_to(member) == []


def test_board_watchers_hear_of_a_new_topic_but_not_of_its_replies(
    publish, board, member, other_member
):
    watcher = approved_member()
    board.watches.create(member=watcher)

    opening = publish.topic(board, member, title="Supervision that helps")
    reply = publish.reply(opening.topic, other_member)

    assert reasons_for(opening) == {watcher.email: Notification.Reason.BOARD}
    assert watcher.email not in reasons_for(reply)
    [email] = emails_to(watcher)
    assert "New topic on Practice questions: “Supervision that helps”" in email.subject


def test_a_pending_member_watching_a_members_only_board_is_not_told(
    publish, members_board, member, pending_member
):
    members_board.watches.create(member=pending_member)

    opening = publish.topic(members_board, member)

    assert reasons_for(opening) == {}
    assert emails_to(pending_member) == []


def test_suspended_and_declined_members_are_not_told_even_on_a_public_board(
    publish, board, member, suspended_member, declined_member
):
    board.watches.create(member=suspended_member)
    board.watches.create(member=declined_member)

    opening = publish.topic(board, member)

    assert reasons_for(opening) == {}
    assert mail.outbox == []


def test_nobody_hears_about_a_post_on_a_board_made_private_through_wagtail(
    publish, board, member, other_member
):
    opening = publish.topic(board, member)
    make_private(board)

    reply = publish.reply(opening.topic, other_member)

    assert reasons_for(reply) == {}
    assert mail.outbox == []


@pytest.mark.first_posts_wait(1)
def test_a_post_waiting_for_approval_tells_nobody_until_it_is_published(
    publish, board, member, other_member
):
    topic = TopicFactory(board=board, opening=member)
    member.forum_watches.create(topic=topic)

    waiting = publish.reply(topic, other_member)

    assert waiting.status == Post.Status.PENDING
    assert reasons_for(waiting) == {}
    Post.objects.filter(pk=waiting.pk).update(status=Post.Status.PUBLISHED)
    tasks.notify_readers.enqueue(waiting.pk)  # as post_published does on approval
    assert reasons_for(waiting) == {member.email: Notification.Reason.REPLY}


@pytest.mark.parametrize("status", [Post.Status.HELD, Post.Status.HIDDEN, Post.Status.DELETED])
def test_a_post_held_hidden_or_deleted_is_never_notified(board, member, other_member, status):
    topic = TopicFactory(board=board, opening=member)
    member.forum_watches.create(topic=topic)
    post = PostFactory(topic=topic, author=other_member, status=status)

    tasks.notify_readers.enqueue(post.pk)

    assert reasons_for(post) == {}


def test_a_post_hidden_between_notifying_and_sending_is_not_emailed(board, member, other_member):
    topic = TopicFactory(board=board, opening=member)
    post = PostFactory(topic=topic, author=other_member)
    notification = Notification.objects.create(
        member=member, post=post, reason=Notification.Reason.REPLY
    )
    Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN)

    tasks.email_notification.enqueue(notification.pk)

    assert mail.outbox == []
    assert not Notification.objects.filter(pk=notification.pk).exists()


def test_a_writer_muted_between_notifying_and_sending_is_not_emailed(board, member, other_member):
    topic = TopicFactory(board=board, opening=member)
    post = PostFactory(topic=topic, author=other_member)
    notification = Notification.objects.create(
        member=member, post=post, reason=Notification.Reason.REPLY
    )
    Mute.objects.create(member=member, muted=other_member)

    tasks.email_notification.enqueue(notification.pk)

    assert mail.outbox == []


def test_notifying_twice_makes_one_notification_and_one_email(
    publish, board, member, other_member
):
    opening = publish.topic(board, member)
    reply = publish.reply(opening.topic, other_member)

    tasks.notify_readers.enqueue(reply.pk)

    assert Notification.objects.filter(post=reply).count() == 1
    assert len(emails_to(member)) == 1


def test_a_member_who_chose_never_is_notified_but_not_emailed(
    publish, board, member, other_member
):
    opening = publish.topic(board, member)
    prefer(member, frequency=NotificationPreference.Frequency.NEVER)

    reply = publish.reply(opening.topic, other_member)

    assert reasons_for(reply) == {member.email: Notification.Reason.REPLY}
    assert mail.outbox == []


# Mentions ----------------------------------------------------------------------------------


def test_a_member_mentioned_by_their_pseudonym_is_told(publish, board, member, other_member):
    pseudonym(other_member, "Heron")

    opening = publish.topic(board, member, title="Night shifts", body="What do you think, @heron?")

    assert reasons_for(opening) == {other_member.email: Notification.Reason.MENTION}
    [email] = emails_to(other_member)
    assert email.subject == "[Community of Action] Jo Bloggs mentioned you in the forums"
    assert "Jo Bloggs mentioned you in “Night shifts” on Practice questions." in email.body


def test_a_mention_outranks_watching_the_topic(publish, board, member, other_member):
    pseudonym(member, "Heron")
    opening = publish.topic(board, member)

    reply = publish.reply(opening.topic, other_member, body="Thank you, @Heron.")

    assert reasons_for(reply) == {member.email: Notification.Reason.MENTION}
    assert len(emails_to(member)) == 1


def test_a_mentioned_member_who_cannot_read_the_board_is_not_told(
    publish, members_board, member, pending_member
):
    pseudonym(pending_member, "Wren")

    opening = publish.topic(members_board, member, body="Welcome, @Wren!")

    assert reasons_for(opening) == {}
    assert mail.outbox == []


def test_someone_in_the_conversation_can_be_mentioned_by_name_without_spaces(
    publish, board, member, other_member
):
    opening = publish.topic(board, other_member, title="Night shifts")
    Watch.objects.filter(member=other_member).delete()  # so only the mention can tell them

    reply = publish.reply(opening.topic, member, body="Thank you, @sam.rivers and @SamRivers.")

    assert reasons_for(reply) == {other_member.email: Notification.Reason.MENTION}
    assert len(emails_to(other_member)) == 1


def test_a_name_finds_nobody_outside_the_conversation(publish, board, member, other_member):
    opening = publish.topic(board, member, body="Has anyone asked @SamRivers?")

    assert reasons_for(opening) == {}


def test_a_name_does_not_find_a_writer_who_wrote_here_only_under_a_pseudonym(
    publish, board, member, other_member
):
    pseudonym(other_member, "Heron")
    opening = publish.topic(board, other_member, as_pseudonym=True)
    Watch.objects.filter(member=other_member).delete()

    reply = publish.reply(opening.topic, member, body="Are you @SamRivers?")

    assert reasons_for(reply) == {}


def test_mentions_in_code_or_of_nobody_tell_nobody(publish, board, member, other_member):
    pseudonym(other_member, "Heron")

    opening = publish.topic(board, member, body="Type `@Heron` or ask @nobody-here.")

    assert reasons_for(opening) == {}


# What the email says -----------------------------------------------------------------------


def test_a_pseudonymous_writer_is_named_by_their_pseudonym_only(
    publish, board, member, other_member
):
    pseudonym(other_member, "Heron")
    opening = publish.topic(board, member)

    publish.reply(opening.topic, other_member, body="From me.", as_pseudonym=True)

    [email] = emails_to(member)
    assert "Heron replied in" in email.body
    assert "Sam" not in email.body + email.subject + html_of(email)
    assert "Rivers" not in email.body + email.subject + html_of(email)


def test_a_reply_with_a_content_note_shows_the_note_and_not_the_text(
    publish, board, member, other_member
):
    opening = publish.topic(board, member)

    publish.reply(
        opening.topic, other_member, body="What happened that night.", content_note="a death"
    )

    [email] = emails_to(member)
    for text in (email.body, html_of(email)):
        assert "Content note: a death" in text
        assert "Open it on the site when you are ready" in text
        assert "What happened that night" not in text


def test_a_reply_in_a_topic_with_a_content_note_does_not_show_its_text(
    publish, board, member, other_member
):
    opening = publish.topic(board, member, content_note="self-harm")

    publish.reply(opening.topic, other_member, body="Some details of it.")

    [email] = emails_to(member)
    assert "Content note: self-harm" in email.body
    assert "Some details of it" not in email.body + html_of(email)


def test_private_email_says_only_that_there_is_something_new(publish, board, member, other_member):
    prefer(member, private_email=True)
    opening = publish.topic(board, member, title="Handovers after a hard shift")

    publish.reply(opening.topic, other_member, body="I write three things down.")

    [email] = emails_to(member)
    assert email.subject == (
        "[Community of Action] Something new for you in the Community of Action forums"
    )
    everything = email.subject + email.body + html_of(email)
    for secret in ("Handovers", "Sam", "Rivers", "three things", "Practice questions"):
        assert secret not in everything
    assert "There is 1 new post for you in the forums." in email.body
    assert "/forums/" in email.body


def test_every_forum_email_can_be_unsubscribed_in_one_click(publish, board, member, other_member):
    opening = publish.topic(board, member)

    publish.reply(opening.topic, other_member)

    [email] = emails_to(member)
    token = NotificationPreference.objects.get(member=member).unsubscribe_token
    link = f"/forums-email/unsubscribe/{token}/"
    assert email.extra_headers["List-Unsubscribe"].startswith("<http")
    assert email.extra_headers["List-Unsubscribe"].endswith(f"{link}>")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in email.body
    assert link in html_of(email)
