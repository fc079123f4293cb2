"""The demo's credits: a resource, a webinar and a story credit people as each chose."""

from wagtail.models import Locale

import pytest

from resources.models import ResourcePage
from stories.models import StoryPage
from webinars.models import Credit, Speaker, WebinarPage

from ..webinars.test_credits import ANONYMOUS_CONTRIBUTOR, LABEL, credits_section, entries

pytestmark = pytest.mark.django_db


def demo_page(model, slug):
    return model.objects.live().get(slug=slug, locale=Locale.get_default())


def test_the_demo_resource_credits_one_of_each_kind(demo, client):
    page = demo_page(ResourcePage, "walking-the-service")

    section, html = credits_section(client, page)

    assert entries(section, "[data-co-authors]") == [
        f"Ruth Adeyemi , Peer trainer, Lived experience advisory panel {LABEL}",
        "Willow",
    ]
    assert entries(section, "[data-contributors]") == [
        "Hannah Cole , Peer researcher, University of Northfield",
        ANONYMOUS_CONTRIBUTOR,
    ]
    for withheld in ("Daniel Price", "Chris Doyle"):
        assert withheld not in html


def test_the_demo_webinar_and_story_have_credits(demo, client):
    webinar = demo_page(WebinarPage, "lived-experience-leadership")
    story = demo_page(StoryPage, "what-co-production-means-to-us")

    webinar_section, _html = credits_section(client, webinar)
    story_section, story_html = credits_section(client, story)

    contributors = entries(webinar_section, "[data-contributors]")
    assert [entry.split(" , ")[0] for entry in contributors] == ["Bernadette Quinn", "Jordan Reid"]
    assert LABEL in contributors[0]
    assert entries(story_section, "[data-co-authors]") == ["Willow"]
    assert "Daniel Price" not in story_html


def test_a_second_demo_run_adds_no_credits_or_people(demo):
    from io import StringIO

    from resources import demo as resources_demo
    from stories import demo as stories_demo

    before = (Credit.objects.count(), Speaker.objects.count())

    resources_demo.build(StringIO())
    stories_demo.build(StringIO())

    assert (Credit.objects.count(), Speaker.objects.count()) == before
