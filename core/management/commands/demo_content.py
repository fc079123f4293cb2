"""Build the demo site: each installed app's `demo.build(stdout)`, in INSTALLED_APPS order."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


def demo_builders():
    """(app label, build) for each app whose `demo` module has a `build` (core's has helpers)."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            build = getattr(import_module(f"{config.name}.demo"), "build", None)
            if build is not None:
                yield config.label, build


class Command(BaseCommand):
    help = "Create the demo content. Safe to run again: nothing is duplicated."

    def handle(self, *args, **options):
        for label, build in demo_builders():
            self.stdout.write(f"Demo content: {label}")
            with transaction.atomic():
                build(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
