"""URL routes: admin, documents and sitemap outside the language prefix; everything else in it."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.sitemaps import TranslatedSitemap, robots_txt
from webinars import urls as webinar_urls


class LoginRedirectView(RedirectView):
    """Send the Wagtail and Django admin login pages to the site's one sign-in page."""

    url = reverse_lazy("account_login")
    query_string = True


urlpatterns = [
    path("admin/login/", LoginRedirectView.as_view(), name="wagtailadmin_login_redirect"),
    path("django-admin/login/", LoginRedirectView.as_view(), name="djangoadmin_login_redirect"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Preview page images of library documents, behind the library's access rule.
    path("", include("resources.urls")),
    # A member's personal webinar calendar: the secret in the address stands for them.
    path("calendar/", include(webinar_urls.calendar_urlpatterns)),
    # One-click unsubscribe from forum emails: the token in the address stands for the member.
    path("forums-email/", include("forums.urls")),
    # Every language's pages with hreflang alternates (Wagtail's lists one language only).
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Only images are public files. Documents and their preview pages are never served from
    # /media/: they go through views that apply the library's access rule and count use.
    for public_folder in ("images", "original_images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{public_folder}/",
            document_root=settings.MEDIA_ROOT / public_folder,
        )

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("search/", include("search.urls")),
    path("my-webinars/", include("webinars.urls")),
    path("my-stories/", include("stories.urls")),
    path("consensus/", include("consensus.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("coaching/", include("coaching.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
