"""Production: refuses to start without its secrets; PostgreSQL, Redis, secure cookies, HSTS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import tuned


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable to run in production.")
    return value


SECRET_KEY = required("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
ALLOWED_HOSTS = [host.strip() for host in required("ALLOWED_HOSTS").split(",") if host.strip()]
# The site address that membership emails and the admin's own emails link to.
WAGTAILADMIN_BASE_URL = required("WAGTAILADMIN_BASE_URL").rstrip("/")
if not WAGTAILADMIN_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured("WAGTAILADMIN_BASE_URL must start with https://.")

import dj_database_url  # noqa: E402

DATABASES = {
    "default": tuned(
        dj_database_url.parse(required("DATABASE_URL"), conn_max_age=600, conn_health_checks=True)
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production.")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": required("REDIS_URL"),
        "KEY_PREFIX": "coa",
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

DEBUG = False
COA_REQUIRE_STAFF_MFA = True
# Slow work (document previews, search indexing) leaves the request: `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Email waits in that queue too: a mail server that is down delays messages, never loses them.
EMAIL_BACKEND = "core.mail.TaskQueueEmailBackend"
COA_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production runs behind a proxy (the header above already trusts it), so allauth finds the
# client's address, which its rate limits count by, in X-Forwarded-For: that many proxies from
# the right. Or, where the proxy puts it in a header of its own (X-Real-IP, CF-Connecting-IP),
# name that header. Left at REMOTE_ADDR, every visitor would share the proxy's one limit.
try:
    ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("ALLAUTH_TRUSTED_PROXY_COUNT", "1"))
except ValueError:
    raise ImproperlyConfigured("ALLAUTH_TRUSTED_PROXY_COUNT must be a whole number.") from None
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = (
    os.environ.get("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", "").strip() or None
)
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true") == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 63_072_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail sets SAMEORIGIN itself on its preview views
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "coa_site.storage.ManifestStaticStorage"},
}
