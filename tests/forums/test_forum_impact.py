"""The Community impact report counts forum topics, posts and the members who wrote them,
from what members can read: posts waiting for approval, hidden or deleted are not counted."""

import pytest

from core.reports import collect_figures
from forums.models import BoardPage, ForumIndexPage, Post, Topic

from ..members.factories import approved_member
from ..resources.factories import site_home_page

pytestmark = pytest.mark.django_db


def figures():
    return {figure.key: figure.value for figure in collect_figures()}


def test_topics_posts_and_writers_count_published_posts_only():
    home = site_home_page()
    index = home.add_child(instance=ForumIndexPage(title="Forums", slug="forums"))
    board = index.add_child(instance=BoardPage(title="Practice", slug="practice"))
    first, second, third = approved_member(), approved_member(), approved_member()
    open_topic = Topic.objects.create(board=board, title="Open")
    waiting_topic = Topic.objects.create(board=board, title="Only waiting")
    Post.objects.create(topic=open_topic, author=first, body="Hello")
    Post.objects.create(topic=open_topic, author=second, body="Welcome")
    Post.objects.create(topic=open_topic, author=second, body="Again")
    Post.objects.create(topic=open_topic, author=None, body="From a former member")
    Post.objects.create(topic=open_topic, author=third, body="Gone", status=Post.Status.DELETED)
    Post.objects.create(topic=waiting_topic, author=third, body="?", status=Post.Status.PENDING)

    counted = figures()

    assert counted["forum_topics"] == 1
    assert counted["forum_posts"] == 4
    assert counted["members_who_posted"] == 2
