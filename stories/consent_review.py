"""The yearly consent review: once a year we ask each teller whether they are still happy for
their story to be on the site (issue 10), and act on their answer.

- Who is due: a published story, not retracted, told by a member, whose consent was given
  (or last confirmed) at least `REVIEW_AFTER` ago, who was not asked in that time and has
  no question waiting (`due_stories`).
- Asking: one `StoryConsentReview` and one email (`ask`); the teller answers on
  /my-stories/<pk>/consent/ (stories.views.consent).
- No answer within `ANSWER_WITHIN`: the review is flagged for the editors, who are told by
  one email with a count and find the stories in the admin ("Story consent reviews", and a
  panel on the dashboard: stories.admin_consent).
- Answering: keep it on the site (consent renewed on every language copy and in every saved
  revision, so publishing an old revision cannot bring the old date back), change it (the
  telling flow, where sending the changes records consent again), or retract it
  (telling.retract).

Why no answer keeps the story published: taking a story down because someone missed an
email would punish the people whose lives are busy or hard, and whose stories we most want
to hear; it would also surprise them. Their consent stands until they take it back, which
they can do at any time. So the story stays, and the editors follow up kindly, by another
route if they have one.

`manage.py review_story_consent` runs `review_consent` once a day from the timer (README);
running it again the same day asks no one twice (an open review blocks a new one, and the
database allows one open review per story) and flags nothing twice.
"""

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core.emails import absolute_url, send_templated_email
from core.reports import editors

from . import telling
from .emails import wants_private_email
from .models import StoryConsentReview, StoryPage

#: How long consent stands before we ask again.
REVIEW_AFTER = timedelta(days=365)
#: How long we wait for an answer before the editors are told.
ANSWER_WITHIN = timedelta(days=30)

Answer = StoryConsentReview.Answer

#: The admin listing of consent reviews, and its filter for the ones to follow up.
ADMIN_INDEX_URL_NAME = "story_consent_reviews:index"
FLAGGED_FILTER = "?state=flagged"


@dataclass(frozen=True)
class Outcome:
    asked: int
    flagged: int


# Who is due -----------------------------------------------------------------------------


def due_stories(now=None):
    """The stories (default language's copies) whose tellers we should ask today."""
    now = now or timezone.now()
    cutoff = now - REVIEW_AFTER
    reviews = StoryConsentReview.objects.filter(story=OuterRef("pk"))
    asked_lately = reviews.filter(asked_at__gt=cutoff)
    waiting = reviews.filter(answered_at__isnull=True, resolved_at__isnull=True)
    return (
        StoryPage.objects.live()
        .not_retracted()
        .filter(locale=Locale.get_default(), teller__isnull=False, teller__is_active=True)
        # A story with no consent recorded (made by the editors for a member) counts from
        # when it was first published.
        .annotate(confirmed_at=Coalesce("consent_given_at", "first_published_at"))
        .filter(confirmed_at__lte=cutoff)
        .exclude(Exists(asked_lately))
        .exclude(Exists(waiting))
        .select_related("teller", "locale")
        .order_by("pk")
    )


def default_copy(story):
    """The default language's copy of `story` (reviews are kept against it)."""
    return (
        StoryPage.objects.filter(
            translation_key=story.translation_key, locale=Locale.get_default()
        ).first()
        or story
    )


def open_review(story):
    return StoryConsentReview.objects.open().filter(story=default_copy(story)).first()


def stories_with_open_review(member):
    """Pks of the member's stories with a question waiting for them (for "Your stories")."""
    return set(
        StoryConsentReview.objects.open()
        .filter(member=member, story__teller=member)
        .values_list("story_id", flat=True)
    )


# Asking ---------------------------------------------------------------------------------


def ask(story, now=None):
    """Record that we asked about `story` and email its teller; the review, or None when a
    question is already waiting (another run got there first)."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            review = StoryConsentReview.objects.create(
                story=story,
                member=story.teller,
                asked_at=now,
                consent_version=story.consent_version,
            )
    except IntegrityError:
        return None
    send_question(review)
    return review


def send_question(review):
    """Email the teller our question: a neutral subject, never the story's title or text,
    and with private email not even when it was published. True if queued."""
    member = review.member
    if not member.email or not member.is_active:
        return False
    story = review.story
    private = wants_private_email(member)
    with translation.override(story.locale.language_code):
        context = {
            "first_name": member.first_name,
            "private": private,
            "published_on": None if private else story.first_published_at,
            "consent_url": absolute_url(reverse("stories:consent", args=[story.pk])),
            "my_stories_url": absolute_url(reverse("stories:mine")),
            "answer_within_days": ANSWER_WITHIN.days,
        }
        return send_templated_email("stories/emails/consent_review", member.email, context)


# Flagging -------------------------------------------------------------------------------


def flag_unanswered(now=None):
    """Flag every open review asked `ANSWER_WITHIN` ago or more with no answer; the story
    stays published. Tell the editors once about the newly flagged; return how many."""
    now = now or timezone.now()
    close_answered_otherwise(now)
    unanswered = StoryConsentReview.objects.open().filter(
        flagged_at__isnull=True, asked_at__lte=now - ANSWER_WITHIN
    )
    flagged = StoryConsentReview.objects.filter(
        pk__in=list(unanswered.values_list("pk", flat=True)), flagged_at__isnull=True
    ).update(flagged_at=now)
    if flagged:
        tell_editors(flagged)
    return flagged


def close_answered_otherwise(now):
    """Close the questions the teller answered another way, by sending changes to their
    story since we asked (which records their consent again). (A retracted story's
    question is closed already: `open()` leaves it out.)"""
    StoryConsentReview.objects.open().filter(story__consent_given_at__gt=F("asked_at")).update(
        answer=Answer.CHANGED, answered_at=now
    )


def tell_editors(newly_flagged):
    """One email to each editor: how many stories are newly flagged and how many wait in
    all, with a link to the admin listing; no titles, tellers or text."""
    waiting = StoryConsentReview.objects.flagged().count()
    url = absolute_url(reverse(ADMIN_INDEX_URL_NAME) + FLAGGED_FILTER)
    sent = 0
    for editor in editors():
        context = {
            "first_name": editor.first_name,
            "count": newly_flagged,
            "waiting": waiting,
            "admin_url": url,
            "answer_within_days": ANSWER_WITHIN.days,
        }
        sent += send_templated_email("stories/emails/consent_flagged", editor.email, context)
    return sent


# The daily run --------------------------------------------------------------------------


def review_consent(now=None):
    """Today's work: flag the unanswered, then ask those who are due."""
    now = now or timezone.now()
    flagged = flag_unanswered(now)
    asked = sum(1 for story in due_stories(now) if ask(story, now) is not None)
    return Outcome(asked=asked, flagged=flagged)


# Answering ------------------------------------------------------------------------------


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Are you still happy for your story to be on the site?"),
        choices=[
            (Answer.STILL_CONSENT, _("Yes, keep it on the site")),
            (Answer.CHANGED, _("I would like to change it")),
            (Answer.RETRACTED, _("No, retract it (take it off the site)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you would like us to do with your story.")},
    )


def close(review, answer, now):
    """Record the teller's answer; a flag for the editors is no longer needed."""
    if review is None:
        return
    StoryConsentReview.objects.filter(pk=review.pk).update(
        answer=answer, answered_at=now, flagged_at=None
    )


@transaction.atomic
def renew_consent(story, now=None):
    """Consent given again now, to the current wording: on every language copy and in every
    saved revision (an editor publishing an old revision cannot bring the old date back),
    without a new revision, a new review by the editors or a publish."""
    now = now or timezone.now()
    telling.set_everywhere(
        StoryPage.objects.filter(translation_key=story.translation_key),
        {"consent_given_at": now, "consent_version": telling.CONSENT_VERSION},
    )


@transaction.atomic
def keep(story, user, now=None):
    """The teller is still happy for it to be on the site."""
    now = now or timezone.now()
    story = default_copy(story)
    review = open_review(story)
    renew_consent(story, now)
    close(review, Answer.STILL_CONSENT, now)


@transaction.atomic
def change(story, user, now=None):
    """The teller would like to change it: their answer is recorded, and the story stays as
    it is until they send the changes (the telling flow records their consent again)."""
    close(open_review(story), Answer.CHANGED, now or timezone.now())


@transaction.atomic
def retract(story, user, now=None):
    """The teller takes it back: off the site at once (telling.retract)."""
    review = open_review(story)
    telling.retract(default_copy(story), user)
    close(review, Answer.RETRACTED, now or timezone.now())
