"""Finds what the header, footer, breadcrumbs and language switcher link to, in few queries.

Each function returns plain data (labels and URLs), so a caller could cache it as it is.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q, Subquery
from django.db.models.functions import Length, Substr
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from .models import FooterLink, StandardPage


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False
    active: bool = False


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def active_language_code():
    """The active language as a content language code ("en-gb" or "cy")."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def find_site(request):
    return Site.find_for_request(request) if request is not None else None


def _home_path(site, language_code):
    """A subquery: the tree path of the site's home page in the given language."""
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")[:1]
    return Page.objects.filter(
        translation_key=Subquery(root_key), locale__language_code=language_code
    ).values("path")[:1]


def primary_navigation(request, current_page=None):
    """Live children of the home page in the active language marked "show in menus"."""
    site = find_site(request)
    if site is None:
        return []
    pages = (
        Page.objects.live()
        .in_menu()
        .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(parent_path=Subquery(_home_path(site, active_language_code())))
        .only("id", "path", "url_path", "title", "draft_title")
        .order_by("path")
    )
    current_path = getattr(current_page, "path", None) or ""
    links = []
    for page in pages:
        url = page.get_url(request)
        if url:
            links.append(
                Link(
                    label=page.title,
                    url=url,
                    current=page.pk == getattr(current_page, "pk", None),
                    active=current_path.startswith(page.path),
                )
            )
    return links


def footer_links(request):
    """The About, accessibility and privacy pages in the active language, in that order."""
    site = find_site(request)
    if site is None:
        return []
    pages = (
        StandardPage.objects.live()
        .filter(
            footer_link__in=FooterLink.values,
            locale__language_code=active_language_code(),
            path__startswith=Subquery(_home_path(site, active_language_code())),
        )
        .only("id", "path", "url_path", "title", "draft_title", "footer_link")
        .order_by("path")
    )
    by_role = {}
    for page in pages:
        by_role.setdefault(page.footer_link, page)
    links = []
    for role in FooterLink.values:
        page = by_role.get(role)
        url = page.get_url(request) if page else None
        if url:
            links.append(Link(label=page.title, url=url))
    return links


def breadcrumb_pages(page):
    """The pages above this one, from its home page down; none on a home page."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gt=1).only("id", "path", "url_path", "title"))


def language_links(request, page=None):
    """One link per language: this page's translation, else that language's home page.

    Pages are matched through their translation key, so the switcher keeps the reader on
    the same content; other views (sign in, search) keep their URL under the other prefix.
    """
    current_code = active_language_code()
    urls = {}
    if isinstance(page, Page) and page.pk and request is not None:
        urls = _page_translation_urls(request, page)
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code) or _translated_path(request, code)
        links.append(
            LanguageLink(
                code=code, name=_native_name(code, name), url=url, current=code == current_code
            )
        )
    return links


def _page_translation_urls(request, page):
    site = find_site(request)
    if site is None:
        return {}
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")[:1]
    candidates = (
        Page.objects.live()
        .filter(Q(translation_key=page.translation_key) | Q(translation_key=Subquery(root_key)))
        .annotate(language_code=F("locale__language_code"))
        .only("id", "path", "url_path", "translation_key")
    )
    translations, homes = {}, {}
    for candidate in candidates:
        target = translations if candidate.translation_key == page.translation_key else homes
        target[candidate.language_code] = candidate
    urls = {}
    for code, _name in settings.LANGUAGES:
        chosen = translations.get(code) or homes.get(code)
        if chosen is not None:
            with translation.override(code):
                url = chosen.get_url(request)
            if url:
                urls[code] = url
    return urls


def _translated_path(request, code):
    """This URL under the other language's prefix; that language's home if it has none."""
    with translation.override(code):
        home = reverse("wagtail_serve", args=[""])
    if request is None:
        return home
    path = request.get_full_path()
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return home
    if match.url_name == "wagtail_serve":
        # A page path with no page in the context (a 404): its translation may not exist.
        return home
    return translate_url(path, code)


def _native_name(code, fallback):
    """Each language named in itself, so a reader can find their own."""
    return {"en-gb": "English", "cy": "Cymraeg"}.get(code, str(fallback))
