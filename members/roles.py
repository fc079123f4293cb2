"""The community's roles as Django groups, and who needs a second factor to open the admin."""

from django.contrib.auth.models import Group

MEMBERS = "Members"
MODERATORS = "Moderators"
EDITORS = "Core action group editors"

#: People in these groups work in the admin, so they sign in with a second factor.
ADMIN_GROUPS = (MODERATORS, EDITORS)


def get_group(name):
    """The group called `name`; the roles migration creates them, this repairs a missing one."""
    group, _created = Group.objects.get_or_create(name=name)
    return group


def can_open_wagtail_admin(user):
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def can_open_django_admin(user):
    return user.is_active and user.is_staff


def works_in_admin(user):
    """Moderators, editors, staff and superusers: anyone who can open an admin at all."""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or user.is_superuser
        or user.has_perm("wagtailadmin.access_admin")
        or user.groups.filter(name__in=ADMIN_GROUPS).exists()
    )
