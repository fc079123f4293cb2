"""Usage figures for editors: previews and downloads counted from ResourceEvent rows.

Every function here is a read-only query over the append-only events, for an inclusive
range of dates in UK time (Europe/London, whatever the server's clock says). Counting is
done by the database (`values().annotate(Count(...))`), so each function runs a fixed,
small number of queries however many events, folders or resources there are, and the
numbers are exact.

Pages translated into Welsh are separate pages sharing a `translation_key`; figures are
grouped by that key, so a folder or resource and its translation make one row, titled in
the site's default language.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import get_supported_language_variant
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from .models import ResourceEvent, ResourcePage, SubjectFolderPage

#: The workspace reports in UK time: an event at 00:30 BST on 1 April belongs to April.
REPORTING_TZ = ZoneInfo("Europe/London")

#: Ranges up to this many days are drawn per day; longer ones per month.
MAX_DAYS_FOR_DAILY_BUCKETS = 92

DOWNLOAD = ResourceEvent.Kind.DOWNLOAD
PREVIEW = ResourceEvent.Kind.PREVIEW


@dataclass(frozen=True)
class DateRange:
    """From `start` to `end`, both days included, in UK time."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("A date range cannot end before it starts.")

    @property
    def days(self):
        return (self.end - self.start).days + 1

    @property
    def bucket(self):
        """'day' for ranges up to 92 days, else 'month'."""
        return "day" if self.days <= MAX_DAYS_FOR_DAILY_BUCKETS else "month"

    def bounds(self):
        """The aware datetimes [first moment, moment after the last day) in UK time."""
        first = datetime.combine(self.start, time.min, tzinfo=REPORTING_TZ)
        after = datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=REPORTING_TZ)
        return first, after


@dataclass
class Usage:
    downloads: int = 0
    previews: int = 0
    members: int = 0  # distinct signed-in people who previewed or downloaded


@dataclass
class FolderRow(Usage):
    title: str = ""
    page_id: int | None = None  # None: events from folders that no longer exist


@dataclass
class ResourceRow(Usage):
    title: str = ""
    folder: str = ""
    page_id: int | None = None  # None: events from resources that no longer exist


@dataclass
class Bucket:
    start: date  # the day, or the first day of the month
    downloads: int = 0
    previews: int = 0


@dataclass
class Report:
    """Everything the dashboard shows for one date range (a fixed number of queries)."""

    date_range: DateRange
    totals: Usage
    folders: list[FolderRow]
    resources: list[ResourceRow]
    over_time: list[Bucket]
    top: list[ResourceRow] = field(default_factory=list)

    @property
    def bucket(self):
        return self.date_range.bucket


def today():
    return timezone.now().astimezone(REPORTING_TZ).date()


def events_in(date_range):
    first, after = date_range.bounds()
    return ResourceEvent.objects.filter(created_at__gte=first, created_at__lt=after).order_by()


def _usage_annotations():
    return {
        "downloads": Count("pk", filter=Q(kind=DOWNLOAD)),
        "previews": Count("pk", filter=Q(kind=PREVIEW)),
        "members": Count("member", distinct=True),
    }


def first_event_date():
    """The UK date of the earliest event, or None when nothing has been recorded."""
    first = ResourceEvent.objects.order_by().aggregate(first=Min("created_at"))["first"]
    return first.astimezone(REPORTING_TZ).date() if first else None


def totals(date_range):
    """Downloads, previews and distinct members in the range: one query."""
    return Usage(**events_in(date_range).aggregate(**_usage_annotations()))


def _default_language():
    try:
        return get_supported_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def _titles_by_key(pages):
    """{translation_key: page values} preferring the page in the site's default language."""
    default = _default_language()
    chosen = {}
    for page in pages:
        current = chosen.get(page["translation_key"])
        if current is None or (
            page["locale__language_code"] == default
            and current["locale__language_code"] != default
        ):
            chosen[page["translation_key"]] = page
    return chosen


def _page_values(model):
    return model.objects.order_by("path").values(
        "pk", "title", "path", "translation_key", "locale__language_code"
    )


def _sort_by_title(rows):
    """Alphabetical, with the 'no longer exists' row (no page) last."""
    return sorted(rows, key=lambda row: (row.page_id is None, row.title.casefold()))


def per_folder(date_range):
    """One row per subject folder, those with no use included: two queries."""
    folders = _titles_by_key(_page_values(SubjectFolderPage))
    counts = {
        row.pop("folder__translation_key"): row
        for row in events_in(date_range)
        .values("folder__translation_key")
        .annotate(**_usage_annotations())
    }
    rows = [
        FolderRow(title=folder["title"], page_id=folder["pk"], **counts.pop(key, {}))
        for key, folder in folders.items()
    ]
    removed = counts.pop(None, None)
    if removed:
        rows.append(FolderRow(title=str(_("Folders that no longer exist")), **removed))
    return _sort_by_title(rows)


def per_resource(date_range):
    """One row per resource (with its current folder), those with no use included: three
    queries."""
    folders = list(_page_values(SubjectFolderPage))
    folder_by_key = _titles_by_key(folders)
    # Every translation's path maps to the default-language title, so a Welsh resource is
    # listed under its folder's English name.
    folder_title = {
        folder["path"]: folder_by_key[folder["translation_key"]]["title"] for folder in folders
    }

    resources = _titles_by_key(_page_values(ResourcePage))
    counts = {
        row.pop("resource__translation_key"): row
        for row in events_in(date_range)
        .values("resource__translation_key")
        .annotate(**_usage_annotations())
    }
    rows = [
        ResourceRow(
            title=page["title"],
            folder=folder_title.get(page["path"][: -Page.steplen], ""),
            page_id=page["pk"],
            **counts.pop(key, {}),
        )
        for key, page in resources.items()
    ]
    removed = counts.pop(None, None)
    if removed:
        rows.append(ResourceRow(title=str(_("Resources that no longer exist")), **removed))
    return _sort_by_title(rows)


def top_resources(rows, limit=10):
    """The most downloaded of `rows` (from `per_resource`), ties broken by previews, then
    title; resources nobody downloaded are left out."""
    ranked = sorted(
        (row for row in rows if row.downloads and row.page_id is not None),
        key=lambda row: (-row.downloads, -row.previews, row.title.casefold()),
    )
    return ranked[:limit]


def _bucket_starts(date_range):
    if date_range.bucket == "day":
        return [date_range.start + timedelta(days=n) for n in range(date_range.days)]
    starts = []
    month = date_range.start.replace(day=1)
    while month <= date_range.end:
        starts.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return starts


def _as_date(value):
    """TruncDate gives a date; TruncMonth an aware datetime (in REPORTING_TZ) or a date."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = value.astimezone(REPORTING_TZ)
        return value.date()
    return value


def over_time(date_range):
    """Downloads and previews per day (ranges up to 92 days) or per month, every bucket in
    the range present, empty ones as zero: one query."""
    if date_range.bucket == "day":
        truncate = TruncDate("created_at", tzinfo=REPORTING_TZ)
    else:
        truncate = TruncMonth("created_at", tzinfo=REPORTING_TZ)
    found = defaultdict(dict)
    for row in (
        events_in(date_range)
        .annotate(bucket=truncate)
        .values("bucket")
        .annotate(
            downloads=Count("pk", filter=Q(kind=DOWNLOAD)),
            previews=Count("pk", filter=Q(kind=PREVIEW)),
        )
        .order_by("bucket")
    ):
        start = _as_date(row["bucket"])
        found[start]["downloads"] = found[start].get("downloads", 0) + row["downloads"]
        found[start]["previews"] = found[start].get("previews", 0) + row["previews"]
    return [Bucket(start=start, **found.get(start, {})) for start in _bucket_starts(date_range)]


def report(date_range):
    """Totals, per folder, per resource, over time and the top ten: seven queries."""
    resources = per_resource(date_range)
    return Report(
        date_range=date_range,
        totals=totals(date_range),
        folders=per_folder(date_range),
        resources=resources,
        over_time=over_time(date_range),
        top=top_resources(resources),
    )


def library_figures():
    """All-time figures for the Community impact report: published resources with a
    document or a media link, published subject folders, downloads and previews (each
    page and its translations counted once): three queries."""
    resources = (
        ResourcePage.objects.live()
        .filter(Q(document__isnull=False) | ~Q(media_url=""))
        .values("translation_key")
        .distinct()
        .count()
    )
    folders = SubjectFolderPage.objects.live().values("translation_key").distinct().count()
    events = ResourceEvent.objects.order_by().aggregate(
        downloads=Count("pk", filter=Q(kind=DOWNLOAD)),
        previews=Count("pk", filter=Q(kind=PREVIEW)),
    )
    return {"resources": resources, "folders": folders, **events}
