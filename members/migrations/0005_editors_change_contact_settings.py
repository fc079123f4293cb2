"""Core action group editors may change the contact details shown to people who ask again."""

from django.db import migrations

EDITORS = "Core action group editors"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="contactsettings")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_contactsettings",
        defaults={"name": "Can change contact details"},
    )
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="core", codename="change_contactsettings"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_memberprofile_suspension_reason"),
        ("core", "0002_contact_settings"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
