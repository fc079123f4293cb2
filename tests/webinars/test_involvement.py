"""Speakers' involvement records: editors only, added in the admin, exported safely."""

import csv
import io
from decimal import Decimal

from django.urls import reverse

import pytest
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from members import roles
from webinars.admin_speakers import INVOLVEMENT_POLICY
from webinars.models import Involvement

from ..members.factories import member_in

pytestmark = pytest.mark.django_db

INDEX = "involvement:index"


@pytest.fixture
def involvement(past, speaker):
    return Involvement.objects.create(
        webinar=past,
        speaker=speaker,
        part=Involvement.Part.SPEAKER,
        payment=Involvement.Payment.ACCEPTED,
        fee=Decimal("150.00"),
        expenses=Decimal("23.40"),
        notes="=SUM(A1:A9) paid by bank transfer",
    )


@pytest.fixture
def declined(upcoming, speaker):
    return Involvement.objects.create(
        webinar=upcoming,
        speaker=speaker,
        part=Involvement.Part.CHAIR,
        payment=Involvement.Payment.DECLINED,
    )


def read_csv(response):
    text = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(text.decode("utf-8").removeprefix("\ufeff"))))


class TestWhoMay:
    def test_a_moderator_sees_no_involvement_records(self, signed_in, involvement):
        response = signed_in(member_in(roles.MODERATORS)).get(reverse(INDEX))

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")

    def test_a_moderator_cannot_export_them(self, signed_in, involvement):
        response = signed_in(member_in(roles.MODERATORS)).get(reverse(INDEX), {"export": "csv"})

        assert response.status_code == 302
        assert b"150" not in response.content

    def test_a_member_cannot_reach_them(self, signed_in, member, involvement):
        assert signed_in(member).get(reverse(INDEX)).status_code == 403

    def test_the_permission_policy_names_editors_not_moderators(self, editor):
        moderator = member_in(roles.MODERATORS)

        users = set(INVOLVEMENT_POLICY.users_with_permission("change"))

        assert editor in users
        assert moderator not in users

    def test_editors_find_them_in_the_reports_menu(self, signed_in, editor):
        home = signed_in(editor).get(reverse("wagtailadmin_home"))
        moderator_home = signed_in(member_in(roles.MODERATORS)).get(reverse("wagtailadmin_home"))

        assertContains(home, reverse(INDEX))
        assertNotContains(moderator_home, reverse(INDEX))


class TestEditing:
    def test_an_editor_sees_each_record_with_what_was_offered(
        self, signed_in, editor, involvement
    ):
        response = signed_in(editor).get(reverse(INDEX))

        assertContains(response, "Alex Morgan")
        assertContains(response, "Historic trauma and race")
        assertContains(response, "Offered and accepted")

    def test_an_editor_adds_a_record(self, signed_in, editor, upcoming, speaker):
        response = signed_in(editor).post(
            reverse("involvement:add"),
            {
                "webinar": upcoming.pk,
                "speaker": speaker.pk,
                "part": Involvement.Part.PANELLIST,
                "payment": Involvement.Payment.OFFERED,
                "fee": "80",
                "expenses": "",
                "notes": "Travel from Bangor",
            },
        )

        assert response.status_code == 302
        added = Involvement.objects.get()
        assert (added.webinar_id, added.part, added.fee) == (
            upcoming.pk,
            Involvement.Part.PANELLIST,
            Decimal("80"),
        )


class TestExports:
    def test_the_csv_holds_every_record_with_text_that_cannot_run_as_a_formula(
        self, signed_in, editor, involvement, declined
    ):
        response = signed_in(editor).get(reverse(INDEX), {"export": "csv"})

        assert "no-store" in response["Cache-Control"]
        rows = read_csv(response)
        assert rows[0][:5] == ["Webinar", "Date", "Speaker", "Part", "Payment"]
        by_webinar = {row[0]: row for row in rows[1:]}
        accepted = by_webinar["Historic trauma and race"]
        assert accepted[4:9] == [
            "Offered and accepted",
            "150.00",
            "23.40",
            "No",
            "'=SUM(A1:A9) paid by bank transfer",
        ]
        assert by_webinar["Older people through a COVID lens"][3] == "Chair"

    def test_the_export_follows_the_listings_filter(
        self, signed_in, editor, involvement, declined
    ):
        response = signed_in(editor).get(
            reverse(INDEX), {"export": "csv", "payment": Involvement.Payment.DECLINED}
        )

        rows = read_csv(response)
        assert [row[0] for row in rows[1:]] == ["Older people through a COVID lens"]

    def test_the_excel_file_keeps_money_as_numbers_and_notes_as_text(
        self, signed_in, editor, involvement
    ):
        response = signed_in(editor).get(reverse(INDEX), {"export": "xlsx"})

        sheet = load_workbook(io.BytesIO(response.content)).active
        header = [cell.value for cell in sheet[1]]
        row = dict(zip(header, sheet[2], strict=True))
        assert row["Fee (£)"].value == 150
        assert row["Notes"].value == "=SUM(A1:A9) paid by bank transfer"
        assert row["Notes"].data_type == "s"
