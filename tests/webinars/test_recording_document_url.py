"""A recording file is for members, with everyone's consent, at Wagtail's /documents/ URL
too: the webinar page may be public, but its recording is not."""

from datetime import timedelta

import pytest

from webinars.consent import Use
from webinars.models import record_consent

from ..resources.factories import ResourceDocumentFactory
from .factories import WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recording(listing, speaker):
    document = ResourceDocumentFactory(title="Recording")
    WebinarFactory(
        parent=listing,
        speakers=[speaker],
        starts_in=-timedelta(days=3),
        recording_document=document,
    )
    return document


def test_a_visitor_is_asked_to_sign_in(client, recording):
    response = client.get(recording.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["pending", "declined", "suspended"])
def test_people_who_are_not_approved_members_are_refused(signed_in, people, recording, who):
    assert signed_in(people[who]).get(recording.url).status_code == 403


def test_an_approved_member_gets_the_file(signed_in, member, recording):
    response = signed_in(member).get(recording.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_once_a_speaker_withdraws_recording_consent_no_member_gets_it(
    signed_in, member, editor, recording, speaker
):
    record_consent(speaker, [Use.RECORDING], given=False)

    assert signed_in(member).get(recording.url).status_code == 404
    # Editors, who manage the document in the admin, still can.
    assert signed_in(editor).get(recording.url).status_code == 200
