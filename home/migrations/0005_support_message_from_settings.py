"""Move each site's support heading and text, English and Welsh, into a support message.

The English text becomes a message in the site's language and the Welsh text (when there
is one) its Welsh translation: the same translation key in the Welsh locale, as Wagtail
links translations. The settings then point at the message. Core action group editors may
view, add and change support messages, as they may change the settings.

The Welsh copy made here is a plain Wagtail translation, editable in the snippet's own form;
wagtail-localize's Translate screen manages translations it made itself (the demo makes its
message that way), so it does not offer to translate a message into Welsh over this one.
"""

import uuid

from django.conf import settings
from django.db import migrations

from wagtail.coreutils import get_supported_content_language_variant

EDITORS = "Core action group editors"
WELSH = "cy"
ACTIONS = ("view", "add", "change")


def move_texts_into_messages(apps, schema_editor):
    SafetySettings = apps.get_model("home", "SafetySettings")
    SupportMessage = apps.get_model("home", "SupportMessage")
    Locale = apps.get_model("wagtailcore", "Locale")
    rows = SafetySettings.objects.filter(support_message=None)
    if not rows.exists():
        return
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _created = Locale.objects.get_or_create(language_code=language)
    for row in rows:
        message = SupportMessage.objects.create(
            heading=row.support_heading,
            text=row.support_text,
            locale=locale,
            translation_key=uuid.uuid4(),
        )
        if row.support_text_cy and locale.language_code != WELSH:
            welsh, _created = Locale.objects.get_or_create(language_code=WELSH)
            SupportMessage.objects.create(
                heading=row.support_heading_cy or row.support_heading,
                text=row.support_text_cy,
                locale=welsh,
                translation_key=message.translation_key,
            )
        row.support_message = message
        row.save(update_fields=["support_message"])


def move_messages_back(apps, schema_editor):
    SafetySettings = apps.get_model("home", "SafetySettings")
    SupportMessage = apps.get_model("home", "SupportMessage")
    for row in SafetySettings.objects.exclude(support_message=None).select_related(
        "support_message"
    ):
        message = row.support_message
        row.support_heading = message.heading
        row.support_text = message.text
        welsh = SupportMessage.objects.filter(
            translation_key=message.translation_key, locale__language_code=WELSH
        ).first()
        row.support_heading_cy = welsh.heading if welsh else ""
        row.support_text_cy = welsh.text if welsh else ""
        row.save()


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="supportmessage")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_supportmessage",
            defaults={"name": f"Can {action} support message"},
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="home",
                codename__in=[f"{action}_supportmessage" for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_support_message"),
        ("members", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(move_texts_into_messages, move_messages_back),
        migrations.RunPython(grant, revoke),
    ]
