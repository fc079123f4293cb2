"""What the apps' demo builders share: reading their data files, and making pages and rows once.

Each app with demo content has a `demo` package whose `build(stdout)` the `demo_content`
command calls, in INSTALLED_APPS order; its texts are JSON files in the package's `data/`
folder. A builder is idempotent: what exists is found and left as it is (editors may have
changed it), so running it again creates nothing twice.
"""

import json
from datetime import datetime, time, timedelta
from importlib.resources import files

from django.utils import timezone


def read_data(package, name):
    """The JSON file `name` in the `data/` folder of the demo package `package`."""
    return json.loads((files(package) / "data" / name).read_text(encoding="utf-8"))


def add_published_page(parent, page):
    """Add `page` under `parent` and publish it, with one revision as an editor's would have."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def find_page(parent, model, slug):
    """The `model` page with this slug directly under `parent`, or None."""
    return model.objects.child_of(parent).filter(slug=slug).first()


def find_or_create_page(parent, model, slug, **fields):
    """(page, created): the `model` page with this slug under `parent`, or a new published one."""
    page = find_page(parent, model, slug)
    if page is not None:
        return page, False
    return add_published_page(parent, model(slug=slug, **fields)), True


def bulk_create_backdated(model, rows, field="created_at", batch_size=500):
    """Insert `rows` keeping the times they carry in `field`, an `auto_now_add` field.

    `auto_now_add` sets the field to now on insert, so the times are put back afterwards.
    """
    rows = list(rows)
    times = [getattr(row, field) for row in rows]
    created = model.objects.bulk_create(rows, batch_size=batch_size)
    for row, when in zip(created, times, strict=True):
        setattr(row, field, when)
    model.objects.bulk_update(created, [field], batch_size=batch_size)
    return created


def uk_morning(now, days_ago):
    """Nine in the morning, UK time, `days_ago` days before `now` (after it, if negative)."""
    day = timezone.localdate(now) - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(9)), timezone.get_default_timezone())
