"""How long a retracted story is kept, and deleting it when that time is up.

A retracted story is off the site at once (telling.retract). Its saved versions are kept
for `RETRACTED_KEPT_FOR` so that editors can answer a question about what was published and
when (a complaint, or a safeguarding concern raised about it); then `delete_expired` deletes
it in every language with its versions, its review history, the consent questions and the
discussion about it (whose posts may quote it), and the admin's history of the page keeps
only that a retracted story was there, not its title. The teller is told this on the
retraction page (telling.RETRACTION_KEEPS).

`manage.py review_story_consent`, run once a day, calls `delete_expired`.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import PageLogEntry

from . import signals
from .models import StoryPage

#: How long a retracted story's saved versions stay in the editors' records.
RETRACTED_KEPT_FOR = timedelta(days=90)


def expired(now=None):
    now = now or timezone.now()
    return StoryPage.objects.filter(retracted_at__lte=now - RETRACTED_KEPT_FOR)


def delete_expired(now=None):
    """Delete every story retracted `RETRACTED_KEPT_FOR` ago or more; how many pages."""
    deleted = 0
    for story in expired(now).order_by("-depth", "pk"):
        with transaction.atomic():
            signals.deleting_retracted.send(sender=StoryPage, story=story)
            pk = story.pk
            story.delete()
            # Wagtail logs the deletion with the title: the history keeps neither.
            PageLogEntry.objects.filter(page_id=pk).update(
                label=gettext("A retracted story"), data={}
            )
        deleted += 1
    return deleted
