"""Downloads and previews are counted once each, and only when the file or preview was sent."""

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from wagtail.documents.models import document_served

import pytest

from resources.models import ResourceDocument, ResourceEvent, events

from ..members.factories import approved_member
from .factories import (
    AlternativeFormatFactory,
    ResourceDocumentFactory,
    ResourcePageFactory,
    ready_previews,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource(public_folder):
    return ResourcePageFactory(parent=public_folder)


@pytest.fixture
def served():
    """The documents `document_served` was sent for, in order."""
    sent = []

    def receiver(sender, instance, **kwargs):
        sent.append(instance.pk)

    document_served.connect(receiver)
    yield sent
    document_served.disconnect(receiver)


def test_a_download_records_one_event_with_what_was_downloaded_and_by_whom(
    signed_in, member, resource, public_folder, served
):
    response = signed_in(member).get(resource.url + "download/")
    b"".join(response.streaming_content)

    event = ResourceEvent.objects.get()
    assert response.status_code == 200
    assert (
        event.kind,
        event.resource_id,
        event.folder_id,
        event.document_id,
        event.member_id,
    ) == (
        "download",
        resource.pk,
        public_folder.pk,
        resource.document_id,
        member.pk,
    )
    assert served == [resource.document_id]


def test_a_visitors_download_is_recorded_without_a_member(client, resource):
    client.get(resource.url + "download/")

    assert ResourceEvent.objects.downloads().get().member is None


def test_a_visitor_without_a_session_is_counted_each_time(client, resource):
    """Nothing tells their requests apart (no cookie, and we do not look at IP addresses)."""
    for _ in range(3):
        client.get(resource.url + "download/")

    assert ResourceEvent.objects.downloads().filter(resource=resource).count() == 3


def test_a_head_request_gets_the_headers_and_records_nothing(client, resource, served):
    response = client.head(resource.url + "download/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert int(response["Content-Length"]) == resource.document.file_size
    assert response.content == b""
    assert ResourceEvent.objects.count() == 0
    assert served == []


def test_a_not_modified_revalidation_records_nothing(client, resource, served):
    etag = client.head(resource.url + "download/")["ETag"]

    response = client.get(resource.url + "download/", headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert ResourceEvent.objects.count() == 0
    assert served == []


def test_a_stale_etag_gets_the_file_and_is_counted(client, resource):
    response = client.get(resource.url + "download/", headers={"If-None-Match": '"old"'})

    assert response.status_code == 200
    assert ResourceEvent.objects.downloads().count() == 1


def test_a_refused_download_records_nothing(signed_in, pending_member, members_folder, served):
    resource = ResourcePageFactory(parent=members_folder)

    anonymous = signed_in(None).get(resource.url + "download/")
    pending = signed_in(pending_member).get(resource.url + "download/")

    assert (anonymous.status_code, pending.status_code) == (302, 403)
    assert ResourceEvent.objects.count() == 0
    assert served == []


def test_an_alternative_format_download_records_that_document(client, resource):
    alternative = AlternativeFormatFactory(page=resource)

    client.get(resource.url + f"download/{alternative.pk}/")

    event = ResourceEvent.objects.downloads().get()
    assert (event.resource_id, event.document_id) == (resource.pk, alternative.document_id)


def test_wagtails_document_url_is_counted_once_against_the_resource(client, resource, served):
    response = client.get(resource.document.url)
    b"".join(response.streaming_content)

    event = ResourceEvent.objects.downloads().get()
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert event.resource_id == resource.pk
    assert served == [resource.document_id]  # sent once: by our serving, not again by Wagtail


def test_a_document_no_live_page_uses_is_served_uncounted_only_to_the_admin(
    client, served, signed_in, editor
):
    document = ResourceDocumentFactory()

    refused = client.get(document.url)
    response = signed_in(editor).get(document.url)

    assert refused.status_code == 404
    assert response.status_code == 200
    assert ResourceEvent.objects.count() == 0
    assert served == [document.pk]


def test_opening_the_preview_records_one_preview(client, resource):
    ready_previews(resource.document)

    response = client.get(resource.url + "preview/")

    event = ResourceEvent.objects.get()
    assert response.status_code == 200
    assert (event.kind, event.resource_id, event.document_id) == (
        "preview",
        resource.pk,
        resource.document_id,
    )


def test_a_video_preview_is_counted_when_its_preview_route_is_opened(client, public_folder):
    video = ResourcePageFactory(
        parent=public_folder,
        resource_type="video",
        document=None,
        media_url="https://www.youtube.com/watch?v=abcDEF12345",
    )

    client.get(video.url + "preview/")

    assert ResourceEvent.objects.previews().filter(resource=video).count() == 1


def test_the_content_note_before_the_preview_is_not_counted_but_the_preview_after_it_is(
    client, public_folder
):
    resource = ResourcePageFactory(parent=public_folder, content_note="self-harm")
    ready_previews(resource.document)

    client.get(resource.url + "preview/")
    not_yet = ResourceEvent.objects.count()
    client.get(resource.url + "preview/?shown=1")

    assert not_yet == 0
    assert ResourceEvent.objects.previews().count() == 1


def test_a_preview_that_is_not_ready_is_not_counted(client, resource):
    assert resource.document.preview_status == ResourceDocument.PreviewStatus.PENDING

    response = client.get(resource.url + "preview/")

    assert response.status_code == 200
    assert ResourceEvent.objects.count() == 0


def test_head_on_the_preview_and_a_refused_preview_are_not_counted(
    client, signed_in, resource, members_folder, pending_member
):
    ready_previews(resource.document)
    private = ResourcePageFactory(parent=members_folder)
    ready_previews(private.document)

    client.head(resource.url + "preview/")
    refused = signed_in(pending_member).get(private.url + "preview/")

    assert refused.status_code == 403
    assert ResourceEvent.objects.count() == 0


def test_preview_images_are_not_counted(client, resource):
    ready_previews(resource.document)

    client.get(reverse("resources:preview_image", args=[resource.document.pk, 1]))

    assert ResourceEvent.objects.count() == 0


def test_record_is_a_single_insert_that_finds_the_folder_itself(
    django_assert_num_queries, resource, member, public_folder
):
    document = resource.document

    with django_assert_num_queries(1) as captured:
        event = ResourceEvent.record(
            ResourceEvent.Kind.DOWNLOAD, resource, document=document, member=member
        )

    assert captured.captured_queries[0]["sql"].startswith("INSERT")
    assert ResourceEvent.objects.get(pk=event.pk).folder_id == public_folder.pk
    assert event.folder_id == public_folder.pk


class TestAReloadCountsOnce:
    """The same person opening the same preview or download within 30 minutes counts once."""

    def test_a_members_downloads_of_the_same_file_within_the_window_count_once(
        self, signed_in, member, resource, served
    ):
        client = signed_in(member)

        responses = [client.get(resource.url + "download/") for _ in range(3)]

        assert [r.status_code for r in responses] == [200, 200, 200]
        assert ResourceEvent.objects.downloads().count() == 1
        assert served == [resource.document_id] * 3  # each was still sent

    def test_a_members_reloads_of_the_preview_count_once(self, signed_in, member, resource):
        ready_previews(resource.document)
        client = signed_in(member)

        for _ in range(3):
            assert client.get(resource.url + "preview/").status_code == 200

        assert ResourceEvent.objects.previews().count() == 1

    def test_the_resource_page_download_and_wagtails_document_url_are_the_same_download(
        self, signed_in, member, resource
    ):
        client = signed_in(member)

        client.get(resource.url + "download/")
        client.get(resource.document.url)

        assert ResourceEvent.objects.downloads().count() == 1

    def test_a_visitor_with_a_session_is_counted_once(self, client, resource):
        session = client.session  # the test client makes and saves one, as a sign-in form does
        session["seen_cookie_notice"] = True
        session.save()

        client.get(resource.url + "download/")
        client.get(resource.url + "download/")

        assert ResourceEvent.objects.downloads().get().member is None

    def test_different_people_each_count(self, signed_in, member, resource):
        signed_in(member).get(resource.url + "download/")
        signed_in(approved_member()).get(resource.url + "download/")

        assert ResourceEvent.objects.downloads().count() == 2

    def test_a_preview_and_a_download_are_two_things(self, signed_in, member, resource):
        ready_previews(resource.document)
        client = signed_in(member)

        client.get(resource.url + "preview/")
        client.get(resource.url + "download/")

        assert ResourceEvent.objects.previews().count() == 1
        assert ResourceEvent.objects.downloads().count() == 1

    def test_another_document_of_the_same_resource_counts_on_its_own(
        self, signed_in, member, resource
    ):
        alternative = AlternativeFormatFactory(page=resource)
        client = signed_in(member)

        client.get(resource.url + "download/")
        client.get(resource.url + f"download/{alternative.pk}/")
        client.get(resource.url + f"download/{alternative.pk}/")

        assert sorted(ResourceEvent.objects.values_list("document_id", flat=True)) == sorted(
            [resource.document_id, alternative.document_id]
        )

    def test_the_same_download_counts_again_once_the_window_has_passed(
        self, signed_in, member, resource, monkeypatch
    ):
        timeouts = []
        add = cache.add
        monkeypatch.setattr(
            events.cache, "add", lambda *a, timeout, **k: timeouts.append(timeout) or add(*a, **k)
        )
        client = signed_in(member)

        client.get(resource.url + "download/")
        cache.clear()  # what 30 minutes does to the key
        client.get(resource.url + "download/")

        assert timeouts == [30 * 60, 30 * 60]
        assert ResourceEvent.objects.downloads().count() == 2

    def test_a_head_or_a_not_modified_request_leaves_the_next_download_counted(
        self, signed_in, member, resource
    ):
        client = signed_in(member)
        etag = client.head(resource.url + "download/")["ETag"]
        client.get(resource.url + "download/", headers={"If-None-Match": etag})

        client.get(resource.url + "download/")

        assert ResourceEvent.objects.downloads().count() == 1

    def test_a_request_for_the_rest_of_a_file_is_not_counted_but_one_from_the_start_is(
        self, client, resource
    ):
        resumed = client.get(resource.url + "download/", headers={"Range": "bytes=500-"})
        from_start = client.get(resource.url + "download/", headers={"Range": "bytes=0-"})

        assert (resumed.status_code, from_start.status_code) == (200, 200)
        assert ResourceEvent.objects.downloads().count() == 1

    def test_knowing_a_reload_costs_no_database_query(
        self, django_assert_num_queries, rf, resource, member
    ):
        request = rf.get(resource.url + "download/")
        request.user = member
        kind, document = ResourceEvent.Kind.DOWNLOAD, resource.document

        with django_assert_num_queries(1):  # the INSERT
            first = ResourceEvent.record_once(kind, resource, request, document=document)
        with django_assert_num_queries(0):
            again = ResourceEvent.record_once(kind, resource, request, document=document)

        assert first is not None
        assert again is None

    def test_the_cache_key_names_nobody(self, rf, resource, member, client):
        session = client.session
        session.save()
        signed_in_request = rf.get("/")
        signed_in_request.user = member
        visitor_request = rf.get("/")
        visitor_request.user = AnonymousUser()
        visitor_request.session = session

        keys = {
            events.viewer_fingerprint(signed_in_request),
            events.viewer_fingerprint(visitor_request),
        }

        assert len(keys) == 2
        assert not any(str(member.pk) == key or session.session_key in key for key in keys)
