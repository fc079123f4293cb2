"""What search engines are given: the sitemap, in every language, and robots.txt.

Wagtail's own sitemap lists only the tree of the site's root page, the default language's
(wagtail#12420). `TranslatedSitemap` lists the tree of each translation of the site's home
page, and gives each page the addresses of its translations as hreflang alternates
(`<xhtml:link rel="alternate" hreflang="cy" href="...">`, and `x-default` for the site's own
language). Which pages are listed stays `BasePage.get_sitemap_urls`' answer: only what the
person asking (a crawler: a visitor) may open, by core.access; an alternate is listed only
if it passes the same test.
"""

from django.conf import settings
from django.db.models import F, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.sitemaps import Sitemap
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from . import access

#: Asked to be left alone by crawlers: the admin, and Wagtail's document URL, where each
#: fetch would count as a download (the library's figures); resource pages are the way in.
UNLISTED_PATHS = ("/admin/", "/django-admin/", "/documents/", "/calendar/")
#: The same, under each language's prefix: accounts, members' own pages, search results.
UNLISTED_LANGUAGE_PATHS = ("accounts/", "members/", "search/", "my-webinars/")
#: Anywhere: a resource's counted download and preview routes, a webinar's calendar file,
#: and the switcher's "not in this language yet" address (the same page again).
UNLISTED_PATTERNS = (
    "/*/download/",
    "/*/preview/",
    "/*/calendar/",
    "/*?language=",
    "/*&language=",
)


class TranslatedSitemap(Sitemap):
    """Every live page of every language's home tree, with its translations as alternates."""

    def pages(self):
        site = self.get_wagtail_site()
        root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        home_paths = Page.objects.filter(translation_key__in=root_key).values_list(
            "path", flat=True
        )
        in_a_home_tree = Q(pk__in=[])
        for path in home_paths:
            in_a_home_tree |= Q(path__startswith=path)
        return Page.objects.filter(in_a_home_tree).live().public().order_by("path")

    def items(self):
        return self.pages().defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        entries = [
            (item, url_info)
            for item in self.paginator.page(page).object_list
            for url_info in item.get_sitemap_urls(self.request)
        ]
        alternates = self.alternates({item.translation_key for item, _url_info in entries})
        last_mods = set()
        urls = []
        for item, url_info in entries:
            item_alternates = alternates.get(item.translation_key, [])
            # Only a page's own address has its translations; a sub-route's has none.
            if any(a["location"] == url_info["location"] for a in item_alternates):
                url_info["alternates"] = item_alternates
            urls.append(url_info)
            last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def alternates(self, translation_keys):
        """{translation key: [{"lang_code", "location"}]} for keys with two or more
        languages a visitor may open, in settings.LANGUAGES order, then x-default."""
        candidates = (
            self.pages()
            .filter(translation_key__in=translation_keys)
            .annotate(language_code=F("locale__language_code"))
            .only("id", "path", "depth", "url_path", "translation_key", "live", "expire_at")
        )
        by_key = {}
        for page in candidates:
            if self.request is not None and not access.page_verdict(self.request, page).allowed:
                continue
            with translation.override(page.language_code):
                location = page.get_full_url(self.request)
            if location:
                by_key.setdefault(page.translation_key, {})[page.language_code] = location
        order = [code for code, _name in settings.LANGUAGES]
        site_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        alternates = {}
        for key, locations in by_key.items():
            if len(locations) < 2:
                continue
            codes = sorted(locations, key=lambda c: order.index(c) if c in order else len(order))
            alternates[key] = [{"lang_code": c, "location": locations[c]} for c in codes]
            if site_language in locations:
                alternates[key].append(
                    {"lang_code": "x-default", "location": locations[site_language]}
                )
        return alternates


def robots_txt(request):
    """robots.txt: what crawlers may leave out, and where the sitemap is."""
    prefixes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.append(reverse("wagtail_serve", args=[""]))
    unlisted = [
        *UNLISTED_PATHS,
        *(prefix + path for prefix in dict.fromkeys(prefixes) for path in UNLISTED_LANGUAGE_PATHS),
        *UNLISTED_PATTERNS,
    ]
    return TemplateResponse(
        request,
        "robots.txt",
        {"unlisted": unlisted, "sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )
