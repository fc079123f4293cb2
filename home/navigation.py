"""Finds what the header, footer, breadcrumbs and language switcher link to, in few queries.

Each function returns plain data (labels and URLs), so a caller could cache it as it is.

A reader of any language reaches every part of the site: a menu item or footer page not yet
translated into their language is listed in the language it is written in, marked as such
(`Link.language`), and the switcher on a page with no translation keeps the reader on the
page with a notice (`translation_notice`) instead of sending them somewhere else.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q, Subquery
from django.db.models.functions import Length, Substr
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from .models import FooterLink, StandardPage

#: The query parameter the switcher adds when a page has no translation in the language chosen.
LANGUAGE_PARAMETER = "language"
NOTICE_ID = "translation-notice"

#: How a link to a page in another language is marked, in the reader's language.
IN_LANGUAGE = {"en-gb": _("(in English)"), "cy": _("(in Welsh)")}
#: The notice shown when the switcher finds no translation: (title, text, home link text),
#: shown in the language the reader asked for.
NOT_TRANSLATED = {
    "cy": (
        _("This page is not in Welsh yet"),
        _("You can read it in English below."),
        _("Go to the Welsh home page"),
    ),
    "en-gb": (
        _("This page is not in English yet"),
        _("You can read it in Welsh below."),
        _("Go to the English home page"),
    ),
}
NOT_TRANSLATED_FALLBACK = (
    _("This page is not translated yet"),
    _("You can read it below in the language it is written in."),
    _("Go to the home page"),
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False
    active: bool = False
    #: The page's language code when it is not the reader's (not yet translated), else "".
    language: str = ""
    #: How the template marks that, in the reader's language: "(in English)".
    language_note: str = ""


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    #: False when this page has no translation in that language: `url` then keeps the reader
    #: on this page and asks for the notice.
    available: bool = True


@dataclass(frozen=True)
class TranslationNotice:
    """'This page is not in Welsh yet': shown in the language the reader asked for."""

    code: str
    title: str
    text: str
    home_label: str
    home_url: str
    element_id: str = NOTICE_ID


def active_language_code():
    """The active language as a content language code ("en-gb" or "cy")."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return site_language_code()


def site_language_code():
    """The site's own language (settings.LANGUAGE_CODE) as a content language code."""
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
    """Live children of the home page marked "show in menus", in the active language.

    A section of the site's own home page with no live translation in the active language is
    listed as it is, marked with its language, so no part of the site is out of reach. One
    query: the children of both home pages.
    """
    site = find_site(request)
    if site is None:
        return []
    code = active_language_code()
    pages = (
        Page.objects.live()
        .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(
            Q(parent_path=Subquery(_home_path(site, code)))
            | Q(parent_path=Subquery(_site_root_path(site)), show_in_menus=True)
        )
        .annotate(language_code=F("locale__language_code"))
        .only("id", "path", "url_path", "title", "draft_title", "translation_key", "show_in_menus")
        .order_by("path")
    )
    current_path = getattr(current_page, "path", None) or ""
    links = []
    for page in _in_readers_language(pages, code):
        url = page.get_url(request)
        if url:
            links.append(
                Link(
                    label=page.title,
                    url=url,
                    current=page.pk == getattr(current_page, "pk", None),
                    active=current_path.startswith(page.path),
                    **_language_marks(page.language_code, code),
                )
            )
    return links


def _site_root_path(site):
    return Page.objects.filter(pk=site.root_page_id).values("path")[:1]


def _in_readers_language(pages, code):
    """The menu: each page in the reader's language where it has a live translation, else
    as it is (a translation an editor took out of the menu stays out).

    `pages` (in tree order) are the reader's home page's children and the site root's
    children in the menu. The root's order is kept; pages only the reader's language has
    come last.
    """
    pages = list(pages)
    translated = {page.translation_key: page for page in pages if page.language_code == code}
    chosen = []
    for page in pages:
        if page.language_code == code:
            continue
        counterpart = translated.pop(page.translation_key, None)
        if counterpart is None:
            chosen.append(page)
        elif counterpart.show_in_menus:
            chosen.append(counterpart)
    chosen.extend(page for page in translated.values() if page.show_in_menus)
    return chosen


def _language_marks(page_code, reader_code):
    if page_code == reader_code:
        return {}
    return {"language": page_code, "language_note": IN_LANGUAGE.get(page_code, page_code)}


def footer_links(request):
    """The About, accessibility and privacy pages in the active language, in that order.

    A role with no page in the active language links to the site root's page, marked.
    """
    site = find_site(request)
    if site is None:
        return []
    code = active_language_code()
    pages = (
        StandardPage.objects.live()
        .filter(footer_link__in=FooterLink.values)
        .filter(
            Q(locale__language_code=code, path__startswith=Subquery(_home_path(site, code)))
            | Q(path__startswith=Subquery(_site_root_path(site)))
        )
        .annotate(language_code=F("locale__language_code"))
        .only("id", "path", "url_path", "title", "draft_title", "footer_link")
        .order_by("path")
    )
    by_role = {}
    for page in pages:
        by_role.setdefault(page.footer_link, {}).setdefault(page.language_code, page)
    links = []
    for role in FooterLink.values:
        candidates = by_role.get(role, {})
        page = candidates.get(code) or next(iter(candidates.values()), None)
        url = page.get_url(request) if page else None
        if url:
            links.append(
                Link(label=page.title, url=url, **_language_marks(page.language_code, code))
            )
    return links


def breadcrumb_pages(page):
    """The pages above this one, from its home page down; none on a home page."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gt=1).only("id", "path", "url_path", "title"))


def language_links(request, page=None):
    """One link per language: this page's translation, else this page with a notice.

    Pages are matched through their translation key, so the switcher keeps the reader on
    the same content. A page with no live translation in a language links to itself with
    `?language=<code>`, which shows `translation_notice`: the reader keeps their place and
    is told, in the language they chose, that it is not translated yet. Other views (sign
    in, search) keep their URL under the other prefix.
    """
    current_code = active_language_code()
    urls = None
    if isinstance(page, Page) and page.pk and request is not None:
        urls = _page_translation_urls(request, page)
    links = []
    for code, name in settings.LANGUAGES:
        available = urls is None or code in urls or code == current_code
        if urls is None:
            url = _translated_path(request, code)
        elif code in urls:
            url = urls[code]
        else:
            url = _notice_url(request, code)
        links.append(
            LanguageLink(
                code=code,
                name=_native_name(code, name),
                url=url,
                current=code == current_code,
                available=available,
            )
        )
    return links


def translation_notice(request, links):
    """The notice to show when the reader chose a language this page is not in, else None.

    `links` are `language_links`' answer, so this costs no query.
    """
    if request is None:
        return None
    wanted = request.GET.get(LANGUAGE_PARAMETER)
    for link in links:
        if link.code == wanted and not link.current and not link.available:
            title, text, home_label = NOT_TRANSLATED.get(link.code, NOT_TRANSLATED_FALLBACK)
            with translation.override(link.code):
                home_url = reverse("wagtail_serve", args=[""])
            return TranslationNotice(
                code=link.code, title=title, text=text, home_label=home_label, home_url=home_url
            )
    return None


def _notice_url(request, code):
    """This page's address asking for the notice in `code` (other parameters are kept)."""
    query = request.GET.copy()
    query[LANGUAGE_PARAMETER] = code
    return f"{request.path}?{query.urlencode()}"


def _page_translation_urls(request, page):
    """{language code: URL} of this page's live translations (itself included): one query."""
    site = find_site(request)
    if site is None:
        return {}
    candidates = (
        Page.objects.live()
        .filter(translation_key=page.translation_key)
        .annotate(language_code=F("locale__language_code"))
        .only("id", "path", "url_path", "translation_key")
    )
    rest = _sub_path(request, page)
    urls = {}
    for candidate in candidates:
        with translation.override(candidate.language_code):
            url = candidate.get_url(request)
        if url:
            urls[candidate.language_code] = url + rest
    return urls


def _sub_path(request, page):
    """What follows a routable page's own URL in this request (a forum topic under its
    board: `12/?page=2`), for the translation to keep the reader on the same thing."""
    if not isinstance(page, RoutablePageMixin):
        return ""
    own = page.get_url(request)
    if not own or not request.path.startswith(own) or request.path == own:
        return ""
    query = request.GET.copy()
    query.pop(LANGUAGE_PARAMETER, None)
    encoded = query.urlencode()
    return request.path[len(own) :] + (f"?{encoded}" if encoded else "")


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
