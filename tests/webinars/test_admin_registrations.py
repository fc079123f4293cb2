"""Registrations in the admin: the list and its exports, attendance, the audience figure,
cancelling a webinar, and who may do each."""

import csv
import io
from datetime import timedelta

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale, PageLogEntry

import pytest
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from members import roles
from webinars.models import Registration, WebinarPage

from ..members.factories import approved_member, member_in
from .factories import WebinarFactory, register

pytestmark = pytest.mark.django_db

Status = Registration.Status


def registrations_url(webinar):
    return reverse("webinars_admin:registrations", args=[webinar.pk])


def export_url(webinar, file_format):
    return reverse("webinars_admin:export", args=[webinar.pk, file_format])


def cancel_url(webinar):
    return reverse("webinars_admin:cancel", args=[webinar.pk])


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.fixture
def people(upcoming):
    """Ana has a place, Ben is waiting, Cy cancelled; Ana's name looks like a formula."""
    ana = approved_member(user__first_name="=HYPERLINK(1)", user__last_name="Ana")
    ben = approved_member(user__first_name="Ben", user__last_name="Waits")
    cy = approved_member(user__first_name="Cy", user__last_name="Gone")
    return {
        "ana": register(upcoming, ana),
        "ben": register(upcoming, ben, status=Status.WAITING),
        "cy": register(upcoming, cy, status=Status.CANCELLED),
    }


@pytest.fixture
def held(past):
    """The past webinar, with three people who had a place and one on the waiting list."""
    rows = [register(past, approved_member()) for _ in range(3)]
    rows.append(register(past, approved_member(), status=Status.WAITING))
    return rows


class TestWhoMay:
    @pytest.mark.parametrize(
        "url",
        [
            lambda w: reverse("webinars_admin:list"),
            registrations_url,
            lambda w: export_url(w, "csv"),
            cancel_url,
        ],
    )
    def test_a_moderator_is_turned_away_without_seeing_anyone(
        self, signed_in, upcoming, people, url
    ):
        response = signed_in(member_in(roles.MODERATORS)).get(url(upcoming))

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert b"Ben" not in response.content

    def test_a_member_cannot_reach_it(self, signed_in, member, upcoming):
        assert signed_in(member).get(registrations_url(upcoming)).status_code == 403

    def test_a_moderator_cannot_cancel_by_posting(self, signed_in, upcoming, people):
        signed_in(member_in(roles.MODERATORS)).post(cancel_url(upcoming), {"reason": "x"})

        upcoming.refresh_from_db()
        assert not upcoming.cancelled

    def test_only_editors_have_it_in_the_reports_menu(self, signed_in, editor):
        url = reverse("webinars_admin:list")

        assertContains(signed_in(editor).get(reverse("wagtailadmin_home")), url)
        moderator_home = signed_in(member_in(roles.MODERATORS)).get(reverse("wagtailadmin_home"))
        assertNotContains(moderator_home, url)

    def test_the_page_editor_links_to_registrations_and_cancelling(
        self, signed_in, editor, upcoming
    ):
        response = signed_in(editor).get(reverse("wagtailadmin_pages:edit", args=[upcoming.pk]))

        assertContains(response, registrations_url(upcoming))
        assertContains(response, cancel_url(upcoming))


class TestTheList:
    def test_it_lists_everyone_with_their_status_places_first(
        self, signed_in, editor, upcoming, people
    ):
        response = signed_in(editor).get(registrations_url(upcoming))

        html = response.content.decode()
        order = [html.index(name) for name in ("Ana", "Ben Waits", "Cy Gone")]
        assert order == sorted(order)
        assertContains(response, people["ben"].member.email)
        assertContains(response, "On the waiting list")
        assertContains(response, "1 has a place")

    def test_the_welsh_copy_leads_to_the_same_list(self, signed_in, editor, upcoming, people):
        welsh_copy = upcoming.copy_for_translation(
            Locale.objects.create(language_code="cy"), copy_parents=True
        )

        response = signed_in(editor).get(registrations_url(welsh_copy))

        assertContains(response, "Ben Waits")

    def test_the_reports_list_shows_each_webinar_once_with_places_taken(
        self, signed_in, editor, upcoming, people
    ):
        upcoming.copy_for_translation(Locale.objects.create(language_code="cy"), copy_parents=True)

        response = signed_in(editor).get(reverse("webinars_admin:list"))

        assert response.content.decode().count(registrations_url(upcoming)) == 1
        assert [w.pk for w in response.context["webinars"]] == [upcoming.pk]
        assert response.context["webinars"][0].taken == 1

    def test_the_lists_take_the_same_number_of_queries_however_long(
        self, signed_in, editor, listing, upcoming
    ):
        client = signed_in(editor)

        def queries(url):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            return len(captured)

        register(upcoming, approved_member())
        client.get(reverse("webinars_admin:list"))  # the session's first save is not the list's
        few = (queries(reverse("webinars_admin:list")), queries(registrations_url(upcoming)))
        for _ in range(4):
            WebinarFactory(parent=listing)
            register(upcoming, approved_member(), status=Status.WAITING)
        many = (queries(reverse("webinars_admin:list")), queries(registrations_url(upcoming)))

        assert many == few

    def test_a_page_number_that_is_not_a_number_shows_the_first_page(
        self, signed_in, editor, upcoming
    ):
        response = signed_in(editor).get(reverse("webinars_admin:list"), {"p": "abc"})

        assert response.status_code == 200


class TestExports:
    def test_the_csv_has_everyone_and_a_formula_looking_name_stays_text(
        self, signed_in, editor, upcoming, people
    ):
        response = signed_in(editor).get(export_url(upcoming, "csv"))

        assert "no-store" in response["Cache-Control"]
        assert 'filename="registrations-older-people-' in response["Content-Disposition"]
        rows = read_csv(response)
        assert rows[0] == ["Name", "Email", "Status", "Registered", "Place given", "Attended"]
        assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(1) Ana", "Ben Waits", "Cy Gone"]
        assert [row[2] for row in rows[1:]] == ["Has a place", "On the waiting list", "Cancelled"]
        assert rows[2][4] == ""  # no place given to the one waiting

    def test_the_excel_file_has_the_same_rows_as_text_cells(
        self, signed_in, editor, upcoming, people
    ):
        response = signed_in(editor).get(export_url(upcoming, "xlsx"))

        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [cell.value for cell in sheet[1]] == [
            "Name",
            "Email",
            "Status",
            "Registered",
            "Place given",
            "Attended",
        ]
        ana = sheet["A2"]
        assert ana.value == "=HYPERLINK(1) Ana"
        assert ana.data_type == "s"
        assert sheet.max_row == 4

    def test_another_format_is_not_found(self, signed_in, editor, upcoming):
        assert signed_in(editor).get(export_url(upcoming, "pdf")).status_code == 404


class TestAttendance:
    def test_ticking_people_marks_them_and_the_others_as_not_attending(
        self, signed_in, editor, past, held
    ):
        first, second, third, waiting = held

        response = signed_in(editor).post(
            registrations_url(past), {"action": "attendance", "attended": [first.pk, third.pk]}
        )

        assert response.status_code == 302
        attended = dict(Registration.objects.values_list("pk", "attended"))
        assert attended == {first.pk: True, second.pk: False, third.pk: True, waiting.pk: None}

    def test_the_audience_falls_back_to_the_attendance_marked(
        self, signed_in, editor, listing, held
    ):
        webinar = WebinarFactory(parent=listing, starts_in=-timedelta(days=3))
        rows = [register(webinar, approved_member()) for _ in range(2)]

        signed_in(editor).post(
            registrations_url(webinar), {"action": "attendance", "attended": [rows[0].pk]}
        )

        assert WebinarPage.objects.get(pk=webinar.pk).audience_figure() == 1

    def test_attendance_cannot_be_marked_before_the_webinar(
        self, signed_in, editor, upcoming, people
    ):
        client = signed_in(editor)

        client.post(
            registrations_url(upcoming), {"action": "attendance", "attended": [people["ana"].pk]}
        )

        assert Registration.objects.get(pk=people["ana"].pk).attended is None
        assertNotContains(client.get(registrations_url(upcoming)), 'name="attended"')


class TestAudience:
    def post_audience(self, client, webinar, value):
        return client.post(registrations_url(webinar), {"action": "audience", "audience": value})

    def test_the_figure_goes_on_the_live_page_and_survives_publishing_a_draft(
        self, signed_in, editor, past
    ):
        draft = WebinarPage.objects.get(pk=past.pk)
        draft.title = "Historic trauma and race (slides added)"
        draft.save_revision(user=editor)

        self.post_audience(signed_in(editor), past, "87")

        assert WebinarPage.objects.get(pk=past.pk).audience == 87
        past.refresh_from_db()
        past.get_latest_revision().publish()
        published = WebinarPage.objects.get(pk=past.pk)
        assert published.title == "Historic trauma and race (slides added)"
        assert published.audience == 87
        assert PageLogEntry.objects.filter(page=past, action="webinars.record_audience").exists()

    def test_a_negative_figure_is_refused_with_the_reason(self, signed_in, editor, past):
        response = self.post_audience(signed_in(editor), past, "-3")

        assert response.status_code == 200
        assertContains(response, "The audience was not saved.")
        assert WebinarPage.objects.get(pk=past.pk).audience == 120

    def test_clearing_it_counts_the_attendance_instead(self, signed_in, editor, past, held):
        Registration.objects.filter(pk=held[0].pk).update(attended=True)

        self.post_audience(signed_in(editor), past, "")

        webinar = WebinarPage.objects.get(pk=past.pk)
        assert webinar.audience is None
        assert webinar.audience_figure() == 1


class TestCancelling:
    def test_the_confirmation_says_how_many_will_be_emailed(
        self, signed_in, editor, upcoming, people
    ):
        response = signed_in(editor).get(cancel_url(upcoming))

        assertContains(response, "We will email the 2 people registered or waiting")
        upcoming.refresh_from_db()
        assert not upcoming.cancelled

    def test_cancelling_marks_every_copy_and_emails_everyone_registered_or_waiting(
        self, signed_in, editor, upcoming, people, django_capture_on_commit_callbacks
    ):
        welsh_copy = upcoming.copy_for_translation(
            Locale.objects.create(language_code="cy"), copy_parents=True
        )
        sequence = upcoming.sequence
        client = signed_in(editor)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(cancel_url(upcoming), {"reason": "The speaker is unwell."})

        assert response.status_code == 302
        for copy in WebinarPage.objects.filter(pk__in=[upcoming.pk, welsh_copy.pk]):
            assert copy.cancelled
            assert copy.cancelled_reason == "The speaker is unwell."
            assert copy.sequence == sequence + 1
        emailed = sorted(address for message in mail.outbox for address in message.to)
        assert emailed == sorted([people["ana"].member.email, people["ben"].member.email])
        assert PageLogEntry.objects.filter(page=upcoming, action="webinars.cancel").exists()
        after = client.get(registrations_url(upcoming))
        assertContains(after, "data-webinar-cancelled")
        assertContains(after, "The speaker is unwell.")
        assertNotContains(after, cancel_url(upcoming))

    def test_the_page_and_its_calendar_file_then_say_cancelled(
        self, signed_in, editor, upcoming, people
    ):
        signed_in(editor).post(cancel_url(upcoming), {"reason": "The speaker is unwell."})

        visitor = signed_in(None)
        page = visitor.get(upcoming.url)
        calendar = visitor.get(upcoming.url + "calendar/")

        assertContains(page, "data-cancelled")
        assertContains(page, "The speaker is unwell.")
        assert b"STATUS:CANCELLED" in calendar.content

    def test_publishing_an_older_draft_does_not_bring_it_back(self, signed_in, editor, upcoming):
        older = upcoming.get_latest_revision()
        signed_in(editor).post(cancel_url(upcoming), {"reason": ""})

        older.publish()

        assert WebinarPage.objects.get(pk=upcoming.pk).cancelled

    def test_a_webinar_that_has_taken_place_cannot_be_cancelled(self, signed_in, editor, past):
        response = signed_in(editor).post(cancel_url(past), {"reason": "late"}, follow=True)

        assertContains(response, "This webinar has taken place, so it cannot be cancelled.")
        assert not WebinarPage.objects.get(pk=past.pk).cancelled
