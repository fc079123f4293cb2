"""A member's webinar data in their data download, and what erasing an account does to it."""

import json

from django.core import mail
from django.urls import reverse

import pytest

from members.personal_data import erase_account
from webinars.consent import Use
from webinars.models import CalendarToken, ConsentRecord, Registration, record_consent

from ..members.factories import approved_member
from .factories import WebinarFactory, register

pytestmark = pytest.mark.django_db

Status = Registration.Status


def download(client):
    response = client.get(reverse("members:download_data"))
    assert response.status_code == 200
    return json.loads(response.content)


class TestDownload:
    def test_it_holds_the_members_registrations(self, signed_in, member, upcoming, past):
        register(upcoming, member, status=Status.WAITING)
        register(past, member, attended=True)

        data = download(signed_in(member))

        rows = {row["webinar"]: row for row in data["webinar_registrations"]}
        assert rows[upcoming.title]["status"] == Status.WAITING
        assert rows[upcoming.title]["place_given"] is None
        assert rows[past.title]["attended"] is True
        assert rows[past.title]["starts"] == past.start.isoformat()

    def test_it_says_when_the_calendar_address_was_made_but_not_the_secret(
        self, signed_in, member
    ):
        token = CalendarToken.objects.create(member=member)

        data = download(signed_in(member))

        assert data["webinar_calendar"]["address_created"] == token.created_at.isoformat()
        assert token.token not in json.dumps(data)

    def test_someone_elses_registrations_are_not_in_it(self, signed_in, member, upcoming):
        register(upcoming, approved_member())

        assert download(signed_in(member))["webinar_registrations"] == []

    def test_an_editor_sees_the_consent_records_they_typed_in(self, signed_in, editor, speaker):
        record_consent(speaker, [Use.PHOTO], given=False, how="email", by=editor)

        data = download(signed_in(editor))

        assert data["speaker_consent_records_you_entered"] == [
            {
                "speaker": "Alex Morgan",
                "use": "photo",
                "given": False,
                "date": ConsentRecord.objects.get(recorded_by=editor).agreed_on.isoformat(),
                "recorded_at": ConsentRecord.objects.get(
                    recorded_by=editor
                ).recorded_at.isoformat(),
            }
        ]


class TestErasure:
    def test_erasing_deletes_registrations_and_the_calendar_address(self, member, upcoming, past):
        register(upcoming, member)
        register(past, member, attended=True)
        CalendarToken.objects.create(member=member)

        erase_account(member, by=member)

        assert not Registration.objects.filter(member=member).exists()
        assert not CalendarToken.objects.filter(member=member).exists()

    def test_the_place_given_up_goes_to_the_next_on_the_waiting_list(
        self, listing, member, django_capture_on_commit_callbacks
    ):
        full = WebinarFactory(parent=listing, capacity=1)
        register(full, member)
        first, second = approved_member(), approved_member()
        register(full, first, status=Status.WAITING)
        register(full, second, status=Status.WAITING)

        with django_capture_on_commit_callbacks(execute=True):
            erase_account(member, by=member)

        statuses = dict(Registration.objects.values_list("member", "status"))
        assert statuses == {first.pk: Status.CONFIRMED, second.pk: Status.WAITING}
        assert [message.to for message in mail.outbox] == [[first.email]]

    def test_consent_records_an_editor_made_stay_without_their_name(self, editor, speaker):
        record_consent(speaker, [Use.PHOTO], given=False, how="email", by=editor)
        records = ConsentRecord.objects.filter(speaker=speaker).count()

        erase_account(editor, by=editor)

        assert ConsentRecord.objects.filter(speaker=speaker).count() == records
        kept = ConsentRecord.objects.get(speaker=speaker, use=Use.PHOTO, given=False)
        assert kept.recorded_by is None
        assert kept.how == "email"
        speaker.refresh_from_db()
        assert not speaker.consent_photo
