"""Shared test set-up: each test gets its own media folder and no outside service is used."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still
# used synchronously there (fixtures, assertions), which Django allows only with this flag.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
