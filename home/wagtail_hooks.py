"""Admin registration for the home app: the support message snippet, under Settings."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SupportMessage


class SupportMessageViewSet(SnippetViewSet):
    """Beside "Safety and support", which says which message the site shows. Being a
    translatable snippet, each message has wagtail-localize's Translate action."""

    model = SupportMessage
    icon = "help"
    menu_label = _("Support messages")
    add_to_settings_menu = True
    list_display = ["heading"]


register_snippet(SupportMessageViewSet)
