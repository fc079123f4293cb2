""" "Discuss this": a resource or webinar page opens (or starts, once) the topic about it on
the board editors choose, shows its replies and a link, and the topic is as closed as the
stricter of its board and the page it discusses, even after the page is deleted.
"""

import inspect

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from core import access
from forums import discussions, posting
from forums.models import ForumSettings, Topic
from forums.templatetags.forum_tags import discuss_this

from ..resources.factories import FolderFactory, ResourcePageFactory
from ..webinars.factories import WebinarFactory, WebinarIndexFactory
from .factories import BoardFactory

pytestmark = pytest.mark.django_db

#: The settings as a site has them (the forums' tests stand in their own by default).
REAL_SETTINGS = inspect.getattr_static(ForumSettings, "current")


@pytest.fixture
def shared(board, forum_settings):
    """The public board, chosen for discussions."""
    forum_settings.discussion_board = board
    forum_settings.discussion_board_id = board.pk
    return board


@pytest.fixture
def resource(home_page):
    return ResourcePageFactory(title="Grounding techniques for clinic waiting rooms")


@pytest.fixture
def members_resource(home_page):
    folder = FolderFactory(title="Supervision", members_only=True)
    return ResourcePageFactory(parent=folder, title="Reflective supervision notes")


@pytest.fixture
def webinar(home_page):
    return WebinarFactory(title="Safety in the first conversation")


def discuss_url(board, page):
    return board.sub_url("discuss", args=[page.pk])


def opening(**fields):
    return {"body": "How have you used this in your service?", "content_note": "", **fields}


def discussion(board, page, author, replies=(), **fields):
    """The topic about `page`, started by `author`, with a reply by each of `replies`."""
    topic, post = discussions.start(
        board, author, page, title=page.title, body="Has anyone tried this?", **fields
    )
    for writer in replies:
        posting.reply(topic, writer, body="We have, and it helped.")
    topic.refresh_from_db()
    return topic


# Starting a discussion -------------------------------------------------------------------


def test_a_member_sees_the_form_with_the_pages_title_fixed_and_a_link_to_the_page(
    shared, resource, member, signed_in
):
    response = signed_in(member).get(discuss_url(shared, resource))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Grounding techniques for clinic waiting rooms" in html
    assert "data-discussing" in html and resource.url in html
    assert response.context["form"].fields["title"].disabled


def test_two_posts_start_one_topic_and_the_second_goes_to_it_keeping_the_words(
    shared, resource, member, other_member, signed_in
):
    first = signed_in(member).post(discuss_url(shared, resource), opening(title="Ignored"))
    second = signed_in(other_member).post(
        discuss_url(shared, resource), opening(body="We tried it in our ward.")
    )

    topic = Topic.objects.get()
    assert first.status_code == 302
    assert topic.about_page_id == resource.pk
    assert topic.title == resource.title  # the fixed title, not what was sent
    assert topic.post_count == 1
    # The second writer's words come back in a reply form, not lost.
    assert second.status_code == 200
    assert "We tried it in our ward." in second.content.decode()
    assert second.context["kind"] == "reply"


def test_save_and_post_later_posts_nothing_and_keeps_the_words(
    shared, resource, member, signed_in
):
    response = signed_in(member).post(
        discuss_url(shared, resource), opening(save_draft="1", body="Half a thought")
    )

    assert response.status_code == 200
    assert "Half a thought" in response.content.decode()
    assert not Topic.objects.exists()


def test_a_second_start_in_a_race_finds_the_first_topic(shared, resource, member, other_member):
    first = discussion(shared, resource, member)

    topic, post = discussions.start(shared, other_member, resource, title="x", body="y")

    assert (topic, post) == (first, None)
    assert Topic.objects.count() == 1


def test_once_a_topic_exists_discuss_this_goes_to_it(shared, resource, member, signed_in):
    topic = discussion(shared, resource, member)

    response = signed_in(None).get(discuss_url(shared, resource))

    assert response.status_code == 302
    assert response["Location"] == shared.topic_url(topic)


def test_a_visitor_is_asked_to_sign_in_before_starting_one(shared, resource, signed_in):
    response = signed_in(None).get(discuss_url(shared, resource))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_a_pending_member_is_told_kindly_they_cannot_start_one(
    shared, resource, pending_member, signed_in
):
    response = signed_in(pending_member).post(discuss_url(shared, resource), opening())

    assert response.status_code == 403
    assert "How have you used this" in response.content.decode()  # kept
    assert not Topic.objects.exists()


def test_only_the_discussion_board_and_only_resources_and_webinars_can_be_discussed(
    shared, forum_index, resource, member, signed_in
):
    other = BoardFactory(parent=forum_index, title="Off topic")
    client = signed_in(member)

    assert client.get(discuss_url(other, resource)).status_code == 404
    assert client.get(discuss_url(shared, shared)).status_code == 404
    assert client.get(shared.sub_url("discuss", args=[999999])).status_code == 404


def test_a_page_the_person_cannot_see_answers_404(shared, webinar, member, signed_in):
    webinar.unpublish()

    assert signed_in(member).get(discuss_url(shared, webinar)).status_code == 404


# On the resource and webinar pages -------------------------------------------------------


def test_a_resource_page_shows_the_reply_count_and_a_link(
    shared, resource, member, other_member, signed_in
):
    topic = discussion(shared, resource, member, replies=[other_member, other_member])

    html = signed_in(None).get(resource.url).content.decode()

    assert "data-discuss-this" in html
    assert "2 replies" in html
    assert shared.topic_url(topic) in html


def test_a_webinar_page_shows_the_reply_count_and_a_link(
    shared, webinar, member, other_member, signed_in
):
    topic = discussion(shared, webinar, member, replies=[other_member])

    html = signed_in(member).get(webinar.url).content.decode()

    assert "1 reply" in html
    assert shared.topic_url(topic) in html


def test_without_a_topic_members_may_start_one_and_visitors_are_asked_to_sign_in(
    shared, webinar, member, signed_in
):
    member_html = signed_in(member).get(webinar.url).content.decode()
    visitor_html = signed_in(None).get(webinar.url).content.decode()

    assert discuss_url(shared, webinar) in member_html
    assert "Start a discussion" in member_html
    assert "Sign in to join the discussion" in visitor_html
    assert discuss_url(shared, webinar) not in visitor_html


def test_without_a_discussion_board_there_is_no_block(resource, member, signed_in):
    html = signed_in(member).get(resource.url).content.decode()

    assert "data-discuss-this" not in html


def test_a_board_the_person_cannot_read_shows_no_block(
    members_board, forum_settings, resource, signed_in
):
    forum_settings.discussion_board = members_board
    forum_settings.discussion_board_id = members_board.pk

    assert "data-discuss-this" not in signed_in(None).get(resource.url).content.decode()


@pytest.mark.parametrize("started", [True, False])
def test_the_tag_costs_at_most_two_queries(
    board, resource, member, other_member, started, monkeypatch
):
    """The settings with their board (saved, as on a real site), and the topic."""
    monkeypatch.setattr(ForumSettings, "current", REAL_SETTINGS)
    settings = ForumSettings.for_site(Site.objects.get(is_default_site=True))
    settings.discussion_board = board
    settings.posts_needing_approval = 0
    settings.save()
    if started:
        discussion(board, resource, member, replies=[other_member])
    request = RequestFactory().get(resource.url)
    request.user = member
    Site.find_for_request(request)  # the page's own view has found the site
    access.page_verdict(request, resource)  # and asked who may open the page

    with CaptureQueriesContext(connection) as captured:
        shown = discuss_this({"request": request}, resource)

    assert shown["shown"]
    assert shown.get("reply_count") == (1 if started else None)
    assert len(captured) <= 2, "\n".join(q["sql"][:120] for q in captured)


# Who may read the topic ------------------------------------------------------------------


def test_a_members_only_resources_topic_on_a_public_board_is_for_members_only(
    shared, members_resource, member, signed_in
):
    topic = discussion(shared, members_resource, member)
    post = topic.opening_post()
    visitor = signed_in(None)

    assert visitor.get(shared.topic_url(topic)).status_code == 404
    assert visitor.get(shared.sub_url("post", args=[post.pk])).status_code == 404
    assert visitor.get(shared.sub_url("reply", args=[topic.pk])).status_code == 404
    assert members_resource.title not in visitor.get(shared.url).content.decode()

    client = signed_in(member)
    assert client.get(shared.topic_url(topic)).status_code == 200
    assert members_resource.title in client.get(shared.url).content.decode()


def test_an_unpublished_webinars_topic_is_hidden(shared, webinar, member, signed_in):
    topic = discussion(shared, webinar, member)
    webinar.unpublish()
    client = signed_in(member)

    assert client.get(shared.topic_url(topic)).status_code == 404
    assert webinar.title not in client.get(shared.url).content.decode()


def test_the_listing_still_shows_topics_about_no_page(
    shared, webinar, member, other_member, signed_in
):
    posting.start_topic(shared, other_member, title="Rotas and rest breaks", body="Anyone?")
    discussion(shared, webinar, member)
    webinar.unpublish()

    html = signed_in(None).get(shared.url).content.decode()

    assert "Rotas and rest breaks" in html
    assert webinar.title not in html


def test_a_deleted_members_only_pages_topic_stays_members_only(
    shared, members_resource, member, signed_in
):
    topic = discussion(shared, members_resource, member)

    members_resource.delete()

    topic.refresh_from_db()
    assert topic.about_page_id is None
    assert topic.members_only
    assert signed_in(None).get(shared.topic_url(topic)).status_code == 404
    assert signed_in(member).get(shared.topic_url(topic)).status_code == 200


def test_a_deleted_public_pages_topic_stays_open(shared, resource, member, signed_in):
    topic = discussion(shared, resource, member)

    resource.delete()

    topic.refresh_from_db()
    assert not topic.members_only
    assert signed_in(None).get(shared.topic_url(topic)).status_code == 200


def test_a_deleted_unpublished_pages_topic_stays_members_only(shared, resource, member, signed_in):
    topic = discussion(shared, resource, member)
    resource.unpublish()

    resource.delete()

    topic.refresh_from_db()
    assert topic.members_only
    assert signed_in(None).get(shared.topic_url(topic)).status_code == 404


@pytest.mark.parametrize("person", ["visitor", "member"])
def test_the_board_costs_the_same_queries_whatever_the_number_of_discussions(
    shared, member, other_member, signed_in, person
):
    listing = WebinarIndexFactory()
    members_listing = WebinarIndexFactory(
        title="Members' webinars", slug="members-webinars", members_only=True
    )
    client = signed_in(member if person == "member" else None)

    made = []

    def queries_with(n):
        made.extend(range(n))
        for _number in range(n):
            discussion(shared, WebinarFactory(parent=listing), other_member)
            discussion(shared, WebinarFactory(parent=members_listing), other_member)
            unpublished = WebinarFactory(parent=listing)
            discussion(shared, unpublished, other_member)
            unpublished.unpublish()
        client.get(shared.url)  # warm Wagtail's site root paths and content types
        with CaptureQueriesContext(connection) as captured:
            response = client.get(shared.url)
        assert len(response.context["topics"]) == len(made) * (2 if person == "member" else 1)
        return len(captured)

    assert queries_with(1) == queries_with(3)
