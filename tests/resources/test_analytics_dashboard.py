"""The Resource analytics dashboard in the Wagtail admin: who may open it, and what it shows."""

import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from members import roles
from resources import analytics
from resources.admin_views import (
    last_full_quarter,
    nice_scale,
    preset_range,
)
from resources.models import ResourceEvent

from ..members.factories import UserFactory, add_authenticator_app, approved_member, member_in
from .factories import ResourceEventFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
DASHBOARD = "resources_analytics:dashboard"


def url(**params):
    return reverse(DASHBOARD) + ("?" + urlencode(params) if params else "")


def march(day, hour=12):
    return datetime(2025, 3, day, hour, tzinfo=LONDON)


@pytest.fixture
def events(public_folder, members_folder):
    guide = ResourcePageFactory(parent=public_folder, title="Grounding guide", document=None)
    notes = ResourcePageFactory(parent=members_folder, title="Supervision notes", document=None)
    someone = approved_member()
    for day in (3, 3, 17):
        ResourceEventFactory(resource=guide, created_at=march(day), member=someone)
    ResourceEventFactory(resource=notes, kind=ResourceEvent.Kind.PREVIEW, created_at=march(20))
    return {"guide": guide, "notes": notes}


def superuser():
    user = UserFactory(is_superuser=True, is_staff=True)
    add_authenticator_app(user)
    return user


class TestWhoMayOpenIt:
    def test_visitor_is_sent_to_sign_in(self, client):
        response = client.get(url())

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    @pytest.mark.parametrize("person", ["member", "pending_member"])
    def test_members_cannot_reach_the_admin_at_all(self, request, signed_in, person):
        response = signed_in(request.getfixturevalue(person)).get(url())

        assert response.status_code == 403

    def test_moderator_is_turned_away_without_seeing_figures(self, signed_in, events):
        moderator = member_in(roles.MODERATORS)

        response = signed_in(moderator).get(url())

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")

    def test_moderator_cannot_export(self, signed_in, events):
        client = signed_in(member_in(roles.MODERATORS))

        csv_response = client.get(reverse("resources_analytics:csv"))
        xlsx_response = client.get(reverse("resources_analytics:xlsx"))

        assert csv_response.status_code == 302
        assert xlsx_response.status_code == 302
        assert "Grounding guide" not in csv_response.content.decode()

    @pytest.mark.parametrize("person", ["editor", "superuser"])
    def test_editors_and_superusers_may_open_it(self, request, signed_in, person):
        user = superuser() if person == "superuser" else request.getfixturevalue(person)

        response = signed_in(user).get(url())

        assertContains(response, "Resource analytics")

    def test_only_editors_see_it_in_the_admin_menu(self, signed_in, editor):
        moderator = member_in(roles.MODERATORS)

        editor_home = signed_in(editor).get(reverse("wagtailadmin_home"))
        moderator_home = signed_in(moderator).get(reverse("wagtailadmin_home"))

        assertContains(editor_home, reverse(DASHBOARD))
        assertNotContains(moderator_home, reverse(DASHBOARD))


class TestDates:
    def test_chosen_dates_show_their_figures(self, signed_in, editor, events):
        response = signed_in(editor).get(url(start="2025-03-01", end="2025-03-31"))

        assertContains(response, "From 1 March 2025 to 31 March 2025")
        totals = response.context["report"].totals
        assert (totals.downloads, totals.previews, totals.members) == (3, 1, 1)
        assertContains(response, "<strong>3</strong> downloads", html=False)

    def test_without_dates_it_shows_the_last_12_months(self, signed_in, editor):
        response = signed_in(editor).get(url())

        date_range = response.context["date_range"]
        today = analytics.today()
        assert date_range.end == today
        assert date_range.start.day == 1
        assert (today.year * 12 + today.month) - (
            date_range.start.year * 12 + date_range.start.month
        ) == 11

    @pytest.mark.parametrize("period", ["30d", "quarter", "12m", "all"])
    def test_each_preset_fills_in_the_date_fields(self, signed_in, editor, events, period):
        response = signed_in(editor).get(url(period=period))

        date_range = response.context["date_range"]
        assertContains(response, f'value="{date_range.start.isoformat()}"')
        assertContains(response, f'value="{date_range.end.isoformat()}"')

    def test_all_time_starts_on_the_day_of_the_first_event(self, signed_in, editor, events):
        response = signed_in(editor).get(url(period="all"))

        assert response.context["date_range"].start == date(2025, 3, 3)

    def test_an_unknown_preset_is_ignored(self, signed_in, editor):
        response = signed_in(editor).get(url(period="<script>"))

        assert response.status_code == 200
        assert response.context["preset"] == "12m"

    def test_a_date_that_is_not_a_date_is_shown_again_with_what_to_fix(self, signed_in, editor):
        response = signed_in(editor).get(url(start="2025-13-01", end="2025-03-31"))

        assert response.status_code == 200
        assertContains(response, "Enter the first day as a date, for example 2025-03-01.")
        assertContains(response, 'value="2025-13-01"')
        assertContains(response, 'value="2025-03-31"')
        assert "report" not in response.context

    def test_a_last_day_before_the_first_day_is_refused(self, signed_in, editor):
        response = signed_in(editor).get(url(start="2025-03-31", end="2025-03-01"))

        assertContains(response, "The last day must be the same as or after the first day.")
        assert "report" not in response.context

    def test_a_missing_date_is_asked_for(self, signed_in, editor):
        response = signed_in(editor).get(url(start="2025-03-01"))

        assertContains(response, "Enter the last day to count.")

    def test_a_date_in_year_25_is_refused_rather_than_counting_two_thousand_years(
        self, signed_in, editor
    ):
        response = signed_in(editor).get(url(start="0025-03-01", end="2025-03-01"))

        assertContains(response, "Choose a day from 1 January 2000 onwards.")

    def test_last_quarter_is_the_previous_calendar_quarter(self):
        assert last_full_quarter(date(2026, 5, 10)) == (date(2026, 1, 1), date(2026, 3, 31))
        assert last_full_quarter(date(2026, 1, 1)) == (date(2025, 10, 1), date(2025, 12, 31))
        assert last_full_quarter(date(2026, 12, 31)) == (date(2026, 7, 1), date(2026, 9, 30))

    def test_last_30_days_ends_today(self):
        date_range = preset_range("30d", date(2026, 3, 30))

        assert (date_range.start, date_range.end, date_range.days) == (
            date(2026, 3, 1),
            date(2026, 3, 30),
            30,
        )


class TestWhatItShows:
    def test_chart_is_an_svg_with_a_title_a_description_and_a_table_of_the_same_figures(
        self, signed_in, editor, events
    ):
        response = signed_in(editor).get(url(start="2025-03-01", end="2025-03-31"))
        html = response.content.decode()

        svg = re.search(r"<svg class=\"coa-analytics__chart\".*?</svg>", html, re.S).group(0)
        assert 'role="img"' in svg
        assert 'aria-labelledby="chart-title chart-desc"' in svg
        assert "Downloads and previews each day" in svg
        assert "Total downloads: 3. Total previews: 1." in svg
        assert "Most downloads in a day: 2, on 3 March 2025." in svg
        table = re.search(r'<table class="listing" data-table="over-time">.*?</table>', html, re.S)
        rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>", table.group(0), re.S)
        assert len(rows) == 31
        assert "Mon 3 March 2025" in rows

    def test_a_long_range_is_charted_by_month(self, signed_in, editor, events):
        response = signed_in(editor).get(url(start="2024-10-01", end="2025-03-31"))

        assertContains(response, "Downloads and previews each month")
        assert len(response.context["report"].over_time) == 6

    def test_folders_and_resources_are_listed_with_their_figures(self, signed_in, editor, events):
        response = signed_in(editor).get(url(start="2025-03-01", end="2025-03-31"))

        folders = {
            row.title: (row.downloads, row.previews) for row in response.context["report"].folders
        }
        assert folders == {"Workforce wellbeing": (3, 0), "Practice notes": (0, 1)}
        assertContains(response, "Supervision notes")
        assertContains(response, reverse("wagtailadmin_pages:edit", args=[events["guide"].pk]))

    def test_resources_sort_by_an_allowed_column(self, signed_in, editor, events):
        client = signed_in(editor)
        params = {"start": "2025-03-01", "end": "2025-03-31"}

        by_previews = client.get(url(sort="-previews", **params))
        by_title = client.get(url(sort="title", **params))
        by_junk = client.get(url(sort="password", **params))

        titles = lambda response: [row.title for row in response.context["resources_page"]]  # noqa: E731
        assert titles(by_previews) == ["Supervision notes", "Grounding guide"]
        assert titles(by_title) == ["Grounding guide", "Supervision notes"]
        assert by_junk.context["sort"] == "-downloads"
        assert titles(by_junk) == ["Grounding guide", "Supervision notes"]
        assertContains(by_title, 'aria-sort="ascending"')

    def test_a_page_number_that_is_not_a_number_shows_the_first_page(
        self, signed_in, editor, events
    ):
        response = signed_in(editor).get(url(page="abc"))

        assert response.status_code == 200
        assert response.context["resources_page"].number == 1

    def test_the_page_runs_the_same_number_of_queries_however_much_data(
        self, signed_in, editor, public_folder, events
    ):
        client = signed_in(editor)
        client.get(url())  # warm caches (content types, site root paths)
        params = {"start": "2025-03-01", "end": "2025-03-31"}
        with CaptureQueriesContext(connection) as few:
            client.get(url(**params))
        for number in range(6):
            resource = ResourcePageFactory(
                parent=public_folder, title=f"More {number}", document=None
            )
            for day in range(1, 6):
                ResourceEventFactory(
                    resource=resource, created_at=march(day), member=approved_member()
                )
        with CaptureQueriesContext(connection) as many:
            response = client.get(url(**params))

        assert response.context["report"].totals.downloads == 3 + 30
        assert len(many) == len(few)


def test_y_axis_steps_are_round_numbers():
    assert nice_scale(0) == (1, 1)
    assert nice_scale(3) == (3, 1)
    assert nice_scale(7) == (8, 2)
    assert nice_scale(43) == (50, 10)
    assert nice_scale(405) == (500, 100)
    assert nice_scale(101) == (150, 50)


def test_the_dashboard_explains_that_a_reload_counts_once(signed_in, editor):
    response = signed_in(editor).get(url())

    assertContains(response, "A reload counts once")
    assertContains(response, "within 30 minutes")
    assertContains(response, "we do not use IP addresses")


class TestWhereItSitsAndHowItIsStyled:
    def test_it_is_in_the_reports_menu_after_community_impact_not_the_main_menu(
        self, request_for, editor
    ):
        from wagtail.admin.menu import admin_menu, reports_menu

        request = request_for(editor, path=reverse("wagtailadmin_home"))

        reports = [
            item.name
            for item in sorted(reports_menu.menu_items_for_request(request), key=lambda i: i.order)
        ]
        main = [item.name for item in admin_menu.menu_items_for_request(request)]
        assert "resource-analytics" not in main
        assert reports.index("resource-analytics") > reports.index("community-impact")

    def test_the_dashboard_has_no_inline_styles_and_links_its_stylesheet(
        self, signed_in, editor, events
    ):
        response = signed_in(editor).get(url(start="2025-03-01", end="2025-03-31"))
        html = response.content.decode()

        dashboard = re.search(r'<div class="coa-analytics">.*</section>\s*</div>', html, re.S)
        assert "<style" not in dashboard.group(0)
        assert "style=" not in dashboard.group(0)
        assertContains(response, "resources/css/analytics_dashboard.css")

    def test_the_chart_colours_switch_with_wagtails_dark_theme(self):
        from django.contrib.staticfiles import finders

        css = Path(finders.find("resources/css/analytics_dashboard.css")).read_text()

        assert re.search(r"\.w-theme-dark \.coa-analytics \{\s*--coa-chart-downloads", css)
        assert re.search(
            r"@media \(prefers-color-scheme: dark\) \{\s*\.w-theme-system \.coa-analytics", css
        )
        assert "stroke: var(--coa-chart-downloads)" in css
        assert "stroke: var(--coa-chart-previews)" in css
