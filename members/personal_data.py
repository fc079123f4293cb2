"""A member's own data: the download of everything we hold about them, and account deletion.

Download
    `export(user)` returns a JSON-ready dict. Members fills in the account, email addresses,
    two-factor status, groups and profile (never the password hash, recovery codes or TOTP
    secret). Other apps add their own sections without members importing them, by
    connecting a receiver to `core.personal_data.collect_personal_data` (in their
    `signal_handlers.py`, with `core.personal_data.exports(...)`, see Coverage below)::

        @exports("forums.Post.author")
        def forum_posts(sender, user, **kwargs):
            return {"forum_posts": [...]}   # one or more top-level sections, JSON-ready

    A section name may be used once; a clash raises ImproperlyConfigured.

Deletion
    `erase_account(user, by=...)` keeps the User row but removes everything that identifies
    the person, so content they wrote (forum posts, later) keeps its foreign key and shows
    as "Former member" instead of vanishing from threads others replied to. It is the one
    way an account is deleted: the member's own "Delete your account", the Members admin
    (one or several people) and Wagtail's Users admin (one or several) all call it.

    * other apps first get `erasing_account` (same transaction) to delete or anonymise
      their own personal data (webinar registrations, subscriptions, ...);
    * the member profile (and the admin's history of it and of the account, which names
      them), allauth email addresses, MFA authenticators, Wagtail's user profile
      (preferences, avatar), group memberships and permissions are deleted;
    * the row's email becomes a unique placeholder at the reserved `.invalid` domain,
      names are blanked, the password becomes unusable, `is_active`, `is_staff` and
      `is_superuser` are turned off and `last_login` is cleared;
    * decisions they made as an editor lose their "decided by" (`MemberProfile.decided_by`
      becomes none): the audit log still records that the row, now "Former member", made
      them;
    * one audit-log entry on the row records that it was erased, and by whom.

    Nothing can sign in as the row again: there is no address to reset a password to, the
    password is unusable, the account is inactive, and every existing session fails
    Django's session-hash check because the password hash changed.

Coverage
    Every model field that points at a person (a ForeignKey, OneToOne or ManyToMany to the
    user model) must be in the download and be dealt with on erasure, and a test checks it
    for every app of ours. A receiver says which fields it covers by connecting through
    `exports(...)` (as above) or `erases(...)` instead of `@receiver`::

        @erases("forums.Subscription.member")
        def forget_subscriptions(sender, user, **kwargs):
            Subscription.objects.filter(member=user).delete()

    Erasure may rightly leave a field pointing at the anonymised row (authorship of posts):
    such a receiver still declares the field, and says in its docstring why it keeps it.
"""

import uuid

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from core.personal_data import (
    DOWNLOAD,
    ERASURE,
    collect_personal_data,
    covered_fields,
    declare_covered,
    erases,
    erasing_account,
    exports,
)

from .models import ERASED_EMAIL_DOMAIN, MemberProfile

__all__ = [
    "DOWNLOAD",
    "ERASURE",
    "collect_personal_data",
    "covered_fields",
    "erase_account",
    "erases",
    "erasing_account",
    "export",
    "exports",
]

#: Fields naming a person that `export()` and `erase_account()` deal with themselves.
declare_covered(
    "members.MemberProfile.user", "members.MemberProfile.decided_by", purposes=(DOWNLOAD, ERASURE)
)


def export(user):
    """Everything we hold about `user`, as a dict ready for `json.dumps(cls=DjangoJSONEncoder)`."""
    data = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "two_factor": _two_factor(user),
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "profile": _profile(user),
        "membership_decisions": _membership_decisions(user),
        "admin_preferences": _admin_preferences(user),
    }
    for receiver, sections in collect_personal_data.send(sender=type(user), user=user):
        for name, value in (sections or {}).items():
            if name in data:
                raise ImproperlyConfigured(
                    f"{receiver!r} returned {name!r}, a section already in the download."
                )
            data[name] = value
    return data


def _two_factor(user):
    types = sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    return {"enabled": bool(types), "methods": types}


def _profile(user):
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "job_role": profile.job_role,
        "organisation": profile.organisation,
        "sector": profile.get_sector_display(),
        "membership_status": profile.get_status_display(),
        "status_changed_at": profile.status_changed_at,
        "reason_for_declining": profile.decline_reason,
        "reason_for_suspending": profile.suspension_reason,
        "suspended_until": profile.suspended_until,
        "joined": profile.created_at,
    }


def _membership_decisions(user):
    """An editor's decisions on memberships: what and when, not whose (that is theirs)."""
    decisions = MemberProfile.objects.filter(decided_by=user).order_by("status_changed_at")
    return [
        {"decision": profile.get_status_display(), "at": profile.status_changed_at}
        for profile in decisions
    ]


def _admin_preferences(user):
    """Editors' and moderators' Wagtail admin settings, if they have any."""
    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "preferred_language": profile.preferred_language,
        "time_zone": profile.current_time_zone,
        "has_avatar": bool(profile.avatar),
    }


def erased_email():
    return f"former-member-{uuid.uuid4().hex}@{ERASED_EMAIL_DOMAIN}"


@transaction.atomic
def erase_account(user, *, by=None, choices=None):
    """Delete `user`'s personal data and anonymise their row (see the module docstring).

    `by` is who asked: the person themself, or the administrator who deleted them.
    `choices`: what the person chose on the delete-your-account page
    (core.personal_data.ErasureChoice); each choice not given takes its default.
    """
    erasing_account.send(sender=type(user), user=user, choices=choices or {})

    for profile in MemberProfile.objects.filter(user=user):
        # The admin's history of this profile is labelled with the person's name.
        ModelLogEntry.objects.for_instance(profile).delete()
        profile.delete()
    ModelLogEntry.objects.for_instance(user).delete()
    MemberProfile.objects.filter(decided_by=user).update(decided_by=None)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    _delete_wagtail_user_profile(user)
    user.groups.clear()
    user.user_permissions.clear()

    user.email = erased_email()
    user.first_name = ""
    user.last_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.save()
    log(user, "members.erase_account", user=by)


def _delete_wagtail_user_profile(user):
    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
