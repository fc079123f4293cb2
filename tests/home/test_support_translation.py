"""The support and crisis signposting is a translatable snippet, translated with
wagtail-localize's Translate screen like a page, and the footer shows each language's copy.

The demo makes the message and its Welsh translation the way an editor's Translate action
does. The chosen message comes in the settings' own query; another language's copy costs
one query more, once per request.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

import pytest

from home.models import (
    DEFAULT_SUPPORT_HEADING,
    DEFAULT_SUPPORT_HEADING_CY,
    SafetySettings,
    SupportMessage,
)
from members.models import User

from .markup import parse

pytestmark = pytest.mark.django_db


def footer_heading(client, path):
    return parse(client.get(path)).select_one("footer .coa-support h2").get_text(strip=True)


def count_queries(client, path):
    client.get(path)  # warms Wagtail's site root paths cache, as in production
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def test_each_language_shows_its_copy_of_the_support_message(client, demo_site):
    assert footer_heading(client, "/") == DEFAULT_SUPPORT_HEADING
    assert footer_heading(client, "/cy/") == DEFAULT_SUPPORT_HEADING_CY
    assert "ffoniwch" in parse(client.get("/cy/amdanom-ni/")).find("footer").get_text()


def test_the_welsh_message_is_a_wagtail_localize_translation(demo_site):
    message = SafetySettings.for_site(demo_site).support_message
    welsh = SupportMessage.objects.get(
        translation_key=message.translation_key, locale__language_code="cy"
    )

    translation = Translation.objects.get(
        source__object_id=message.translation_key, target_locale=welsh.locale
    )
    assert message.locale == Locale.get_default()
    assert translation.enabled
    assert translation.get_target_instance() == welsh
    assert StringTranslation.objects.filter(
        locale=welsh.locale, data=DEFAULT_SUPPORT_HEADING_CY
    ).exists()


def test_the_welsh_message_opens_in_the_translate_screen(client, demo_site, settings):
    settings.COA_REQUIRE_STAFF_MFA = False
    client.force_login(User.objects.create_superuser(email="a@example.org", password="x" * 12))
    message = SafetySettings.for_site(demo_site).support_message
    welsh = message.get_translation(Locale.objects.get(language_code="cy"))

    response = client.get(f"/admin/snippets/home/supportmessage/edit/{welsh.pk}/")

    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]


def test_a_translators_change_shows_in_the_welsh_footer(client, demo_site):
    message = SafetySettings.for_site(demo_site).support_message
    welsh_locale = Locale.objects.get(language_code="cy")
    translation = Translation.objects.get(
        source__object_id=message.translation_key, target_locale=welsh_locale
    )
    StringTranslation.objects.filter(locale=welsh_locale, data=DEFAULT_SUPPORT_HEADING_CY).update(
        data="Cymorth nawr"
    )

    translation.save_target()  # what publishing in the Translate screen does

    assert footer_heading(client, "/cy/") == "Cymorth nawr"
    assert footer_heading(client, "/") == DEFAULT_SUPPORT_HEADING


def test_a_language_with_no_copy_shows_the_message_in_the_sites_language(client, demo_site):
    message = SafetySettings.for_site(demo_site).support_message
    SupportMessage.objects.filter(translation_key=message.translation_key).exclude(
        pk=message.pk
    ).delete()

    assert footer_heading(client, "/cy/") == DEFAULT_SUPPORT_HEADING


def test_without_a_message_the_built_in_signposting_shows_in_each_language(client, demo_site):
    SafetySettings.objects.update(support_message=None)

    assert footer_heading(client, "/") == DEFAULT_SUPPORT_HEADING
    assert footer_heading(client, "/cy/") == DEFAULT_SUPPORT_HEADING_CY


def test_the_message_costs_no_query_in_english_and_one_in_welsh(client, demo_site):
    with_message = {path: count_queries(client, path) for path in ("/", "/cy/")}
    SafetySettings.objects.update(support_message=None)
    without = {path: count_queries(client, path) for path in ("/", "/cy/")}

    assert with_message["/"] == without["/"]
    assert with_message["/cy/"] == without["/cy/"] + 1


def test_a_page_showing_the_signposting_twice_asks_for_the_welsh_copy_once(demo_site):
    settings = SafetySettings.for_site(demo_site)

    with CaptureQueriesContext(connection) as captured:
        first = settings.signposting("cy")
        second = settings.signposting("cy")
        english = settings.signposting("en-gb")

    assert first == second
    assert first[0] == DEFAULT_SUPPORT_HEADING_CY
    assert english[0] == DEFAULT_SUPPORT_HEADING
    assert len(captured) == 1
