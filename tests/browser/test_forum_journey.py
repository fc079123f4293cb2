"""The forums in a real browser: a member starts a topic with a content note, another opens
it by choice, replies quoting it and reacts, then reports a reply; a moderator hides that
reply from the admin queue with a kind message, and readers see it gone. axe and the CSP
recorder watch the board and topic pages. Screenshots go to /tmp/forum-shots/.
"""

from pathlib import Path

from django.core import mail

from wagtail.models import Site

import pytest
from playwright.sync_api import expect

from forums.models import BoardPage, ForumIndexPage, ForumSettings, Post, Report
from home.models import HomePage
from members import roles

from ..members.factories import approved_member, member_in
from .admin import restore_editors_permissions, sign_in
from .conftest import serious_axe_violations
from .csp import RECORD_CSP_VIOLATIONS

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/forum-shots")


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def no_problems(page):
    assert serious_axe_violations(page) == [], page.url
    assert page.evaluate("window.__cspViolations || []") == [], page.url


@pytest.fixture
def board(demo_pages):
    restore_editors_permissions()
    home = HomePage.objects.get(locale__language_code="en-gb")
    index = home.add_child(instance=ForumIndexPage(title="Forums", slug="forums"))
    index.save_revision().publish()
    board = index.add_child(
        instance=BoardPage(
            title="Practice questions",
            slug="practice",
            guidelines="<p>Be kind. Do not name people you support.</p>",
        )
    )
    board.save_revision().publish()
    # These members are not new: their posts appear at once.
    settings = ForumSettings.for_site(Site.objects.get(is_default_site=True))
    settings.posts_needing_approval = 0
    settings.save()
    return board


def test_a_conversation_from_first_post_to_a_moderators_decision(page, live_server, board):
    writer = approved_member(user__first_name="Ade", user__last_name="Writer")
    reader = approved_member(user__first_name="Bea", user__last_name="Reader")
    moderator = member_in(roles.MODERATORS, user__first_name="Mo", user__last_name="Derator")
    page.add_init_script(RECORD_CSP_VIOLATIONS)

    # The writer starts a topic with a content note.
    sign_in(page, live_server, writer)
    page.goto(board.url)
    no_problems(page)
    page.get_by_role("link", name="Start a topic").click()
    page.get_by_label("Title").fill("Staying steady after a restraint")
    page.get_by_label("Your post").fill("How do you *recover* after a restraint on the ward?")
    page.get_by_label("Content note (optional)").fill("physical restraint")
    page.get_by_role("button", name="Post your topic").click()
    expect(page.get_by_text("Your topic is posted.")).to_be_visible()

    # The reader sees the note first, and chooses to open the topic.
    page.context.clear_cookies()
    sign_in(page, live_server, reader)
    page.goto(board.url)
    row = page.locator("[data-topic]", has_text="Staying steady after a restraint")
    expect(row.locator("[data-content-note]")).to_contain_text("physical restraint")
    expect(row).not_to_contain_text("recover")
    row.get_by_role("link", name="Staying steady after a restraint").click()
    expect(page.get_by_text("recover")).to_have_count(0)
    no_problems(page)
    page.get_by_role("link", name="Continue to the topic").click()
    expect(page.locator("[data-body]").first).to_contain_text("How do you recover")
    screenshot(page, "topic-opened.png")

    # ... replies quoting it, and reacts to the opening post.
    page.get_by_role("link", name="Quote Ade Writer’s post").click()
    body = page.get_by_label("Your post")
    expect(body).to_have_value("> How do you *recover* after a restraint on the ward?\n\n")
    body.press("Control+End")
    body.type("A debrief with someone I trust, the same day.")
    page.get_by_role("button", name="Post your reply").click()
    expect(page.get_by_text("Your reply is posted.")).to_be_visible()
    reply = Post.objects.get(author=reader)
    expect(page.locator(f"#post-{reply.pk} blockquote")).to_contain_text("How do you recover")
    opening = page.locator("[data-post]").first
    opening.get_by_role("button", name="Thank you 0").click()
    expect(
        page.locator("[data-post]").first.locator("[data-reaction=thank_you]")
    ).to_have_attribute("aria-pressed", "true")
    no_problems(page)
    screenshot(page, "topic-replied.png")

    # The writer reports the reply (say it names a colleague).
    page.context.clear_cookies()
    sign_in(page, live_server, writer)
    page.goto(board.sub_url("post", args=[reply.pk]))
    page.locator(f"#post-{reply.pk}").get_by_role(
        "link", name="Report the post by Bea Reader"
    ).click()
    page.get_by_label("It shares someone's personal details or story without consent").check()
    page.get_by_label("Anything else a moderator should know (optional)").fill(
        "It names someone on my team."
    )
    no_problems(page)
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("A moderator will look at it.")).to_be_visible()
    assert Report.objects.filter(post=reply, reporter=writer).exists()

    # A moderator hides the reply from the queue, with a kind message to its writer.
    page.context.clear_cookies()
    sign_in(page, live_server, moderator)
    page.goto("/admin/forum-moderation/")
    item = page.locator("[data-queue] > li", has_text="A debrief with someone I trust")
    expect(item).to_contain_text("personal details")
    item.get_by_role("link", name="Hide with a message").click()
    page.get_by_label("Message to the writer").fill(
        "Thank you for sharing. We hid your reply because it named a colleague."
    )
    screenshot(page, "moderator-hide.png")
    mail.outbox.clear()
    page.get_by_role("button", name="Hide the post and email the writer").click()
    reply.refresh_from_db()
    assert reply.status == Post.Status.HIDDEN

    # Readers see the reply's place, without its words; its writer sees why.
    page.context.clear_cookies()
    page.goto(board.url + f"{reply.topic_id}/?shown=1")
    expect(page.locator(f"#post-{reply.pk}")).to_contain_text("hidden by a moderator")
    expect(page.get_by_text("A debrief with someone I trust")).to_have_count(0)
    sign_in(page, live_server, reader)
    page.goto(board.url + f"{reply.topic_id}/?shown=1")
    expect(page.locator(f"#post-{reply.pk}")).to_contain_text("it named a colleague")
    no_problems(page)
    screenshot(page, "topic-after-moderation.png")
