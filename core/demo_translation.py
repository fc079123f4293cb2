"""Demo translations made the way an editor's are, through wagtail-localize.

Each app's demo builder (core.demo) writes its Welsh texts as data; `translate` turns one
object's texts into a wagtail-localize translation: a TranslationSource is taken from the
source object, each of its string segments gets a StringTranslation with the text found at
the same place in the translated words, and the Translation's target is saved (a page is
published). The result shows as a translation in the admin, opens in the Translate screen
and can be synchronised later like any other.
"""

from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def translate(instance, words, locale, stdout):
    """Translate `instance` into `locale` with the texts of `words`, unless it already is.

    `words` is an unsaved instance of the same model holding the translated texts, with the
    same structure (fields, blocks, paragraphs and list items in the same order); the text
    of each segment is found by its field path and position. Returns the translation, or
    None when the source no longer matches the words (an editor has changed it since the
    demo made it): then it is left as it is, and the skip is reported.
    """
    if instance.has_translation(locale):
        return instance.get_translation(locale)

    if isinstance(instance, Page):
        instance = instance.specific
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translated_strings = strings_by_path(words)
    segments = (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    pairs = []
    for segment in segments:
        remaining = translated_strings.get(segment.context.path)
        if not remaining:
            stdout.write(
                f"  skipped translating '{instance}': it no longer matches the demo text "
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
    if not isinstance(instance, Page):
        translation.save_target()
        return translation.get_target_instance()
    # Saved as a draft, then published here rather than in wagtail-localize's on-commit hook,
    # so the page is live inside the caller's transaction (and in tests, which never commit).
    translation.save_target(publish=False)
    translated = translation.get_target_instance()
    translated.get_latest_revision().publish()
    return translated


def strings_by_path(instance):
    """The translatable strings of an unsaved instance, grouped by field path, in order."""
    by_path = {}
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            by_path.setdefault(segment.path, []).append(segment.string.data)
    return by_path
