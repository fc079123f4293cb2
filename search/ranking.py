"""The order of search results: where the words were found first, then resources first.

Why the search page orders results itself rather than by the backend's relevance score
(measured with modelsearch 1.3 on Wagtail 8.0):

- SQLite (FTS5) ignores the fields' boosts. It scores the whole index row, title and
  everything else together, and multiplies by how short the title is; for a word most pages
  contain ("trauma") every score is about 0, so short titles such as "About us" came first.
- PostgreSQL honours the boosts (title above summary above description and document text,
  see `search_fields` in core/pages.py and resources/models/pages.py), but a word repeated
  in a page's text can still outscore the same word in a resource's summary.

So the order is decided here, the same on every database:

1. the words are in the title,
2. the words are in the summary,
3. the words are elsewhere (text, description, document, tags, authors);

within each, resources before other pages (people search for something to read), then the
newest first. "The words" means all of them, or any of them for the any-word fallback. A word
counts when a word in the field starts with it ("trauma" is in "Trauma-informed"), ignoring
case (SQLite ignores the case of ASCII letters only).

Elasticsearch and OpenSearch cannot sort by these expressions: with them the results keep
the backend's relevance order, where the boosts apply.
"""

import string

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Substr

from wagtail.models import Page
from wagtail.search.backends.base import OrderByFieldError
from wagtail.search.query import And, Or, Phrase, PlainText

from core.pages import BasePage
from resources.models import ResourcePage

#: Characters after which a word starts, besides the start of the field.
WORD_STARTS = (" ", "-", "(", "‘", "“")
#: Home pages (one per language) sit at depth 2, under Wagtail's root: a page's section is
#: its ancestor at depth 3.
SECTION_DEPTH = 3

TITLE, SUMMARY, ELSEWHERE = 0, 1, 2


def words_of(query):
    """The words and quoted phrases of a query from `parse_query_string`."""
    if isinstance(query, PlainText):
        words = (word.strip(string.punctuation + "‘’“”") for word in query.query_string.split())
        return [word for word in words if word]
    if isinstance(query, Phrase):
        return [query.query_string]
    if isinstance(query, And | Or):
        return [word for subquery in query.subqueries for word in words_of(subquery)]
    return []


def search(pages, query, every_word=True):
    """Search `pages` (a Page QuerySet) for `query`, in the order this module describes.

    Each result is annotated with `is_resource`, `folder_title` (its parent's title) and
    `section_title` (its ancestor's just below the home page, for pages deeper than that).
    """
    pages = pages.annotate(
        is_resource=_is_resource(),
        folder_title=_ancestor_title((OuterRef("depth") - 1) * Page.steplen),
        section_title=Case(
            When(depth__gt=SECTION_DEPTH, then=_ancestor_title(SECTION_DEPTH * Page.steplen)),
            default=None,
        ),
    )
    words = words_of(query)
    ordered = pages.annotate(search_tier=_tier(words, every_word)).order_by(
        F("search_tier").asc(),
        F("is_resource").desc(),
        F("resourcepage__published_date").desc(nulls_last=True),
        F("first_published_at").desc(nulls_last=True),
        F("pk").desc(),
    )
    try:
        return ordered.search(query, order_by_relevance=False)
    except OrderByFieldError:
        return pages.search(query)


def _is_resource():
    resource_type = ContentType.objects.get_for_model(ResourcePage)
    return Case(
        When(content_type=resource_type, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _ancestor_title(path_length):
    ancestors = Page.objects.filter(path=Substr(OuterRef("path"), 1, path_length))
    return Subquery(ancestors.values("title")[:1])


def _tier(words, every_word):
    if not words:
        return Value(ELSEWHERE)
    return Case(
        When(_words_in(["title"], words, every_word), then=Value(TITLE)),
        When(_words_in(_summary_lookups(), words, every_word), then=Value(SUMMARY)),
        default=Value(ELSEWHERE),
        output_field=IntegerField(),
    )


def _words_in(lookups, words, every_word):
    """Q: all (or any) of `words` start a word in one of the fields `lookups`."""
    matches = [_word_in(lookups, word) for word in words]
    combined = matches[0]
    for match in matches[1:]:
        combined = combined & match if every_word else combined | match
    return combined


def _word_in(lookups, word):
    match = Q()
    for lookup in lookups:
        match |= Q(**{f"{lookup}__istartswith": word})
        for start in WORD_STARTS:
            match |= Q(**{f"{lookup}__icontains": start + word})
    return match


def _summary_lookups():
    """`summary` as seen from a Page query: through each page type's own table."""
    return [
        f"{model._meta.model_name}__summary"
        for model in apps.get_models()
        if issubclass(model, BasePage) and Page in model._meta.parents
    ]
