"""Demo content for the home app: the home page, About, accessibility and privacy, in Welsh too.

`build(stdout)` is called by the `demo_content` command. It is idempotent: a page that exists
(found by its place in the tree and its slug) is left as it is, so running it again creates
nothing twice and does not overwrite what editors have changed.

The words are in `data/`, one JSON file per page (see `data/README.md`). The Welsh pages are
made the way an editor's translation is made, through wagtail-localize: a TranslationSource is
taken from the English page, each of its string segments gets a StringTranslation with the
Welsh text, and the Translation's target page is saved and published. The pages therefore show
as translations in the admin and can be synchronised later like any other.
"""

import json
import uuid

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from core.demo import add_published_page, find_or_create_page, read_data

from ..models import HomePage, SafetySettings, StandardPage

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
    SafetySettings.for_site(site)  # creates the settings with their defaults once

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
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translated_strings = strings_by_path(
        page.specific_class(**page_fields(key, spec[locale.language_code]))
    )
    segments = (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    pairs = []
    for segment in segments:
        remaining = translated_strings.get(segment.context.path)
        if not remaining:
            # An editor has changed the English page since the demo made it: leave it be.
            stdout.write(
                f"  skipped translating '{page.title}': it no longer matches the demo text "
                f"(nothing for '{segment.string.data[:60]}')"
            )
            return None
        pairs.append((segment, remaining.pop(0)))

    for segment, text in pairs:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )

    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    # Saved as a draft, then published here rather than in wagtail-localize's on-commit hook,
    # so the page is live inside the caller's transaction (and in tests, which never commit).
    translation.save_target(publish=False)
    translated = translation.get_target_instance()
    translated.get_latest_revision().publish()
    stdout.write(
        f"  translated '{page.title}' into {locale.get_display_name()}: '{translated.title}'"
    )
    return translated


def strings_by_path(instance):
    """The translatable strings of an unsaved instance, grouped by field path, in page order."""
    by_path = {}
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            by_path.setdefault(segment.path, []).append(segment.string.data)
    return by_path
