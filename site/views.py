"""The site search page: live, public pages in the reader's language, through Wagtail search."""

from django.core.paginator import Paginator
from django.shortcuts import render

from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """Collapse whitespace and cap the length, so a pasted essay cannot load the database."""
    return " ".join(raw.split())[:MAX_QUERY_LENGTH].strip()


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        # Filters such as "type:guide" are not offered yet: parse them out and ignore them.
        _filters, parsed = parse_query_string(query, operator="and")
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active(), depth__gt=1)
            .defer_streamfields()
            .specific()
        )
        results = pages.search(parsed)
    results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"query": query, "results": results_page, "max_query_length": MAX_QUERY_LENGTH},
    )
