"""Core action group editors may change the exit page and support signposting setting."""

from django.db import migrations

EDITORS = "Core action group editors"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="safetysettings")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_safetysettings",
        defaults={"name": "Can change safety and support settings"},
    )
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="home", codename="change_safetysettings"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_safety_settings_footer_links"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
