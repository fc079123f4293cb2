"""Factories for stories: the listing, stories and themes.

`StoryFactory` places a published story under `parent` (the site's stories listing, made on
first use); `themes=[...]` tags it; `publish=False` leaves a draft.
"""

import factory

from stories.models import StoryIndexPage, StoryKind, StoryPage, StoryTheme

from ..home.factories import BasePageFactory
from ..resources.factories import site_home_page


class StoryThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryTheme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda theme: theme.name.lower().replace(" ", "-"))


class StoryIndexFactory(BasePageFactory):
    class Meta:
        model = StoryIndexPage

    title = "Stories"
    slug = "stories"
    parent = factory.LazyFunction(site_home_page)


def default_listing():
    return StoryIndexPage.objects.first() or StoryIndexFactory()


class StoryFactory(BasePageFactory):
    """A published, public story by the editors."""

    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"Story {n}")
    summary = factory.LazyAttribute(lambda page: f"A short summary of {page.title.lower()}.")
    kind = StoryKind.BLOG
    body = factory.LazyAttribute(
        lambda page: [("paragraph", f"<p>The body of {page.title.lower()}.</p>")]
    )
    parent = factory.LazyFunction(default_listing)

    @classmethod
    def _create(cls, model_class, *args, themes=(), **kwargs):
        if themes:
            kwargs["themes"] = list(themes)
        return super()._create(model_class, *args, **kwargs)
