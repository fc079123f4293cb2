"""What the forums' index, a board and a topic page cost in queries, for a visitor and for a
member, asserted exactly, with 3 and with 15 topics (and posts): the same.

A change that adds a query to these pages changes a number here, on purpose. Signed-in
requests also load the session, the user and their membership.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from forums.models import ForumIdentity, Post, Reaction

from ..members.factories import approved_member
from .factories import BoardFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db

#: (page, person) -> queries, whatever the number of boards, topics, posts and reactions.
EXPECTED = {
    # Routing and the site's shell (as every page), Wagtail's privacy rules and the closed
    # areas; the boards with their topic and post counts and latest activity (one query).
    # A member: session, user, membership, permissions (the shell), and their pseudonym.
    ("index", "visitor"): 14,
    ("index", "member"): 20,
    # The board: the default language's copy (topics belong to it), the page's count and
    # its topics (each with its opening post's id), the opening posts with their writers
    # and pseudonyms, each with when the member last read it. A member: also a pause on
    # their posting, their saved topic and whether they watch the board.
    ("board", "visitor"): 19,
    ("board", "member"): 27,
    # A topic: the board's default-language copy, the topic, the page's count and its posts
    # with their writers, pseudonyms and the posts they answer; the reactions, counted in
    # one query. A member: also their pseudonym, for the reply form, a pause on their
    # posting, their saved reply, whom they muted, whether they watch the topic, and the
    # upsert of when they read it.
    ("topic", "visitor"): 20,
    ("topic", "member"): 31,
}
SIZES = (3, 15)


@pytest.fixture
def build(forum_index, member):
    """build(n) -> URLs of the index, a board and a topic, with n of everything in each."""

    def make(n):
        boards = [BoardFactory(parent=forum_index) for _board in range(n)]
        board = boards[0]
        writers = [approved_member() for _writer in range(3)]
        ForumIdentity.objects.create(member=writers[0], pseudonym=f"Heron {n}")
        for i in range(n):
            TopicFactory(board=board, opening=writers[i % 3], opening__as_pseudonym=i % 3 == 0)
        for other in boards[1:]:
            TopicFactory(board=other)
        topic = TopicFactory(board=board, opening=writers[0])
        previous = topic.opening_post()
        for i in range(n):
            previous = PostFactory(
                topic=topic,
                author=writers[i % 3],
                as_pseudonym=i % 3 == 0,
                in_reply_to=previous,
                content_note="grief" if i % 2 else "",
                status=Post.Status.PENDING if i == 1 else Post.Status.PUBLISHED,
            )
            for kind in list(Reaction.Kind)[: 1 + i % 4]:
                Reaction.objects.create(post=previous, member=writers[(i + 1) % 3], kind=kind)
        # The member's own posts: their Edit and Delete links are worked out too.
        PostFactory(topic=topic, author=member)
        return {
            "index": forum_index.url,
            "board": board.url,
            "topic": board.sub_url("topic", args=[topic.pk]),
        }

    return make


def count_queries(client, url):
    client.get(url)  # warm Wagtail's site root paths and Django's content types
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("page", "person"), list(EXPECTED))
def test_each_forum_page_costs_a_fixed_number_of_queries(
    build, signed_in, member, page, person, size
):
    urls = build(size)
    client = signed_in(member if person == "member" else None)

    assert count_queries(client, urls[page]) == EXPECTED[page, person]
