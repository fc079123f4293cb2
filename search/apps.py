"""Search app: the site's search page (its index and backends are Wagtail's)."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = "Site search"
