"""The roles migration: three groups, editors publish pages, moderators cannot."""

from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, Page

import pytest

from members import roles

from .factories import member_in

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def a_page():
    return Page.objects.filter(depth__gt=1).first() or Page.objects.get(depth=1)


def test_the_three_role_groups_exist_and_wagtails_editors_was_renamed():
    names = set(Group.objects.values_list("name", flat=True))

    assert {roles.MEMBERS, roles.MODERATORS, roles.EDITORS} <= names
    assert "Editors" not in names


def test_editors_can_publish_pages():
    editor = member_in(roles.EDITORS)

    permissions = a_page().permissions_for_user(editor)

    assert permissions.can_edit()
    assert permissions.can_publish()


def test_moderators_cannot_add_edit_or_publish_pages():
    moderator = member_in(roles.MODERATORS)

    permissions = a_page().permissions_for_user(moderator)

    assert not permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_add_subpage()


def test_moderators_keep_only_access_to_the_admin_and_the_forums_moderation_permission():
    assert codenames(roles.MODERATORS) == {"access_admin", "moderate_forums"}


def test_editors_keep_wagtails_document_and_image_permissions_and_gain_the_members_admin():
    permissions = codenames(roles.EDITORS)

    assert {"access_admin", "add_document", "change_document", "add_image"} <= permissions
    assert {"view_memberprofile", "change_memberprofile", "view_user"} <= permissions
    assert "delete_memberprofile" not in permissions


def test_members_group_grants_nothing_in_the_admin():
    assert codenames(roles.MEMBERS) == set()


def test_page_approval_tasks_go_to_editors_not_moderators():
    task_groups = {
        name
        for task in GroupApprovalTask.objects.all()
        for name in task.groups.values_list("name", flat=True)
    }

    assert roles.MODERATORS not in task_groups
