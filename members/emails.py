"""Emails about someone's membership and account: plain text and simple HTML from templates.

Every email we send, allauth's included (members.adapters), has the site's name and says
how to reach a person: the contact address from core's ContactSettings, which is also the
Reply-To, so replying to a no-reply sender still reaches someone.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.models import ContactSettings


def absolute_url(path):
    if not path.startswith("/"):  # already a full address (a page on another site)
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def common_context(request=None):
    """What every email template may use: the site's name, where to sign in and manage the
    account, and how to contact us ("" for what is not set)."""
    contact = ContactSettings.current(request)
    page_url = contact.page_url()
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "account_url": absolute_url(reverse("members:account")),
        "sign_in_url": absolute_url(reverse("account_login")),
        "password_reset_url": absolute_url(reverse("account_reset_password")),
        "contact_email": contact.contact_email,
        "contact_url": absolute_url(page_url) if page_url else "",
    }


def reply_to(context):
    """The Reply-To list for an email rendered with `context`: the contact address, if set."""
    return [context["contact_email"]] if context.get("contact_email") else []


def send_templated_email(template_prefix, to, context):
    """Render `<prefix>_subject.txt`, `_message.txt` and `_message.html`; send; report success.

    Sending queues the message (EMAIL_BACKEND is core.mail.TaskQueueEmailBackend), so a mail
    server that is down never reaches here: the queue tries again later. True means queued.
    """
    context = {**common_context(), **context}
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template_prefix}_message.txt", context),
        to=[to],
        reply_to=reply_to(context),
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
