"""The site's search page: a webinar is found by a speaker's name only while the speaker
agrees to their name being shown, and the name never appears in a result."""

import pytest

from webinars.consent import Use
from webinars.models import record_consent

from ..home.markup import parse
from .factories import SpeakerFactory, WebinarFactory

pytestmark = pytest.mark.django_db


def results(client, query):
    soup = parse(client.get("/search/", {"q": query}))
    return " ".join(soup.select_one("main").get_text(" ").split())


def test_a_withdrawn_name_finds_nothing_and_is_shown_nowhere(
    client, listing, django_capture_on_commit_callbacks
):
    speaker = SpeakerFactory(name="Zenobia Achterberg")
    WebinarFactory(parent=listing, title="Safety in groups", speakers=[speaker])

    assert "Safety in groups" in results(client, "Achterberg")

    with django_capture_on_commit_callbacks(execute=True):
        record_consent(speaker, [Use.NAME], given=False)

    text = results(client, "Achterberg")
    assert "Safety in groups" not in text
    assert "Zenobia" not in text.replace("“Achterberg”", "")
