"""Admin registration for webinars."""

from wagtail.snippets.models import register_snippet

from .models import Speaker

register_snippet(Speaker)
