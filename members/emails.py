"""Emails about someone's membership: plain text and simple HTML from Django templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_templated_email(template_prefix, to, context):
    """Render `<prefix>_subject.txt`, `_message.txt` and `_message.html`; send; report success.

    Sending queues the message (EMAIL_BACKEND is core.mail.TaskQueueEmailBackend), so a mail
    server that is down never reaches here: the queue tries again later. True means queued.
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
    return message.send() > 0


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


def send_membership_suspended(profile):
    return _send_about_membership("members/email/membership_suspended", profile)


def send_membership_reinstated(profile):
    return _send_about_membership("members/email/membership_reinstated", profile)
