"""The demo content, built once for every test of it: `demo` is what `manage.py
demo_content` builds (each app's builder, in INSTALLED_APPS order).

Building it takes half a minute or more, so it is built once for this package (once for
each test worker that runs any of it), inside a transaction that lasts as long; each test
runs in a savepoint inside it, and the whole lot is rolled back afterwards. `demo` is
{"output": what the builders printed, "media": the folder its files went to}.
"""

from io import StringIO

from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

import pytest

from core.management.commands.demo_content import demo_builders


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            output = StringIO()
            for _label, build in demo_builders():
                build(output)
            yield {"output": output.getvalue(), "media": media}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()
