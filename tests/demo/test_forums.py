"""The forums' demo content: at least 5 boards (one members only), 40 topics and 300 posts by
at least 61 members, with pinned, locked, content-noted and pseudonymous posts, discussions
of three resources and two webinars, reactions and an open report; in Welsh too; and a
second run that adds nothing.

The home, members, resources, webinars and forums demos are built once for the module,
inside a transaction rolled back at the end; each test runs in a savepoint inside it.
"""

from datetime import timedelta
from io import StringIO

from django.db.models import Count, F, Q
from django.utils import timezone

from wagtail.models import Locale, Site

import pytest

from forums import demo as forums_demo
from forums.models import (
    BoardPage,
    ForumIdentity,
    ForumIndexPage,
    ForumSettings,
    Post,
    Reaction,
    Report,
    Topic,
    Watch,
)
from resources.models import ResourcePage
from webinars.models import WebinarPage

pytestmark = pytest.mark.django_db


def english_boards():
    return BoardPage.objects.live().filter(locale=Locale.get_default())


def test_there_are_at_least_five_boards_and_one_is_for_members_only(demo):
    boards = english_boards()

    assert boards.count() >= 5
    assert boards.filter(members_only=True).count() >= 1


def test_there_are_40_topics_and_300_posts_by_at_least_61_members(demo):
    posts = Post.objects.published()

    assert Topic.objects.counted().count() >= 40
    assert posts.count() >= 300
    assert posts.values("author").distinct().count() >= 61


def test_each_topics_count_and_latest_activity_follow_its_posts(demo):
    topics = Topic.objects.annotate(
        published=Count("posts", filter=Q(posts__status=Post.Status.PUBLISHED))
    )
    for topic in topics:
        latest = topic.posts.order_by("-created_at").first()
        assert topic.post_count == topic.published
        assert topic.last_activity_at == latest.created_at


def test_posts_are_spread_over_the_last_months_and_none_is_in_the_future(demo):
    now = timezone.now()
    times = list(Post.objects.values_list("created_at", flat=True))

    assert max(times) <= now
    assert min(times) >= now - timedelta(days=300)
    assert len({when.date().replace(day=1) for when in times}) >= 6  # months


def test_posts_are_rendered_as_a_save_would(demo):
    post = Post.objects.filter(body__contains="**").first()

    assert "<strong>" in post.body_html


def test_there_are_pinned_locked_and_content_noted_topics_and_posts(demo):
    assert Topic.objects.filter(pinned=True).exists()
    assert Topic.objects.filter(locked=True).exists()
    assert Topic.objects.exclude(content_note="").exists()
    assert Post.objects.exclude(content_note="").exists()


def test_some_posts_are_written_under_a_pseudonym(demo):
    pseudonymous = Post.objects.filter(as_pseudonym=True)

    assert pseudonymous.count() >= 5
    assert all(ForumIdentity.objects.filter(member=post.author).exists() for post in pseudonymous)


def test_replies_answer_earlier_posts_of_their_topic(demo):
    answering = Post.objects.filter(in_reply_to__isnull=False).select_related("in_reply_to")

    assert answering.exists()
    for post in answering:
        assert post.in_reply_to.topic_id == post.topic_id
        assert post.in_reply_to.created_at <= post.created_at


def test_three_resources_and_two_webinars_are_discussed_on_the_discussion_board(demo):
    settings = ForumSettings.for_site(Site.objects.get(is_default_site=True))
    discussed = Topic.objects.filter(about_page__isnull=False)

    assert settings.discussion_board.title == "Shared resources and webinars"
    assert all(topic.board_id == settings.discussion_board_id for topic in discussed)
    pages = [topic.about_page.specific for topic in discussed.select_related("about_page")]
    assert sum(isinstance(page, ResourcePage) for page in pages) >= 3
    assert sum(isinstance(page, WebinarPage) for page in pages) >= 2
    assert all(topic.title == topic.about_page.title for topic in discussed)


def test_there_are_reactions_and_an_open_report(demo):
    assert Reaction.objects.count() >= 100
    assert not Reaction.objects.filter(member=F("post__author")).exists()  # not one's own
    assert Report.objects.filter(resolved_at__isnull=True).count() >= 1


def test_the_forums_are_in_the_menu_and_in_welsh(demo):
    index = ForumIndexPage.objects.get(locale=Locale.get_default())

    assert index.show_in_menus and index.live
    welsh = Locale.objects.get(language_code="cy")
    assert index.has_translation(welsh)
    assert all(board.has_translation(welsh) for board in english_boards())


def test_the_members_only_resources_discussion_is_hidden_from_visitors(demo, client):
    settings = ForumSettings.for_site(Site.objects.get(is_default_site=True))
    board = settings.discussion_board
    closed = Topic.objects.get(about_page__slug="co-producing-training")

    html = client.get(board.url).content.decode()

    assert closed.title not in html
    assert client.get(board.topic_url(closed)).status_code == 404


def test_writers_watch_the_topics_they_wrote_in_as_posting_makes_them(demo):
    writers = Post.objects.exclude(author=None).values_list("author_id", "topic_id").distinct()
    watching = set(Watch.objects.values_list("member_id", "topic_id"))

    assert set(writers) <= watching


def test_a_second_run_creates_nothing(demo):
    counts = (Topic.objects.count(), Post.objects.count(), Reaction.objects.count())
    output = StringIO()

    forums_demo.build(output)

    assert (Topic.objects.count(), Post.objects.count(), Reaction.objects.count()) == counts
    assert "0 new topics, 0 new posts, 0 new reactions, 0 new reports" in output.getvalue()
