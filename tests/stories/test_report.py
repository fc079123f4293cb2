"""The editors' "Learning from stories" report: what it counts, the small numbers it hides,
its downloads (the export for evaluation naming no one), and who may open any of it."""

import csv
import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

import pytest
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from members import roles
from members.models import Sector
from stories import report
from stories.models import Attribution, StoryKind, StoryPage

from ..members.factories import UserFactory, add_authenticator_app, member_in
from .factories import StoryFactory, StoryThemeFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = date(2025, 8, 20)  # in July to September 2025
FEWER = "fewer than 5"

REPORT = "stories_report:report"
DOWNLOADS = [
    "stories_report:counts_csv",
    "stories_report:counts_xlsx",
    "stories_report:evaluation_csv",
    "stories_report:evaluation_xlsx",
]
EVERY_URL = [REPORT, *DOWNLOADS]


def published_on(story, day):
    """`story` as first published at noon, UK time, on `day`."""
    when = datetime(day.year, day.month, day.day, 12, tzinfo=LONDON)
    StoryPage.objects.filter(pk=story.pk).update(first_published_at=when)
    return story


def stories(count, day=TODAY, **kwargs):
    return [published_on(StoryFactory(**kwargs), day) for _ in range(count)]


def row(counts, table, label):
    found = next(r for r in counts.table(table).rows if r.label == label)
    return [cell.value for cell in found.cells], found.total.value


def shown(counts, table, label):
    found = next(r for r in counts.table(table).rows if r.label == label)
    return [cell.shown for cell in found.cells], found.total.shown


def superuser():
    user = UserFactory(is_superuser=True, is_staff=True)
    add_authenticator_app(user)
    return user


def welsh_copy(story):
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    for ancestor in story.get_ancestors().filter(depth__gt=1):
        if not ancestor.get_translations().filter(locale=welsh).exists():
            ancestor.specific.copy_for_translation(welsh).save_revision().publish()
    copy = story.copy_for_translation(welsh)
    copy.save_revision().publish()
    return copy


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_text(response):
    workbook = load_workbook(io.BytesIO(response.content))
    return " ".join(
        str(value)
        for sheet in workbook.worksheets
        for line in sheet.iter_rows(values_only=True)
        for value in line
        if value is not None
    )


@pytest.fixture
def safety(db):
    return StoryThemeFactory(name="Safety", slug="safety")


@pytest.fixture
def trust(db):
    return StoryThemeFactory(name="Trust", slug="trust")


# What is counted ------------------------------------------------------------------------


class TestCounts:
    def test_stories_are_counted_by_theme_sector_and_kind_in_each_quarter(
        self, listing, safety, trust
    ):
        stories(5, parent=listing, themes=[safety], sector=Sector.HEALTH)
        stories(2, day=date(2025, 2, 3), parent=listing, themes=[safety, trust])
        stories(1, parent=listing, kind=StoryKind.NARRATIVE, sector=Sector.HEALTH)

        counts = report.count_stories("12m", today=TODAY)

        assert [p.label for p in counts.periods] == [
            "Oct to Dec 2024",
            "Jan to Mar 2025",
            "Apr to Jun 2025",
            "Jul to Sep 2025 (so far)",
        ]
        assert row(counts, "theme", "Safety") == ([0, 2, 0, 5], 7)
        assert row(counts, "theme", "Trust") == ([0, 2, 0, 0], 2)
        assert row(counts, "theme", "No theme") == ([0, 0, 0, 1], 1)
        assert row(counts, "sector", "Health") == ([0, 0, 0, 6], 6)
        assert row(counts, "sector", "No sector given") == ([0, 2, 0, 0], 2)
        assert row(counts, "kind", "Blog post") == ([0, 2, 0, 5], 7)
        assert row(counts, "kind", "Personal narrative") == ([0, 0, 0, 1], 1)
        assert row(counts, "kind", "Case study") == ([0, 0, 0, 0], 0)
        assert counts.total.value == 8

    def test_every_theme_sector_and_kind_has_a_row_even_with_no_stories(self, listing, trust):
        counts = report.count_stories("12m", today=TODAY)

        assert [r.label for r in counts.table("theme").rows][-1] == "No theme"
        assert "Trust" in [r.label for r in counts.table("theme").rows]
        assert len(counts.table("sector").rows) == len(Sector.choices) + 1
        assert len(counts.table("kind").rows) == len(StoryKind.choices)
        assert counts.total.shown == 0

    def test_retracted_unpublished_and_translated_copies_are_not_counted(self, listing, safety):
        counted = stories(5, parent=listing, themes=[safety], sector=Sector.HEALTH)
        retracted = stories(1, parent=listing, themes=[safety], sector=Sector.HEALTH)[0]
        StoryPage.objects.filter(pk=retracted.pk).update(retracted_at=timezone.now())
        StoryFactory(parent=listing, themes=[safety], sector=Sector.HEALTH, publish=False)
        published_on(welsh_copy(counted[0]), TODAY)

        counts = report.count_stories("all", today=TODAY)

        assert row(counts, "theme", "Safety")[1] == 5
        assert row(counts, "sector", "Health")[1] == 5
        assert row(counts, "kind", "Blog post")[1] == 5
        assert counts.total.value == 5

    def test_last_12_months_leaves_out_older_stories(self, listing):
        stories(1, day=date(2024, 9, 30), parent=listing)
        stories(1, day=date(2024, 10, 1), parent=listing)

        counts = report.count_stories("12m", today=TODAY)

        assert counts.first_day == date(2024, 10, 1)
        assert row(counts, "kind", "Blog post") == ([1, 0, 0, 0], 1)

    def test_last_2_years_counts_eight_quarters(self, listing):
        stories(1, day=date(2023, 10, 1), parent=listing)
        stories(1, day=date(2023, 9, 30), parent=listing)

        counts = report.count_stories("24m", today=TODAY)

        assert len(counts.periods) == 8
        assert counts.periods[0].label == "Oct to Dec 2023"
        assert row(counts, "kind", "Blog post")[1] == 1

    def test_all_time_counts_by_year_from_the_first_story(self, listing):
        stories(1, day=date(2022, 12, 31), parent=listing)
        stories(1, day=date(2025, 1, 1), parent=listing)

        counts = report.count_stories("all", today=TODAY)

        assert [p.label for p in counts.periods] == ["2022", "2023", "2024", "2025 (so far)"]
        assert counts.first_day is None
        assert row(counts, "kind", "Blog post") == ([1, 0, 0, 1], 2)

    def test_the_quarter_is_that_of_uk_time(self, listing):
        # 23:30 UTC on 30 June is 00:30 on 1 July in London: the July quarter.
        story = StoryFactory(parent=listing)
        StoryPage.objects.filter(pk=story.pk).update(
            first_published_at=datetime(2025, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC"))
        )

        counts = report.count_stories("12m", today=TODAY)

        assert row(counts, "kind", "Blog post") == ([0, 0, 0, 1], 1)

    @pytest.mark.parametrize("asked", ["", "forever", "12m'; --"])
    def test_an_unknown_period_means_the_last_12_months(self, asked):
        assert report.count_stories(asked, today=TODAY).period == "12m"

    def test_the_counting_takes_three_queries_however_many_stories(self, listing, safety, trust):
        stories(3, parent=listing, themes=[safety, trust], sector=Sector.HOUSING)
        stories(4, day=date(2025, 1, 5), parent=listing, kind=StoryKind.CASE_STUDY)

        with CaptureQueriesContext(connection) as queries:
            report.count_stories("all", today=TODAY)

        assert len(queries) == 3


class TestSmallNumbers:
    @pytest.mark.parametrize(
        ("value", "expected"), [(0, 0), (1, FEWER), (3, FEWER), (4, FEWER), (5, 5), (12, 12)]
    )
    def test_a_count_from_1_to_4_is_shown_as_fewer_than_5(self, value, expected):
        assert report.Cell(value).shown == expected

    def test_three_stories_in_a_theme_show_as_fewer_than_5_and_five_as_5(
        self, listing, safety, trust
    ):
        stories(3, parent=listing, themes=[trust])
        stories(5, parent=listing, themes=[safety])

        counts = report.count_stories("12m", today=TODAY)

        assert shown(counts, "theme", "Trust") == ([0, 0, 0, FEWER], FEWER)
        assert shown(counts, "theme", "Safety") == ([0, 0, 0, 5], 5)

    def test_the_page_never_shows_a_small_number(self, listing, safety, signed_in, editor):
        stories(3, day=timezone.localdate(), parent=listing, themes=[safety])

        response = signed_in(editor).get(reverse(REPORT))

        table = response.content.decode().split('data-table="theme"')[1].split("</section>")[0]
        safety_row = table.split("Safety</th>")[1].split("</tr>")[0]
        assert "3" not in safety_row
        assert safety_row.count(FEWER) == 2  # this quarter, and the total
        assertContains(response, "Any number from 1 to 4 is shown as “fewer than 5”")

    def test_the_counts_downloads_hide_small_numbers_too(self, listing, safety, signed_in, editor):
        stories(3, day=timezone.localdate(), parent=listing, themes=[safety])
        client = signed_in(editor)

        lines = csv_rows(client.get(reverse("stories_report:counts_csv"), {"table": "theme"}))
        workbook = load_workbook(
            io.BytesIO(client.get(reverse("stories_report:counts_xlsx")).content)
        )

        assert lines[0][0] == "Theme"
        assert next(line for line in lines if line[0] == "Safety")[1:] == [
            "0",
            "0",
            "0",
            FEWER,
            FEWER,
        ]
        sheet = workbook["Stories by theme"]
        safety_line = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Safety")
        assert list(safety_line[1:]) == [0, 0, 0, FEWER, FEWER]
        assert 3 not in [
            v for s in workbook.worksheets for r in s.iter_rows(values_only=True) for v in r
        ]


# The export for evaluation --------------------------------------------------------------


@pytest.fixture
def told_stories(listing, safety, trust, teller):
    """Stories with every kind of name and words in them, none of which may be exported."""
    named = published_on(
        StoryFactory(
            parent=listing,
            title="Marigold Lane recovery",
            kind=StoryKind.NARRATIVE,
            sector=Sector.HOUSING,
            themes=[safety, trust],
            teller=teller,
            attribution=Attribution.NAME,
            content_note="Homelessness",
            members_only=True,
            body=[("paragraph", "<p>" + "Quillfeather words " * 60 + "</p>")],
        ),
        date(2025, 2, 14),
    )
    pseudonymous = published_on(
        StoryFactory(
            parent=listing,
            title="Harbour light",
            kind=StoryKind.CASE_STUDY,
            attribution=Attribution.PSEUDONYM,
            pseudonym="Kestrel Moonwhistle",
            body=[
                ("heading", "Zephyrine beginnings"),
                ("quote", {"text": "Ottoline said so", "attribution": "Ottoline Vantablack"}),
            ],
        ),
        date(2025, 7, 2),
    )
    by_editors = published_on(
        StoryFactory(parent=listing, title="Editors' note", author_name="Perpetua Quill"),
        date(2024, 11, 5),
    )
    return [named, pseudonymous, by_editors]


FORBIDDEN = [
    "Marigold",
    "Harbour light",
    "Editors' note",
    "Quillfeather",
    "Kestrel",
    "Moonwhistle",
    "Zephyrine",
    "Ottoline",
    "Vantablack",
    "Perpetua",
    "Robin",
    "Fairweather",
    "Homelessness",
    "summary",
]


class TestEvaluationExport:
    def test_one_row_per_published_story_with_categories_only(self, told_stories):
        retracted = StoryFactory(title="Taken back")
        StoryPage.objects.filter(pk=retracted.pk).update(retracted_at=timezone.now())
        welsh_copy(told_stories[0])

        rows = report.evaluation_rows()

        assert [str(h) for h in report.EVALUATION_HEADER] == [
            "Reference",
            "Kind of story",
            "Sector",
            "Themes",
            "Quarter first published",
            "Audience",
            "Teller named by",
            "Content note",
            "Words (to the nearest 50)",
        ]
        by_quarter = {row[4]: row[1:4] + row[5:] for row in rows}
        assert len(rows) == 3
        assert by_quarter["2024 Q4"] == [
            "Blog post",
            "No sector given",
            "",
            "Everyone",
            "Name",
            "No",
            50,
        ]
        assert by_quarter["2025 Q1"] == [
            "Personal narrative",
            "Housing",
            "Safety; Trust",
            "Members only",
            "Name",
            "Yes",
            100,
        ]
        assert by_quarter["2025 Q3"] == [
            "Case study",
            "No sector given",
            "",
            "Everyone",
            "Pseudonym",
            "No",
            50,
        ]

    def test_the_reference_is_stable_opaque_and_not_the_page_id(self, told_stories):
        first = report.evaluation_rows()
        second = report.evaluation_rows()

        references = [row[0] for row in first]
        assert references == [row[0] for row in second]
        assert len(set(references)) == 3
        assert {report.story_reference(story.translation_key) for story in told_stories} == set(
            references
        )
        assert all(re.fullmatch(r"ST-[0-9A-F]{10}", ref) for ref in references)
        assert not {ref[3:].lstrip("0") for ref in references} & {
            str(story.pk) for story in told_stories
        }

    def test_no_one_without_the_sites_secret_can_work_out_a_reference(self, settings):
        key = "4d7e8b0c-0000-4000-8000-000000000001"
        ours = report.story_reference(key)

        settings.SECRET_KEY = "another site's secret"

        assert report.story_reference(key) != ours

    def test_a_translation_has_the_same_reference_as_its_story(self, told_stories):
        copy = welsh_copy(told_stories[1])

        assert report.story_reference(copy.translation_key) == report.story_reference(
            told_stories[1].translation_key
        )

    def test_rows_are_in_quarter_then_reference_order_not_publication_order(self, told_stories):
        rows = report.evaluation_rows()

        assert rows == sorted(rows, key=lambda row: (row[4], row[0]))

    def test_the_export_takes_two_queries(self, told_stories):
        with CaptureQueriesContext(connection) as queries:
            report.evaluation_rows()

        assert len(queries) == 2

    @pytest.mark.parametrize(
        ("words", "rounded"), [(0, 0), (3, 50), (74, 50), (76, 100), (120, 100)]
    )
    def test_length_is_given_to_the_nearest_50_words(self, words, rounded):
        assert report.rounded_words(words) == rounded

    @pytest.mark.parametrize("url_name", DOWNLOADS)
    def test_no_download_names_or_quotes_any_story(
        self, told_stories, signed_in, editor, url_name
    ):
        client = signed_in(editor)

        response = client.get(reverse(url_name), {"period": "all"})

        assert response.status_code == 200
        assert response["Cache-Control"].startswith("private, no-store")
        text = (
            xlsx_text(response)
            if url_name.endswith("xlsx")
            else response.content.decode("utf-8-sig")
        )
        for word in FORBIDDEN:
            assert word.lower() not in text.lower(), word
        for story in told_stories:
            assert story.slug not in text
            assert story.url_path not in text

    @pytest.mark.parametrize("table", ["theme", "sector", "kind"])
    def test_no_counts_csv_names_or_quotes_any_story(self, told_stories, signed_in, editor, table):
        response = signed_in(editor).get(
            reverse("stories_report:counts_csv"), {"period": "all", "table": table}
        )

        text = response.content.decode("utf-8-sig")
        assert text.startswith({"theme": "Theme", "sector": "Sector", "kind": "Kind"}[table])
        for word in FORBIDDEN:
            assert word.lower() not in text.lower(), word

    def test_the_evaluation_csv_has_the_rows(self, told_stories, signed_in, editor):
        response = signed_in(editor).get(reverse("stories_report:evaluation_csv"))

        lines = csv_rows(response)
        assert lines[0][0] == "Reference"
        assert len(lines) == 4
        assert response["Content-Disposition"].startswith(
            'attachment; filename="stories-for-evaluation-'
        )


# The page -------------------------------------------------------------------------------


class TestThePage:
    def test_it_shows_the_three_tables_with_headers_for_rows_and_columns(
        self, listing, safety, signed_in, editor
    ):
        stories(5, day=timezone.localdate(), parent=listing, themes=[safety])
        this_quarter = report.Period(report.quarter_start(timezone.localdate()), "quarter", True)

        response = signed_in(editor).get(reverse(REPORT))

        main = response.content.decode().split('<div class="nice-padding">')[1]
        for heading in ("Stories by theme", "Stories by sector", "Stories by kind"):
            assertContains(response, f">{heading}</h2>")
        assert main.count("<caption") == 3
        assert main.count('<th scope="col">Total</th>') == 3
        assertContains(response, '<th scope="row">Safety</th>', html=True)
        assertContains(response, f'<th scope="col">{this_quarter.label}</th>', html=True)
        assert "style=" not in main
        assert "<script" not in main

    def test_the_period_chosen_is_kept_in_the_download_links(self, signed_in, editor):
        response = signed_in(editor).get(reverse(REPORT), {"period": "all"})

        assert response.context["counts"].period == "all"
        assertContains(response, reverse("stories_report:counts_xlsx") + "?period=all")
        assertContains(response, "table=theme")
        assertContains(response, '<option value="all" selected>', html=False)

    def test_an_unknown_period_shows_the_last_12_months(self, signed_in, editor):
        response = signed_in(editor).get(reverse(REPORT), {"period": "<b>x</b>"})

        assert response.status_code == 200
        assert response.context["counts"].period == "12m"

    def test_an_unknown_table_downloads_the_themes(self, signed_in, editor):
        response = signed_in(editor).get(reverse("stories_report:counts_csv"), {"table": "x"})

        assert csv_rows(response)[0][0] == "Theme"

    def test_the_page_takes_as_many_queries_for_many_stories_as_for_one(
        self, listing, safety, trust, signed_in, editor
    ):
        client = signed_in(editor)
        stories(1, parent=listing, themes=[safety])
        client.get(reverse(REPORT))  # warm Wagtail's per-process caches
        with CaptureQueriesContext(connection) as few:
            client.get(reverse(REPORT))
        stories(6, parent=listing, themes=[safety, trust], sector=Sector.JUSTICE)
        stories(6, day=date(2024, 3, 1), parent=listing, kind=StoryKind.CASE_STUDY)
        StoryThemeFactory(name="Belonging", slug="belonging")

        with CaptureQueriesContext(connection) as many:
            response = client.get(reverse(REPORT), {"period": "all"})

        assert response.status_code == 200
        assert len(many) == len(few)
        # The three counting queries, and the admin's own (session, user, permissions,
        # menu): 14 in all.
        assert len(many) <= 14


# Who may open it ------------------------------------------------------------------------


class TestWhoMayOpenIt:
    @pytest.mark.parametrize("url_name", EVERY_URL)
    def test_visitor_is_sent_to_sign_in(self, client, url_name):
        response = client.get(reverse(url_name))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    @pytest.mark.parametrize("url_name", EVERY_URL)
    @pytest.mark.parametrize("person", ["member", "pending", "declined", "suspended"])
    def test_members_cannot_reach_it(self, people, signed_in, url_name, person):
        response = signed_in(people[person]).get(reverse(url_name))

        assert response.status_code == 403

    @pytest.mark.parametrize("url_name", EVERY_URL)
    def test_moderator_is_turned_away(self, told_stories, signed_in, url_name):
        response = signed_in(member_in(roles.MODERATORS)).get(reverse(url_name))

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")

    @pytest.mark.parametrize("url_name", EVERY_URL)
    @pytest.mark.parametrize("person", ["editor", "superuser"])
    def test_editors_and_superusers_may_open_it(self, request, signed_in, url_name, person):
        user = superuser() if person == "superuser" else request.getfixturevalue(person)

        response = signed_in(user).get(reverse(url_name))

        assert response.status_code == 200

    def test_only_editors_see_it_in_the_reports_menu(self, signed_in, editor):
        editor_home = signed_in(editor).get(reverse("wagtailadmin_home"))
        moderator_home = signed_in(member_in(roles.MODERATORS)).get(reverse("wagtailadmin_home"))

        assertContains(editor_home, reverse(REPORT))
        assertContains(editor_home, "Learning from stories")
        assertNotContains(moderator_home, reverse(REPORT))
