"""Local development: debug on, email to the console and to a file outbox."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-not-for-production")
# Email is queued as in production (base.py); the task prints it and keeps a copy in a file.
COA_EMAIL_DELIVERY_BACKEND = "core.mail.ConsoleAndFileBackend"
COA_EMAIL_OUTBOX_DIR = VAR_DIR / "outbox"
# The demo's staff logins use a password alone; production always asks for a second factor.
COA_REQUIRE_STAFF_MFA = os.environ.get("COA_REQUIRE_STAFF_MFA", "false") == "true"
