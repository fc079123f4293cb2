"""The demo members: 635 approved, a few waiting and declined, one sign-in per role."""

import io

from django.contrib.auth import authenticate
from django.contrib.auth.models import Group

import pytest
from allauth.account.models import EmailAddress

from members import demo, roles
from members.models import MemberProfile, User


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """Build once for the module (it takes a second); later tests only read."""
    with django_db_blocker.unblock():
        first, second = io.StringIO(), io.StringIO()
        demo.build(first)
        counts = (User.objects.count(), MemberProfile.objects.count())
        demo.build(second)
        yield {"first": first.getvalue(), "second": second.getvalue(), "counts": counts}
        User.objects.all().delete()


@pytest.mark.django_db
class TestDemoMembers:
    def test_exactly_635_approved_members_6_waiting_and_3_declined(self, built):
        assert MemberProfile.objects.approved().count() == 635
        assert MemberProfile.objects.pending().count() == 6
        assert MemberProfile.objects.declined().count() == 3

    def test_running_twice_creates_nothing_new(self, built):
        assert (User.objects.count(), MemberProfile.objects.count()) == built["counts"]
        assert "(0 new)" in built["second"]

    def test_every_demo_person_has_a_verified_email_and_approved_ones_are_in_members(self, built):
        assert EmailAddress.objects.filter(verified=True).count() == User.objects.count()
        approved_ids = set(MemberProfile.objects.approved().values_list("user_id", flat=True))
        in_group = set(Group.objects.get(name=roles.MEMBERS).user_set.values_list("pk", flat=True))
        assert approved_ids == in_group

    def test_generated_emails_are_numbered_example_addresses(self, built):
        generated = User.objects.exclude(email__in=[row[1] for row in demo.DEMO_LOGINS])

        assert all(u.email.endswith("@example.org") for u in generated)
        assert all(u.email.split("@")[0].rsplit(".", 1)[1].isdigit() for u in generated)

    @pytest.mark.parametrize(
        "email,groups,superuser",
        [
            ("member@example.org", {roles.MEMBERS}, False),
            ("moderator@example.org", {roles.MEMBERS, roles.MODERATORS}, False),
            ("editor@example.org", {roles.MEMBERS, roles.EDITORS}, False),
            ("admin@example.org", {roles.MEMBERS}, True),
        ],
    )
    def test_each_role_has_a_demo_sign_in(self, built, email, groups, superuser):
        user = authenticate(email=email, password=demo.DEMO_PASSWORD)

        assert user is not None
        assert set(user.groups.values_list("name", flat=True)) == groups
        assert user.is_superuser is superuser
        assert user.member_profile.status == MemberProfile.Status.APPROVED
        assert EmailAddress.objects.get(email=email).verified

    def test_the_sign_in_table_gives_the_password_and_where_to_sign_in(self, built):
        output = built["first"]

        assert demo.DEMO_PASSWORD in output
        for email in ("member@example.org", "editor@example.org", "admin@example.org"):
            assert email in output
        assert "/accounts/login/?next=/admin/" in output
