"""What moderating does for readers and writers: each action changes what the forum shows
and is in the audit log; the writer of a hidden post (alone) sees the moderator's words and
is emailed kindly (privately, if they asked); a pause stops posting, not reading, and ends
by itself; the moderators' part of a member's data download and erasure."""

from datetime import timedelta

from django.utils import timezone

from wagtail.log_actions import registry as log_actions
from wagtail.models import ModelLogEntry

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from forums import moderation
from forums.models import NotificationPreference, Post, PostingPause, Report, Topic
from forums.signals import post_published
from members import personal_data, roles

from ..home.markup import parse
from ..members.factories import approved_member, member_in
from .factories import BoardFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return member_in(roles.MODERATORS)


@pytest.fixture
def topic(board, other_member):
    return TopicFactory(
        board=board,
        title="Handovers after a hard shift",
        opening=other_member,
        opening__body="How do you hand over?",
    )


def topic_url(board, topic):
    return board.sub_url("topic", args=[topic.pk])


def logged(action, instance):
    return ModelLogEntry.objects.filter(action=action, object_id=str(instance.pk))


# Posts --------------------------------------------------------------------------------------


@pytest.mark.first_posts_wait(2)
def test_an_approved_first_post_appears_for_readers_and_is_announced(
    signed_in, board, member, moderator, topic, django_capture_on_commit_callbacks
):
    newcomer = approved_member()
    signed_in(newcomer).post(board.sub_url("reply", args=[topic.pk]), {"body": "Hello all."})
    waiting = Post.objects.get(author=newcomer)
    assert waiting.status == Post.Status.PENDING
    assertNotContains(signed_in(member).get(topic_url(board, topic)), "Hello all.")
    heard = []

    def listen(sender, post, **kwargs):
        heard.append(post.pk)

    post_published.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            moderation.approve(waiting, moderator)
    finally:
        post_published.disconnect(listen)

    assertContains(signed_in(member).get(topic_url(board, topic)), "Hello all.")
    assert Topic.objects.get(pk=topic.pk).post_count == 2
    assert heard == [waiting.pk]
    assert logged("forums.approve", waiting).get().user == moderator


def test_approving_twice_changes_nothing_the_second_time(moderator, topic):
    post = PostFactory(topic=topic, status=Post.Status.PENDING)
    moderation.approve(post, moderator)

    with pytest.raises(moderation.NotChanged):
        moderation.approve(post, moderator)

    assert logged("forums.approve", post).count() == 1


def test_a_hidden_post_leaves_a_placeholder_and_its_writer_alone_sees_why(
    signed_in, board, member, other_member, moderator, topic
):
    reply = PostFactory(topic=topic, author=other_member, body="Something unkind.")

    moderation.hide(reply, moderator, "We hid this because it was unkind. You are welcome.")

    reader = parse(signed_in(member).get(topic_url(board, topic)))
    placeholder = reader.select_one(f"#post-{reply.pk}")
    assert "This post was hidden by a moderator" in placeholder.get_text()
    assert "Something unkind." not in reader.get_text()
    assert placeholder.select_one("[data-moderator-message]") is None
    writer = parse(signed_in(other_member).get(topic_url(board, topic)))
    words = writer.select_one(f"#post-{reply.pk} [data-moderator-message]")
    assert "We hid this because it was unkind. You are welcome." in words.get_text()
    assert "Only you can see this." in words.get_text()
    visitor = parse(signed_in(None).get(topic_url(board, topic)))
    assert visitor.select_one("[data-moderator-message]") is None
    assert Topic.objects.get(pk=topic.pk).post_count == 1
    entry = logged("forums.hide", reply).get()
    assert entry.user == moderator and entry.data["was"] == "published"


def test_a_hidden_post_of_a_former_member_shows_nobody_the_message(
    signed_in, board, moderator, topic
):
    reply = PostFactory(topic=topic)
    moderation.hide(reply, moderator, "Private words.")
    Post.objects.filter(pk=reply.pk).update(author=None)

    assertNotContains(signed_in(None).get(topic_url(board, topic)), "Private words.")


def test_restoring_a_held_post_brings_it_back_and_closes_its_reports(
    signed_in, forum_settings, board, member, moderator, topic
):
    forum_settings.reports_to_hold = 1
    reply = PostFactory(topic=topic, body="Misread, but fine.")
    moderation.report(reply, approved_member(), reason="unkind")
    assert Topic.objects.get(pk=topic.pk).post_count == 1

    moderation.restore(reply, moderator)

    assertContains(signed_in(member).get(topic_url(board, topic)), "Misread, but fine.")
    assert Topic.objects.get(pk=topic.pk).post_count == 2
    report = Report.objects.get()
    assert report.resolved_by == moderator and report.resolved_at is not None
    assert logged("forums.restore", reply).get().data == {"was": "held", "reports_dismissed": 1}


def test_a_deleted_post_cannot_be_restored(moderator, topic):
    post = PostFactory(topic=topic, status=Post.Status.DELETED)

    with pytest.raises(moderation.NotChanged):
        moderation.restore(post, moderator)


# Topics -------------------------------------------------------------------------------------


def test_a_locked_topic_takes_no_replies_and_unlocking_opens_it(
    signed_in, board, member, moderator, topic
):
    moderation.lock(topic, moderator)

    client = signed_in(member)
    page = parse(client.get(topic_url(board, topic)))
    assert page.select_one("[data-locked]") is not None
    client.post(board.sub_url("reply", args=[topic.pk]), {"body": "Let me in."})
    assert not Post.objects.filter(body="Let me in.").exists()

    moderation.unlock(topic, moderator)
    client.post(board.sub_url("reply", args=[topic.pk]), {"body": "Thank you."})
    assert Post.objects.filter(body="Thank you.").exists()
    assert logged("forums.lock", topic).count() == logged("forums.unlock", topic).count() == 1


def test_a_pinned_topic_comes_first_on_its_board(signed_in, board, member, moderator, topic):
    later = TopicFactory(board=board)

    moderation.pin(topic, moderator)

    rows = parse(signed_in(member).get(board.url)).select("[data-topic]")
    assert [int(row["data-topic"]) for row in rows][:2] == [topic.pk, later.pk]
    moderation.unpin(topic, moderator)
    rows = parse(signed_in(member).get(board.url)).select("[data-topic]")
    assert int(rows[0]["data-topic"]) == later.pk
    assert logged("forums.pin", topic).exists() and logged("forums.unpin", topic).exists()


def test_a_moved_topic_is_read_on_its_new_board(
    signed_in, forum_index, board, member, moderator, topic
):
    quiet = BoardFactory(parent=forum_index, title="Quiet corner")

    moderation.move_topic(topic, quiet, moderator)

    client = signed_in(member)
    assert client.get(topic_url(board, topic)).status_code == 404
    assertContains(client.get(topic_url(quiet, topic)), "How do you hand over?")
    assert parse(client.get(quiet.url)).select_one(f"[data-topic='{topic.pk}']") is not None
    data = logged("forums.move_topic", topic).get().data
    assert (data["from"], data["to"]) == (board.title, "Quiet corner")


# Pausing a member's posting -----------------------------------------------------------------


def test_a_paused_member_can_read_but_not_post_until_the_pause_ends(
    signed_in, board, member, moderator, topic
):
    pause = moderation.pause(member, moderator, length="day", reason="Take a breath.")
    client = signed_in(member)

    page = client.get(topic_url(board, topic))
    assertContains(page, "How do you hand over?")
    assertContains(page, "A moderator has paused your posting until")
    client.post(board.sub_url("reply", args=[topic.pk]), {"body": "Paused reply."})
    assert not Post.objects.filter(body="Paused reply.").exists()

    PostingPause.objects.filter(pk=pause.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    client.post(board.sub_url("reply", args=[topic.pk]), {"body": "Back again."})
    assert Post.objects.filter(body="Back again.").exists()
    assert logged("forums.pause", pause).get().user == moderator


def test_lifting_a_pause_lets_the_member_post_at_once(signed_in, board, member, moderator, topic):
    pause = moderation.pause(member, moderator, length="month", reason="A month off.")
    assert 29 <= (pause.ends_at - pause.starts_at).days <= 31

    moderation.lift(pause, moderator)

    signed_in(member).post(board.sub_url("reply", args=[topic.pk]), {"body": "Lifted."})
    assert Post.objects.filter(body="Lifted.").exists()
    assert logged("forums.lift_pause", pause).exists()
    with pytest.raises(moderation.NotChanged):
        moderation.lift(pause, moderator)


# Emails -------------------------------------------------------------------------------------


def test_the_writer_of_a_hidden_post_is_emailed_kindly(
    moderator, other_member, topic, mailoutbox, django_capture_on_commit_callbacks
):
    post = topic.opening_post()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(post, moderator, "It named a colleague. Please post again without.")

    (email,) = mailoutbox
    assert email.to == [other_member.email]
    assert "A moderator has hidden your post in “Handovers after a hard shift”" in email.subject
    assert "Hello Sam," in email.body
    assert "It named a colleague. Please post again without." in email.body
    assert "How do you hand over?" in email.body
    assert "it does not mean you are not welcome here" in email.body
    assert f"/posts/{post.pk}/" in email.body


def test_a_writer_with_private_email_gets_a_neutral_email_without_the_post(
    moderator, other_member, topic, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(member=other_member, private_email=True)
    post = topic.opening_post()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(post, moderator, "It named a colleague.")

    (email,) = mailoutbox
    html = email.alternatives[0][0]
    assert "hidden" not in email.subject and "Handovers" not in email.subject
    for text in ("How do you hand over?", "Handovers", "It named a colleague."):
        assert text not in email.body and text not in html
    assert "A moderator has a message for you about one of your posts" in email.body
    assert f"/posts/{post.pk}/" in email.body


def test_a_paused_member_is_told_why_until_when_and_that_they_can_still_read(
    moderator, member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pause = moderation.pause(member, moderator, length="week", reason="Take a breath.")

    (email,) = mailoutbox
    until = timezone.localtime(pause.ends_at).strftime("%-d %B %Y")
    assert email.subject.endswith("Your posting in the forums is paused for now")
    assert "Take a breath." in email.body
    assert until in email.body
    assert "You can still sign in and read the forums" in email.body
    assert "the pause ends by itself" in email.body


def test_a_paused_member_with_private_email_gets_a_neutral_subject(
    moderator, member, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(member=member, private_email=True)

    with django_capture_on_commit_callbacks(execute=True):
        moderation.pause(member, moderator, length="day", reason="Take a breath.")

    (email,) = mailoutbox
    assert "paused" not in email.subject.lower() and "forum" not in email.subject.lower()


# The audit log reads well -------------------------------------------------------------------


def test_every_moderation_action_has_a_label_in_the_audit_log():
    actions = [
        "forums.report",
        "forums.hold",
        "forums.approve",
        "forums.hide",
        "forums.restore",
        "forums.dismiss_reports",
        "forums.reveal_pseudonym",
        "forums.lock",
        "forums.unlock",
        "forums.pin",
        "forums.unpin",
        "forums.move_topic",
        "forums.pause",
        "forums.lift_pause",
    ]
    log_actions.scan_for_actions()

    for action in actions:
        assert log_actions.get_action_label(action) != action, action


def test_the_audit_log_says_what_happened_in_words(moderator, topic):
    post = topic.opening_post()
    moderation.hide(post, moderator, "Kind words.")

    entry = logged("forums.hide", post).get()
    assert entry.message == "Hidden, and the writer emailed"
    assert "How do you hand over" not in entry.label


# Personal data ------------------------------------------------------------------------------


def test_a_members_download_lists_their_reports_and_pauses(member, moderator, topic):
    moderation.report(topic.opening_post(), member, reason="unkind", detail="Harsh.")
    moderation.pause(member, moderator, length="day", reason="Breathe.")

    data = personal_data.export(member)

    (report,) = data["forum_reports"]
    assert (report["topic"], report["reason"], report["detail"]) == (
        "Handovers after a hard shift",
        "unkind",
        "Harsh.",
    )
    assert data["forum_posting_pauses"][0]["reason"] == "Breathe."
    moderator_data = personal_data.export(moderator)
    assert len(moderator_data["forum_moderation"]["posting_paused"]) == 1


def test_erasing_a_reporter_keeps_their_report_counting(forum_settings, member, topic):
    forum_settings.reports_to_hold = 2
    post = topic.opening_post()
    moderation.report(post, member, reason="unkind")

    personal_data.erase_account(member, by=member)

    assert Report.objects.get().reporter is None
    moderation.report(post, approved_member(), reason="unkind")
    post.refresh_from_db()
    assert post.status == Post.Status.HELD


def test_erasing_a_member_removes_their_pauses_and_a_moderators_name_from_decisions(
    member, moderator, topic
):
    moderation.pause(member, moderator, length="day", reason="Breathe.")
    other = approved_member()
    moderation.pause(other, moderator, length="day", reason="Rest.")
    post = topic.opening_post()
    moderation.report(post, approved_member(), reason="spam")
    moderation.hide(post, moderator, "Hidden.")

    personal_data.erase_account(member, by=member)
    personal_data.erase_account(moderator, by=moderator)

    assert not PostingPause.objects.filter(member=member).exists()
    kept = PostingPause.objects.get(member=other)
    assert kept.paused_by is None
    post.refresh_from_db()
    assert (post.status, post.moderated_by) == (Post.Status.HIDDEN, None)
    assert Report.objects.get().resolved_by is None
