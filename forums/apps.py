"""Forums: boards, topics and posts, moderation and notifications, safe by design."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import moderation, notifications, signal_handlers  # noqa: F401
