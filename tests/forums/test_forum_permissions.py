"""Every forum route applies the one access rule and the forums' own, for every kind of
person, on a public and on a members-only board.

People: a visitor, a pending, declined and suspended member, an approved member and an
editor (also an approved member). Expected: "sign in" is a redirect to the sign-in page,
or, for a form sent with text in it, a page that shows the text back with a way to sign in
(nothing typed is lost); 403 is a kind page that says the person's real standing; "done" is
a redirect after the change was made. Then: nobody changes what is someone else's by
changing an id, locked topics take no replies, CSRF is enforced, and a post waiting for
approval is its writer's alone (listing, counts, quotes, links).
"""

from urllib.parse import urlsplit

from django.test import Client

import pytest

from forums import posting
from forums.models import Post, Reaction, Topic

from ..home.markup import parse
from .conftest import PEOPLE
from .factories import BoardFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "sign in"
#: Signed out while writing: what they typed is shown back with a way to sign in.
KEPT = "sign in, text kept"
DONE = "done"
OK = 200
NO = 403
ALL_OK = (OK,) * 6
#            visitor  pending declined suspended member editor
WRITERS = (SIGN_IN, NO, NO, NO, OK, OK)
WRITES = (SIGN_IN, NO, NO, NO, DONE, DONE)
TYPED = (KEPT, NO, NO, NO, DONE, DONE)

PUBLIC = {
    "index": ALL_OK,
    "board": ALL_OK,
    "topic": ALL_OK,
    "post link": (DONE,) * 6,
    "new form": WRITERS,
    "new": TYPED,
    "reply form": WRITERS,
    "reply": TYPED,
    "edit form": WRITERS,
    "edit": TYPED,
    "delete form": WRITERS,
    "delete": WRITES,
    "react": WRITES,
    "pseudonym": WRITERS,
}
MEMBERS_ONLY = {
    **PUBLIC,
    "topic": WRITERS,
    "post link": (SIGN_IN, NO, NO, NO, DONE, DONE),
}
POSTED = {"new", "reply", "edit", "delete", "react"}
STANDING_WORDS = {
    "pending": "waiting for approval",
    "declined": "not able to approve",
    "suspended": "paused",
}


@pytest.fixture(params=["public", "members only"])
def area(request, board, members_board):
    return request.param


@pytest.fixture
def setting(area, board, members_board, people, other_member):
    """The board of this area, a topic by another member, and a post of each person's own."""
    chosen = board if area == "public" else members_board
    topic = TopicFactory(board=chosen, opening=other_member, title="Sleepless nights")
    own = {
        name: PostFactory(topic=topic, author=person or other_member)
        for name, person in people.items()
    }
    return chosen, topic, own


def ask(client, route, board, topic, own_post):
    index = board.get_parent().specific
    gets = {
        "index": index.url,
        "board": board.url,
        "topic": board.sub_url("topic", args=[topic.pk]),
        "post link": board.sub_url("post", args=[own_post.pk]),
        "new form": board.sub_url("new_topic"),
        "reply form": board.sub_url("reply", args=[topic.pk]),
        "edit form": board.sub_url("edit", args=[own_post.pk]),
        "delete form": board.sub_url("delete", args=[own_post.pk]),
        "pseudonym": index.sub_url("pseudonym"),
    }
    if route in gets:
        return client.get(gets[route])
    posts = {
        "new": (board.sub_url("new_topic"), {"title": "A title", "body": "A body"}),
        "reply": (board.sub_url("reply", args=[topic.pk]), {"body": "A reply"}),
        "edit": (board.sub_url("edit", args=[own_post.pk]), {"body": "Changed"}),
        "delete": (board.sub_url("delete", args=[own_post.pk]), {}),
        "react": (board.sub_url("react", args=[own_post.pk]), {"kind": "agree"}),
    }
    url, data = posts[route]
    return client.post(url, data)


def outcome(response):
    if response.status_code == 302:
        if urlsplit(response["Location"]).path.endswith("/accounts/login/"):
            return SIGN_IN
        return DONE
    if response.status_code == 403:
        page = parse(response)
        if page.select_one("[data-kept]") and page.select_one("[data-sign-in]"):
            return KEPT
    return response.status_code


@pytest.mark.parametrize("route", list(PUBLIC))
def test_each_route_answers_each_person_as_the_rules_say(signed_in, area, setting, people, route):
    chosen, topic, own = setting
    expected = (PUBLIC if area == "public" else MEMBERS_ONLY)[route]
    # A visitor has no post of their own: they ask about another member's.
    found = {}
    for name in PEOPLE:
        response = ask(signed_in(people[name]), route, chosen, topic, own[name])
        found[name] = outcome(response)
        if found[name] == NO and name in STANDING_WORDS:
            assert STANDING_WORDS[name] in response.content.decode(), (route, name)

    assert tuple(found[name] for name in PEOPLE) == expected


def test_a_change_made_through_the_matrix_is_really_made(signed_in, board, member):
    topic = TopicFactory(board=board)
    own = PostFactory(topic=topic, author=member)
    client = signed_in(member)

    ask(client, "edit", board, topic, own)
    ask(client, "react", board, topic, own)
    ask(client, "reply", board, topic, own)

    own.refresh_from_db()
    assert own.body == "Changed"
    assert Reaction.objects.filter(post=own, member=member, kind="agree").exists()
    assert Post.objects.filter(topic=topic, author=member, body="A reply").exists()


def test_refused_writers_change_nothing(signed_in, board, people, other_member):
    topic = TopicFactory(board=board, opening=other_member)
    for name in ("visitor", "pending", "declined", "suspended"):
        own = PostFactory(topic=topic, author=people[name] or other_member, body="Mine")
        client = signed_in(people[name])
        for route in ("new", "reply", "edit", "delete", "react"):
            ask(client, route, board, topic, own)
        own.refresh_from_db()
        assert own.body == "Mine" and own.status == Post.Status.PUBLISHED, name

    assert Topic.objects.count() == 1
    assert not Post.objects.filter(body__in=["A reply", "A body"]).exists()
    assert not Reaction.objects.exists()


def test_a_members_only_board_shows_others_its_intro_but_no_topic_titles(
    signed_in, members_board, people
):
    TopicFactory(board=members_board, title="My supervisor and me")

    for name in PEOPLE:
        page = parse(signed_in(people[name]).get(members_board.url))
        text = page.select_one("main").get_text()
        assert "Questions from practice" in text, name
        if name in ("member", "editor"):
            assert "My supervisor and me" in text, name
        else:
            assert "My supervisor and me" not in text, name
            assert page.select_one("[data-refusal]"), name


def test_the_board_tells_each_person_where_they_stand_before_they_try_to_post(
    signed_in, board, people
):
    shown = {}
    for name in PEOPLE:
        page = parse(signed_in(people[name]).get(board.url))
        status = page.select_one("[data-cannot-post]")
        shown[name] = status["data-cannot-post"] if status else "may post"
        if name in STANDING_WORDS:
            assert STANDING_WORDS[name] in status.get_text(), name

    assert shown == {
        "visitor": "sign_in",
        "pending": "awaiting_approval",
        "declined": "declined",
        "suspended": "suspended",
        "member": "may post",
        "editor": "may post",
    }
    assert "Sign in to post" in parse(signed_in(None).get(board.url)).get_text()


def test_members_only_boards_are_listed_to_everyone_and_marked(
    signed_in, forum_index, board, members_board
):
    page = parse(signed_in(None).get(forum_index.url))

    boards = {row["data-board"]: row for row in page.select("[data-board]")}
    assert set(boards) == {str(board.pk), str(members_board.pk)}
    assert boards[str(members_board.pk)].select_one("[data-members-only]")
    assert not boards[str(board.pk)].select_one("[data-members-only]")


# Nobody acts for someone else by changing an id -------------------------------------------


@pytest.mark.parametrize("route", ["edit form", "edit", "delete form", "delete"])
def test_nobody_changes_another_members_post_by_changing_the_id(
    signed_in, board, member, other_member, route
):
    topic = TopicFactory(board=board)
    theirs = PostFactory(topic=topic, author=other_member, body="Their words")

    response = ask(signed_in(member), route, board, topic, theirs)

    assert response.status_code == 403
    assert "You can only change your own posts." in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.body == "Their words"
    assert theirs.status == Post.Status.PUBLISHED
    assert not theirs.revisions.exists()


def test_a_reaction_is_always_the_readers_own(signed_in, board, member, other_member):
    post = TopicFactory(board=board).opening_post()

    signed_in(member).post(
        board.sub_url("react", args=[post.pk]),
        {"kind": "helpful", "member": str(other_member.pk), "member_id": str(other_member.pk)},
    )

    assert list(Reaction.objects.values_list("member", flat=True)) == [member.pk]


def test_a_reply_is_always_the_writers_own(signed_in, board, member, other_member):
    topic = TopicFactory(board=board)

    signed_in(member).post(
        board.sub_url("reply", args=[topic.pk]),
        {"body": "Hi", "author": str(other_member.pk), "as_pseudonym": "on"},
    )

    reply = Post.objects.get(body="Hi")
    assert reply.author == member
    assert reply.as_pseudonym is False  # no pseudonym chosen: nothing to post under


@pytest.mark.parametrize("route", ["post link", "edit form", "delete", "react"])
def test_unknown_posts_and_posts_of_another_board_are_not_found(
    signed_in, board, forum_index, member, route
):
    other_board = BoardFactory(parent=forum_index, title="Elsewhere", slug="elsewhere")
    elsewhere = PostFactory(topic=TopicFactory(board=other_board, opening=False), author=member)
    missing = Post(pk=987654)
    topic = TopicFactory(board=board)
    client = signed_in(member)

    assert ask(client, route, board, topic, elsewhere).status_code == 404
    assert ask(client, route, board, topic, missing).status_code == 404


@pytest.mark.parametrize(
    ("route", "method"),
    [("react", "get"), ("topic", "post"), ("post link", "post"), ("new", "put")],
)
def test_routes_refuse_methods_that_make_no_sense_for_them(
    signed_in, board, member, route, method
):
    topic = TopicFactory(board=board)
    post = topic.opening_post()
    urls = {
        "react": board.sub_url("react", args=[post.pk]),
        "topic": board.sub_url("topic", args=[topic.pk]),
        "post link": board.sub_url("post", args=[post.pk]),
        "new": board.sub_url("new_topic"),
    }

    response = getattr(signed_in(member), method)(urls[route])

    assert response.status_code == 405


def test_a_deleted_post_can_no_longer_be_edited_by_its_writer(signed_in, board, member):
    topic = TopicFactory(board=board, opening=False)
    post = PostFactory(topic=topic, author=member, status=Post.Status.DELETED)
    PostFactory(topic=topic)

    response = signed_in(member).post(board.sub_url("edit", args=[post.pk]), {"body": "Back"})

    assert response.status_code == 403
    assert "This post can no longer be changed." in response.content.decode()
    post.refresh_from_db()
    assert post.body != "Back"


def test_a_hidden_posts_text_is_shown_to_nobody(signed_in, board, member, people):
    topic = TopicFactory(board=board)
    PostFactory(topic=topic, author=member, body="Hidden words", status=Post.Status.HIDDEN)

    for name in PEOPLE:
        html = signed_in(people[name]).get(board.sub_url("topic", args=[topic.pk])).content
        assert b"Hidden words" not in html, name
        assert b"This post was hidden by a moderator" in html, name


# Locked topics ------------------------------------------------------------------------------


def test_a_locked_topic_takes_no_replies_and_says_so(signed_in, board, member):
    topic = TopicFactory(board=board, locked=True)
    client = signed_in(member)

    page = parse(client.get(board.sub_url("topic", args=[topic.pk])))
    form = client.get(board.sub_url("reply", args=[topic.pk]))
    response = client.post(board.sub_url("reply", args=[topic.pk]), {"body": "Typed anyway"})

    assert "no new replies can be added" in page.select_one("[data-locked]").get_text()
    assert not page.select("[data-reply-form]")
    assert form.status_code == 403
    assert response.status_code == 403
    refused = parse(response)
    assert "This topic is locked" in refused.select_one("[data-reason]").get_text()
    # What was typed is not lost.
    assert refused.select_one("[data-kept]").get_text() == "Typed anyway"
    assert Post.objects.filter(topic=topic).count() == 1


def test_a_topic_locked_while_the_reply_was_written_still_refuses_it(board, member):
    topic = TopicFactory(board=board)
    Topic.objects.filter(pk=topic.pk).update(locked=True)

    with pytest.raises(posting.NotAllowed):
        posting.reply(topic, member, body="Too late")

    assert Post.objects.filter(topic=topic).count() == 1


def test_posts_in_a_locked_topic_cannot_be_edited(signed_in, board, member):
    topic = TopicFactory(board=board, opening=member, locked=True)

    response = signed_in(member).get(board.sub_url("edit", args=[topic.opening_post().pk]))

    assert response.status_code == 403
    assert "locked" in parse(response).select_one("[data-reason]").get_text()


def test_someone_signed_out_while_writing_keeps_what_they_typed(signed_in, board):
    topic = TopicFactory(board=board)

    response = signed_in(None).post(
        board.sub_url("reply", args=[topic.pk]), {"body": "A long reply I wrote"}
    )

    page = parse(response)
    assert response.status_code == 403
    assert page.select_one("[data-kept]").get_text() == "A long reply I wrote"
    assert "Sign in" in page.select_one("main").get_text()


# CSRF ---------------------------------------------------------------------------------------


def token_from(response):
    return parse(response).select_one("input[name=csrfmiddlewaretoken]")["value"]


def test_posting_needs_the_forms_csrf_token(board, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    topic = TopicFactory(board=board)
    post = topic.opening_post()

    forged = [
        client.post(board.sub_url("new_topic"), {"title": "Forged", "body": "x"}),
        client.post(board.sub_url("reply", args=[topic.pk]), {"body": "Forged"}),
        client.post(board.sub_url("react", args=[post.pk]), {"kind": "agree"}),
    ]
    token = token_from(client.get(board.sub_url("new_topic")))
    real = client.post(
        board.sub_url("new_topic"),
        {"title": "Real", "body": "x", "csrfmiddlewaretoken": token},
    )

    assert [response.status_code for response in forged] == [403, 403, 403]
    assert not Topic.objects.filter(title="Forged").exists()
    assert not Post.objects.filter(body="Forged").exists()
    assert not Reaction.objects.exists()
    assert real.status_code == 302
    assert Topic.objects.filter(title="Real").exists()


def test_deleting_and_choosing_a_pseudonym_need_the_csrf_token(board, forum_index, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    post = PostFactory(topic=TopicFactory(board=board), author=member)

    deleted = client.post(board.sub_url("delete", args=[post.pk]))
    named = client.post(forum_index.sub_url("pseudonym"), {"pseudonym": "Forged"})

    assert (deleted.status_code, named.status_code) == (403, 403)
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED
    assert not member.__class__.objects.filter(forum_identity__isnull=False).exists()


# A post waiting for approval is its writer's alone ------------------------------------------


@pytest.fixture
def pending_reply(board, member, other_member):
    topic = TopicFactory(board=board, opening=other_member)
    post = PostFactory(
        topic=topic, author=member, body="Waiting words", status=Post.Status.PENDING
    )
    return topic, post


def test_a_pending_post_is_shown_to_its_writer_marked_and_to_nobody_else(
    signed_in, board, member, other_member, pending_reply
):
    topic, post = pending_reply
    url = board.sub_url("topic", args=[topic.pk])

    mine = parse(signed_in(member).get(url)).select_one(f"#post-{post.pk}")
    assert "Waiting words" in mine.get_text()
    assert "Waiting for approval" in mine.select_one("[data-pending]").get_text()
    for reader in (other_member, None):
        html = signed_in(reader).get(url).content.decode()
        assert "Waiting words" not in html
        assert f"post-{post.pk}" not in html


def test_a_pending_post_is_not_counted_for_anyone(
    signed_in, board, forum_index, member, other_member, pending_reply
):
    topic, _post = pending_reply

    for reader in (member, other_member, None):
        client = signed_in(reader)
        row = parse(client.get(board.url)).select_one(f"[data-topic='{topic.pk}']")
        listed = parse(client.get(forum_index.url)).select_one(f"[data-board='{board.pk}']")
        assert "0 replies" in row.select_one("[data-replies]").get_text()
        assert listed.select_one("[data-post-count]").get_text(strip=True) == "1 post"


def test_a_topic_waiting_for_approval_is_listed_only_for_its_writer(
    signed_in, board, forum_index, member, other_member
):
    topic = TopicFactory(
        board=board, title="Waiting title", opening=member, opening__status=Post.Status.PENDING
    )
    topic_url = board.sub_url("topic", args=[topic.pk])

    mine = parse(signed_in(member).get(board.url))
    assert "Waiting title" in mine.select_one(f"[data-topic='{topic.pk}']").get_text()
    assert signed_in(member).get(topic_url).status_code == 200
    for reader in (other_member, None):
        client = signed_in(reader)
        assert "Waiting title" not in client.get(board.url).content.decode()
        assert client.get(topic_url).status_code == 404
        counts = parse(client.get(forum_index.url)).select_one(f"[data-board='{board.pk}']")
        assert counts.select_one("[data-topic-count]").get_text(strip=True) == "0 topics"


def test_a_pending_post_cannot_be_quoted_answered_linked_or_reacted_to_by_others(
    signed_in, board, other_member, pending_reply
):
    topic, post = pending_reply
    client = signed_in(other_member)

    quoted = parse(client.get(board.sub_url("reply", args=[topic.pk]) + f"?quote={post.pk}"))
    client.post(
        board.sub_url("reply", args=[topic.pk]), {"body": "Answer", "in_reply_to": str(post.pk)}
    )
    link = client.get(board.sub_url("post", args=[post.pk]))
    react = client.post(board.sub_url("react", args=[post.pk]), {"kind": "agree"})

    assert "Waiting words" not in quoted.select_one("textarea[name=body]").get_text()
    assert quoted.select_one("input[name=in_reply_to]").get("value") is None
    assert Post.objects.get(body="Answer").in_reply_to is None
    assert (link.status_code, react.status_code) == (404, 404)
    assert not Reaction.objects.exists()


def test_a_writer_can_quote_their_own_pending_post(signed_in, board, member, pending_reply):
    topic, post = pending_reply

    quoted = parse(
        signed_in(member).get(board.sub_url("reply", args=[topic.pk]) + f"?quote={post.pk}")
    )

    assert "> Waiting words" in quoted.select_one("textarea[name=body]").get_text()
