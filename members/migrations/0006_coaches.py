"""The Coaches group: members who coach organisations (core.coach_organisations). They open
the admin only to see the coaching requests matched to them and record their sessions."""

from django.db import migrations

COACHES = "Coaches"
COACH = (
    "core",
    "rolepermissions",
    "coach_organisations",
    "Can coach organisations: sees the requests matched to them",
)
ADMIN = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return perm


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=COACHES)
    group.permissions.add(permission(apps, *COACH), permission(apps, *ADMIN))


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COACHES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_editors_change_contact_settings"),
        ("core", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create, remove)]
