"""What the browser tests of the Wagtail admin share: a signed-in browser, and the editors'
permissions back after the previous transactional test flushed the tables."""

from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.test import Client

from wagtail.permissions import policy_registry

SHOTS = Path("/tmp/issue7-shots")


def sign_in(page, live_server, user):
    """Give the browser the session `user` would have after signing in."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def screenshot(page, name, **kwargs):
    """A full-page screenshot under SHOTS, to look at after the run."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True, **kwargs)


def restore_editors_permissions():
    """A transactional test ends by flushing the tables. The next one gets the roles' groups
    back (tests/migration_rows.py) but not the editors' role permissions, and its content
    types come back with new ids while Wagtail's permission policies keep the ids they first
    looked up. Put back the one and forget the other, so each admin test stands alone."""
    import_module("members.migrations.0003_role_permissions").grant(apps, None)
    registries = (
        policy_registry.fallback_policies,
        policy_registry.values_by_class,
        policy_registry.values_by_exact_class,
    )
    for registry in registries:
        for policy in registry.values():
            policy.__dict__.pop("_content_type", None)
