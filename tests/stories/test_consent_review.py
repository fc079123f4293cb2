"""The yearly consent review: who is asked and when, what the email says, flagging the
unanswered for the editors (the story stays published), the teller's three answers, who
may open the question, the editors' listing, and the member's personal data."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

import pytest

from forums.models.following import NotificationPreference
from members import personal_data
from stories import consent_review, telling
from stories.models import StoryConsentReview, StoryKind, StoryPage

from ..members.factories import approved_member
from .factories import StoryFactory

pytestmark = pytest.mark.django_db

TITLE = "What the quiet room meant to me"
BODY = "The quiet room was where I felt safe."
NOW = timezone.now().replace(microsecond=0)
YEAR = timedelta(days=365)
Answer = StoryConsentReview.Answer


@pytest.fixture
def story(listing, teller):
    return StoryFactory(
        title=TITLE,
        kind=StoryKind.NARRATIVE,
        teller=teller,
        body=[("paragraph", f"<p>{BODY}</p>")],
        consent_version="2025-01",
        consent_given_at=NOW - YEAR - timedelta(days=1),
    )


@pytest.fixture
def asked(story):
    """The question sent a year after consent, and its email taken out of the outbox."""
    review = consent_review.ask(story, NOW)
    mail.outbox.clear()
    return review


def consent_url(story):
    return reverse("stories:consent", args=[story.pk])


def story_emails(teller):
    return [message for message in mail.outbox if message.to == [teller.email]]


def fresh(story):
    return StoryPage.objects.get(pk=story.pk)


# Who is due ------------------------------------------------------------------------------


@pytest.mark.parametrize(("months", "due"), [(11, False), (12, True), (30, True)])
def test_a_story_is_due_twelve_months_after_consent(story, months, due):
    StoryPage.objects.filter(pk=story.pk).update(
        consent_given_at=NOW - timedelta(days=round(months * 30.5))
    )

    assert (story in consent_review.due_stories(NOW)) is due


def test_retracted_stories_are_not_due(story, teller):
    telling.retract(story, teller)

    assert not consent_review.due_stories(NOW).exists()


def test_stories_with_no_teller_are_not_due(listing):
    StoryFactory(parent=listing, consent_given_at=NOW - 2 * YEAR)

    assert not consent_review.due_stories(NOW).exists()


def test_unpublished_stories_are_not_due(listing, teller):
    StoryFactory(parent=listing, teller=teller, publish=False, consent_given_at=NOW - 2 * YEAR)

    assert not consent_review.due_stories(NOW).exists()


def test_a_story_with_no_consent_recorded_counts_from_its_first_publication(listing, teller):
    story = StoryFactory(parent=listing, teller=teller)
    assert not consent_review.due_stories(NOW).exists()

    assert story in consent_review.due_stories(NOW + YEAR + timedelta(days=1))


def test_a_question_waiting_or_asked_this_year_is_not_asked_again(story, asked):
    assert not consent_review.due_stories(NOW + timedelta(days=100)).exists()
    consent_review.change(story, story.teller, NOW + timedelta(days=3))

    assert not consent_review.due_stories(NOW + timedelta(days=300)).exists()
    assert story in consent_review.due_stories(NOW + YEAR + timedelta(days=1))


# Asking, and what the email says ---------------------------------------------------------


def test_the_teller_is_asked_kindly_without_the_storys_title_or_text(story, teller):
    outcome = consent_review.review_consent(NOW)

    assert outcome.asked == 1
    (message,) = story_emails(teller)
    assert message.subject.endswith("A question about your story from Community of Action")
    html = message.alternatives[0][0]
    for text in (message.subject, message.body, html):
        assert TITLE not in text and BODY not in text
    assert consent_url(story) in message.body and consent_url(story) in html
    assert "whatever you choose is fine" in message.body
    assert "stays on the site" in message.body
    review = StoryConsentReview.objects.get()
    assert (review.story, review.member, review.asked_at) == (story, teller, NOW)
    assert review.consent_version == "2025-01"


def test_private_email_does_not_even_say_when_it_was_published(story, teller):
    NotificationPreference.objects.create(member=teller, private_email=True)
    published = story.first_published_at.strftime("%Y")

    consent_review.review_consent(NOW)

    (message,) = story_emails(teller)
    html = message.alternatives[0][0]
    assert "one of your stories" in message.body
    for text in (message.subject, message.body, html):
        assert TITLE not in text and BODY not in text and published not in text
    assert consent_url(story) in message.body


def test_running_twice_the_same_day_asks_once(story, teller):
    out = StringIO()
    call_command("review_story_consent", stdout=out)
    call_command("review_story_consent", stdout=out)
    consent_review.review_consent(timezone.now() + timedelta(hours=6))

    assert StoryConsentReview.objects.count() == 1
    assert len(story_emails(teller)) == 1
    assert out.getvalue().splitlines() == [
        "Consent questions sent: 1; flagged for the editors: 0; retracted stories deleted: 0",
        "Consent questions sent: 0; flagged for the editors: 0; retracted stories deleted: 0",
    ]


def test_a_second_question_for_the_same_story_cannot_be_made(story, asked):
    assert consent_review.ask(story, NOW + timedelta(minutes=1)) is None
    assert StoryConsentReview.objects.count() == 1
    assert mail.outbox == []


# No answer: flagged for the editors, and still published --------------------------------


def test_no_answer_after_29_days_is_not_flagged(asked):
    assert consent_review.flag_unanswered(NOW + timedelta(days=29)) == 0
    asked.refresh_from_db()
    assert asked.flagged_at is None


def test_no_answer_after_30_days_is_flagged_and_the_story_stays_live(
    story, asked, editor, member, signed_in
):
    later = NOW + timedelta(days=30)

    outcome = consent_review.review_consent(later)

    assert outcome.flagged == 1
    asked.refresh_from_db()
    assert asked.flagged_at == later
    story = fresh(story)
    assert story.live and not story.is_retracted
    assert signed_in(member).get(story.url).status_code == 200


def test_changes_sent_since_we_asked_answer_the_question(story, asked):
    # The teller changed their story (and consented again) without answering the email.
    StoryPage.objects.filter(pk=story.pk).update(consent_given_at=NOW + timedelta(days=3))

    assert consent_review.flag_unanswered(NOW + timedelta(days=30)) == 0

    asked.refresh_from_db()
    assert asked.flagged_at is None
    assert asked.answer == StoryConsentReview.Answer.CHANGED


def test_the_editors_are_told_once_with_a_count_and_no_story(story, asked, editor, member):
    consent_review.review_consent(NOW + timedelta(days=30))
    consent_review.review_consent(NOW + timedelta(days=30, hours=2))
    consent_review.review_consent(NOW + timedelta(days=31))

    (message,) = [m for m in mail.outbox if m.to == [editor.email]]
    assert "1 teller has not answered" in message.body
    assert reverse("story_consent_reviews:index") + "?state=flagged" in message.body
    assert TITLE not in message.body and BODY not in message.body
    assert TITLE not in message.alternatives[0][0]
    assert not [m for m in mail.outbox if m.to == [member.email]]
    assert not story_emails(story.teller)


# Answering -------------------------------------------------------------------------------


def welsh_copy(story):
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    copy = story.copy_for_translation(welsh, copy_parents=True)
    copy.save_revision().publish()
    return StoryPage.objects.get(pk=copy.pk)


def test_keeping_it_renews_consent_everywhere_without_a_new_revision(
    signed_in, teller, story, asked
):
    copy = welsh_copy(story)
    old_revision = story.revisions.order_by("pk").first()
    revisions = story.revisions.count()
    consent_review.flag_unanswered(NOW + timedelta(days=31))

    response = signed_in(teller).post(consent_url(story), {"answer": "consent"})

    assert response.status_code == 302 and response["Location"] == reverse("stories:mine")
    for page in (fresh(story), fresh(copy)):
        assert page.consent_version == telling.CONSENT_VERSION
        assert page.consent_given_at > NOW
        assert page.live
    assert story.revisions.count() == revisions
    asked.refresh_from_db()
    assert (asked.answer, asked.flagged_at) == (Answer.STILL_CONSENT, None)
    assert asked.answered_at is not None
    assert not StoryConsentReview.objects.flagged().exists()
    assert story.current_workflow_state is None

    # An editor publishing the oldest saved revision cannot bring the old consent back.
    old_revision.refresh_from_db()
    old_revision.publish()
    story = fresh(story)
    assert story.consent_version == telling.CONSENT_VERSION
    assert story.consent_given_at > NOW


def test_keeping_it_means_no_question_for_another_year(signed_in, teller, story, asked):
    signed_in(teller).post(consent_url(story), {"answer": "consent"})
    renewed = fresh(story).consent_given_at

    assert not consent_review.due_stories(renewed + YEAR - timedelta(days=1)).exists()
    assert story in consent_review.due_stories(renewed + YEAR + timedelta(days=1))


def test_retracting_it_takes_it_off_the_site(signed_in, teller, member, story, asked):
    url = story.url

    response = signed_in(teller).post(consent_url(story), {"answer": "retracted"})

    assert response.status_code == 302
    story = fresh(story)
    assert story.is_retracted and not story.live
    asked.refresh_from_db()
    assert asked.answer == Answer.RETRACTED
    assert signed_in(member).get(url).status_code == 404


def test_changing_it_goes_to_the_change_flow_and_keeps_it_live(signed_in, teller, story, asked):
    response = signed_in(teller).post(consent_url(story), {"answer": "changed"})

    assert response["Location"] == reverse("stories:change", args=[story.pk, "story"])
    asked.refresh_from_db()
    assert asked.answer == Answer.CHANGED
    assert fresh(story).live


def test_no_choice_asks_again(signed_in, teller, story, asked):
    response = signed_in(teller).post(consent_url(story), {})

    assert response.status_code == 400
    assert "Choose what you would like us to do" in response.content.decode()
    asked.refresh_from_db()
    assert asked.is_open


# The teller's page, and who may open it ---------------------------------------------------


def test_the_teller_sees_the_words_they_agreed_to_and_three_choices(signed_in, teller, story):
    response = signed_in(teller).get(consent_url(story))

    assert response.status_code == 200
    page = response.content.decode()
    assert str(telling.CONSENT_TEXT)[:60] in page
    for value in ("consent", "changed", "retracted"):
        assert f'value="{value}"' in page
    assert 'method="post"' in page


@pytest.mark.parametrize("who", ["visitor", "pending", "declined", "suspended", "member"])
def test_no_one_else_may_answer_for_the_teller(signed_in, people, story, asked, who):
    client = signed_in(people[who])

    response = client.get(consent_url(story))
    posted = client.post(consent_url(story), {"answer": "retracted"})

    expected = {"visitor": 302, "member": 404}.get(who, 403)
    assert (response.status_code, posted.status_code) == (expected, expected)
    if who == "visitor":
        assert reverse("account_login") in response["Location"]
    story = fresh(story)
    assert story.live and not story.is_retracted
    asked.refresh_from_db()
    assert asked.is_open


def test_a_retracted_story_has_no_question_page(signed_in, teller, story):
    telling.retract(story, teller)

    assert signed_in(teller).get(consent_url(story)).status_code == 404


def test_your_stories_shows_the_question_only_while_it_waits(signed_in, teller, story):
    wording = "We would like to check you are still happy for this story to be on the site"
    client = signed_in(teller)
    assert wording not in client.get(reverse("stories:mine")).content.decode()

    consent_review.ask(story, NOW)
    page = client.get(reverse("stories:mine")).content.decode()
    assert wording in page and consent_url(story) in page

    client.post(consent_url(story), {"answer": "consent"})
    assert wording not in client.get(reverse("stories:mine")).content.decode()


def test_another_members_question_is_not_shown_to_them(signed_in, member, story, asked):
    page = signed_in(member).get(reverse("stories:mine")).content.decode()

    assert consent_url(story) not in page


# The editors find the flagged stories in the admin ---------------------------------------


@pytest.fixture
def flagged(asked):
    consent_review.flag_unanswered(NOW + timedelta(days=30))
    asked.refresh_from_db()
    return asked


def test_editors_find_flagged_stories_in_the_admin(signed_in, editor, listing, flagged):
    other = StoryFactory(parent=listing, title="Answered already", teller=approved_member())
    StoryConsentReview.objects.create(
        story=other,
        member=other.teller,
        asked_at=NOW,
        answer=Answer.STILL_CONSENT,
        answered_at=NOW,
    )
    client = signed_in(editor)

    home = client.get(reverse("wagtailadmin_home")).content.decode()
    listing_page = client.get(reverse("story_consent_reviews:index"), {"state": "flagged"})

    assert 'data-consent-flagged="1"' in home
    assert reverse("story_consent_reviews:index") in home
    assert listing_page.status_code == 200
    content = listing_page.content.decode()
    assert TITLE in content and "Answered already" not in content


def test_an_editor_records_a_follow_up(signed_in, editor, flagged):
    url = reverse("story_consent_reviews:edit", args=[flagged.pk])
    client = signed_in(editor)
    assert client.get(url).status_code == 200

    response = client.post(url, {"followed_up": "on", "editors_note": "Phoned: happy to keep it."})

    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.resolved_by == editor and flagged.resolved_at is not None
    assert flagged.editors_note == "Phoned: happy to keep it."
    assert not StoryConsentReview.objects.flagged().exists()


@pytest.mark.parametrize("who", ["member", "teller"])
def test_members_cannot_open_the_admin_listing(signed_in, people, teller, flagged, who):
    user = teller if who == "teller" else people["member"]

    response = signed_in(user).get(reverse("story_consent_reviews:index"))

    assert response.status_code in (302, 403)


def test_moderators_do_not_see_the_listing(signed_in, flagged):
    from members import roles

    from ..members.factories import member_in

    client = signed_in(member_in(roles.MODERATORS))
    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("story_consent_reviews:index") not in home.content.decode()
    assert client.get(reverse("story_consent_reviews:index")).status_code in (302, 403)


# Personal data ------------------------------------------------------------------------------


def test_the_download_lists_the_questions_and_answers(teller, story, asked):
    consent_review.keep(story, teller, NOW + timedelta(days=2))

    rows = personal_data.export(teller)["story_consent_reviews"]

    assert rows == [
        {
            "story": TITLE,
            "asked": NOW.isoformat(),
            "answer": "consent",
            "answered": (NOW + timedelta(days=2)).isoformat(),
            "flagged_for_editors": None,
        }
    ]


def test_an_editors_download_has_their_follow_ups_without_the_story(signed_in, editor, flagged):
    signed_in(editor).post(
        reverse("story_consent_reviews:edit", args=[flagged.pk]), {"followed_up": "on"}
    )

    data = personal_data.export(editor)

    assert len(data["story_consent_follow_ups"]) == 1
    assert TITLE not in str(data["story_consent_follow_ups"])


@pytest.mark.parametrize("choice", ["keep", "retract"])
def test_erasure_deletes_the_questions(teller, story, asked, choice):
    personal_data.erase_account(teller, choices={"stories": choice})

    assert not StoryConsentReview.objects.exists()
