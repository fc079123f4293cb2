"""Stories published, by kind, in the Community impact report."""

from django.utils import timezone

import pytest

from core.reports import collect_figures
from stories.models import StoryKind, StoryPage

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_stories_published_are_counted_by_kind(listing):
    StoryFactory(parent=listing, kind=StoryKind.BLOG)
    StoryFactory(parent=listing, kind=StoryKind.NARRATIVE)
    StoryFactory(parent=listing, kind=StoryKind.NARRATIVE)
    StoryFactory(parent=listing, kind=StoryKind.NARRATIVE, publish=False)
    retracted = StoryFactory(parent=listing, kind=StoryKind.CASE_STUDY)
    StoryPage.objects.filter(pk=retracted.pk).update(retracted_at=timezone.now())

    figures = {figure.key: figure.value for figure in collect_figures()}

    assert figures["stories_blog"] == 1
    assert figures["stories_case_study"] == 0
    assert figures["stories_narrative"] == 2


def test_the_story_figures_come_in_their_place():
    keys = [figure.key for figure in collect_figures()]

    start = keys.index("stories_blog")
    assert keys[start - 1] == "members_who_posted"  # after the forums' figures
    assert keys[start : start + 3] == ["stories_blog", "stories_case_study", "stories_narrative"]
