"""Saving a post for later, posting limits that keep everything typed, new members' first
posts waiting for approval, unread markers, and editing a topic's title."""

from datetime import timedelta

from django.utils import timezone

import pytest

from forums import limits
from forums.models import Draft, Post, Topic, TopicVisit

from ..home.markup import parse
from .factories import PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


def topic_url(board, topic):
    return board.sub_url("topic", args=[topic.pk])


# Save and post later -----------------------------------------------------------------------


def test_a_reply_saved_for_later_is_in_the_form_when_the_member_comes_back(
    signed_in, board, member
):
    topic = TopicFactory(board=board)
    client = signed_in(member)

    response = client.post(
        board.sub_url("reply", args=[topic.pk]),
        {"body": "Half a thought about supervision", "save_draft": "1"},
        follow=True,
    )

    assert "Your draft is saved" in response.content.decode()
    assert topic.posts.count() == 1  # nothing posted
    page = parse(client.get(topic_url(board, topic)))
    assert page.select_one("[data-reply-form] textarea").get_text().strip() == (
        "Half a thought about supervision"
    )
    assert page.select_one("[data-draft-notice]") is not None


def test_a_draft_is_gone_once_it_is_posted(signed_in, board, member):
    topic = TopicFactory(board=board)
    client = signed_in(member)
    reply_url = board.sub_url("reply", args=[topic.pk])
    client.post(reply_url, {"body": "Draft", "save_draft": "1"})

    client.post(reply_url, {"body": "Now ready"})

    assert not Draft.objects.exists()
    assert topic.posts.filter(body="Now ready").exists()


def test_the_browser_saves_a_draft_quietly_as_the_member_leaves(signed_in, board, member):
    topic = TopicFactory(board=board)

    response = signed_in(member).post(
        board.sub_url("reply", args=[topic.pk]), {"body": "Left mid-sentence", "autosave": "1"}
    )

    assert response.status_code == 204
    assert Draft.objects.get(member=member).body == ("Left mid-sentence")


def test_a_new_topic_saved_for_later_comes_back_with_its_title(signed_in, board, member):
    client = signed_in(member)
    client.post(
        board.sub_url("new_topic"),
        {"title": "Trauma and night shifts", "body": "", "save_draft": "1"},
    )

    board_page = parse(client.get(board.url))
    assert "Continue your saved topic" in board_page.select_one("[data-start-topic]").get_text()
    form = parse(client.get(board.sub_url("new_topic")))
    assert form.select_one("input[name=title]")["value"] == "Trauma and night shifts"


def test_drafts_are_each_members_own(signed_in, board, member, other_member):
    topic = TopicFactory(board=board)
    signed_in(member).post(
        board.sub_url("reply", args=[topic.pk]), {"body": "Private draft", "save_draft": "1"}
    )

    page = signed_in(other_member).get(topic_url(board, topic)).content.decode()

    assert "Private draft" not in page


def test_someone_who_may_not_post_cannot_save_a_draft(signed_in, board, pending_member):
    topic = TopicFactory(board=board)

    response = signed_in(pending_member).post(
        board.sub_url("reply", args=[topic.pk]), {"body": "Sneaky", "save_draft": "1"}
    )

    assert response.status_code == 403
    assert not Draft.objects.exists()


# Posting limits ----------------------------------------------------------------------------


def test_a_new_member_posting_fast_is_asked_kindly_to_wait_and_keeps_their_words(
    signed_in, board, member
):
    topic = TopicFactory(board=board)
    user = member
    for _ in range(limits.NEW_MEMBER_LIMITS[0].posts):
        PostFactory(topic=topic, author=user)
    client = signed_in(member)

    response = client.post(
        board.sub_url("reply", args=[topic.pk]), {"body": "One more thing I wanted to say"}
    )

    assert response.status_code == 200
    page = parse(response)
    assert "please wait" in page.select_one(".nhsuk-error-summary").get_text()
    assert (
        page.select_one("textarea[name=body]").get_text().strip()
        == "One more thing I wanted to say"
    )
    assert not topic.posts.filter(body="One more thing I wanted to say").exists()


def test_the_limit_counts_deleted_posts_too(board, member):
    topic = TopicFactory(board=board)
    user = member
    for _ in range(limits.NEW_MEMBER_LIMITS[0].posts):
        PostFactory(topic=topic, author=user, status=Post.Status.DELETED)

    assert limits.wait_before_posting(user) is not None


def test_the_limit_lifts_once_the_window_has_passed(board, member):
    topic = TopicFactory(board=board)
    user = member
    long_ago = timezone.now() - timedelta(minutes=11)
    for _ in range(limits.NEW_MEMBER_LIMITS[0].posts):
        PostFactory(topic=topic, author=user, created_at=long_ago)

    assert limits.wait_before_posting(user) is None


def test_known_members_may_post_more_than_new_ones(board, member):
    topic = TopicFactory(board=board)
    user = member
    long_ago = timezone.now() - timedelta(days=30)
    for _ in range(limits.KNOWN_AFTER):
        PostFactory(topic=topic, author=user, created_at=long_ago)
    for _ in range(limits.NEW_MEMBER_LIMITS[0].posts):
        PostFactory(topic=topic, author=user)

    assert limits.wait_before_posting(user) is None


def test_the_wait_message_says_how_long_in_plain_words():
    assert "4 minutes" in limits.wait_message(timedelta(minutes=3, seconds=10))
    assert "1 minute " in limits.wait_message(timedelta(seconds=5))
    assert "3 hours" in limits.wait_message(timedelta(hours=2, minutes=30))


# New members' first posts ------------------------------------------------------------------


@pytest.mark.first_posts_wait(2)
def test_a_new_members_first_post_waits_and_only_they_see_it(
    signed_in, board, member, other_member
):
    topic = TopicFactory(board=board)
    writer = signed_in(member)

    response = writer.post(
        board.sub_url("reply", args=[topic.pk]), {"body": "My first words here"}, follow=True
    )

    assert "read by a moderator" in response.content.decode()
    post = topic.posts.get(body="My first words here")
    assert post.status == Post.Status.PENDING
    page = parse(writer.get(topic_url(board, topic)))
    assert page.select_one(f"#post-{post.pk} [data-pending]") is not None
    others = signed_in(other_member).get(topic_url(board, topic)).content.decode()
    assert "My first words here" not in others
    topic.refresh_from_db()
    assert topic.post_count == 1  # the opening post only


@pytest.mark.first_posts_wait(1)
def test_once_a_post_is_published_the_next_appear_at_once(signed_in, board, member):
    topic = TopicFactory(board=board)
    user = member
    PostFactory(topic=topic, author=user, status=Post.Status.PUBLISHED)

    signed_in(member).post(board.sub_url("reply", args=[topic.pk]), {"body": "Second"})

    assert topic.posts.get(body="Second").status == Post.Status.PUBLISHED


@pytest.mark.first_posts_wait(2)
def test_a_new_members_topic_is_not_listed_for_others_until_approved(
    signed_in, board, member, other_member
):
    signed_in(member).post(
        board.sub_url("new_topic"), {"title": "A quiet question", "body": "Is it ok to ask?"}
    )

    assert "A quiet question" in signed_in(member).get(board.url).content.decode()
    assert "A quiet question" not in signed_in(other_member).get(board.url).content.decode()
    assert "A quiet question" not in signed_in(None).get(board.url).content.decode()


# Unread markers ----------------------------------------------------------------------------


def test_a_topic_with_new_replies_since_the_member_read_it_is_marked(signed_in, board, member):
    user = member
    topic = TopicFactory(board=board)
    Topic.objects.filter(pk=topic.pk).update(created_at=timezone.now() + timedelta(seconds=1))
    client = signed_in(member)

    def marker():
        row = parse(client.get(board.url)).select_one(f"[data-topic='{topic.pk}']")
        found = row.select_one("[data-unread]")
        return found["data-unread"] if found else ""

    user.date_joined = timezone.now() - timedelta(days=1)
    user.save()
    assert marker() == "new"
    client.get(topic_url(board, topic))
    assert TopicVisit.objects.filter(member=user, topic=topic).exists()
    assert marker() == ""
    Topic.objects.filter(pk=topic.pk).update(
        last_activity_at=timezone.now() + timedelta(minutes=5)
    )
    assert marker() == "unread"


def test_visitors_see_no_unread_markers(signed_in, board):
    TopicFactory(board=board)

    assert parse(signed_in(None).get(board.url)).select("[data-unread]") == []


# Editing a topic's title -------------------------------------------------------------------


def test_the_writer_of_the_opening_post_can_change_the_topics_title(signed_in, board, member):
    user = member
    topic = TopicFactory(board=board, opening=user, title="Old title with my ward's name")
    post = topic.opening_post()
    client = signed_in(member)
    form = parse(client.get(board.sub_url("edit", args=[post.pk])))
    assert form.select_one("input[name=title]")["value"] == "Old title with my ward's name"

    client.post(
        board.sub_url("edit", args=[post.pk]), {"title": "A safer title", "body": post.body}
    )

    topic.refresh_from_db()
    assert topic.title == "A safer title"


def test_a_reply_edit_has_no_title_field(signed_in, board, member):
    user = member
    topic = TopicFactory(board=board)
    reply = PostFactory(topic=topic, author=user)

    form = parse(signed_in(member).get(board.sub_url("edit", args=[reply.pk])))

    assert form.select_one("input[name=title]") is None
