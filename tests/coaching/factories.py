"""Factories for coaching: a request as the site's form sends it, and a session held.

`CoachingRequestFactory` is new, from Riverside Primary School (education), with a contact;
pass `coach=` and `status=` for a matched one. `CoachingSessionFactory` is an hour last
week on quick wins.
"""

from datetime import timedelta

from django.utils import timezone

import factory

from coaching.models import CoachingRequest, CoachingSession, Format, Theme
from members.models import Sector


class CoachingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachingRequest

    organisation = factory.Sequence(lambda n: f"Riverside Primary School {n}")
    team = "Pastoral team"
    sector = Sector.EDUCATION
    help_wanted = "We want to make our behaviour policy kinder and need a place to start."
    preferred_format = Format.ONLINE
    contact_name = "Robin Example"
    contact_email = factory.Sequence(lambda n: f"contact{n}@school.example.org")


class CoachingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachingSession

    request = factory.SubFactory(CoachingRequestFactory)
    held_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    minutes = 60
    themes = factory.LazyFunction(lambda: [Theme.QUICK_WINS.value])
