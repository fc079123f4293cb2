"""Shared test set-up: each test gets its own media folder and no outside service is used.

Transactional tests (live server, browser, concurrency) end by flushing every table, rows
that data migrations made included. They are marked `transactional` so `make test` runs
them in a pass of their own, and each starts by putting those rows back.
"""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still
# used synchronously there (fixtures, assertions), which Django allows only with this flag.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return (
        "live_server" in item.fixturenames
        or "transactional_db" in item.fixturenames
        or bool(marker and marker.kwargs.get("transaction"))
    )


def xdist_group(item):
    """Which test worker's run a test joins (`make test` runs xdist with --dist loadgroup):
    each module whole, as --dist loadfile would, but tests/demo/ as one, so the demo its
    package fixture builds is built once, not again each time a worker comes back to it."""
    path = item.path.relative_to(item.config.rootpath).as_posix()
    return "demo" if path.startswith("tests/demo/") else path


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if is_transactional(item):
            item.add_marker(pytest.mark.transactional)
        item.add_marker(pytest.mark.xdist_group(xdist_group(item)))


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _email_through_the_queue(settings, tmp_path):
    """pytest-django sets EMAIL_BACKEND to locmem for every test; put back the task queue of
    settings/test.py, so each email takes the production path to `mail.outbox`."""
    settings.EMAIL_BACKEND = "core.mail.TaskQueueEmailBackend"
    settings.COA_EMAIL_UNDELIVERED_DIR = tmp_path / "undelivered-email"


@pytest.fixture(autouse=True)
def _site_language():
    """A request to a /cy/ page leaves Welsh active in the thread (LocaleMiddleware activates
    it and nothing resets it), so a later test's reverse() would give Welsh URLs."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Wagtail caches site root paths and allauth counts attempts for its rate limits in the
    cache; a rolled-back test must not leave either behind for the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _rows_made_by_migrations(request):
    if is_transactional(request.node):
        from tests.migration_rows import restore_rows_made_by_migrations

        request.getfixturevalue("transactional_db")
        restore_rows_made_by_migrations()


@pytest.fixture
def request_for():
    """A GET request made by `user` (None: a visitor), with a session, for core.access."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    def make(user=None, path="/"):
        request = RequestFactory().get(path)
        request.user = user or AnonymousUser()
        request.session = SessionStore()
        return request

    return make
