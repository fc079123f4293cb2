"""Retracting a story with one action (after an "are you sure" page): it leaves the page,
the listing, the sitemap, search and its "Discuss this" topic on the next request; any
review stops; and only the teller may do it."""

from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from forums import discussions
from forums.models import ForumSettings
from stories import telling, workflow
from stories.models import StoryDraft, StoryKind, StoryPage

from ..forums.factories import BoardFactory, ForumIndexFactory
from .factories import StoryFactory

TITLE = "What the quiet room meant to me"


@pytest.fixture(autouse=True)
def forum_settings(monkeypatch):
    settings = ForumSettings(posts_needing_approval=0)
    monkeypatch.setattr(ForumSettings, "current", classmethod(lambda cls, request=None: settings))
    return settings


@pytest.fixture
def story(listing, teller):
    return StoryFactory(
        title=TITLE,
        kind=StoryKind.NARRATIVE,
        teller=teller,
        comments_allowed=True,
        body=[("paragraph", "<p>The quiet room was where I felt safe.</p>")],
    )


def retract_url(story):
    return reverse("stories:retract", args=[story.pk])


def test_the_teller_is_asked_first_and_told_what_is_kept(signed_in, teller, story):
    response = signed_in(teller).get(retract_url(story))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Are you sure" in page
    assert str(telling.RETRACTION_KEEPS).replace("'", "&#x27;") in page
    story.refresh_from_db()
    assert story.live and not story.is_retracted


@pytest.mark.parametrize("who", ["visitor", "pending", "declined", "suspended", "member"])
def test_no_one_else_may_retract_it(signed_in, people, story, who):
    response = signed_in(people[who]).post(retract_url(story))
    assert response.status_code in (302, 403, 404)
    if who == "member":
        assert response.status_code == 404
    story.refresh_from_db()
    assert story.live and not story.is_retracted


def test_retracting_needs_the_csrf_token(teller, story):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teller)
    assert client.post(retract_url(story)).status_code == 403
    story.refresh_from_db()
    assert story.live


def test_retraction_takes_it_off_every_surface_on_the_next_request(
    signed_in, teller, member, story, listing, home_page
):
    board = BoardFactory(parent=ForumIndexFactory(parent=home_page), title="Stories", slug="talk")
    topic, _post = discussions.start(board, member, story, title=story.title, body="Thank you.")
    topic_url = board.topic_url(topic)
    reader = signed_in(member)
    assert reader.get(story.url).status_code == 200
    assert TITLE in reader.get(listing.url).content.decode()
    assert reader.get(topic_url).status_code == 200
    assert list(StoryPage.objects.search("quiet room")) == [story]

    client = signed_in(teller)
    response = client.post(retract_url(story))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_retracted
    assert not story.live
    assert 'data-status="retracted"' in client.get("/my-stories/").content.decode()

    reader = signed_in(member)
    assert reader.get(story.url).status_code == 404
    assert TITLE not in reader.get(listing.url).content.decode()
    assert reader.get(topic_url).status_code == 404
    assert TITLE not in reader.get("/sitemap.xml").content.decode()
    assert story.slug not in reader.get("/sitemap.xml").content.decode()
    assert list(StoryPage.objects.search("quiet room")) == []
    # A later save (an editor in the admin) does not put it back in the index.
    StoryPage.objects.get(pk=story.pk).save()
    assert list(StoryPage.objects.search("quiet room")) == []
    # Publishing an old revision cannot bring it back.
    assert all(r.content["retracted_at"] for r in story.revisions.all())
    # And it cannot be changed or retracted again.
    assert client.get(reverse("stories:change", args=[story.pk, "story"])).status_code == 404


def test_retraction_cancels_a_review_in_progress_and_drops_drafts(signed_in, teller, story):
    story.save_revision(user=teller)
    workflow.send_for_review(story, teller)
    StoryDraft.objects.create(member=teller, story=story, data={"title": "x"})
    signed_in(teller).post(retract_url(story))
    assert StoryPage.objects.get(pk=story.pk).current_workflow_state is None
    assert story.workflow_states.filter(status=WorkflowState.STATUS_CANCELLED).exists()
    assert StoryDraft.objects.count() == 0
