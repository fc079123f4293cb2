"""What the webinar listing, a webinar's page and the home page cost in queries, for a visitor
and for a member, asserted exactly, with 2 and with 8 webinars (or speakers): the same.

A change that adds a query to these pages changes a number here, on purpose. Signed-in
requests also load the session, the user and their membership.
"""

from datetime import time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from webinars.models import AgendaItem, WebinarDocument, WebinarPage, WebinarQuote

from ..resources.factories import ResourceDocumentFactory
from .factories import SpeakerFactory, WebinarFactory, register

pytestmark = pytest.mark.django_db

#: (page, person) -> queries, whatever the number of webinars or speakers.
EXPECTED = {
    # Listing: routing and the site's shell (as every page), the closed areas, Wagtail
    # privacy for `.public()`, theme and year options; the upcoming webinars (places taken
    # counted in the same query) with speakers and themes; the past page's count, rows,
    # speakers, themes and agenda (for recording consent). A member: their registrations.
    ("listing", "visitor"): 24,
    ("listing", "member"): 29,
    # A webinar's page: chair, speakers and their photos' renditions, agenda, quotes,
    # documents, themes, places taken and waiting (one query), the forum settings with their
    # discussion board ("Discuss this"), credits with their people. A member: their
    # registration.
    ("webinar", "visitor"): 27,
    ("webinar", "member"): 33,
    # Home page: its own 10 (tests/home), then the listing, the next webinars, their
    # speakers and their themes; and one looking for a stories listing (there is none here).
    ("home", "visitor"): 15,
    ("home", "member"): 19,
}
SIZES = (2, 8)


def photo(n):
    return get_image_model().objects.create(title=f"Portrait {n}", file=get_test_image_file())


def speaker(n):
    person = SpeakerFactory(name=f"Speaker {n}")
    person.photo = photo(n)
    person.save()
    return person


def with_theme(webinar, name):
    webinar.themes.add(name)
    webinar.save_revision().publish()
    return webinar


@pytest.fixture
def build(listing, member):
    """build(n) -> (listing URL, a webinar's URL, home URL) with n of everything."""

    def make(n):
        chair = speaker(0)
        for i in range(n):
            with_theme(
                WebinarFactory(
                    parent=listing,
                    starts_in=timedelta(days=i + 1),
                    speakers=[speaker(i + 1)],
                    chair=chair,
                ),
                f"Theme {i}",
            )
            with_theme(
                WebinarFactory(
                    parent=listing,
                    starts_in=-timedelta(days=i + 1),
                    speakers=[speaker(100 + i)],
                    recording_url="https://youtu.be/abcdefghijk",
                ),
                f"Theme {i}",
            )
        people = [speaker(200 + i) for i in range(n)]
        webinar = WebinarFactory(
            parent=listing, title="Big one", speakers=people, chair=chair, capacity=100
        )
        for i, person in enumerate(people):
            AgendaItem.objects.create(
                page=webinar, time=time(13, i), title=f"Item {i}", speaker=person
            )
            WebinarQuote.objects.create(page=webinar, speaker=person, text=f"Quote {i}")
            WebinarDocument.objects.create(
                page=webinar, title=f"Slides {i}", document=ResourceDocumentFactory()
            )
        register(WebinarPage.objects.filter(title="Big one").get(), member)
        return {"listing": listing.url, "webinar": webinar.url, "home": "/"}

    return make


def measure(client, url):
    client.get(url)  # warm Wagtail's site root paths and make the photos' renditions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("size", SIZES)
def test_each_page_costs_a_fixed_number_of_queries(build, signed_in, member, size):
    """Built once for each size; every page measured for a visitor and for a member."""
    urls = build(size)
    measured = {}
    for page, person in EXPECTED:
        client = signed_in(member if person == "member" else None)
        measured[page, person] = measure(client, urls[page])

    assert measured == EXPECTED
