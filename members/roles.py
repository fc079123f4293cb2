"""The community's roles as Django groups, and who needs a second factor to open the admin."""

from django.contrib.auth.models import Group

from core import access

MEMBERS = "Members"
MODERATORS = "Moderators"
EDITORS = "Core action group editors"
COACHES = "Coaches"

#: The groups whose people work in the admin (used by the demo to make them).
ADMIN_GROUPS = (MODERATORS, EDITORS, COACHES)

#: Permission codenames (core.models.RolePermissions) the roles are made of.
APPROVE_MEMBERS = "core.approve_members"
VIEW_REPORTS = "core.view_reports"
MODERATE_FORUMS = "core.moderate_forums"
COACH_ORGANISATIONS = "core.coach_organisations"


def get_group(name):
    """The group called `name`; the roles migration creates them, this repairs a missing one."""
    group, _created = Group.objects.get_or_create(name=name)
    return group


def can_open_wagtail_admin(user):
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def can_open_django_admin(user):
    return user.is_active and user.is_staff


#: Anyone who can open an admin at all (moderators, editors, staff, superusers): one rule.
works_in_admin = access.works_in_admin
