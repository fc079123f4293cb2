"""The site's URLs plus two that fail on purpose, for the 403 and 500 page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from coa_site import urls


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("A failure for the 500 page test")


urlpatterns = [
    *i18n_patterns(
        path("test-forbidden/", forbidden),
        path("test-broken/", broken),
        prefix_default_language=False,
    ),
    *urls.urlpatterns,
]
