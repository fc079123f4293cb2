"""Rows that data migrations make, put back after a transactional test has flushed them."""

from importlib import import_module

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from wagtail.models import Collection, Locale, Page


def restore_rows_made_by_migrations():
    """Idempotent: the default locale, the root page and collection, the roles' groups and
    the permissions data migrations grant them."""
    ContentType.objects.clear_cache()
    locale, _ = Locale.objects.get_or_create(language_code="en-gb")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    import_module("members.migrations.0002_roles").create_roles(apps, None)
    import_module("members.migrations.0003_role_permissions").grant(apps, None)
    import_module("members.migrations.0005_editors_change_contact_settings").grant(apps, None)
    import_module("members.migrations.0006_coaches").create(apps, None)
    import_module("home.migrations.0003_editors_change_safety_settings").grant(apps, None)
    import_module("home.migrations.0005_support_message_from_settings").grant(apps, None)
