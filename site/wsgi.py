"""WSGI entry point for gunicorn: `gunicorn coa_site.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coa_site.settings.production")

application = get_wsgi_application()
