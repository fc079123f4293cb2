"""Watching topics and boards, muting a writer, and a member's forum email settings: for
approved members only, never for what they cannot read (a tampered id answers 404), CSRF
checked, with posts by muted writers folded away and the muted writer never told."""

from django.test import Client

import pytest

from forums.models import Mute, NotificationPreference, Watch
from members import personal_data

from ..home.markup import parse
from ..members.factories import approved_member
from .factories import BoardFactory, PostFactory, TopicFactory
from .following_helpers import make_private, pseudonym, publishing  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def topic_url(board, topic):
    return board.sub_url("topic", args=[topic.pk])


def settings_url(forum_index):
    return forum_index.url + forum_index.reverse_subpage("notifications")


@pytest.fixture
def topic(board, other_member):
    return TopicFactory(board=board, opening=other_member, title="Night shifts")


# Watching ----------------------------------------------------------------------------------


def test_a_member_watches_a_topic_and_stops_again(signed_in, board, member, topic):
    client = signed_in(member)
    url = board.sub_url("watch_topic", args=[topic.pk])

    response = client.post(url, {"watch": "1"}, follow=True)

    assert Watch.objects.filter(member=member, topic=topic).exists()
    page = parse(response)
    assert page.select_one("[data-watch-topic]")["data-watch-topic"] == "on"
    assert "You are watching this topic" in page.get_text()
    client.post(url, {"watch": "1"})  # a second click changes nothing
    assert Watch.objects.filter(member=member, topic=topic).count() == 1

    client.post(url, {"watch": "0"})

    assert not Watch.objects.filter(member=member, topic=topic).exists()


def test_a_post_without_a_wanted_state_toggles_watching(signed_in, board, member, topic):
    client = signed_in(member)
    url = board.sub_url("watch_topic", args=[topic.pk])

    client.post(url)
    assert Watch.objects.filter(member=member, topic=topic).exists()
    client.post(url)
    assert not Watch.objects.filter(member=member, topic=topic).exists()


def test_posting_in_a_topic_watches_it(publish, board, member, topic):
    publish.reply(topic, member)
    publish.reply(topic, member)

    assert Watch.objects.filter(member=member, topic=topic).count() == 1


def test_a_member_watches_a_board(signed_in, board, member):
    client = signed_in(member)

    response = client.post(board.sub_url("watch_board"), {"watch": "1"})

    assert response.status_code == 302
    assert Watch.objects.filter(member=member, board=board).exists()
    page = parse(client.get(board.url))
    assert page.select_one("[data-watch-board]")["data-watch-board"] == "on"


@pytest.mark.parametrize("person", ["visitor", "pending", "suspended"])
def test_only_approved_members_see_the_watch_buttons(signed_in, people, board, topic, person):
    client = signed_in(people[person])

    for url in (board.url, topic_url(board, topic)):
        page = parse(client.get(url))
        assert page.select_one("[data-watch-board], [data-watch-topic]") is None


def test_a_visitor_is_asked_to_sign_in_and_a_pending_member_is_refused(
    signed_in, board, topic, pending_member
):
    url = board.sub_url("watch_topic", args=[topic.pk])

    response = signed_in(None).post(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

    assert signed_in(pending_member).post(url).status_code == 403
    assert not Watch.objects.exists()


def test_watching_a_topic_of_another_board_or_one_not_there_is_not_found(
    signed_in, board, member, forum_index
):
    elsewhere = BoardFactory(parent=forum_index, title="Elsewhere")
    other_topic = TopicFactory(board=elsewhere)
    client = signed_in(member)

    assert client.post(board.sub_url("watch_topic", args=[other_topic.pk])).status_code == 404
    assert client.post(board.sub_url("watch_topic", args=[999999])).status_code == 404
    assert not Watch.objects.exists()


def test_watching_a_topic_whose_only_post_waits_for_approval_is_not_found(
    signed_in, board, member, other_member
):
    waiting = TopicFactory(board=board, opening=other_member, opening__status="pending")

    response = signed_in(member).post(board.sub_url("watch_topic", args=[waiting.pk]))

    assert response.status_code == 404


def test_watching_on_a_board_private_through_wagtail_is_not_allowed(
    signed_in, board, member, topic
):
    make_private(board)

    response = signed_in(member).post(board.sub_url("watch_topic", args=[topic.pk]))

    # Wagtail asks for the board's password first; nothing is watched.
    assert response.status_code != 302
    assert not Watch.objects.exists()


def test_watching_takes_only_a_post(signed_in, board, member, topic):
    response = signed_in(member).get(board.sub_url("watch_topic", args=[topic.pk]))

    assert response.status_code == 405


def test_watching_and_muting_check_csrf(board, member, topic):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    post = topic.opening_post()

    assert client.post(board.sub_url("watch_topic", args=[topic.pk])).status_code == 403
    assert client.post(board.sub_url("watch_board")).status_code == 403
    assert client.post(board.sub_url("mute", args=[post.pk])).status_code == 403
    assert not Watch.objects.exists()
    assert not Mute.objects.exists()


# Muting ------------------------------------------------------------------------------------


def test_a_member_mutes_a_writer_and_their_posts_are_folded(
    signed_in, board, member, other_member, topic
):
    post = PostFactory(topic=topic, author=other_member, body="Something I said.")
    client = signed_in(member)

    response = client.post(board.sub_url("mute", args=[post.pk]), {"mute": "1"}, follow=True)

    assert Mute.objects.filter(member=member, muted=other_member).exists()
    page = parse(response)
    folded = page.select(f"[data-post='{post.pk}'] details[data-muted]")
    assert len(folded) == 1
    assert not folded[0].has_attr("open")
    assert "You muted this writer. Show the post" in folded[0].summary.get_text()
    assert "Something I said." in folded[0].get_text()
    assert page.select_one(f"[data-post='{post.pk}'] [data-mute]")["data-mute"] == "on"


def test_the_muted_writer_sees_nothing_of_it(signed_in, board, member, other_member, topic):
    post = PostFactory(topic=topic, author=other_member)
    signed_in(member).post(board.sub_url("mute", args=[post.pk]), {"mute": "1"})

    page = parse(signed_in(other_member).get(topic_url(board, topic)))

    assert page.select("details[data-muted]") == []
    assert "muted" not in page.get_text().lower()


def test_unmuting_from_the_same_button(signed_in, board, member, other_member, topic):
    post = PostFactory(topic=topic, author=other_member)
    client = signed_in(member)
    client.post(board.sub_url("mute", args=[post.pk]), {"mute": "1"})

    client.post(board.sub_url("mute", args=[post.pk]), {"mute": "0"})

    assert not Mute.objects.exists()
    assert parse(client.get(topic_url(board, topic))).select("details[data-muted]") == []


def test_a_member_cannot_mute_themselves(signed_in, board, member, topic):
    own = PostFactory(topic=topic, author=member)

    response = signed_in(member).post(board.sub_url("mute", args=[own.pk]), follow=True)

    assert not Mute.objects.exists()
    assert "you cannot mute yourself" in parse(response).get_text()
    assert parse(response).select_one(f"[data-post='{own.pk}'] [data-mute]") is None


def test_a_former_member_cannot_be_muted(signed_in, board, member, topic):
    gone = PostFactory(topic=topic, author=None)

    response = signed_in(member).post(board.sub_url("mute", args=[gone.pk]))

    assert response.status_code == 302
    assert not Mute.objects.exists()


def test_muting_by_a_post_on_another_board_or_a_hidden_post_is_not_found(
    signed_in, board, member, other_member, forum_index
):
    elsewhere = BoardFactory(parent=forum_index, title="Elsewhere")
    there = PostFactory(topic=TopicFactory(board=elsewhere), author=other_member)
    hidden = PostFactory(topic=TopicFactory(board=board), author=other_member, status="hidden")
    client = signed_in(member)

    assert client.post(board.sub_url("mute", args=[there.pk])).status_code == 404
    assert client.post(board.sub_url("mute", args=[hidden.pk])).status_code == 404
    assert not Mute.objects.exists()


def test_a_pending_member_cannot_mute(signed_in, board, pending_member, other_member, topic):
    post = PostFactory(topic=topic, author=other_member)

    response = signed_in(pending_member).post(board.sub_url("mute", args=[post.pk]))

    assert response.status_code == 403
    assert not Mute.objects.exists()


# The settings page -------------------------------------------------------------------------


def test_the_settings_page_asks_a_visitor_to_sign_in_and_refuses_a_pending_member(
    signed_in, forum_index, pending_member
):
    url = settings_url(forum_index)

    response = signed_in(None).get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert signed_in(pending_member).get(url).status_code == 403


def test_a_member_chooses_a_daily_digest_and_private_email(signed_in, forum_index, member):
    client = signed_in(member)
    url = settings_url(forum_index)
    page = parse(client.get(url))
    assert page.select_one("input[name=frequency][value=immediately]").has_attr("checked")

    response = client.post(url, {"frequency": "daily", "private_email": "on"}, follow=True)

    preference = NotificationPreference.objects.get(member=member)
    assert preference.frequency == "daily"
    assert preference.private_email
    assert "Your forum email settings are saved." in parse(response).get_text()


def test_a_choice_that_is_not_offered_is_refused_kindly(signed_in, forum_index, member):
    response = signed_in(member).post(settings_url(forum_index), {"frequency": "hourly"})

    assert response.status_code == 200
    assert "There is a problem" in parse(response).get_text()
    assert not NotificationPreference.objects.exists()


def test_the_settings_page_lists_what_is_watched_and_stops_watching_it(
    signed_in, forum_index, board, member, topic
):
    topic_watch = Watch.objects.create(member=member, topic=topic)
    Watch.objects.create(member=member, board=board)
    client = signed_in(member)
    url = settings_url(forum_index)

    page = parse(client.get(url))
    assert "Night shifts" in page.select_one("[data-watched-topics]").get_text()
    assert "Practice questions" in page.select_one("[data-watched-boards]").get_text()

    client.post(
        forum_index.url + forum_index.reverse_subpage("stop_watching", args=[topic_watch.pk])
    )

    assert list(Watch.objects.filter(member=member).values_list("board", flat=True)) == [board.pk]


def test_a_member_cannot_stop_someone_elses_watch_or_mute(
    signed_in, forum_index, member, other_member, topic
):
    theirs = Watch.objects.create(member=other_member, topic=topic)
    their_mute = Mute.objects.create(member=other_member, muted=member)
    client = signed_in(member)

    client.post(forum_index.url + forum_index.reverse_subpage("stop_watching", args=[theirs.pk]))
    client.post(forum_index.url + forum_index.reverse_subpage("unmute", args=[their_mute.pk]))

    assert Watch.objects.filter(pk=theirs.pk).exists()
    assert Mute.objects.filter(pk=their_mute.pk).exists()


def test_a_topic_no_longer_readable_is_listed_without_its_title(
    signed_in, forum_index, member, other_member
):
    closed = BoardFactory(parent=forum_index, title="Closed")
    topic = TopicFactory(board=closed, opening=other_member, title="Something personal")
    Watch.objects.create(member=member, topic=topic)
    make_private(closed)

    page = parse(signed_in(member).get(settings_url(forum_index)))

    listed = page.select_one("[data-watched-topics]").get_text()
    assert "Something personal" not in listed
    assert "A topic you can no longer open" in listed


def test_muted_writers_are_listed_by_the_name_they_were_muted_under(
    signed_in, forum_index, board, member, topic
):
    under_pseudonym = approved_member(user__first_name="Ann", user__last_name="Hidden")
    pseudonym(under_pseudonym, "Heron")
    by_name = approved_member(user__first_name="Bo", user__last_name="Named")
    Mute.objects.create(member=member, muted=under_pseudonym, as_pseudonym=True)
    Mute.objects.create(member=member, muted=by_name)

    page = parse(signed_in(member).get(settings_url(forum_index)))

    names = [tag.get_text() for tag in page.select("[data-muted-name]")]
    assert sorted(names) == ["Bo Named", "Heron"]
    text = page.get_text()
    for secret in ("Ann", "Hidden"):
        assert secret not in text


def test_muting_a_pseudonym_never_folds_the_same_writers_named_posts(
    signed_in, board, member, topic
):
    """Folding both would tell the member whose pseudonym it is."""
    writer = approved_member(user__first_name="Cy", user__last_name="Both")
    pseudonym(writer, "Wren")
    masked = PostFactory(topic=topic, author=writer, as_pseudonym=True)
    named = PostFactory(topic=topic, author=writer)
    client = signed_in(member)

    client.post(board.sub_url("mute", args=[masked.pk]), {"mute": "1"})

    page = parse(client.get(topic_url(board, topic)))
    assert page.select(f"[data-post='{masked.pk}'] details[data-muted]")
    assert not page.select(f"[data-post='{named.pk}'] details[data-muted]")
    listed = parse(client.get(settings_url(board.get_parent().specific)))
    assert [tag.get_text() for tag in listed.select("[data-muted-name]")] == ["Wren"]


def test_unmuting_from_the_settings_page(signed_in, forum_index, member, other_member):
    mute = Mute.objects.create(member=member, muted=other_member)

    signed_in(member).post(forum_index.url + forum_index.reverse_subpage("unmute", args=[mute.pk]))

    assert not Mute.objects.exists()


def test_the_forums_index_and_the_account_page_link_to_the_settings(
    signed_in, forum_index, member
):
    client = signed_in(member)

    index = parse(client.get(forum_index.url))
    account = parse(client.get("/members/account/"))

    assert index.select_one("[data-email-settings]")["href"] == settings_url(forum_index)
    assert account.select_one("[data-forum-emails]")["href"] == settings_url(forum_index)


# Personal data -----------------------------------------------------------------------------


def test_the_download_lists_whom_the_member_muted_by_the_name_they_see(
    member, other_member, topic
):
    pseudonym(other_member, "Heron")
    topic.posts.update(as_pseudonym=True)
    Mute.objects.create(member=member, muted=other_member, as_pseudonym=True)
    Watch.objects.create(member=member, topic=topic)

    mine = personal_data.export(member)
    theirs = personal_data.export(other_member)

    assert [row["writer"] for row in mine["forum_muted_writers"]] == ["Heron"]
    assert [row["topic"] for row in mine["forum_watching"]] == ["Night shifts"]
    assert theirs.get("forum_muted_writers", []) == []
    assert "Jo" not in str(theirs.get("forum_muted_writers"))


def test_erasing_an_account_removes_its_watches_mutes_and_the_mutes_of_it(
    member, other_member, topic
):
    NotificationPreference.objects.create(member=member)
    Watch.objects.create(member=member, topic=topic)
    Mute.objects.create(member=member, muted=other_member)
    Mute.objects.create(member=other_member, muted=member)

    personal_data.erase_account(member)

    assert not NotificationPreference.objects.filter(member=member).exists()
    assert not Watch.objects.filter(member=member).exists()
    assert not Mute.objects.exists()
