"""Demo content for the home app: the home page, About, accessibility and privacy, and the
support message, in Welsh too.

`build(stdout)` is called by the `demo_content` command. It is idempotent: a page that exists
(found by its place in the tree and its slug) is left as it is, so running it again creates
nothing twice and does not overwrite what editors have changed.

The words are in `data/`, one JSON file per page (see `data/README.md`). The Welsh pages are
made the way an editor's translation is made, through wagtail-localize (core.demo_translation):
they show as translations in the admin and can be synchronised later like any other. The
support message (a snippet the safety settings point at) is the built-in signposting text,
translated the same way.
"""

import json
import uuid

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Locale, Page, Site

from core.demo import add_published_page, find_or_create_page, read_data
from core.demo_translation import translate

from ..models import (
    DEFAULT_SUPPORT_HEADING,
    DEFAULT_SUPPORT_HEADING_CY,
    DEFAULT_SUPPORT_TEXT,
    DEFAULT_SUPPORT_TEXT_CY,
    HomePage,
    SafetySettings,
    StandardPage,
    SupportMessage,
)

WELSH = "cy"
SITE_NAME = "Community of Action"
#: The standard pages under the home page, in this order: each is `data/<name>.json`.
STANDARD_PAGES = ("about", "accessibility", "privacy")
# StreamField block IDs are derived from this, so the English page and its Welsh text line
# up block by block, and a rebuilt database gets the same IDs.
BLOCK_ID_NAMESPACE = uuid.UUID("5d3c3f0e-6a43-4c8e-9b7a-1f2f8f0c7a10")


def build(stdout):
    welsh, created = Locale.objects.get_or_create(language_code=WELSH)
    if created:
        stdout.write("  created the Welsh (cy) locale")

    home_spec = read_data(__package__, "home.json")
    home = ensure_home_page(home_spec, stdout)
    site = ensure_default_site(home, stdout)
    settings = SafetySettings.for_site(site)  # creates the settings with their defaults once
    ensure_support_message(settings, welsh, stdout)

    # (page, the key its block IDs are made from, its words)
    pages = [(home, "home", home_spec)]
    for name in STANDARD_PAGES:
        spec = read_data(__package__, f"{name}.json")
        pages.append((ensure_standard_page(home, spec, stdout), spec["en"]["slug"], spec))

    for page, key, spec in pages:
        ensure_translation(page, key, spec, welsh, stdout)


def stream_data(key, blocks):
    """StreamField JSON with stable block IDs: `key` names the page, the index the block."""
    return json.dumps(
        [
            {
                "type": block["type"],
                "value": block["value"],
                "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{key}:{i}")),
            }
            for i, block in enumerate(blocks)
        ]
    )


def page_fields(key, words):
    return {
        "title": words["title"],
        "slug": words["slug"],
        "summary": words["summary"],
        "intro": words["intro"],
        "body": stream_data(key, words["body"]),
    }


def ensure_home_page(spec, stdout):
    existing = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if existing is not None:
        return existing
    home = add_published_page(
        Page.get_first_root_node(), HomePage(**page_fields("home", spec["en"]))
    )
    stdout.write(f"  created the home page '{home.title}'")
    return home


def ensure_default_site(home, stdout):
    """Point the default Site at the home page, and remove Wagtail's "Welcome" page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            is_default_site=True,
            root_page=home,
            site_name=SITE_NAME,
        )
        stdout.write("  created the default site")
    elif site.root_page_id != home.pk or site.site_name != SITE_NAME:
        site.root_page = home
        site.site_name = SITE_NAME
        site.save()
        stdout.write("  pointed the default site at the home page")

    # The "Welcome to your new Wagtail site!" page is a plain Page under the root.
    plain_page = ContentType.objects.get_for_model(Page)
    for welcome in Page.objects.filter(depth=2, content_type=plain_page, sites_rooted_here=None):
        stdout.write(f"  removed Wagtail's default page '{welcome.title}'")
        welcome.delete()
    return site


def ensure_support_message(settings, locale, stdout):
    """The built-in signposting as the site's support message, translated into `locale`
    with wagtail-localize, unless the settings already show a message."""
    if settings.support_message_id is not None:
        return
    message = SupportMessage.objects.create(
        heading=DEFAULT_SUPPORT_HEADING, text=DEFAULT_SUPPORT_TEXT, locale=Locale.get_default()
    )
    settings.support_message = message
    settings.save(update_fields=["support_message"])
    stdout.write(f"  created the support message '{message.heading}'")
    words = SupportMessage(heading=DEFAULT_SUPPORT_HEADING_CY, text=DEFAULT_SUPPORT_TEXT_CY)
    if translate(message, words, locale, stdout) is not None:
        stdout.write(f"  translated the support message into {locale.get_display_name()}")


def ensure_standard_page(home, spec, stdout):
    words = spec["en"]
    page, created = find_or_create_page(
        home,
        StandardPage,
        **page_fields(words["slug"], words),
        footer_link=spec["footer_link"],
        show_in_menus=spec["show_in_menus"],
    )
    if created:
        stdout.write(f"  created '{page.title}'")
    return page


def ensure_translation(page, key, spec, locale, stdout):
    """Translate the page into `locale` with wagtail-localize, unless it already is."""
    if page.has_translation(locale):
        return page.get_translation(locale)
    page = page.specific
    words = page.specific_class(**page_fields(key, spec[locale.language_code]))
    translated = translate(page, words, locale, stdout)
    if translated is not None:
        stdout.write(
            f"  translated '{page.title}' into {locale.get_display_name()}: '{translated.title}'"
        )
    return translated
