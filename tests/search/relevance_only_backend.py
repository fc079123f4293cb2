"""A search backend for tests: Wagtail's database backend with a query compiler that, like
Elasticsearch's and OpenSearch's, refuses to sort by expressions (`search.ranking` then keeps
the backend's relevance order). Set WAGTAILSEARCH_BACKENDS' BACKEND to this module."""

from wagtail.search.backends.database import SearchBackend as database_backend


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    backend = database_backend(params)

    class RelevanceOnlyCompiler(backend.query_compiler_class):
        HANDLES_ORDER_BY_EXPRESSIONS = False

    backend.query_compiler_class = RelevanceOnlyCompiler
    return backend
