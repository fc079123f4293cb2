"""Telling a story in the site: who may, the steps (nothing typed is lost), consent, the
editors' review through the "Story review" workflow, status on "Your stories" and emails."""

from django.core import mail
from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from stories import telling
from stories.models import StoryDraft, StoryKind, StoryPage

from .factories import StoryFactory

STORY = {
    "title": "The night shift that changed me",
    "summary": "What a kind nurse taught me.",
    "body": "First paragraph about a hard night.\n\nSecond paragraph, with <b>care</b>.",
}
READERS = {"audience": "members", "attribution": "pseudonym", "pseudonym": "Wren"}


def step_url(slug):
    return reverse("stories:tell", args=[slug])


def tell(client, story=STORY, topics=("self-harm",), note="a hospital stay", readers=READERS):
    client.post(step_url("story"), {**story, "action": "next"})
    client.post(step_url("content-note"), {"topics": list(topics), "note": note, "action": "next"})
    client.post(step_url("readers"), {**readers, "action": "next"})
    return client.post(step_url("consent"), {"consent": "on", "action": "next"})


@pytest.fixture
def as_teller(signed_in, teller, listing):
    return signed_in(teller)


@pytest.mark.parametrize("who", ["visitor", "pending", "declined", "suspended"])
@pytest.mark.parametrize(
    "url", ["/my-stories/", "/my-stories/tell/story/", "/my-stories/tell/consent/"]
)
def test_only_approved_members_may_tell_stories(signed_in, people, listing, who, url):
    response = signed_in(people[who]).get(url)
    if who == "visitor":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code == 403
    assert StoryDraft.objects.count() == 0


def test_an_approved_member_sees_their_stories_page(as_teller):
    response = as_teller.get("/my-stories/")
    assert response.status_code == 200
    assert "Your stories" in response.content.decode()


def test_someone_elses_story_is_not_found(signed_in, member, teller, listing):
    story = StoryFactory(teller=teller, kind=StoryKind.NARRATIVE)
    client = signed_in(member)
    for url in (
        reverse("stories:change", args=[story.pk, "story"]),
        reverse("stories:retract", args=[story.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "next"}).status_code == 404


def test_nothing_typed_is_lost_on_an_error_or_going_back(as_teller, teller):
    response = as_teller.post(
        step_url("story"), {"title": "", "body": "Kept words", "action": "next"}
    )
    assert response.status_code == 400
    assert "Kept words" in response.content.decode()
    response = as_teller.post(step_url("story"), {**STORY, "action": "next"})
    assert response.status_code == 302
    as_teller.post(step_url("content-note"), {"note": "grief", "action": "back"})
    page = as_teller.get(step_url("story")).content.decode()
    assert "Second paragraph" in page
    assert 'value="grief"' in as_teller.get(step_url("content-note")).content.decode()
    response = as_teller.post(
        step_url("readers"), {"audience": "members", "attribution": "pseudonym", "action": "next"}
    )
    assert response.status_code == 400
    assert "Give your pseudonym" in response.content.decode()


def test_consent_is_required_and_recorded_with_its_version(as_teller, teller):
    as_teller.post(step_url("story"), {**STORY, "action": "next"})
    as_teller.post(step_url("readers"), {**READERS, "action": "next"})
    response = as_teller.post(step_url("consent"), {"action": "next"})
    assert response.status_code == 400
    assert StoryPage.objects.filter(teller=teller).count() == 0
    page = response.content.decode()
    assert "version 2026-12" in page
    response = as_teller.post(step_url("consent"), {"consent": "on", "action": "next"})
    assert response.status_code == 302
    story = StoryPage.objects.get(teller=teller)
    assert story.consent_version == telling.CONSENT_VERSION == "2026-12"
    assert story.consent_given_at is not None


def test_sending_creates_an_unpublished_narrative_in_review(as_teller, teller, listing):
    mail.outbox.clear()
    tell(as_teller)
    story = StoryPage.objects.get(teller=teller)
    assert not story.live
    assert story.get_parent().pk == listing.pk
    assert story.kind == StoryKind.NARRATIVE
    assert story.members_only
    assert story.pseudonym == "Wren"
    assert story.content_note == "self-harm; a hospital stay"
    paragraphs = [block.value.source for block in story.body]
    assert paragraphs == [
        "<p>First paragraph about a hard night.</p>",
        "<p>Second paragraph, with &lt;b&gt;care&lt;/b&gt;.</p>",
    ]
    state = story.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Story review"
    assert StoryDraft.objects.count() == 0
    mine = as_teller.get("/my-stories/").content.decode()
    assert 'data-status="with_editors"' in mine
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [teller.email]
    assert "A message about your story" in message.subject
    for text in (STORY["title"], "hard night", "Wren"):
        assert text not in message.subject
        assert text not in message.body


def test_an_editors_approval_publishes_it_and_emails_the_link(as_teller, teller, editor):
    tell(as_teller)
    story = StoryPage.objects.get(teller=teller)
    mail.outbox.clear()
    story.current_workflow_state.current_task_state.specific.approve(user=editor)
    story.refresh_from_db()
    assert story.live
    assert story.current_workflow_state is None
    assert 'data-status="published"' in as_teller.get("/my-stories/").content.decode()
    assert len(mail.outbox) == 1
    assert story.url in mail.outbox[0].body
    assert STORY["title"] not in mail.outbox[0].subject + mail.outbox[0].body


def test_requested_changes_show_the_comment_and_the_teller_resubmits(as_teller, teller, editor):
    tell(as_teller)
    story = StoryPage.objects.get(teller=teller)
    mail.outbox.clear()
    task_state = story.current_workflow_state.current_task_state.specific
    task_state.reject(user=editor, comment="Thank you. Could you leave out the ward's name?")
    mine = as_teller.get("/my-stories/").content.decode()
    assert 'data-status="changes"' in mine
    assert "leave out the ward" in mine
    assert len(mail.outbox) == 1
    assert "leave out the ward" in mail.outbox[0].body
    assert "hard night" not in mail.outbox[0].body

    change = reverse("stories:change", args=[story.pk, "story"])
    form = as_teller.get(change).content.decode()
    assert "Second paragraph" in form
    assert (
        as_teller.post(change, {**STORY, "title": "A night shift", "action": "next"}).status_code
        == 302
    )
    for slug, data in (("content-note", {}), ("readers", READERS), ("consent", {"consent": "on"})):
        response = as_teller.post(
            reverse("stories:change", args=[story.pk, slug]), {**data, "action": "next"}
        )
        assert response.status_code == 302
    story.refresh_from_db()
    assert story.get_latest_revision_as_object().title == "A night shift"
    assert story.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert StoryPage.objects.filter(teller=teller).count() == 1


def test_private_email_leaves_out_the_editors_note(as_teller, teller, editor):
    from forums.models.following import NotificationPreference

    NotificationPreference.objects.update_or_create(
        member=teller, defaults={"private_email": True}
    )
    tell(as_teller)
    story = StoryPage.objects.get(teller=teller)
    mail.outbox.clear()
    story.current_workflow_state.current_task_state.specific.reject(
        user=editor, comment="Could you leave out the ward's name?"
    )
    assert "ward" not in mail.outbox[0].body


def test_posts_need_the_csrf_token(teller, listing):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teller)
    response = client.post(step_url("story"), {**STORY, "action": "next"})
    assert response.status_code == 403
    assert StoryDraft.objects.count() == 0
