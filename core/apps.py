"""Core app: what every other app of ours shares. It imports none of them."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
