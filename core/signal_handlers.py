"""Signal receivers of the core app; connected in CoreConfig.ready().

The members-only switch is the same on every language copy of a page. core.access already
closes every copy when any one is marked (so a copy that has not been synchronised yet can
never open what its source closes); these receivers keep the stored field in step too, so
the admin shows editors the truth:

* a page in the default language, when published, gives its setting to its translations;
* a translation takes its setting from the default-language page whenever it is saved, so
  an editor cannot open one language copy on its own.

Both write with `QuerySet.update()` or before the row is written: nothing is saved twice.

Which live pages use a document comes from Wagtail's reference index, which Wagtail updates
in a background task. Publishing a page updates its entries at once too, so a document
moved from an open page to a closed one is never served by the open page's stale entry
while the worker catches up.
"""

from django.db import transaction
from django.db.models.signals import pre_save

from wagtail.models import Locale, ReferenceIndex
from wagtail.signals import page_published

from .access import members_only_models


def _source_setting(page):
    """The members-only setting of `page`'s default-language copy, or None if none exists."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return None
    return (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale=default)
        .values_list("members_only", flat=True)
        .first()
    )


def take_the_source_languages_setting(sender, instance, raw=False, **kwargs):
    if raw:
        return
    setting = _source_setting(instance)
    if setting is not None:
        instance.members_only = setting


def give_translations_the_setting(sender, instance, **kwargs):
    if instance.locale_id != Locale.get_default().pk:
        return
    type(instance).objects.filter(translation_key=instance.translation_key).exclude(
        pk=instance.pk
    ).exclude(members_only=instance.members_only).update(members_only=instance.members_only)


def index_references_now(sender, instance, **kwargs):
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(instance)


def connect():
    """Called from CoreConfig.ready(), once every app's page models are loaded."""
    for model in members_only_models():
        pre_save.connect(take_the_source_languages_setting, sender=model)
        page_published.connect(give_translations_the_setting, sender=model)
    page_published.connect(index_references_now, dispatch_uid="core_index_references_now")
