"""Emails about someone's membership and account: plain text and simple HTML from templates.

Every email we send, allauth's included (members.adapters), has the site's name and says
how to reach a person: the contact address from core's ContactSettings, which is also the
Reply-To, so replying to a no-reply sender still reaches someone.
"""

from django.utils import timezone

from core.emails import absolute_url, common_context, reply_to, send_templated_email

__all__ = ["absolute_url", "common_context", "reply_to", "send_templated_email"]


def _send_about_membership(template_prefix, profile):
    user = profile.user
    return send_templated_email(
        template_prefix,
        user.email,
        {"profile": profile, "first_name": user.first_name},
    )


def send_membership_approved(profile):
    return _send_about_membership("members/email/membership_approved", profile)


def send_membership_declined(profile):
    return _send_about_membership("members/email/membership_declined", profile)


def send_membership_suspended(profile):
    return _send_about_membership("members/email/membership_suspended", profile)


def send_membership_reinstated(profile):
    return _send_about_membership("members/email/membership_reinstated", profile)


def send_account_deleted(email, first_name):
    """Tell someone who deleted their own account that it is done. The caller reads the
    address and name before erasing them; the account no longer exists when this goes."""
    return send_templated_email(
        "members/email/account_deleted",
        email,
        {"first_name": first_name, "deleted_at": timezone.now()},
    )
