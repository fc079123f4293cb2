"""Downloads and previews are counted once each, and only when the file or preview was sent."""

from django.urls import reverse

from wagtail.documents.models import document_served

import pytest

from resources.models import ResourceDocument, ResourceEvent

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


def test_each_download_is_its_own_event(client, resource):
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
