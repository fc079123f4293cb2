"""Roles as permissions: the editors read reports and decide on members; moderators moderate.

The codenames belong to core.RolePermissions (a model with no table). They are created here
with get_or_create, since on a fresh database post_migrate has not made them yet.
"""

from django.db import migrations

EDITORS = "Core action group editors"
MODERATORS = "Moderators"

GRANTS = {
    EDITORS: {
        "view_reports": "Can read the community's reports and analytics",
        "approve_members": "Can approve, decline, suspend and reinstate members",
    },
    MODERATORS: {"moderate_forums": "Can moderate the forums"},
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="rolepermissions")
    for group_name, permissions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename, name in permissions.items():
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in GRANTS.items():
        for group in Group.objects.filter(name=group_name):
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="core", codename__in=list(permissions)
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_roles"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
