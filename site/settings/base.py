"""Settings shared by every environment; each value that differs comes from the environment."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("COA_VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
DEBUG = False

INSTALLED_APPS = [
    "core",
    "home",
    "members",
    "resources",
    "webinars",
    "forums",
    "stories",
    "consensus",
    "evaluation",
    "coaching",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailnhsukfrontend",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one: marks every response that showed something closed as not cacheable.
    "core.access.PrivateResponseMiddleware",
    # Headers on every response, redirects and error pages included.
    "core.middleware.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Needs the session, the signed-in user and messages; before any view reads the query.
    "core.middleware.SessionIdleTimeoutMiddleware",
    "core.middleware.StripControlCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.StaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "coa_site.urls"
# A form sent after its page was open too long gets the site's own page, with a way back.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
WSGI_APPLICATION = "coa_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}


def tuned(database):
    """`database` (a DATABASES entry) with the options every environment wants.

    SQLite ignores SELECT ... FOR UPDATE: taking the write lock when a transaction begins
    makes two registrations for the last place (or any read-then-write) wait in turn.
    PostgreSQL's JIT compiler spends 300-500 ms compiling the access policy's closed-areas
    query (an OR of members-only flags over every area's table), which runs in well under a
    millisecond without it: our queries are many and small, so JIT is off.
    """
    options = database.setdefault("OPTIONS", {})
    if database["ENGINE"] == "django.db.backends.sqlite3":
        options.setdefault("transaction_mode", "IMMEDIATE")
    elif database["ENGINE"] == "django.db.backends.postgresql":
        options["options"] = " ".join(filter(None, [options.get("options", ""), "-c jit=off"]))
    return database


tuned(DATABASES["default"])
# Django's default AutoField keeps wagtail-nhsuk-frontend's models free of phantom migrations.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Caching and rate limits: Redis when REDIS_URL is set, else memory in this process.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "coa",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Internationalisation: English at /, Welsh at /cy/.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: every message is queued as a task (core.tasks.deliver_email), which sends it through
# COA_EMAIL_DELIVERY_BACKEND and tries again later when the mail server is down. SMTP settings
# come from the environment; dev and test override the delivery backend.
EMAIL_BACKEND = "core.mail.TaskQueueEmailBackend"
COA_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "true"
# Seconds before a silent mail server counts as down (the task then tries again later).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Community of Action <no-reply@community-of-action.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
COA_EMAIL_OUTBOX_DIR = VAR_DIR / "outbox"
# Messages still undelivered after the last try wait here for `manage.py resend_email`.
COA_EMAIL_UNDELIVERED_DIR = VAR_DIR / "undelivered-email"

# Sign-up and sign-in (django-allauth): email is the login, verified before first use.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:account"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# The sign-in form asks "Keep me signed in on this device". Unticked (and after a sign-in by
# emailed code), the session ends when the browser closes and, for the shared computer whose
# browser stays open, after COA_SESSION_IDLE_HOURS without a request
# (core.middleware.SessionIdleTimeoutMiddleware). Ticked, it lasts SESSION_COOKIE_AGE.
ACCOUNT_SESSION_REMEMBER = None
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
COA_SESSION_IDLE_HOURS = int(os.environ.get("COA_SESSION_IDLE_HOURS", "4"))
# A member locked out of password sign-in, or who has forgotten it, can always ask for a code.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60  # time to find the email, which may arrive late
# Failed sign-ins: 10 a minute from one address, and 5 in 5 minutes for one account from one
# address (members.adapters keys the second on both), so failing sign-ins for someone else's
# address from many places cannot lock them out.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_PREVENT_ENUMERATION = True
# A reset or code asked for an address with no account shows the same page and sends nothing:
# we do not write to people who have not joined.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# A short email after a change to someone's sign-in (password changed or set, email address
# changed or removed, two-factor turned on or off, new recovery codes).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Community of Action] "
ACCOUNT_FORMS = {
    "signup": "members.forms.SignupForm",
    "login": "members.forms.LoginForm",
    "request_login_code": "members.forms.RequestLoginCodeForm",
    "confirm_login_code": "members.forms.ConfirmLoginCodeForm",
    "add_email": "members.forms.AddEmailForm",
    "change_password": "members.forms.ChangePasswordForm",
    "reset_password": "members.forms.ResetPasswordForm",
    "reset_password_from_key": "members.forms.ResetPasswordKeyForm",
}
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "members.adapters.MFAAdapter"
MFA_FORMS = {
    "activate_totp": "members.forms.ActivateTOTPForm",
    "authenticate": "members.forms.MFAAuthenticateForm",
    "reauthenticate": "members.forms.MFAReauthenticateForm",
}
MFA_TOTP_ISSUER = "Community of Action"
# Moderators and editors need a second factor before any admin page opens.
COA_REQUIRE_STAFF_MFA = True

# Content-Security-Policy (django-csp, through core.middleware): our pages load scripts and
# styles from our own static files only, and frame only the two privacy-enhanced video players.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        # Our own fonts only: the NHS.UK stylesheet's Frutiger (assets.nhs.uk) is left out.
        "font-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail and Django admins use inline scripts and styles, show uploads before they are
# saved (blob:) and frame their own page previews: a looser policy for /admin/ and /django-admin/.
COA_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-src": [SELF, *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]],
        "frame-ancestors": [SELF],
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Community of Action"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
# Wagtail's page Privacy control (login, groups, shared password) uses the site's own pages.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "core/password_required.html"
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "core/password_required.html"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILDOCS_DOCUMENT_MODEL = "resources.ResourceDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "mp3", "mp4", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Every document upload (add, multiple, chooser) is checked: extension, size, content.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.forms.ResourceDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False

if os.environ.get("ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "coa_"),
        }
    }
elif os.environ.get("OPENSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [os.environ["OPENSEARCH_URL"]],
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "coa_"),
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Background work (search index updates, document previews) through django-tasks. Locally
# tasks run at once; production queues them in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Each background task logs its start and end at INFO; only problems matter here.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
