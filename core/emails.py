"""Emails every app sends: plain text and simple HTML from templates, in the site's voice.

Every email we send, allauth's included (members.adapters), has the site's name and says
how to reach a person: the contact address from ContactSettings, which is also the
Reply-To, so replying to a no-reply sender still reaches someone.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from .models import ContactSettings


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


def send_templated_email(template_prefix, to, context, attachments=(), headers=None):
    """Render `<prefix>_subject.txt`, `_message.txt` and `_message.html`; send; report success.

    `attachments`: (filename, text or bytes, MIME type) triples, such as a calendar file.
    `headers`: extra message headers, such as `List-Unsubscribe`.

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
        headers=dict(headers or {}),
    )
    message.attach_alternative(
        render_to_string(f"{template_prefix}_message.html", context), "text/html"
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message.send() > 0
