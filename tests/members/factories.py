"""Factories for members: users with verified email addresses, and member profiles."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from members import roles
from members.models import MemberProfile, Sector, User

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class MemberProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberProfile

    user = factory.SubFactory(UserFactory)
    job_role = "Mental health nurse"
    organisation = "Riverside NHS Foundation Trust"
    sector = Sector.HEALTH
    status = MemberProfile.Status.PENDING


def approved_member(**kwargs):
    profile = MemberProfileFactory(status=MemberProfile.Status.APPROVED, **kwargs)
    profile.user.groups.add(roles.get_group(roles.MEMBERS))
    return profile.user


def member_in(group_name, *, totp=True, **kwargs):
    """An approved member who is also a moderator or an editor, with TOTP set up by default."""
    user = approved_member(**kwargs)
    user.groups.add(roles.get_group(group_name))
    if totp:
        add_authenticator_app(user)
    return user


def add_authenticator_app(user):
    TOTP.activate(user, generate_totp_secret())
