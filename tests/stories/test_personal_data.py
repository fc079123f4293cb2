"""A teller's stories in their data download, and the choice they make on erasure: keep
the stories anonymously, or retract them."""

import pytest

from core.personal_data import erasure_choices
from members import personal_data
from stories.models import Attribution, StoryKind, StoryPage

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(listing, teller):
    return StoryFactory(
        parent=listing,
        title="Being heard",
        kind=StoryKind.NARRATIVE,
        teller=teller,
        attribution=Attribution.PSEUDONYM,
        pseudonym="Skylark",
    )


def test_the_download_lists_the_tellers_stories(told, teller, listing):
    StoryFactory(parent=listing, title="Someone else's")

    stories = personal_data.export(teller)["stories"]

    assert [(row["title"], row["kind"], row["status"], row["attribution"]) for row in stories] == [
        ("Being heard", "narrative", "live", "pseudonym")
    ]


def test_the_choice_is_offered_only_to_tellers(told, teller, member):
    assert "stories" in {choice.name for choice in erasure_choices(teller)}
    assert "stories" not in {choice.name for choice in erasure_choices(member)}


def test_keeping_them_leaves_them_live_and_anonymous(told, teller, signed_in, member):
    personal_data.erase_account(teller, choices={"stories": "keep"})

    story = StoryPage.objects.get(pk=told.pk)
    assert story.live and story.retracted_at is None
    assert (story.teller_id, story.attribution, story.pseudonym) == (None, "anonymous", "")
    latest = story.get_latest_revision().content
    assert (latest["teller"], latest["pseudonym"]) == (None, "")
    html = signed_in(member).get(story.url).content.decode()
    assert "Anonymous" in html and "Skylark" not in html


def test_retracting_them_takes_them_off_the_site(told, teller, signed_in, member, listing):
    personal_data.erase_account(teller, choices={"stories": "retract"})

    story = StoryPage.objects.get(pk=told.pk)
    assert not story.live
    assert story.retracted_at is not None
    assert story.teller_id is None
    client = signed_in(member)
    assert client.get(told.url).status_code == 404
    assert "Being heard" not in client.get(listing.url).content.decode()


def test_an_administrators_erasure_keeps_them_anonymously_by_default(told, teller):
    personal_data.erase_account(teller)

    story = StoryPage.objects.get(pk=told.pk)
    assert story.live and story.teller_id is None and story.attribution == "anonymous"
