"""What a speaker has not agreed to is nowhere on the webinar pages, the listing or the home
page; a withdrawal shows on the very next request."""

from datetime import time, timedelta

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from webinars.consent import Use
from webinars.models import AgendaItem, WebinarQuote, record_consent

from ..home.markup import parse
from .factories import SpeakerFactory, WebinarFactory

pytestmark = pytest.mark.django_db

NAME = "Morgan Hidden-Person"
ROLE = "Survivor advocate"
BIO = "Morgan spent years in care and now trains social workers."
QUOTE = "Nobody asked me what had happened."
UNNAMED = "A speaker who has asked not to be named"


def photo():
    return get_image_model().objects.create(title="Portrait", file=get_test_image_file())


def speaker_with(consent, *, expert=True):
    speaker = SpeakerFactory(
        name=NAME, role=ROLE, bio=BIO, expert_by_experience=expert, consent=consent
    )
    speaker.photo = photo()
    speaker.save()
    return speaker


def surfaces(client, listing, webinar):
    """The HTML of every place a webinar's speakers appear, by name."""
    return {
        "page": client.get(webinar.url).content.decode(),
        "listing": client.get(listing.url).content.decode(),
        "home page": client.get("/").content.decode(),
    }


def speaker_images(html):
    return parse_html(html).select("main .coa-speaker img")


def parse_html(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


@pytest.fixture
def hidden(listing):
    """A speaker who agreed to nothing, speaking, chairing, on the agenda and quoted."""
    speaker = speaker_with([])
    webinar = WebinarFactory(
        parent=listing, title="Leaving care", speakers=[speaker], chair=speaker
    )
    AgendaItem.objects.create(page=webinar, time=time(13), title="Opening talk", speaker=speaker)
    WebinarQuote.objects.create(page=webinar, speaker=speaker, text=QUOTE)
    return speaker, webinar


def test_a_speaker_who_agreed_to_nothing_appears_nowhere(client, listing, hidden):
    _speaker, webinar = hidden

    for where, html in surfaces(client, listing, webinar).items():
        assert webinar.title in html, where  # the webinar itself is listed everywhere
        for withheld in (NAME, ROLE, BIO, QUOTE, "Expert by experience", "expert by experience"):
            assert withheld not in html, (where, withheld)
        assert not parse_html(html).select("main img"), where


def test_an_unnamed_speaker_is_described_kindly_where_they_take_part(client, listing, hidden):
    _speaker, webinar = hidden

    soup = parse(client.get(webinar.url))

    assert [" ".join(h.get_text(" ").split()) for h in soup.select(".coa-speaker h3")] == [
        f"Chair: {UNNAMED}",
        UNNAMED,
    ]
    agenda = " ".join(soup.select_one(".coa-webinar-agenda").get_text(" ").split())
    assert f"Opening talk {UNNAMED}" in agenda
    assert soup.select_one(".coa-quote") is None
    assert UNNAMED in parse(client.get(listing.url)).select_one("[data-upcoming] li").get_text()


def test_name_without_photo_or_bio_consent_shows_the_name_only(client, listing):
    speaker = speaker_with([Use.NAME])
    webinar = WebinarFactory(parent=listing, speakers=[speaker])

    html = client.get(webinar.url).content.decode()

    assert NAME in html and ROLE in html
    assert BIO not in html
    assert not speaker_images(html)
    assert "Expert by experience" not in html


def test_photo_without_name_consent_has_empty_alt_text(client, listing):
    speaker = speaker_with([Use.PHOTO])
    webinar = WebinarFactory(parent=listing, speakers=[speaker])

    images = parse(client.get(webinar.url)).select(".coa-speaker img")

    assert len(images) == 1
    assert images[0]["alt"] == ""
    assert NAME not in client.get(webinar.url).content.decode()


@pytest.mark.parametrize(
    "expert, consent, labelled",
    [
        (True, [Use.NAME, Use.LABEL], True),
        (True, [Use.NAME], False),  # an expert by experience who has not agreed to the label
        (False, [Use.NAME, Use.LABEL], False),  # agreed, but the label is not theirs
    ],
)
def test_expert_by_experience_label_needs_both_the_fact_and_consent(
    client, listing, expert, consent, labelled
):
    speaker = speaker_with(consent, expert=expert)
    webinar = WebinarFactory(parent=listing, speakers=[speaker])

    page = client.get(webinar.url).content.decode()
    listed = client.get(listing.url).content.decode()

    assert ("Expert by experience" in page) == labelled
    assert ("expert by experience" in listed) == labelled


def test_quotes_need_quote_consent(client, listing):
    speaker = speaker_with([Use.NAME, Use.QUOTES])
    webinar = WebinarFactory(parent=listing, speakers=[speaker])
    WebinarQuote.objects.create(page=webinar, speaker=speaker, text=QUOTE)

    assert QUOTE in client.get(webinar.url).content.decode()
    record_consent(speaker, [Use.QUOTES], given=False)
    assert QUOTE not in client.get(webinar.url).content.decode()


def test_withdrawing_a_photo_takes_it_down_on_the_next_request(client, listing):
    speaker = speaker_with(list(Use))
    webinar = WebinarFactory(parent=listing, speakers=[speaker])
    assert len(speaker_images(client.get(webinar.url).content.decode())) == 1

    record_consent(speaker, [Use.PHOTO], given=False)

    html = client.get(webinar.url).content.decode()
    assert not speaker_images(html)
    assert NAME in html  # only the photo was withdrawn


def test_withdrawing_a_name_takes_it_off_every_page_on_the_next_request(client, listing):
    speaker = speaker_with(list(Use))
    webinar = WebinarFactory(parent=listing, speakers=[speaker])
    assert all(NAME in html for html in surfaces(client, listing, webinar).values())

    record_consent(speaker, [Use.NAME, Use.BIO], given=False)

    for where, html in surfaces(client, listing, webinar).items():
        assert NAME not in html, where
        assert BIO not in html, where


def test_withdrawing_recording_consent_takes_the_recording_down(client, listing):
    speaker = speaker_with(list(Use))
    webinar = WebinarFactory(
        parent=listing,
        speakers=[speaker],
        starts_in=-timedelta(days=3),
        recording_url="https://youtu.be/abcdefghijk",
    )
    assert parse(client.get(webinar.url)).select_one("iframe") is not None

    record_consent(speaker, [Use.RECORDING], given=False)

    assert parse(client.get(webinar.url)).select_one("iframe") is None
    assert "Recording available" not in client.get(listing.url).content.decode()
