"""The daily forum digest: one email a day to each member who chose it, listing what is new
for them, checked again as it is sent (a post hidden, a board closed or a writer muted
since is left out), and never sent twice in a day however often the timer runs."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from forums import tasks
from forums.models import DigestSent, Mute, Notification, NotificationPreference, Post

from .factories import TopicFactory
from .following_helpers import (  # noqa: F401 - fixtures
    emails_to,
    html_of,
    make_private,
    prefer,
    pseudonym,
    publishing,
)

pytestmark = pytest.mark.django_db

DAILY = NotificationPreference.Frequency.DAILY


@pytest.fixture
def digest_reader(member):
    """Jo Bloggs, who chose a daily digest."""
    prefer(member, frequency=DAILY)
    return member


@pytest.fixture
def topic(board, digest_reader):
    topic = TopicFactory(board=board, opening=digest_reader, title="Handovers after a hard shift")
    digest_reader.forum_watches.create(topic=topic)
    return topic


def test_a_digest_reader_gets_no_email_at_once_and_then_one_digest_of_everything(
    publish, digest_reader, topic, other_member
):
    publish.reply(topic, other_member, body="I write three things down.")
    publish.reply(topic, other_member, body="And I breathe out slowly.")
    assert mail.outbox == []

    assert tasks.send_daily_digests() == 1

    [email] = emails_to(digest_reader)
    assert email.subject == "[Community of Action] Your forums digest: 2 new posts"
    assert "I write three things down." in email.body
    assert "And I breathe out slowly." in email.body
    assert email.body.count("Sam Rivers replied in “Handovers after a hard shift”") == 2
    assert not Notification.objects.filter(member=digest_reader, emailed_at__isnull=True)


def test_the_digest_is_sent_once_a_day_even_when_the_timer_runs_twice(
    publish, digest_reader, topic, other_member
):
    now = timezone.now()
    publish.reply(topic, other_member)
    assert tasks.send_daily_digests(now=now) == 1
    publish.reply(topic, other_member, body="Later the same day.")

    assert tasks.send_daily_digests(now=now + timedelta(minutes=5)) == 0

    assert len(emails_to(digest_reader)) == 1
    assert DigestSent.objects.filter(member=digest_reader).count() == 1
    assert tasks.send_daily_digests(now=now + timedelta(days=1)) == 1
    assert "Later the same day." in emails_to(digest_reader)[-1].body


def test_a_post_hidden_before_the_digest_is_left_out(publish, digest_reader, topic, other_member):
    publish.reply(topic, other_member, body="Still here.")
    hidden = publish.reply(topic, other_member, body="Taken down by a moderator.")
    Post.objects.filter(pk=hidden.pk).update(status=Post.Status.HIDDEN)

    tasks.send_daily_digests()

    [email] = emails_to(digest_reader)
    assert "1 new post" in email.subject
    assert "Still here." in email.body
    assert "Taken down" not in email.body
    assert not Notification.objects.filter(post=hidden).exists()


def test_nothing_left_to_tell_sends_no_digest_and_keeps_the_day_open(
    publish, digest_reader, topic, other_member
):
    hidden = publish.reply(topic, other_member)
    Post.objects.filter(pk=hidden.pk).update(status=Post.Status.HIDDEN)

    assert tasks.send_daily_digests() == 0

    assert mail.outbox == []
    assert not DigestSent.objects.exists()


def test_a_writer_muted_since_is_left_out(publish, digest_reader, topic, other_member):
    publish.reply(topic, other_member)
    Mute.objects.create(member=digest_reader, muted=other_member)

    assert tasks.send_daily_digests() == 0

    assert mail.outbox == []


def test_a_board_closed_to_the_reader_since_is_left_out(
    publish, board, digest_reader, topic, other_member
):
    publish.reply(topic, other_member)
    make_private(board)

    assert tasks.send_daily_digests() == 0

    assert mail.outbox == []


def test_a_member_suspended_since_gets_no_digest(publish, digest_reader, topic, other_member):
    publish.reply(topic, other_member)
    profile = digest_reader.member_profile
    profile.status = profile.Status.SUSPENDED
    profile.save()

    assert tasks.send_daily_digests() == 0


def test_a_private_digest_has_only_a_count_and_a_link(publish, digest_reader, topic, other_member):
    prefer(digest_reader, frequency=DAILY, private_email=True)
    publish.reply(topic, other_member, body="I write three things down.")
    publish.reply(topic, other_member, body="And breathe.")

    tasks.send_daily_digests()

    [email] = emails_to(digest_reader)
    assert "Something new for you in the Community of Action forums" in email.subject
    everything = email.subject + email.body + html_of(email)
    for secret in ("Handovers", "Sam", "Rivers", "three things", "breathe", "Practice"):
        assert secret not in everything
    assert "There are 2 new posts for you in the forums." in email.body


def test_a_digest_shows_content_notes_instead_of_text_and_pseudonyms_as_they_are(
    publish, digest_reader, topic, other_member
):
    pseudonym(other_member, "Heron")
    publish.reply(
        topic, other_member, body="What happened.", content_note="a death", as_pseudonym=True
    )

    tasks.send_daily_digests()

    [email] = emails_to(digest_reader)
    assert "Heron replied in" in email.body
    assert "Content note: a death" in email.body
    assert "What happened." not in email.body + html_of(email)
    assert "Sam" not in email.body + html_of(email)


def test_the_digest_has_the_one_click_unsubscribe_headers(
    publish, digest_reader, topic, other_member
):
    publish.reply(topic, other_member)

    tasks.send_daily_digests()

    [email] = emails_to(digest_reader)
    token = NotificationPreference.objects.get(member=digest_reader).unsubscribe_token
    assert email.extra_headers["List-Unsubscribe"].endswith(f"/unsubscribe/{token}/>")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_members_who_want_email_at_once_or_never_get_no_digest(
    publish, board, member, other_member
):
    topic = TopicFactory(board=board, opening=other_member)
    member.forum_watches.create(topic=topic)
    prefer(member, frequency=NotificationPreference.Frequency.NEVER)
    publish.reply(topic, other_member)

    assert tasks.send_daily_digests() == 0


def test_the_timer_command_sends_the_digests(publish, digest_reader, topic, other_member):
    publish.reply(topic, other_member)

    call_command("send_forum_digests")
    call_command("send_forum_digests")

    assert len(emails_to(digest_reader)) == 1
