"""The moderators' queue in the Wagtail admin: only for people who may moderate, what it
shows (pending and reported posts, the longest waiting first, reporters never named,
pseudonyms until a moderator asks, distressing posts folded away) and what each button
does, through the admin's own pages."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from forums import moderation, posting
from forums.models import ForumIdentity, ModerationMessage, Post, PostingPause, Report
from members import roles

from ..home.markup import parse
from ..members.factories import approved_member, member_in
from .factories import BoardFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db

QUEUE = "forums_moderation:queue"


@pytest.fixture
def moderator(db):
    return member_in(roles.MODERATORS, user__first_name="Mo", user__last_name="Derator")


@pytest.fixture
def topic(board, other_member):
    return TopicFactory(board=board, opening=other_member, opening__body="Opening words.")


def queue(client):
    return client.get(reverse(QUEUE))


def queued_ids(response):
    return [int(item["data-post"]) for item in parse(response).select("[data-queue] [data-post]")]


def url(name, *args):
    return reverse(f"forums_moderation:{name}", args=args)


# Who may use it -------------------------------------------------------------------------------


def test_a_moderator_sees_the_queue_and_its_menu_item(signed_in, moderator):
    client = signed_in(moderator)

    assert queue(client).status_code == 200
    assertContains(client.get(reverse("wagtailadmin_home")), reverse(QUEUE))


def test_an_editor_is_turned_away_and_has_no_menu_item(signed_in, editor, topic):
    PostFactory(topic=topic, status=Post.Status.PENDING, body="Waiting words.")
    client = signed_in(editor)

    response = queue(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert b"Waiting words." not in response.content
    assertNotContains(client.get(reverse("wagtailadmin_home")), reverse(QUEUE))


@pytest.mark.parametrize("person", ["member", "visitor"])
def test_members_and_visitors_cannot_open_the_queue(signed_in, people, person, topic):
    PostFactory(topic=topic, status=Post.Status.PENDING, body="Waiting words.")

    response = queue(signed_in(people[person]))

    assert response.status_code in (302, 403)
    assert b"Waiting words." not in response.content


def test_nobody_else_can_act_by_posting(signed_in, editor, topic):
    post = PostFactory(topic=topic, status=Post.Status.PENDING)
    client = signed_in(editor)

    client.post(url("approve", post.pk))
    client.post(url("hide", post.pk), {"message": "Gone."})
    client.post(url("topic", topic.pk), {"action": "lock"})

    post.refresh_from_db()
    topic.refresh_from_db()
    assert (post.status, topic.locked) == (Post.Status.PENDING, False)
    assert not ModelLogEntry.objects.filter(action__startswith="forums.").exists()


def test_actions_need_the_admins_csrf_token(moderator, topic):
    post = PostFactory(topic=topic, status=Post.Status.PENDING)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)

    response = client.post(url("approve", post.pk))

    assert response.status_code == 403
    post.refresh_from_db()
    assert post.status == Post.Status.PENDING


def test_an_action_is_a_post_not_a_link(signed_in, moderator, topic):
    post = PostFactory(topic=topic, status=Post.Status.PENDING)

    assert signed_in(moderator).get(url("approve", post.pk)).status_code == 405


# What it shows --------------------------------------------------------------------------------


def test_the_queue_lists_pending_and_reported_posts_the_longest_waiting_first(
    signed_in, moderator, topic
):
    now = timezone.now()
    fine = PostFactory(topic=topic)
    pending = PostFactory(topic=topic, status=Post.Status.PENDING, created_at=now)
    reported = PostFactory(topic=topic, created_at=now - timedelta(days=3))
    Report.objects.create(
        post=reported, reporter=approved_member(), reason="spam", created_at=now - timedelta(1)
    )
    closed = PostFactory(topic=topic)
    Report.objects.create(post=closed, reporter=approved_member(), reason="spam", resolved_at=now)

    ids = queued_ids(queue(signed_in(moderator)))

    assert ids == [reported.pk, pending.pk]
    assert fine.pk not in ids and closed.pk not in ids


def test_reports_show_reasons_counts_and_details_but_never_who_reported(
    signed_in, forum_settings, moderator, topic
):
    forum_settings.reports_to_hold = 5
    post = topic.opening_post()
    moderation.report(post, approved_member(user__first_name="Rhiannon"), reason="unkind")
    moderation.report(
        post, approved_member(user__first_name="Tegwen"), reason="unkind", detail="Mocks grief."
    )
    moderation.report(post, approved_member(user__first_name="Dafydd"), reason="risk")

    response = queue(signed_in(moderator))

    item = parse(response).select_one(f"[data-post='{post.pk}']")
    assert item.select_one("[data-reports]")["data-reports"] == "3"
    reasons = [li.get_text(" ", strip=True) for li in item.select("[data-reason]")]
    assert reasons == [
        "It is unkind, hostile or discriminatory (2)",
        "Someone may be at risk of harm (1)",
    ]
    assert [d.get_text() for d in item.select("[data-detail] q")] == ["Mocks grief."]
    for name in ("Rhiannon", "Tegwen", "Dafydd"):
        assertNotContains(response, name)


def test_the_queue_shows_the_board_the_topic_and_the_writers_name(
    signed_in, moderator, board, topic
):
    post = PostFactory(topic=topic, status=Post.Status.PENDING, body="Hello *all*.")

    item = parse(queue(signed_in(moderator))).select_one(f"[data-post='{post.pk}']")

    text = item.get_text(" ", strip=True)
    assert board.title in text and topic.title in text
    assert post.author.get_full_name() in item.select_one("[data-writer]").get_text()
    assert item.select_one("[data-body] em").get_text() == "all"


def test_a_pseudonym_is_shown_until_a_moderator_asks_and_asking_is_logged(
    signed_in, moderator, topic
):
    writer = approved_member(user__first_name="Private", user__last_name="Person")
    ForumIdentity.objects.create(member=writer, pseudonym="Quiet Heron")
    post = PostFactory(topic=topic, author=writer, as_pseudonym=True, status="pending")
    client = signed_in(moderator)

    before = queue(client)
    assertContains(before, "Quiet Heron")
    assertNotContains(before, "Private Person")
    reveal = parse(before).select_one(f"[data-post='{post.pk}'] form:has([data-reveal])")

    response = client.post(reveal["action"], {"next": reverse(QUEUE)})

    assert response.status_code == 302
    shown = parse(client.get(response["Location"])).select_one(f"[data-post='{post.pk}']")
    assert "Private Person" in shown.select_one("[data-real-name]").get_text()
    entry = ModelLogEntry.objects.get(action="forums.reveal_pseudonym")
    assert (entry.object_id, entry.user) == (str(post.pk), moderator)
    assert "Private Person" not in str(entry.data) + entry.label
    assertNotContains(queue(client), "Private Person")  # shown once, on the next page only


def test_distressing_posts_are_folded_away_in_the_queue(signed_in, moderator, board):
    noted_topic = TopicFactory(board=board, content_note="suicide")
    in_noted_topic = noted_topic.opening_post()
    Post.objects.filter(pk=in_noted_topic.pk).update(status=Post.Status.PENDING)
    noted_post = PostFactory(
        topic=TopicFactory(board=board, opening=False),
        content_note="self-harm",
        status=Post.Status.PENDING,
        body="Hard words.",
    )

    page = parse(queue(signed_in(moderator)))

    for post, note in ((in_noted_topic, "suicide"), (noted_post, "self-harm")):
        folded = page.select_one(f"[data-post='{post.pk}'] details[data-folded]")
        assert folded is not None and not folded.has_attr("open")
        assert note in folded.summary.get_text()
        assert folded.select_one("[data-body]") is not None


# What each button does ------------------------------------------------------------------------


def test_approving_publishes_the_post_and_leaves_the_queue(signed_in, moderator, board, topic):
    post = PostFactory(topic=topic, status=Post.Status.PENDING, body="My first post.")
    client = signed_in(moderator)

    response = client.post(url("approve", post.pk), {"next": reverse(QUEUE)})

    assert response["Location"] == reverse(QUEUE)
    post.refresh_from_db()
    assert (post.status, post.moderated_by) == (Post.Status.PUBLISHED, moderator)
    assert post.pk not in queued_ids(queue(client))
    reader = signed_in(approved_member())
    assertContains(reader.get(board.sub_url("topic", args=[topic.pk])), "My first post.")


def test_the_hide_page_starts_from_a_moderation_message(signed_in, moderator, topic):
    chosen = ModerationMessage.objects.create(title="Kindly", message="We hid it, kindly.")
    post = topic.opening_post()
    client = signed_in(moderator)

    page = parse(client.get(url("hide", post.pk)))
    started = parse(client.get(url("hide", post.pk) + f"?start={chosen.pk}"))

    assert any(link.get_text() == "Kindly" for link in page.select("[data-messages] a"))
    assert started.select_one("textarea[name=message]").get_text().strip() == "We hid it, kindly."


def test_hiding_with_a_chosen_message_stores_it_and_closes_the_reports(
    signed_in, moderator, topic, mailoutbox
):
    chosen = ModerationMessage.objects.create(title="Kindly", message="We hid it, kindly.")
    post = topic.opening_post()
    moderation.report(post, approved_member(), reason="unkind")
    client = signed_in(moderator)

    response = client.post(url("hide", post.pk), {"start_from": chosen.pk, "message": ""})

    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.status, post.moderation_message) == (Post.Status.HIDDEN, "We hid it, kindly.")
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    assert Report.objects.get().resolved_by == moderator


def test_hiding_needs_a_message(signed_in, moderator, topic):
    post = topic.opening_post()

    response = signed_in(moderator).post(url("hide", post.pk), {"message": " "})

    assertContains(response, "Write a message to the writer, or choose one to start from.")
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED


def test_restoring_and_closing_reports_from_the_queue(signed_in, forum_settings, moderator, topic):
    forum_settings.reports_to_hold = 1
    held = PostFactory(topic=topic)
    moderation.report(held, approved_member(), reason="spam")
    reported = PostFactory(topic=topic)
    Report.objects.create(post=reported, reporter=approved_member(), reason="other")
    client = signed_in(moderator)
    page = parse(queue(client))

    assert page.select_one(f"[data-post='{held.pk}'] [data-action=restore]") is not None
    assert page.select_one(f"[data-post='{reported.pk}'] [data-action=dismiss]") is not None
    client.post(url("restore", held.pk))
    client.post(url("dismiss", reported.pk))

    held.refresh_from_db()
    reported.refresh_from_db()
    assert held.status == reported.status == Post.Status.PUBLISHED
    assert queued_ids(queue(client)) == []
    assert ModelLogEntry.objects.filter(action="forums.dismiss_reports").count() == 1


def test_earlier_versions_are_shown_to_moderators(signed_in, moderator, member, board):
    topic = TopicFactory(board=board, opening=member, opening__body="First try.")
    post = topic.opening_post()
    posting.edit(post, body="Second try.", content_note="")

    response = signed_in(moderator).get(url("versions", post.pk))

    revisions = [r.get_text() for r in parse(response).select("[data-revision] pre")]
    assert revisions == ["First try."]
    assertContains(response, "Second try.")


def test_a_topic_is_locked_pinned_and_moved_from_its_admin_page(
    signed_in, moderator, forum_index, board, topic
):
    other_board = BoardFactory(parent=forum_index, title="Quiet corner")
    client = signed_in(moderator)

    client.post(url("topic", topic.pk), {"action": "lock"})
    client.post(url("topic", topic.pk), {"action": "pin"})
    moved = client.post(url("topic", topic.pk), {"action": "move", "board": other_board.pk})

    assert moved.status_code == 302
    topic.refresh_from_db()
    assert (topic.locked, topic.pinned, topic.board_id) == (True, True, other_board.pk)
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"forums.lock", "forums.pin", "forums.move_topic"} <= actions
    page = parse(client.get(url("topic", topic.pk)))
    assert page.select_one("[data-action=unlock]") and page.select_one("[data-action=unpin]")
    options = [o.get_text() for o in page.select("select[name=board] option")]
    assert "Quiet corner" not in options and board.title in options


def test_a_writers_posting_is_paused_and_lifted_from_the_admin(
    signed_in, moderator, other_member, topic, mailoutbox
):
    post = topic.opening_post()
    client = signed_in(moderator)

    response = client.post(url("pause", post.pk), {"length": "week", "reason": "Take a breath."})

    assert response.status_code == 302
    pause = PostingPause.objects.get()
    assert (pause.member, pause.paused_by, pause.reason) == (
        other_member,
        moderator,
        "Take a breath.",
    )
    assert timedelta(days=6, hours=23) < pause.ends_at - pause.starts_at <= timedelta(days=7)
    listed = parse(queue(client)).select_one(f"[data-pauses] [data-pause='{pause.pk}']")
    assert listed is not None
    client.post(url("lift", pause.pk))
    pause.refresh_from_db()
    assert pause.lifted_at is not None
    assert not PostingPause.objects.in_force().exists()


def test_a_pause_needs_a_reason(signed_in, moderator, topic):
    response = signed_in(moderator).post(
        url("pause", topic.opening_post().pk), {"length": "day", "reason": ""}
    )

    assertContains(response, "Say why, so the member understands.")
    assert not PostingPause.objects.exists()


# Moderation messages, a snippet moderators look after -----------------------------------------


def test_the_default_moderation_messages_are_there(db):
    assert ModerationMessage.objects.count() >= 3


def test_moderators_edit_the_moderation_messages(signed_in, moderator):
    client = signed_in(moderator)
    add = reverse("wagtailsnippets_forums_moderationmessage:add")

    assert client.get(reverse("wagtailsnippets_forums_moderationmessage:list")).status_code == 200
    response = client.post(add, {"title": "Spam", "message": "We hid your post: it was spam."})

    assert response.status_code == 302
    assert ModerationMessage.objects.filter(title="Spam").exists()


def test_members_cannot_edit_the_moderation_messages(signed_in, editor):
    listing = signed_in(editor).get(reverse("wagtailsnippets_forums_moderationmessage:list"))

    assert listing.status_code in (302, 403)


def test_pausing_a_pseudonymous_writer_does_not_name_them_in_the_list(signed_in, moderator, topic):
    writer = approved_member(user__first_name="Private", user__last_name="Person")
    ForumIdentity.objects.create(member=writer, pseudonym="Quiet Heron")
    post = PostFactory(topic=topic, author=writer, as_pseudonym=True)
    client = signed_in(moderator)

    client.post(url("pause", post.pk), {"length": "day", "reason": "Rest."})

    response = queue(client)
    assertNotContains(response, "Private Person")
    assertContains(response, "A member who posts under a pseudonym")
