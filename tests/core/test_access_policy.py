"""core.access on its own: who a person is, which page types close, roles as permissions."""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest

from core import access
from core.access import Verdict
from core.mixins import MembersOnlyMixin
from core.reports import can_read_reports
from members import roles
from members.admin_views import can_decide
from members.models import MemberProfile

from ..members.factories import MemberProfileFactory, UserFactory, member_in

pytestmark = pytest.mark.django_db

Status = MemberProfile.Status


def profile_with(status, **kwargs):
    return MemberProfileFactory(status=status, **kwargs).user


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda: AnonymousUser(), Verdict.SIGN_IN),
        (lambda: profile_with(Status.PENDING), Verdict.AWAITING_APPROVAL),
        (lambda: profile_with(Status.APPROVED), Verdict.ALLOWED),
        (lambda: profile_with(Status.DECLINED), Verdict.DECLINED),
        (lambda: profile_with(Status.SUSPENDED), Verdict.SUSPENDED),
        (
            lambda: profile_with(
                Status.SUSPENDED, suspended_until=timezone.now() + timedelta(days=2)
            ),
            Verdict.SUSPENDED,
        ),
        (
            lambda: profile_with(
                Status.SUSPENDED, suspended_until=timezone.now() - timedelta(minutes=1)
            ),
            Verdict.ALLOWED,
        ),
        (lambda: UserFactory(is_superuser=True), Verdict.ALLOWED),
        (lambda: profile_with(Status.APPROVED, user__is_active=False), Verdict.SIGN_IN),
        (lambda: UserFactory(), Verdict.AWAITING_APPROVAL),
    ],
    ids=[
        "visitor",
        "pending",
        "approved",
        "declined",
        "suspended",
        "suspended until a date",
        "suspension over",
        "superuser",
        "inactive",
        "no profile",
    ],
)
def test_each_person_gets_their_real_membership_verdict(make, expected):
    assert access.member_verdict(make()) is expected


def test_every_page_type_with_the_members_only_mixin_joins_the_rule():
    from resources.models import ResourceLibraryPage, SubjectFolderPage

    found = set(access.members_only_models())

    assert {ResourceLibraryPage, SubjectFolderPage} <= found
    assert all(issubclass(model, MembersOnlyMixin) for model in found)


def test_the_policy_names_no_page_type_of_any_app():
    source = Path(access.__file__).read_text().lower()

    assert "resource" not in source
    assert "folder" not in source


def test_roles_are_permissions_not_group_names():
    editor = member_in(roles.EDITORS)
    moderator = member_in(roles.MODERATORS)
    member = profile_with(Status.APPROVED)

    assert editor.has_perm(roles.VIEW_REPORTS) and editor.has_perm(roles.APPROVE_MEMBERS)
    assert moderator.has_perm(roles.MODERATE_FORUMS)
    assert not moderator.has_perm(roles.VIEW_REPORTS)
    assert [can_read_reports(u) for u in (editor, moderator, member)] == [True, False, False]
    assert [can_decide(u) for u in (editor, moderator, member)] == [True, False, False]


def test_a_person_given_the_permission_directly_reads_reports_whatever_their_groups():
    from django.contrib.auth.models import Permission

    person = profile_with(Status.APPROVED)
    person.user_permissions.add(
        Permission.objects.get(content_type__app_label="core", codename="view_reports")
    )

    assert can_read_reports(type(person).objects.get(pk=person.pk))


def test_one_definition_of_working_in_the_admin():
    assert access.works_in_admin(member_in(roles.MODERATORS))
    assert access.works_in_admin(member_in(roles.EDITORS))
    assert not access.works_in_admin(profile_with(Status.APPROVED))
    assert not access.works_in_admin(AnonymousUser())
    assert roles.works_in_admin is access.works_in_admin
