"""Migration 0005 moves each site's English and Welsh support texts into a support message
and its Welsh translation, and back when reversed. Transactional: it migrates the database."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("home", "0004_support_message")]
AFTER = [("home", "0005_support_message_from_settings")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_settings_row():
    """A site whose settings still hold the four text fields, at migration 0004."""
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    apps = migrate(BEFORE)
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    SafetySettings = apps.get_model("home", "SafetySettings")
    site = Site.objects.create(hostname="old.example", root_page=Page.objects.get(depth=1))
    SafetySettings.objects.create(
        site=site,
        support_heading="Help now",
        support_text="<p>Call 999.</p>",
        support_heading_cy="Help ar unwaith",
        support_text_cy="<p>Ffoniwch 999.</p>",
    )
    yield site.pk
    migrate(latest)


def test_the_texts_become_a_message_and_its_welsh_translation(old_settings_row):
    apps = migrate(AFTER)

    SafetySettings = apps.get_model("home", "SafetySettings")
    SupportMessage = apps.get_model("home", "SupportMessage")
    message = SafetySettings.objects.get(site_id=old_settings_row).support_message
    welsh = SupportMessage.objects.get(
        translation_key=message.translation_key, locale__language_code="cy"
    )
    assert (message.heading, message.text) == ("Help now", "<p>Call 999.</p>")
    assert message.locale.language_code == "en-gb"
    assert (welsh.heading, welsh.text) == ("Help ar unwaith", "<p>Ffoniwch 999.</p>")


def test_reversing_puts_the_texts_back(old_settings_row):
    migrate(AFTER)

    apps = migrate(BEFORE)

    row = apps.get_model("home", "SafetySettings").objects.get(site_id=old_settings_row)
    assert (row.support_heading, row.support_heading_cy) == ("Help now", "Help ar unwaith")
    assert row.support_text_cy == "<p>Ffoniwch 999.</p>"
