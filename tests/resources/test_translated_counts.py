"""A Welsh copy of a resource shows the same preview and download figures as the English."""

from wagtail.models import Locale

import pytest

from resources.models import ResourceEvent, ResourcePage

from .factories import ResourceEventFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def test_a_welsh_resource_counts_the_downloads_of_every_language_copy(public_folder):
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    english = ResourcePageFactory(parent=public_folder)
    for ancestor in english.get_ancestors().filter(depth__gt=1):
        if not ancestor.get_translations().filter(locale=welsh).exists():
            ancestor.specific.copy_for_translation(welsh).save_revision().publish()
    copy = english.copy_for_translation(welsh)
    copy.save_revision().publish()
    ResourceEventFactory.create_batch(3, resource=english, kind=ResourceEvent.Kind.DOWNLOAD)
    ResourceEventFactory(resource=copy, kind=ResourceEvent.Kind.DOWNLOAD)

    counts = dict(
        ResourcePage.objects.filter(pk__in=[english.pk, copy.pk])
        .with_counts()
        .values_list("pk", "download_count")
    )

    assert counts == {english.pk: 4, copy.pk: 4}
