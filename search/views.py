"""The site search page: live, public pages in the reader's language, through Wagtail search.

Pages inside a members-only or private area are left out for anyone who may not open
them (core.access decides), so not even their titles or snippets appear. Every word must
match; when nothing has them all, the page says so and shows what has any of them. Results
come in the order `ranking` describes (title, then summary, then text; resources first), and
can be narrowed to one type of resource; the counts beside each type come from the same,
already filtered, resources.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

from core import access
from resources.models import ResourcePage, ResourceType

from . import ranking

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """Collapse whitespace and cap the length, so a pasted essay cannot load the database."""
    return " ".join(raw.split())[:MAX_QUERY_LENGTH].strip()


def type_facets(resource_results, chosen_type):
    """[{value, label, count, chosen}] for each type of resource among the results."""
    counts = resource_results.facet("resource_type")
    return [
        {"value": value, "label": label, "count": counts[value], "chosen": value == chosen_type}
        for value, label in ResourceType.choices
        if counts.get(value)
    ]


def find(request, query, chosen_type):
    """(results, type facets, any_word) for `query`: every word, else any of them."""
    locale = Locale.get_active()
    resources = access.exclude_closed(
        request, ResourcePage.objects.live().public().filter(locale=locale)
    )
    pages = access.exclude_closed(
        request, Page.objects.live().public().filter(locale=locale, depth__gt=1)
    )
    if chosen_type:
        pages = pages.filter(pk__in=resources.filter(resource_type=chosen_type).values("pk"))
    pages = pages.defer_streamfields().specific()
    # Filters such as "type:guide" are not offered yet: parse them out and ignore them.
    _filters, parsed = parse_query_string(query, operator="and")
    results = ranking.search(pages, parsed, every_word=True)
    any_word = False
    if not results.count() and len(ranking.words_of(parsed)) > 1:
        _filters, parsed = parse_query_string(query, operator="or")
        results = ranking.search(pages, parsed, every_word=False)
        any_word = True
    return results, type_facets(resources.search(parsed), chosen_type), any_word


def search(request):
    query = clean_query(request.GET.get("q", ""))
    chosen_type = request.GET.get("type", "")
    if chosen_type not in ResourceType.values:
        chosen_type = ""
    results, facets, any_word = Page.objects.none(), [], False
    if query:
        results, facets, any_word = find(request, query, chosen_type)
    results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results_page,
            "any_word": any_word and bool(results_page.paginator.count),
            "max_query_length": MAX_QUERY_LENGTH,
            "type_facets": facets,
            "chosen_type": chosen_type,
            "query_string": urlencode(
                {key: value for key, value in (("q", query), ("type", chosen_type)) if value}
            ),
            "includes_members_only": access.is_approved_member(request.user),
        },
    )
