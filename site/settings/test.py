"""Test settings: fast hashing, mail kept in memory, no outside services."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, tuned

DEBUG = False
SECRET_KEY = "test-only-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Email goes through the task queue as in production and is delivered to `mail.outbox`.
# pytest-django swaps EMAIL_BACKEND for locmem itself: tests/conftest.py puts the queue back.
EMAIL_BACKEND = "core.mail.TaskQueueEmailBackend"
COA_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
COA_EMAIL_UNDELIVERED_DIR = BASE_DIR / "var" / "test-undelivered-email"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
COA_REQUIRE_STAFF_MFA = True
# Tests run against SQLite unless TEST_DATABASE_URL names another database (PostgreSQL in CI).
if os.environ.get("TEST_DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": tuned(dj_database_url.parse(os.environ["TEST_DATABASE_URL"]))}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
