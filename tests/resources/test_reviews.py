"""Review dates: readers are told kindly when a resource is being checked, and editors get a
report of the resources whose review date has passed."""

import csv
import io
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from members import roles
from resources.admin_reviews import overdue_resources
from resources.models import ResourcePage

from ..home.markup import parse
from ..members.factories import member_in
from .factories import FolderFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

REPORT = "resources_reviews:report"


def days_from_today(days):
    return timezone.localdate() + timedelta(days=days)


def main_text(response):
    return " ".join(parse(response).find("main").get_text(" ", strip=True).split())


class TestReadersSeeWhenAResourceIsUnderReview:
    def test_a_resource_past_its_review_date_says_kindly_that_it_is_being_checked(
        self, client, public_folder
    ):
        due = days_from_today(-40)
        resource = ResourcePageFactory(parent=public_folder, review_date=due)

        text = main_text(client.get(resource.url))

        assert "Under review" in text
        assert (
            "We are checking this resource is still up to date. "
            f"It was due for review in {due:%B %Y}." in text
        )
        assert f"Next review {due.day} {due:%B %Y} (under review)" in text

    @pytest.mark.parametrize("review_date", [days_from_today(0), days_from_today(200), None])
    def test_a_resource_within_its_review_date_says_nothing_about_it(
        self, client, public_folder, review_date
    ):
        resource = ResourcePageFactory(parent=public_folder, review_date=review_date)

        text = main_text(client.get(resource.url))

        assert "Under review" not in text
        assert "under review" not in text

    def test_a_visitor_refused_a_members_only_resource_learns_nothing_of_its_review(
        self, client, members_folder
    ):
        resource = ResourcePageFactory(parent=members_folder, review_date=days_from_today(-5))

        assertNotContains(client.get(resource.url), "review")

    def test_is_due_for_review_and_the_queryset_agree(self, public_folder):
        today = timezone.localdate()
        overdue = ResourcePageFactory(parent=public_folder, review_date=today - timedelta(1))
        due_today = ResourcePageFactory(parent=public_folder, review_date=today)
        undated = ResourcePageFactory(parent=public_folder, review_date=None)

        assert [overdue.is_due_for_review(), due_today.is_due_for_review()] == [True, False]
        assert not undated.is_due_for_review()
        assert list(ResourcePage.objects.due_for_review()) == [overdue]


class TestTheReportOfResourcesDueForReview:
    @pytest.fixture
    def resources(self, public_folder, members_folder):
        return {
            "long overdue": ResourcePageFactory(
                parent=members_folder, title="Long overdue", review_date=days_from_today(-300)
            ),
            "just overdue": ResourcePageFactory(
                parent=public_folder, title="Just overdue", review_date=days_from_today(-1)
            ),
            "fine": ResourcePageFactory(
                parent=public_folder, title="Still fine", review_date=days_from_today(30)
            ),
            "draft": ResourcePageFactory(
                parent=public_folder,
                title="A draft",
                review_date=days_from_today(-10),
                publish=False,
            ),
        }

    def test_editors_see_overdue_live_resources_longest_overdue_first(
        self, signed_in, editor, resources
    ):
        response = signed_in(editor).get(reverse(REPORT))

        rows = [
            [cell.get_text(" ", strip=True) for cell in row.select("td")]
            for row in parse(response).select("main table tbody tr")
        ]
        assert [row[0] for row in rows] == ["Long overdue", "Just overdue"]
        long_overdue = resources["long overdue"]
        assert rows[0][1] == "Practice notes"
        assert rows[0][2] == f"{long_overdue.review_date.day} {long_overdue.review_date:%B %Y}"
        assertContains(response, reverse("wagtailadmin_pages:edit", args=[long_overdue.pk]))
        assertNotContains(response, "Still fine")
        assertNotContains(response, "A draft")

    def test_the_results_alone_are_there_for_wagtails_listing_to_refresh(
        self, signed_in, editor, resources
    ):
        response = signed_in(editor).get(reverse("resources_reviews:results"))

        assertContains(response, "Long overdue")
        assertNotContains(response, "<html")

    def test_with_nothing_overdue_the_report_says_so(self, signed_in, editor, public_folder):
        ResourcePageFactory(parent=public_folder, review_date=days_from_today(30))

        response = signed_in(editor).get(reverse(REPORT))

        assertContains(response, "Every live resource is within its review date.")

    def test_it_is_in_the_reports_menu_for_editors_only(self, signed_in, editor):
        moderator = member_in(roles.MODERATORS)

        editor_home = signed_in(editor).get(reverse("wagtailadmin_home"))
        moderator_home = signed_in(moderator).get(reverse("wagtailadmin_home"))

        assertContains(editor_home, "Resources due for review")
        assertNotContains(moderator_home, "Resources due for review")

    @pytest.mark.parametrize("person", ["moderator", "member"])
    def test_others_cannot_open_it(self, signed_in, member, person, resources):
        user = member_in(roles.MODERATORS) if person == "moderator" else member

        response = signed_in(user).get(reverse(REPORT), follow=True)

        assertNotContains(response, "Long overdue", status_code=response.status_code)

    def test_a_visitor_is_sent_to_sign_in(self, client):
        response = client.get(reverse(REPORT))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_the_csv_has_the_same_rows_and_is_safe_in_a_spreadsheet(
        self, signed_in, editor, public_folder
    ):
        resource = ResourcePageFactory(
            parent=public_folder, title="=HYPERLINK(evil)", review_date=days_from_today(-3)
        )

        response = signed_in(editor).get(reverse(REPORT), {"export": "csv"})

        body = b"".join(response.streaming_content).decode()
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == ["Resource", "Subject folder", "Review date", "Last published"]
        title, folder, review_date = rows[1][:3]
        assert (title, folder) == ("'=HYPERLINK(evil)", "Workforce wellbeing")
        assert review_date == resource.review_date.isoformat()

    def test_the_report_costs_the_same_queries_for_2_or_12_resources(
        self, signed_in, editor, public_folder
    ):
        client = signed_in(editor)
        for _ in range(2):
            ResourcePageFactory(parent=public_folder, review_date=days_from_today(-3))
        client.get(reverse(REPORT))
        with CaptureQueriesContext(connection) as few:
            client.get(reverse(REPORT))
        for _ in range(10):
            ResourcePageFactory(parent=FolderFactory(), review_date=days_from_today(-3))

        with CaptureQueriesContext(connection) as many:
            response = client.get(reverse(REPORT))

        assert len(parse(response).select("main table tbody tr")) == 12
        assert len(many) == len(few)

    def test_a_translation_is_listed_through_its_source_only(self, public_folder):
        resource = ResourcePageFactory(parent=public_folder, review_date=days_from_today(-3))
        welsh = Locale.objects.create(language_code="cy")
        translation = resource.copy_for_translation(welsh, copy_parents=True)
        translation.save_revision().publish()
        translation.refresh_from_db()

        assert translation.live and translation.is_due_for_review()
        assert list(overdue_resources()) == [resource]
