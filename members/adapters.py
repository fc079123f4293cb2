"""Hooks into django-allauth for the community's sign-up rules, plainer messages and emails."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from . import emails


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is not active. Contact us if you need help."),
        "email_password_mismatch": _(
            "The email address or password is not right. Check them and try again."
        ),
        "enter_current_password": _("Enter your current password"),
        "incorrect_password": _("That password is not right. Check it and try again."),
        "incorrect_code": _("That code is not right. Check the email we sent and try again."),
        "invalid_or_expired_key": _("This link has expired or has already been used."),
        "invalid_password_reset": _(
            "This password reset link has expired or has already been used. Ask for a new one."
        ),
        "too_many_login_attempts": _(
            "You have tried to sign in too many times. Wait a few minutes, then try again."
        ),
        "unverified_primary_email": _("Confirm your email address first."),
        "same_as_current": _("Enter a value that is different from the current one."),
        "rate_limited": _("You have done that too many times. Wait a few minutes and try again."),
    }

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's emails get what ours have (members.emails): the site's name rather than
        the host, links to the account pages, the contact address and Reply-To."""
        context = {**emails.common_context(context.get("request")), **context}
        message = super().render_mail(template_prefix, email, context, headers=headers)
        message.reply_to = emails.reply_to(context)
        return message

    def get_password_change_redirect_url(self, request):
        return reverse("members:account")

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Counts failed sign-ins for an account per client address (allauth's "login_failed"
        rate limit), so failing sign-ins for a member's address from many places cannot lock
        the member out. The per-address limit still applies to every account together."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{self.get_client_ip(request)}:{account}"


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "That code is not right. Enter the 6-digit code your app shows now, "
            "or one of your recovery codes."
        ),
        "unverified_email": _(
            "Confirm your email address before you set up two-factor authentication."
        ),
    }
