"""The site search page."""

from django.core.paginator import Paginator
from django.shortcuts import render

from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        filters, parsed = parse_query_string(query)
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = pages.search(parsed)
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"query": query, "results": page})
