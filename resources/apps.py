"""Resources app: the library of subject folders, documents, previews, downloads and analytics."""

from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resource library"

    def ready(self):
        from . import signal_handlers  # noqa: F401
