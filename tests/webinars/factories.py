"""Factories for webinars: the listing, webinars, speakers with consent, registrations.

`SpeakerFactory` gives consent to every use unless told otherwise: `consent=[]` gives none,
`consent=[Use.NAME, Use.BIO]` only those. `WebinarFactory` places a published webinar under
`parent` (the site's webinar listing, made on first use); `starts_in=timedelta(days=7)`
sets the start from now; `speakers=[...]` adds them in order.
"""

from datetime import timedelta

from django.utils import timezone

import factory

from webinars.consent import Use
from webinars.models import (
    Registration,
    Speaker,
    WebinarIndexPage,
    WebinarPage,
    WebinarSpeaker,
    record_consent,
)

from ..home.factories import BasePageFactory
from ..resources.factories import site_home_page


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Speaker {n}")
    role = "Peer researcher"
    organisation = "University of Somewhere"
    bio = "Works with services on trauma-informed practice."
    expert_by_experience = False

    @factory.post_generation
    def consent(speaker, create, extracted, **kwargs):
        uses = list(Use) if extracted is None else list(extracted)
        if create and uses:
            record_consent(speaker, uses, given=True, how="test")
            speaker.refresh_from_db()


def default_listing():
    return WebinarIndexPage.objects.first() or WebinarIndexFactory()


class WebinarIndexFactory(BasePageFactory):
    class Meta:
        model = WebinarIndexPage

    title = "Webinars"
    slug = "webinars"
    members_only = False
    parent = factory.LazyFunction(site_home_page)


class WebinarFactory(BasePageFactory):
    """A published webinar a week from now, 90 minutes long, 50 places."""

    class Meta:
        model = WebinarPage

    title = factory.Sequence(lambda n: f"Webinar {n}")
    summary = "A monthly webinar of the community."
    start = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(
            hour=13, minute=0, second=0, microsecond=0
        )
    )
    duration = 90
    capacity = 50
    joining_link = "https://meet.example.org/join/abc123"
    wellbeing_contact_name = "Sam Taylor"
    wellbeing_contact_email = "wellbeing@example.org"
    parent = factory.LazyFunction(default_listing)

    @classmethod
    def _create(cls, model_class, *args, starts_in=None, speakers=(), chair=None, **kwargs):
        if starts_in is not None:
            kwargs["start"] = (timezone.now() + starts_in).replace(microsecond=0)
        if chair is not None:
            kwargs["chair"] = chair
        publish = kwargs.pop("publish", True)
        parent = kwargs.pop("parent", None) or default_listing()
        page = model_class(*args, live=publish, **kwargs)
        for speaker in speakers:
            page.speakers.add(WebinarSpeaker(speaker=speaker))
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page


def register(webinar, member, status=Registration.Status.CONFIRMED, **kwargs):
    """A registration row made directly (no emails, no capacity rule)."""
    now = timezone.now()
    return Registration.objects.create(
        webinar=webinar.registration_webinar(),
        member=member,
        status=status,
        queued_at=kwargs.pop("queued_at", now),
        confirmed_at=now if status == Registration.Status.CONFIRMED else None,
        **kwargs,
    )
