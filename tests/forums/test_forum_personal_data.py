"""A member's forum posts, reactions and pseudonym are in their data download, and go with
their account: posts stay, by "a former member", with nothing that leads back to them."""

import json

from django.urls import reverse

import pytest

from forums.models import (
    BoardPage,
    ForumIdentity,
    ForumIndexPage,
    Post,
    PostRevision,
    Reaction,
    Topic,
)
from members.personal_data import erase_account

from ..members.factories import approved_member
from ..resources.factories import site_home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(db):
    home = site_home_page()
    index = home.add_child(instance=ForumIndexPage(title="Forums", slug="forums"))
    return index.add_child(instance=BoardPage(title="Practice questions", slug="practice"))


@pytest.fixture
def writer(db):
    return approved_member(user__first_name="Rhian", user__last_name="Pryce")


@pytest.fixture
def post(board, writer):
    ForumIdentity.objects.create(member=writer, pseudonym="quiet-river")
    topic = Topic.objects.create(board=board, title="Supervision after a hard shift")
    post = Post.objects.create(
        topic=topic, author=writer, as_pseudonym=True, body="What helps you *switch off*?"
    )
    PostRevision.objects.create(post=post, body="An earlier wording")
    Reaction.objects.create(post=post, member=writer, kind=Reaction.Kind.SUPPORT)
    return post


def test_the_download_holds_posts_earlier_versions_reactions_and_the_pseudonym(
    client, writer, post
):
    client.force_login(writer)

    data = json.loads(client.get(reverse("members:download_data")).content)

    [mine] = data["forum_posts"]
    assert mine["topic"] == "Supervision after a hard shift"
    assert mine["text"] == "What helps you *switch off*?"
    assert mine["under_pseudonym"] is True
    assert [version["text"] for version in mine["earlier_versions"]] == ["An earlier wording"]
    assert data["forum_reactions"][0]["reaction"] == "support"
    assert data["forum_pseudonym"] == "quiet-river"


def test_erasure_keeps_the_post_by_a_former_member_with_no_way_back(writer, post):
    erase_account(writer)

    post.refresh_from_db()
    assert post.author is None
    assert post.shown_author() == "A former member"
    assert post.body == "What helps you *switch off*?"
    assert not post.as_pseudonym
    assert not ForumIdentity.objects.filter(pseudonym="quiet-river").exists()
    assert not PostRevision.objects.filter(post=post).exists()
    assert not Reaction.objects.exists()


def test_a_visitor_reading_a_public_board_sees_a_member_not_their_name(client, board, writer):
    topic = Topic.objects.create(board=board, title="Starting out")
    Post.objects.create(topic=topic, author=writer, body="Hello, I am new here.")

    listing = client.get(board.url).content.decode()
    page = client.get(f"{board.url}{topic.pk}/").content.decode()

    for html in (listing, page):
        assert "Rhian Pryce" not in html
        assert "A member" in html


def test_an_approved_member_sees_the_writers_name(client, board, writer):
    topic = Topic.objects.create(board=board, title="Starting out")
    Post.objects.create(topic=topic, author=writer, body="Hello, I am new here.")
    client.force_login(approved_member())

    assert "Rhian Pryce" in client.get(f"{board.url}{topic.pk}/").content.decode()


# Choosing to remove one's posts ------------------------------------------------------------


def delete_account(client, user, **choices):
    user.set_password("a long enough password")
    user.save()
    client.force_login(user)
    return client.post(
        reverse("members:delete_account"),
        {"password": "a long enough password", **choices},
    )


def test_the_delete_page_offers_a_writer_the_choice_to_remove_their_posts(client, writer, post):
    client.force_login(writer)

    page = client.get(reverse("members:delete_account")).content.decode()

    assert 'name="choice_forum_posts"' in page
    assert "Remove them" in page


def test_someone_who_never_posted_is_not_asked_about_posts(client, board):
    client.force_login(approved_member())

    page = client.get(reverse("members:delete_account")).content.decode()

    assert "choice_forum_posts" not in page


def test_a_writer_who_asks_has_their_posts_removed_with_their_account(client, board, writer, post):
    other = approved_member()
    answer = Post.objects.create(topic=post.topic, author=other, body="Walking home helps me")
    own_topic = Topic.objects.create(board=board, title="My ward at night")
    Post.objects.create(topic=own_topic, author=writer, body="Nobody answered this")

    delete_account(client, writer, choice_forum_posts="remove")

    post.refresh_from_db()
    assert post.status == Post.Status.DELETED
    assert post.body == "" and post.body_html == ""
    assert post.author is None
    assert not Topic.objects.filter(pk=own_topic.pk).exists()
    topic = Topic.objects.get(pk=post.topic_id)
    assert topic.title == "A topic removed by its writer"
    answer.refresh_from_db()
    assert answer.body == "Walking home helps me"
    page = client.get(board.sub_url("topic", args=[topic.pk])).content.decode()
    assert "switch off" not in page


def test_keeping_posts_is_the_choice_already_made(client, writer, post):
    client.force_login(writer)
    page = client.get(reverse("members:delete_account")).content.decode()
    assert 'value="keep" checked' in page

    delete_account(client, writer, choice_forum_posts="keep")

    post.refresh_from_db()
    assert post.body == "What helps you *switch off*?"
    assert post.author is None


def test_a_made_up_choice_is_refused_and_deletes_nothing(client, writer, post):
    response = delete_account(client, writer, choice_forum_posts="publish-my-name")

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or "choose" in (
        response.content.decode().lower()
    )
    writer.refresh_from_db()
    assert writer.is_active
