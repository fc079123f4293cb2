"""The stories listing and a story's page: the tree, filters, pagination, who may open what,
retracted stories, attribution, the content note and "Discuss this"."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from home.models import HomePage
from stories.models import Attribution, StoryIndexPage, StoryKind, StoryPage
from stories.models.pages import STORIES_PER_PAGE

from .factories import StoryFactory, StoryThemeFactory

pytestmark = pytest.mark.django_db


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


# The tree ------------------------------------------------------------------------------


def test_the_listing_goes_under_the_home_page_once_and_holds_only_stories(listing):
    assert StoryIndexPage.parent_page_types == ["home.HomePage"]
    assert StoryIndexPage.allowed_subpage_models() == [StoryPage]
    assert StoryPage.allowed_parent_page_models() == [StoryIndexPage]
    assert not StoryPage.allowed_subpage_models()
    assert not StoryIndexPage.can_create_at(HomePage.objects.get(pk=listing.get_parent().pk))


def test_the_default_themes_are_there():
    from stories.models import DEFAULT_THEMES, StoryTheme

    assert {slug for _name, slug in DEFAULT_THEMES} <= set(
        StoryTheme.objects.values_list("slug", flat=True)
    )


# Listing -------------------------------------------------------------------------------


def test_listing_shows_live_stories_newest_first(listing, signed_in):
    older = StoryFactory(parent=listing, title="An older story")
    newer = StoryFactory(parent=listing, title="A newer story")
    StoryPage.objects.filter(pk=older.pk).update(first_published_at=timezone.now().replace(2024))
    StoryFactory(parent=listing, title="A draft story", publish=False)

    html = html_of(signed_in(None), listing.url)

    assert html.index(newer.title) < html.index(older.title)
    assert "A draft story" not in html


def test_listing_filters_by_kind_theme_and_sector(listing, signed_in):
    safety = StoryThemeFactory(name="Safety", slug="safety")
    StoryFactory(parent=listing, title="Blog on safety", kind=StoryKind.BLOG, themes=[safety])
    StoryFactory(parent=listing, title="Housing case", kind=StoryKind.CASE_STUDY, sector="housing")
    client = signed_in(None)

    by_kind = html_of(client, listing.url, kind="case_study")
    by_theme = html_of(client, listing.url, theme="safety")
    by_sector = html_of(client, listing.url, sector="housing")

    assert "Housing case" in by_kind and "Blog on safety" not in by_kind
    assert "Blog on safety" in by_theme and "Housing case" not in by_theme
    assert "Housing case" in by_sector and "Blog on safety" not in by_sector


@pytest.mark.parametrize(
    "params", [{"kind": "poem"}, {"theme": "nope"}, {"sector": "space"}, {"page": "abc"}]
)
def test_unknown_filter_values_and_pages_are_ignored(listing, signed_in, params):
    StoryFactory(parent=listing, title="Blog on safety")

    assert "Blog on safety" in html_of(signed_in(None), listing.url, **params)


def test_listing_is_paginated_and_keeps_the_filter(listing, signed_in):
    for number in range(STORIES_PER_PAGE + 2):
        StoryFactory(parent=listing, title=f"Case {number}", kind=StoryKind.CASE_STUDY)

    first = html_of(signed_in(None), listing.url, kind="case_study")
    second = html_of(signed_in(None), listing.url, kind="case_study", page=2)

    assert "kind=case_study&amp;page=2" in first
    assert second.count("data-story=") == 2


def test_a_noted_storys_card_shows_the_note_not_the_summary(listing, signed_in):
    StoryFactory(
        parent=listing,
        title="Hard reading",
        summary="A summary that gives away too much.",
        content_note="suicide",
    )

    html = html_of(signed_in(None), listing.url)

    assert "suicide" in html
    assert "A summary that gives away too much." not in html


@pytest.mark.parametrize("person", ["visitor", "member"])
def test_listing_queries_do_not_grow_with_the_number_of_stories(
    listing, signed_in, people, person
):
    theme = StoryThemeFactory(name="Trust", slug="trust")
    client = signed_in(people[person])

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            html_of(client, listing.url)
        return len(queries)

    StoryFactory(parent=listing, themes=[theme], members_only=True)
    StoryFactory(parent=listing, themes=[theme])
    count_queries()  # the site's caches (settings, menus) fill on the first request
    few = count_queries()
    for number in range(6):
        StoryFactory(parent=listing, themes=[theme], members_only=number % 2 == 0)
    many = count_queries()

    assert few == many


# Members only --------------------------------------------------------------------------


@pytest.fixture
def members_story(listing):
    return StoryFactory(
        parent=listing,
        title="Inside the circle",
        summary="A summary for members.",
        body=[("paragraph", "<p>What only members read.</p>")],
        members_only=True,
    )


@pytest.mark.parametrize("person", ["visitor", "pending", "declined", "suspended"])
def test_a_members_only_story_is_refused_without_its_body(
    members_story, signed_in, people, person
):
    html = html_of(signed_in(people[person]), members_story.url)

    assert "Inside the circle" in html
    assert "What only members read." not in html
    assert "A summary for members." not in html


@pytest.mark.parametrize("person", ["member", "editor"])
def test_members_and_editors_read_a_members_only_story(members_story, signed_in, people, person):
    assert "What only members read." in html_of(signed_in(people[person]), members_story.url)


def test_the_listing_shows_a_members_only_story_to_visitors_by_title_alone(
    members_story, listing, signed_in
):
    html = html_of(signed_in(None), listing.url)

    assert "Inside the circle" in html
    assert "data-members-only" in html
    assert "A summary for members." not in html
    assert members_story.url not in html.replace(f"next={members_story.url}", "")


def test_members_see_the_members_only_tag_and_the_link(members_story, listing, signed_in, member):
    html = html_of(signed_in(member), listing.url)

    assert f'href="{members_story.url}"' in html
    assert "data-members-only" in html


# Retracted -----------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["visitor", "member", "editor"])
def test_a_retracted_story_is_not_found_by_anyone_nor_listed(listing, signed_in, people, person):
    story = StoryFactory(parent=listing, title="Taken back")
    StoryPage.objects.filter(pk=story.pk).update(retracted_at=timezone.now())
    client = signed_in(people[person])

    assert client.get(story.url).status_code == 404
    assert "Taken back" not in html_of(client, listing.url)


def test_an_editor_can_still_preview_a_retracted_story(listing, signed_in, editor):
    story = StoryFactory(parent=listing, title="Taken back")
    StoryPage.objects.filter(pk=story.pk).update(retracted_at=timezone.now())

    response = signed_in(editor).get(f"/admin/pages/{story.pk}/view_draft/")

    assert response.status_code == 200


# Attribution ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attribution", "pseudonym", "shown"),
    [(Attribution.PSEUDONYM, "Skylark", "Skylark"), (Attribution.ANONYMOUS, "", "Anonymous")],
)
def test_a_tellers_real_name_never_appears_unless_they_chose_it(
    listing, signed_in, member, teller, attribution, pseudonym, shown
):
    story = StoryFactory(
        parent=listing,
        kind=StoryKind.NARRATIVE,
        teller=teller,
        attribution=attribution,
        pseudonym=pseudonym,
    )

    for html in (html_of(signed_in(member), story.url), html_of(signed_in(member), listing.url)):
        assert shown in html
        assert "Robin" not in html
        assert "Fairweather" not in html


def test_a_teller_who_chose_their_name_is_named(listing, signed_in, member, teller):
    story = StoryFactory(parent=listing, teller=teller, attribution=Attribution.NAME)

    assert "Robin Fairweather" in html_of(signed_in(member), story.url)


def test_shown_attribution_for_an_editors_post_is_its_author(listing):
    story = StoryFactory(parent=listing, author_name="The editors")

    assert story.shown_attribution() == "The editors"


def test_a_tellers_name_is_never_indexed(teller, listing):
    names = {getattr(field, "field_name", "") for field in StoryPage.get_search_fields()}

    assert not names & {"teller", "pseudonym", "author_name"}
    assert {"title", "summary", "body", "kind", "themes"} <= names


# Content note --------------------------------------------------------------------------


def test_a_noted_story_waits_behind_the_choice(listing, signed_in):
    story = StoryFactory(
        parent=listing,
        content_note="childhood abuse",
        body=[("paragraph", "<p>The hardest part.</p>")],
    )
    client = signed_in(None)

    first = html_of(client, story.url)
    chosen = html_of(client, story.url, shown="1")

    assert "childhood abuse" in first and "?shown=1" in first
    assert "The hardest part." not in first
    assert "The hardest part." in chosen


# Related pages -------------------------------------------------------------------------


def test_related_resources_shown_only_when_the_person_may_open_them(listing, signed_in, member):
    from stories.models import StoryRelatedPage

    from ..resources.factories import FolderFactory, ResourcePageFactory

    public = ResourcePageFactory(title="Grounding guide")
    closed = ResourcePageFactory(
        parent=FolderFactory(title="Circle", members_only=True), title="Circle notes"
    )
    story = StoryFactory(parent=listing, title="With links")
    for target in (public, closed):
        StoryRelatedPage.objects.create(story=story, target=target)
    story.save_revision().publish()

    visitor_html = html_of(signed_in(None), story.url)
    member_html = html_of(signed_in(member), story.url)

    assert "Grounding guide" in visitor_html and "Circle notes" not in visitor_html
    assert "Grounding guide" in member_html and "Circle notes" in member_html


# Discuss this --------------------------------------------------------------------------


@pytest.fixture
def discussion_board(home_page, monkeypatch):
    from forums.models import ForumSettings

    from ..forums.factories import BoardFactory, ForumIndexFactory

    board = BoardFactory(parent=ForumIndexFactory(parent=home_page), title="Discussions")
    settings = ForumSettings(posts_needing_approval=0)
    settings.discussion_board = board
    settings.discussion_board_id = board.pk
    monkeypatch.setattr(ForumSettings, "current", classmethod(lambda cls, request=None: settings))
    return board


@pytest.mark.parametrize("allowed", [True, False])
def test_discuss_this_only_when_comments_are_allowed(
    listing, discussion_board, signed_in, member, allowed
):
    story = StoryFactory(parent=listing, comments_allowed=allowed)
    client = signed_in(member)

    html = html_of(client, story.url)
    start = client.get(discussion_board.sub_url("discuss", args=[story.pk]))

    assert ("data-discuss-this" in html) is allowed
    assert (start.status_code == 200) is allowed
    if not allowed:
        assert start.status_code == 404


@pytest.mark.parametrize("person", ["visitor", "member"])
def test_a_storys_queries_do_not_grow_with_its_themes_and_related_pages(
    listing, signed_in, people, person
):
    from stories.models import StoryRelatedPage

    from ..resources.factories import ResourcePageFactory

    themes = [StoryThemeFactory(name=f"Theme {n}", slug=f"theme-{n}") for n in range(5)]
    few = StoryFactory(parent=listing, themes=themes[:1])
    many = StoryFactory(parent=listing, themes=themes)
    StoryRelatedPage.objects.create(story=few, target=ResourcePageFactory())
    for _number in range(4):
        StoryRelatedPage.objects.create(story=many, target=ResourcePageFactory())
    client = signed_in(people[person])

    def count_queries(story):
        with CaptureQueriesContext(connection) as queries:
            html_of(client, story.url)
        return len(queries)

    count_queries(few)  # the site's caches fill on the first request

    assert count_queries(few) == count_queries(many)
