"""The stories' demo content: the listing in the menu and in Welsh, at least 12 stories
across the three kinds, with content notes, a pseudonymous and an anonymous narrative, a
retracted story shown nowhere, comments on three and related pages; a second run adds
nothing.

The home, members, resources, webinars and stories demos are built once for the module,
inside a transaction rolled back at the end; each test runs in a savepoint inside it.
"""

from io import StringIO

from wagtail.models import Locale

import pytest

from stories import demo as stories_demo
from stories.models import Attribution, StoryIndexPage, StoryKind, StoryPage, StoryRelatedPage

pytestmark = pytest.mark.django_db


def english_listing():
    return StoryIndexPage.objects.get(locale=Locale.get_default())


def test_the_listing_is_public_in_the_menu_and_in_welsh(demo):
    listing = english_listing()

    assert listing.live and listing.show_in_menus
    assert listing.has_translation(Locale.objects.get(language_code="cy"))


def test_at_least_twelve_live_stories_across_the_three_kinds(demo):
    live = StoryPage.objects.live_stories()

    assert live.count() >= 12
    assert set(live.values_list("kind", flat=True)) == set(StoryKind.values)
    assert live.exclude(content_note="").count() >= 3
    assert live.filter(comments_allowed=True).count() == 3
    assert live.exclude(themes=None).count() == live.count()
    assert live.exclude(sector="").exists()
    assert StoryRelatedPage.objects.filter(story__in=live).count() >= 3


def test_one_pseudonymous_and_one_anonymous_narrative_told_by_members(demo):
    narratives = StoryPage.objects.live_stories().filter(
        kind=StoryKind.NARRATIVE, teller__isnull=False
    )

    assert narratives.filter(attribution=Attribution.PSEUDONYM).exclude(pseudonym="").exists()
    assert narratives.filter(attribution=Attribution.ANONYMOUS).exists()


def test_the_retracted_story_is_shown_nowhere(demo, client):
    retracted = StoryPage.objects.get(retracted_at__isnull=False)
    listing = english_listing()

    assert not retracted.live
    assert client.get(retracted.url or f"{listing.url}{retracted.slug}/").status_code == 404
    assert retracted.title not in client.get(listing.url).content.decode()


def test_the_listing_opens_for_a_visitor(demo, client):
    response = client.get(english_listing().url)

    assert response.status_code == 200
    assert "Members only" in response.content.decode()


def test_a_second_run_adds_nothing(demo):
    before = StoryPage.objects.count()
    output = StringIO()

    stories_demo.build(output)

    assert StoryPage.objects.count() == before
    assert "0 new" in output.getvalue()
