"""Template tags every app's templates share: the sign-in link that brings people back."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def sign_in_url(next_url):
    """The site's sign-in page, coming back to `next_url` afterwards."""
    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"
