"""Emails about someone's membership: plain text and simple HTML from Django templates."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_templated_email(template_prefix, to, context):
    """Render `<prefix>_subject.txt`, `_message.txt` and `_message.html`; send; report success.

    A mail server that is down must not undo an editor's decision, so failures are logged
    and reported to the caller rather than raised.
    """
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template_prefix}_message.txt", context),
        to=[to],
    )
    message.attach_alternative(
        render_to_string(f"{template_prefix}_message.html", context), "text/html"
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send %s to a member", template_prefix)
        return False
    return True


def _send_about_membership(template_prefix, profile):
    user = profile.user
    return send_templated_email(
        template_prefix,
        user.email,
        {
            "profile": profile,
            "first_name": user.first_name,
            "account_url": absolute_url(reverse("members:account")),
            "sign_in_url": absolute_url(reverse("account_login")),
        },
    )


def send_membership_approved(profile):
    return _send_about_membership("members/email/membership_approved", profile)


def send_membership_declined(profile):
    return _send_about_membership("members/email/membership_declined", profile)
