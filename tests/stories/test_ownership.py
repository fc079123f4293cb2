"""A teller's ownership of their story after it is sent: changing it starts from the latest
version (what the editors have, with the content note's topics ticked again) and warns if
the editors changed it meanwhile; who may read it, how the teller is named and comments
change at once, on every surface, on the next request."""

from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from forums import discussions, tasks
from forums.models import ForumSettings, NotificationPreference, Topic
from stories import telling
from stories.models import Attribution, StoryDraft, StoryKind, StoryPage

from ..forums.factories import BoardFactory, ForumIndexFactory
from .factories import StoryFactory, StoryThemeFactory
from .test_telling import READERS, STORY, tell

TITLE = "Finding my voice at the tribunal"
READER_TEXT = "The clerk spoke to me kindly."


@pytest.fixture(autouse=True)
def forum_settings(monkeypatch):
    settings = ForumSettings(posts_needing_approval=0)
    monkeypatch.setattr(ForumSettings, "current", classmethod(lambda cls, request=None: settings))
    return settings


@pytest.fixture
def as_teller(signed_in, teller, listing):
    return signed_in(teller)


@pytest.fixture
def story(listing, teller):
    story = StoryFactory(
        title=TITLE,
        kind=StoryKind.NARRATIVE,
        teller=teller,
        attribution=Attribution.PSEUDONYM,
        pseudonym="Kestrel",
        comments_allowed=True,
        body=[("paragraph", f"<p>{READER_TEXT}</p>")],
    )
    story.save_revision(user=teller).publish()
    return StoryPage.objects.get(pk=story.pk)


def change_url(story, step):
    return reverse("stories:change", args=[story.pk, step])


def choices_url(story):
    return reverse("stories:choices", args=[story.pk])


# Changing a story ----------------------------------------------------------------------


def test_changing_again_starts_from_what_was_last_sent_with_the_topics_ticked(
    as_teller, teller, editor
):
    tell(as_teller, topics=("self-harm", "restraint"), note="a hospital stay")
    story = StoryPage.objects.get(teller=teller)
    story.current_workflow_state.current_task_state.specific.reject(user=editor, comment="")
    for slug, data in (
        ("story", {**STORY, "title": "The second telling"}),
        ("content-note", {"topics": ["self-harm", "restraint"], "note": "a hospital stay"}),
        ("readers", READERS),
        ("consent", {"consent": "on"}),
    ):
        as_teller.post(change_url(story, slug), {**data, "action": "next"})

    form = as_teller.get(change_url(story, "story")).content.decode()
    assert 'value="The second telling"' in form
    note = as_teller.get(change_url(story, "content-note")).content.decode()
    assert 'value="self-harm" checked' in note
    assert 'value="restraint" checked' in note
    assert 'value="abuse" checked' not in note
    assert 'value="a hospital stay"' in note


def test_a_note_of_the_tellers_own_words_is_not_taken_for_topics():
    assert telling.split_note("abuse, self-harm; mentions a ward") == (
        ["abuse", "self-harm"],
        "mentions a ward",
    )
    assert telling.split_note("Abuse of trust, and a ward") == ([], "Abuse of trust, and a ward")
    assert telling.split_note("") == ([], "")


def test_resending_keeps_what_the_editors_added_and_warns_when_they_changed_it(
    as_teller, teller, editor
):
    tell(as_teller)
    story = StoryPage.objects.get(teller=teller)
    as_teller.post(change_url(story, "story"), {**STORY, "action": "next"})
    # Meanwhile an editor tags it and tidies the title, saving a new version.
    theme = StoryThemeFactory(name="Trust")
    edited = story.get_latest_revision_as_object()
    edited.title = "The night shift (tidied by the editors)"
    edited.themes = [theme]
    edited.save_revision(user=editor)

    step = as_teller.get(change_url(story, "content-note")).content.decode()
    assert "data-editors-changed" in step
    assert "replace their changes" in step

    for slug, data in (("readers", READERS), ("consent", {"consent": "on"})):
        as_teller.post(change_url(story, slug), {**data, "action": "next"})
    latest = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert latest.title == STORY["title"]
    assert list(latest.themes.all()) == [theme]


def test_setting_changes_aside_starts_again_from_the_editors_version(as_teller, teller, editor):
    tell(as_teller)
    story = StoryPage.objects.get(teller=teller)
    as_teller.post(change_url(story, "story"), {**STORY, "title": "Mine", "action": "next"})
    edited = story.get_latest_revision_as_object()
    edited.title = "Theirs"
    edited.save_revision(user=editor)

    response = as_teller.post(change_url(story, "readers"), {"action": "start-again"})
    assert response.status_code == 302
    assert response["Location"] == change_url(story, "story")
    assert not StoryDraft.objects.filter(story=story).exists()
    form = as_teller.get(change_url(story, "story")).content.decode()
    assert 'value="Theirs"' in form
    assert "data-editors-changed" not in form


def test_no_warning_when_only_the_teller_changed_it(as_teller, teller):
    tell(as_teller)
    story = StoryPage.objects.get(teller=teller)
    as_teller.post(change_url(story, "story"), {**STORY, "action": "next"})
    assert (
        "data-editors-changed" not in as_teller.get(change_url(story, "readers")).content.decode()
    )


# Who may read it, how the teller is named, comments ---------------------------------------


@pytest.mark.parametrize("who", ["visitor", "pending", "declined", "suspended", "member"])
def test_only_the_teller_may_change_the_choices(signed_in, people, story, who):
    client = signed_in(people[who])
    for response in (
        client.get(choices_url(story)),
        client.post(choices_url(story), {"audience": "everyone", "attribution": "name"}),
    ):
        assert response.status_code in (302, 403, 404)
        if who == "member":
            assert response.status_code == 404
    assert StoryPage.objects.get(pk=story.pk).attribution == Attribution.PSEUDONYM


def test_the_choices_page_shows_the_current_choices(as_teller, story):
    page = as_teller.get(choices_url(story)).content.decode()
    assert 'value="pseudonym" checked' in page
    assert 'value="anonymous" checked' not in page
    assert 'value="Kestrel"' in page
    assert 'value="everyone" checked' in page


def test_a_mistake_is_shown_and_nothing_changes(as_teller, story):
    response = as_teller.post(
        choices_url(story), {"audience": "everyone", "attribution": "pseudonym", "pseudonym": " "}
    )
    assert response.status_code == 400
    assert "Give your pseudonym" in response.content.decode()
    assert StoryPage.objects.get(pk=story.pk).pseudonym == "Kestrel"


def test_the_choices_need_the_csrf_token(teller, story):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teller)
    assert client.post(choices_url(story), {"audience": "members"}).status_code == 403


def test_members_only_takes_it_off_every_public_surface_on_the_next_request(
    signed_in, as_teller, member, story, listing, home_page
):
    board = BoardFactory(parent=ForumIndexFactory(parent=home_page), title="Stories", slug="talk")
    topic, _post = discussions.start(board, member, story, title=story.title, body="Thank you.")
    visitor = Client()
    assert READER_TEXT in visitor.get(story.url + "?shown=1").content.decode()
    assert TITLE in visitor.get(listing.url + "feed/").content.decode()
    assert TITLE in visitor.get(home_page.url).content.decode()
    assert visitor.get(board.topic_url(topic)).status_code == 200

    response = as_teller.post(
        choices_url(story),
        {"audience": "members", "attribution": "pseudonym", "pseudonym": "Kestrel"},
    )
    assert response.status_code == 302

    visitor = Client()
    assert READER_TEXT not in visitor.get(story.url + "?shown=1").content.decode()
    listed = visitor.get(listing.url).content.decode()
    assert TITLE in listed and "data-members-only" in listed  # by title alone
    assert TITLE not in visitor.get(listing.url + "feed/").content.decode()
    assert TITLE not in visitor.get(listing.url + "feed/atom/").content.decode()
    assert TITLE not in visitor.get(home_page.url).content.decode()
    assert visitor.get(board.topic_url(topic)).status_code in (302, 403, 404)
    # Members still read it, and it is the same in every saved version.
    reader = signed_in(member)
    assert READER_TEXT in reader.get(story.url + "?shown=1").content.decode()
    assert TITLE in reader.get(home_page.url).content.decode()
    assert all(r.content["members_only"] for r in story.revisions.all())


def test_a_new_name_shows_everywhere_at_once_and_an_old_version_cannot_bring_it_back(
    as_teller, teller, story, listing, home_page
):
    as_teller.post(
        choices_url(story),
        {"audience": "everyone", "attribution": "pseudonym", "pseudonym": "Heron"},
    )
    visitor = Client()
    for url in (story.url, listing.url, listing.url + "feed/", home_page.url):
        html = visitor.get(url).content.decode()
        assert "Heron" in html, url
        assert "Kestrel" not in html, url
        assert "Fairweather" not in html, url

    as_teller.post(choices_url(story), {"audience": "everyone", "attribution": "anonymous"})
    # An editor publishing the story's first version keeps the teller's choice.
    story.revisions.order_by("pk").first().publish()
    published = StoryPage.objects.get(pk=story.pk)
    assert published.attribution == Attribution.ANONYMOUS
    assert published.pseudonym == ""
    for url in (story.url, listing.url, listing.url + "feed/atom/", home_page.url):
        html = Client().get(url).content.decode()
        assert "Heron" not in html and "Kestrel" not in html and "Fairweather" not in html, url


def test_a_change_in_progress_keeps_the_new_choices(as_teller, story):
    as_teller.post(change_url(story, "story"), {**STORY, "action": "next"})
    as_teller.post(choices_url(story), {"audience": "members", "attribution": "anonymous"})
    readers = as_teller.get(change_url(story, "readers")).content.decode()
    assert 'value="anonymous" checked' in readers
    assert 'value="members" checked' in readers


def test_choices_apply_to_every_language_copy(as_teller, story):
    from wagtail.models import Locale

    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    copy = story.copy_for_translation(welsh, copy_parents=True)
    copy.save_revision().publish()
    as_teller.post(choices_url(story), {"audience": "members", "attribution": "anonymous"})
    copy = StoryPage.objects.get(pk=copy.pk)
    assert copy.members_only and copy.attribution == Attribution.ANONYMOUS
    assert copy.pseudonym == ""


def test_stopping_comments_removes_discuss_this_and_closes_the_topic(
    signed_in, teller, member, story, home_page, forum_settings
):
    board = BoardFactory(parent=ForumIndexFactory(parent=home_page), title="Stories", slug="talk")
    forum_settings.discussion_board = board
    forum_settings.discussion_board_id = board.pk
    topic, _post = discussions.start(board, member, story, title=story.title, body="Thank you.")
    reader = signed_in(member)
    assert board.topic_url(topic) in reader.get(story.url + "?shown=1").content.decode()

    response = signed_in(teller).post(
        choices_url(story),
        {"audience": "everyone", "attribution": "pseudonym", "pseudonym": "Kestrel"},
    )  # comments_allowed left unticked
    assert response.status_code == 302
    reader = signed_in(member)
    assert board.topic_url(topic) not in reader.get(story.url + "?shown=1").content.decode()
    assert Topic.objects.get(pk=topic.pk).locked
    # What members wrote stays readable.
    assert reader.get(board.topic_url(topic)).status_code == 200


def test_choices_are_in_the_admin_history(as_teller, story):
    as_teller.post(choices_url(story), {"audience": "members", "attribution": "anonymous"})
    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.filter(page=story, action=telling.CHOICES_CHANGED).get()
    assert "changed who may read" in entry.message


# Retraction on the feed, the home page and the digest -------------------------------------


def test_retraction_leaves_the_feeds_the_home_page_and_tomorrows_digest(
    signed_in,
    teller,
    member,
    story,
    listing,
    home_page,
    django_capture_on_commit_callbacks,
):
    from forums import posting

    from ..members.factories import approved_member

    other_member = approved_member(user__first_name="Sam", user__last_name="Rivers")

    board = BoardFactory(parent=ForumIndexFactory(parent=home_page), title="Stories", slug="talk")
    topic, _post = discussions.start(board, member, story, title=story.title, body="Thank you.")
    NotificationPreference.objects.update_or_create(
        member=member, defaults={"frequency": NotificationPreference.Frequency.DAILY}
    )
    member.forum_watches.get_or_create(topic=topic)
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(topic, other_member, body="It moved me too.")
    assert TITLE in Client().get(listing.url + "feed/").content.decode()
    assert TITLE in Client().get(home_page.url).content.decode()

    assert signed_in(teller).post(reverse("stories:retract", args=[story.pk])).status_code == 302

    visitor, reader = Client(), signed_in(member)
    for client in (visitor, reader):
        assert TITLE not in client.get(listing.url + "feed/").content.decode()
        assert TITLE not in client.get(listing.url + "feed/atom/").content.decode()
        assert TITLE not in client.get(home_page.url).content.decode()
    mail.outbox.clear()
    tasks.send_daily_digests()
    assert not any(TITLE in email.body or "moved me" in email.body for email in mail.outbox)


def test_the_feed_names_the_teller_only_as_they_chose(story, listing):
    StoryFactory(title="An editors' post", author_name="The editors", kind=StoryKind.BLOG)
    rss = Client().get(listing.url + "feed/").content.decode()
    assert "Kestrel" in rss
    assert "Fairweather" not in rss and "Robin" not in rss
    assert "The editors" in rss
    assert READER_TEXT not in rss  # summaries only, never the story


def test_a_members_only_story_is_never_in_a_feed_even_for_a_member(signed_in, member, listing):
    StoryFactory(title="Only for members", members_only=True)
    assert "Only for members" not in signed_in(member).get(listing.url + "feed/").content.decode()


def test_the_home_page_shows_a_visitor_only_stories_they_may_read(signed_in, member, home_page):
    StoryFactory(title="For everyone")
    StoryFactory(title="Only for members", members_only=True)
    html = Client().get(home_page.url).content.decode()
    assert "For everyone" in html and "Only for members" not in html
    assert "Only for members" in signed_in(member).get(home_page.url).content.decode()


def test_the_home_pages_latest_stories_take_as_many_queries_however_many_there_are(
    home_page, listing, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import StoryFactory

    client = Client()
    StoryFactory(title="The first")
    client.get(home_page.url)
    with CaptureQueriesContext(connection) as one:
        client.get(home_page.url)
    baseline = len(one)  # read now: the next request empties Django's query log
    for n in range(6):
        StoryFactory(title=f"Another {n}", members_only=n % 2 == 0)
    client.get(home_page.url)
    with django_assert_num_queries(baseline):
        html = client.get(home_page.url).content.decode()
    assert html.count('data-story="') == 3


def test_editors_see_who_told_it_in_the_admin(signed_in, editor, story):
    html = signed_in(editor).get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "Fairweather" in html


def test_members_emailed_about_its_discussion_never_learn_who_told_it(
    signed_in, member, story, home_page, django_capture_on_commit_callbacks
):
    from forums import posting

    from ..members.factories import approved_member

    board = BoardFactory(parent=ForumIndexFactory(parent=home_page), title="Stories", slug="talk")
    topic, _post = discussions.start(board, member, story, title=story.title, body="Thank you.")
    member.forum_watches.get_or_create(topic=topic)
    other_member = approved_member(user__first_name="Sam", user__last_name="Rivers")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(topic, other_member, body="It moved me too.")
    emails = [email for email in mail.outbox if member.email in email.to]
    assert emails, "the watcher is emailed about the reply"
    for email in emails:
        html = "".join(str(body) for body, _type in getattr(email, "alternatives", []))
        for text in (email.subject, email.body, html):
            assert "Fairweather" not in text and "Robin" not in text


def test_a_missing_review_workflow_is_made_again_and_waits_for_the_editors(as_teller, teller):
    from wagtail.models import Task, Workflow

    from stories import workflow

    Workflow.objects.filter(name=workflow.WORKFLOW_NAME).delete()
    Task.objects.filter(name=workflow.TASK_NAME).delete()

    tell(as_teller)

    story = StoryPage.objects.get(teller=teller)
    assert not story.live
    assert story.current_workflow_state is not None
    assert [task.name for task in story.current_workflow_state.workflow.tasks] == [
        workflow.TASK_NAME
    ]


@pytest.mark.parametrize("action", ["retract", "choices"])
def test_the_front_end_cache_is_told_to_drop_the_story_its_listing_and_the_home_page(
    as_teller, story, listing, home_page, monkeypatch, django_capture_on_commit_callbacks, action
):
    purged = []
    monkeypatch.setattr(telling, "purge_pages_from_cache", lambda pages: purged.extend(pages))
    with django_capture_on_commit_callbacks(execute=True):
        if action == "retract":
            as_teller.post(reverse("stories:retract", args=[story.pk]))
        else:
            as_teller.post(choices_url(story), {"audience": "members", "attribution": "anonymous"})
    assert {page.pk for page in purged} >= {story.pk, listing.pk, home_page.pk}
