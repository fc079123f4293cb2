"""The site search page: live, public pages in the reader's language, through Wagtail search.

Pages inside a members-only or private area are left out for anyone who may not open
them (core.access decides), so not even their titles or snippets appear. Results
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


def search(request):
    query = clean_query(request.GET.get("q", ""))
    chosen_type = request.GET.get("type", "")
    if chosen_type not in ResourceType.values:
        chosen_type = ""
    results = Page.objects.none()
    facets = []
    if query:
        # Filters such as "type:guide" are not offered yet: parse them out and ignore them.
        _filters, parsed = parse_query_string(query, operator="and")
        locale = Locale.get_active()
        resources = access.exclude_closed(
            request, ResourcePage.objects.live().public().filter(locale=locale)
        )
        facets = type_facets(resources.search(parsed), chosen_type)
        if chosen_type:
            results = resources.filter(resource_type=chosen_type).search(parsed)
        else:
            pages = access.exclude_closed(
                request, Page.objects.live().public().filter(locale=locale, depth__gt=1)
            )
            results = pages.defer_streamfields().specific().search(parsed)
    results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results_page,
            "max_query_length": MAX_QUERY_LENGTH,
            "type_facets": facets,
            "chosen_type": chosen_type,
            "query_string": urlencode(
                {key: value for key, value in (("q", query), ("type", chosen_type)) if value}
            ),
            "includes_members_only": access.is_approved_member(request.user),
        },
    )
