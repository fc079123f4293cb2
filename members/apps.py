"""Members app: accounts, membership approval, profiles and roles."""

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members"

    def ready(self):
        from . import signal_handlers  # noqa: F401
