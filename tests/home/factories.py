"""Factories for the home app's pages and settings (factory_boy, placed in the tree)."""

import json

from django.utils.text import slugify

from wagtail.models import Page

import factory

from home.models import HomePage, SafetySettings, StandardPage


class BasePageFactory(factory.django.DjangoModelFactory):
    """Adds each page under `parent` (the tree root by default) and publishes it.

    Pass `publish=False` for a draft.
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = ""

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        page = model_class(*args, live=publish, **kwargs)
        (parent or Page.get_first_root_node()).add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page


class HomePageFactory(BasePageFactory):
    class Meta:
        model = HomePage

    title = "Community of Action"
    slug = "community-of-action"
    intro = "<p>A community of practice in trauma-informed care.</p>"


class StandardPageFactory(BasePageFactory):
    class Meta:
        model = StandardPage

    intro = "A short introduction."


def stream(*blocks):
    """StreamField JSON from (block type, value) pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


class SafetySettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetySettings
        django_get_or_create = ("site",)
