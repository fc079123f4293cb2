"""A retracted story is kept out of sight for 90 days (the editors' records of what was
published), then deleted in every language, with its saved versions, its consent questions
and the discussion about it; the admin's history keeps no title."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Locale, PageLogEntry, Revision

import pytest

from forums import discussions
from forums.models import ForumSettings, Post, Topic
from stories import retention, telling
from stories.models import StoryConsentReview, StoryKind, StoryPage

from ..forums.factories import BoardFactory, ForumIndexFactory
from .factories import StoryFactory

TITLE = "The winter I stopped answering the door"


@pytest.fixture(autouse=True)
def forum_settings(monkeypatch):
    settings = ForumSettings(posts_needing_approval=0)
    monkeypatch.setattr(ForumSettings, "current", classmethod(lambda cls, request=None: settings))
    return settings


@pytest.fixture
def retracted(listing, teller, member, home_page):
    story = StoryFactory(
        title=TITLE, kind=StoryKind.NARRATIVE, teller=teller, comments_allowed=True
    )
    story.save_revision(user=teller).publish()
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    copy = story.copy_for_translation(welsh, copy_parents=True)
    copy.save_revision().publish()
    board = BoardFactory(parent=ForumIndexFactory(parent=home_page), title="Stories", slug="talk")
    discussions.start(board, member, story, title=story.title, body=f"About {TITLE}.")
    StoryConsentReview.objects.create(story=story, member=teller, asked_at=timezone.now())
    telling.retract(StoryPage.objects.get(pk=story.pk), teller)
    return StoryPage.objects.get(pk=story.pk)


def test_it_is_kept_for_90_days(retracted):
    day_89 = retracted.retracted_at + timedelta(days=89)
    assert retention.delete_expired(day_89) == 0
    assert StoryPage.objects.filter(pk=retracted.pk).exists()
    assert Revision.page_revisions.filter(object_id=str(retracted.pk)).exists()


def test_after_90_days_it_goes_everywhere_with_its_discussion(retracted):
    keys = retracted.translation_key
    pk = retracted.pk
    assert PageLogEntry.objects.filter(page_id=pk, label__contains=TITLE).exists()

    deleted = retention.delete_expired(retracted.retracted_at + timedelta(days=90))

    assert deleted == 2  # the English story and its Welsh copy
    assert not StoryPage.objects.filter(translation_key=keys).exists()
    assert not Revision.page_revisions.filter(object_id=str(pk)).exists()
    assert not Topic.objects.filter(title=TITLE).exists()
    assert not Post.objects.filter(body__contains=TITLE).exists()
    assert not StoryConsentReview.objects.exists()
    assert not PageLogEntry.objects.filter(label__contains=TITLE).exists()
    assert PageLogEntry.objects.filter(page_id=pk).exists()  # that something was there


def test_the_daily_command_deletes_them_and_says_how_many(retracted, capsys, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: retracted.retracted_at + timedelta(days=91))
    call_command("review_story_consent")
    assert "retracted stories deleted: 2" in capsys.readouterr().out
    call_command("review_story_consent")
    assert "retracted stories deleted: 0" in capsys.readouterr().out


def test_stories_not_retracted_are_never_deleted(listing, teller):
    story = StoryFactory(title="Still here", teller=teller)
    assert retention.delete_expired(timezone.now() + timedelta(days=3650)) == 0
    assert StoryPage.objects.filter(pk=story.pk).exists()


def test_the_teller_is_told_how_long_it_is_kept(signed_in, teller, listing):
    story = StoryFactory(title="Mine", teller=teller)
    page = signed_in(teller).get(f"/my-stories/{story.pk}/retract/").content.decode()
    assert "for 90 days" in page
    assert "deleted, with the discussion" in page
