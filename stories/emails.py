"""Emails to a member about the story they told: we have it, the editors suggest changes,
it is published. Subjects are always neutral, and no email holds the story's title or
text; the editors' note is included only when the member has not chosen private email
(forums' NotificationPreference), otherwise it waits for them on "Your stories"."""

from django.urls import reverse
from django.utils import translation

from core.emails import absolute_url, send_templated_email
from forums.models.following import NotificationPreference

SUBMITTED, CHANGES, PUBLISHED = "submitted", "changes", "published"


def wants_private_email(member):
    return NotificationPreference.objects.filter(member=member, private_email=True).exists()


def send_story_email(what, story, comment=""):
    teller = story.teller
    if teller is None or not teller.email or not teller.is_active:
        return False
    private = wants_private_email(teller)
    with translation.override(story.locale.language_code):
        context = {
            "first_name": teller.first_name,
            "private": private,
            "comment": "" if private else comment,
            "my_stories_url": absolute_url(reverse("stories:mine")),
            "story_url": absolute_url(story.get_url() or "") if what == PUBLISHED else "",
        }
        return send_templated_email(f"stories/emails/{what}", teller.email, context)
