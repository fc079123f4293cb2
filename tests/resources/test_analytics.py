"""The analytics queries: exact figures for a hand-made set of events, in UK time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from wagtail.models import Locale

import pytest

from resources import analytics
from resources.analytics import DateRange
from resources.models import ResourceEvent

from ..members.factories import approved_member
from .factories import FolderFactory, ResourceEventFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")
DOWNLOAD = ResourceEvent.Kind.DOWNLOAD
PREVIEW = ResourceEvent.Kind.PREVIEW
MARCH_2025 = DateRange(date(2025, 3, 1), date(2025, 3, 31))


def london(*args):
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def usage(public_folder, members_folder):
    """Three resources in two folders (and an empty third folder), two members, and events
    in and around March 2025. Within March: 3 downloads, 3 previews, 2 members."""
    empty = FolderFactory(parent=public_folder.get_parent(), title="Empty folder")
    first = ResourcePageFactory(parent=public_folder, title="Grounding techniques")
    second = ResourcePageFactory(parent=public_folder, title="Burnout and recovery", document=None)
    third = ResourcePageFactory(parent=members_folder, title="Case notes")
    ash, bea = approved_member(), approved_member()

    def event(resource, kind, when, member=None):
        ResourceEventFactory(resource=resource, kind=kind, created_at=when, member=member)

    event(first, DOWNLOAD, london(2025, 3, 10, 12, 0), ash)
    event(first, DOWNLOAD, london(2025, 3, 10, 13, 0), ash)  # same member again
    event(first, PREVIEW, london(2025, 3, 12, 9, 0), bea)
    event(first, DOWNLOAD, london(2025, 3, 15, 18, 0))  # a visitor
    event(second, PREVIEW, london(2025, 3, 31, 23, 30), ash)  # last minutes of the range
    event(third, PREVIEW, london(2025, 3, 1, 0, 0), bea)  # first moment of the range
    # Outside March in UK time (the first is still 31 March in UTC):
    event(third, DOWNLOAD, datetime(2025, 3, 31, 23, 30, tzinfo=UTC), bea)  # 00:30 BST 1 Apr
    event(third, DOWNLOAD, london(2025, 2, 28, 23, 59), bea)
    return {
        "first": first,
        "second": second,
        "third": third,
        "empty": empty,
        "public": public_folder,
        "members": members_folder,
    }


def by_title(rows):
    return {row.title: (row.downloads, row.previews, row.members) for row in rows}


class TestDateRange:
    def test_a_range_cannot_end_before_it_starts(self):
        with pytest.raises(ValueError):
            DateRange(date(2025, 3, 2), date(2025, 3, 1))

    def test_ranges_up_to_92_days_are_counted_per_day_longer_ones_per_month(self):
        assert DateRange(date(2025, 1, 1), date(2025, 4, 2)).bucket == "day"  # 92 days
        assert DateRange(date(2025, 1, 1), date(2025, 4, 3)).bucket == "month"  # 93 days

    def test_bounds_are_uk_midnights_across_the_clock_change(self):
        first, after = DateRange(date(2025, 3, 1), date(2025, 3, 31)).bounds()

        assert first == datetime(2025, 3, 1, 0, 0, tzinfo=UTC)  # GMT
        assert after == datetime(2025, 3, 31, 23, 0, tzinfo=UTC)  # midnight BST


def test_totals_count_every_event_and_each_member_once(usage):
    totals = analytics.totals(MARCH_2025)

    assert (totals.downloads, totals.previews, totals.members) == (3, 3, 2)


def test_totals_for_a_range_with_no_events_are_zero(usage):
    totals = analytics.totals(DateRange(date(2024, 1, 1), date(2024, 1, 31)))

    assert (totals.downloads, totals.previews, totals.members) == (0, 0, 0)


def test_range_edges_follow_uk_days(usage):
    april_first = analytics.totals(DateRange(date(2025, 4, 1), date(2025, 4, 1)))
    march_first = analytics.totals(DateRange(date(2025, 3, 1), date(2025, 3, 1)))

    assert (april_first.downloads, april_first.previews) == (1, 0)
    assert (march_first.downloads, march_first.previews) == (0, 1)


def test_per_folder_includes_folders_nobody_used(usage):
    rows = by_title(analytics.per_folder(MARCH_2025))

    assert rows == {
        "Workforce wellbeing": (3, 2, 2),
        "Practice notes": (0, 1, 1),
        "Empty folder": (0, 0, 0),
    }


def test_per_resource_gives_each_resources_folder_and_figures(usage):
    rows = analytics.per_resource(MARCH_2025)

    assert by_title(rows) == {
        "Grounding techniques": (3, 1, 2),
        "Burnout and recovery": (0, 1, 1),
        "Case notes": (0, 1, 1),
    }
    assert {row.title: row.folder for row in rows}["Case notes"] == "Practice notes"
    assert {row.title: row.page_id for row in rows}["Case notes"] == usage["third"].pk


def test_events_of_deleted_resources_still_count_in_their_own_row(usage):
    usage["third"].delete()

    resources = by_title(analytics.per_resource(MARCH_2025))
    folders = by_title(analytics.per_folder(MARCH_2025))

    assert resources["Resources that no longer exist"] == (0, 1, 1)
    assert "Case notes" not in resources
    assert folders["Practice notes"] == (0, 1, 1)  # the folder is still there


def test_a_translation_is_counted_with_the_page_it_translates(usage):
    welsh = Locale.objects.create(language_code="cy")
    folder_cy = usage["public"].copy_for_translation(welsh, copy_parents=True)
    folder_cy.save_revision().publish()
    first_cy = usage["first"].copy_for_translation(welsh)
    first_cy.title = "Technegau sylfaenu"
    first_cy.save_revision().publish()
    ResourceEventFactory(resource=first_cy, kind=DOWNLOAD, created_at=london(2025, 3, 20, 10, 0))

    resources = by_title(analytics.per_resource(MARCH_2025))
    folders = by_title(analytics.per_folder(MARCH_2025))

    assert resources["Grounding techniques"] == (4, 1, 2)
    assert "Technegau sylfaenu" not in resources
    assert folders["Workforce wellbeing"] == (4, 2, 2)
    assert len(folders) == 3


def test_over_time_per_day_fills_empty_days_with_zero(usage):
    buckets = analytics.over_time(MARCH_2025)

    assert len(buckets) == 31
    assert [b.start for b in buckets[:2]] == [date(2025, 3, 1), date(2025, 3, 2)]
    figures = {
        b.start.day: (b.downloads, b.previews) for b in buckets if b.downloads or b.previews
    }
    assert figures == {1: (0, 1), 10: (2, 0), 12: (0, 1), 15: (1, 0), 31: (0, 1)}


def test_over_time_per_month_fills_empty_months_with_zero(usage):
    buckets = analytics.over_time(DateRange(date(2024, 12, 1), date(2025, 4, 30)))

    assert [(b.start, b.downloads, b.previews) for b in buckets] == [
        (date(2024, 12, 1), 0, 0),
        (date(2025, 1, 1), 0, 0),
        (date(2025, 2, 1), 1, 0),
        (date(2025, 3, 1), 3, 3),
        (date(2025, 4, 1), 1, 0),
    ]


def test_over_time_sums_to_the_totals(usage):
    date_range = DateRange(date(2024, 6, 15), date(2025, 6, 14))
    buckets = analytics.over_time(date_range)
    totals = analytics.totals(date_range)

    assert sum(b.downloads for b in buckets) == totals.downloads == 5
    assert sum(b.previews for b in buckets) == totals.previews == 3


def test_top_resources_are_ranked_by_downloads_and_leave_out_the_never_downloaded(usage):
    april = DateRange(date(2025, 2, 1), date(2025, 4, 30))

    top = analytics.top_resources(analytics.per_resource(april))

    assert [(row.title, row.downloads) for row in top] == [
        ("Grounding techniques", 3),
        ("Case notes", 2),
    ]


def test_top_resources_stop_at_ten(public_folder):
    events = []
    for number in range(11):
        resource = ResourcePageFactory(
            parent=public_folder, title=f"Resource {number:02}", document=None
        )
        events += [
            ResourceEvent(kind=DOWNLOAD, resource=resource, folder=public_folder)
            for _ in range(number + 1)
        ]
    ResourceEvent.objects.bulk_create(events)
    ResourceEvent.objects.update(created_at=london(2025, 3, 5, 12, 0))

    top = analytics.top_resources(analytics.per_resource(MARCH_2025))

    assert [row.title for row in top] == [f"Resource {n:02}" for n in range(10, 0, -1)]


def test_the_report_runs_the_same_number_of_queries_however_much_data(
    usage, public_folder, django_assert_num_queries
):
    with django_assert_num_queries(7):
        analytics.report(MARCH_2025)
    for number in range(5):
        resource = ResourcePageFactory(parent=public_folder, title=f"Extra {number}")
        for _ in range(4):
            ResourceEventFactory(
                resource=resource, member=approved_member(), created_at=london(2025, 3, 9, 8)
            )

    with django_assert_num_queries(7):
        report = analytics.report(MARCH_2025)

    assert report.totals.downloads == 3 + 20


def test_library_figures_count_published_resources_folders_and_all_events(usage):
    ResourcePageFactory(parent=usage["public"], title="A draft", publish=False)
    ResourcePageFactory(
        parent=usage["public"], title="A talk", document=None, media_url="https://example.org/v"
    )
    ResourcePageFactory(parent=usage["public"], title="Nothing to open", document=None)

    figures = analytics.library_figures()

    # Grounding techniques, Case notes (documents) and A talk (a link); not Burnout and
    # recovery or Nothing to open (neither), nor the draft.
    assert figures == {"resources": 3, "folders": 3, "downloads": 5, "previews": 3}
