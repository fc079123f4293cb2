"""How files are sent: type from the extension, as an attachment, private, never sniffed."""

from django.urls import reverse

import pytest

from core.serving import HookFileResponse, content_type_for

from .factories import (
    TINY_PNG,
    AlternativeFormatFactory,
    ResourceDocumentFactory,
    ResourcePageFactory,
    ready_previews,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource(public_folder):
    return ResourcePageFactory(parent=public_folder)


def test_a_download_is_an_attachment_with_the_type_its_extension_says(client, resource):
    response = client.get(resource.url + "download/")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="guide.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert response["ETag"] == f'"{resource.document.file_hash}"'


def test_the_type_comes_from_the_extension_not_from_what_the_file_looks_like(
    client, public_folder
):
    document = ResourceDocumentFactory(
        file__data=b"<html><script>alert(1)</script></html>", file__filename="notes.txt"
    )
    resource = ResourcePageFactory(parent=public_folder, document=document)

    response = client.get(resource.url + "download/")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_name_with_accents_is_sent_safely(client, public_folder):
    document = ResourceDocumentFactory(file__filename="résumé guide.pdf")
    resource = ResourcePageFactory(parent=public_folder, document=document)

    response = client.get(resource.url + "download/")

    assert "filename*=utf-8''r%C3%A9sum%C3%A9" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("a.pdf", "application/pdf"),
        ("a.DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("a.mp3", "audio/mpeg"),
        ("a.csv", "text/csv; charset=utf-8"),
        ("a.html", "application/octet-stream"),
        ("a.svg", "application/octet-stream"),
    ],
)
def test_content_type_for_each_extension(filename, expected):
    document = ResourceDocumentFactory.build(file__filename=filename)

    assert content_type_for(document) == expected


def test_posting_to_a_download_is_not_allowed(client, resource):
    response = client.post(resource.url + "download/")

    assert response.status_code == 405


def test_a_resource_without_a_document_has_no_download(client, public_folder):
    video = ResourcePageFactory(
        parent=public_folder, document=None, media_url="https://vimeo.com/123456"
    )

    assert client.get(video.url + "download/").status_code == 404


def test_another_resources_alternative_format_is_not_found_here(client, public_folder):
    resource = ResourcePageFactory(parent=public_folder)
    other = AlternativeFormatFactory(page=ResourcePageFactory(parent=public_folder))

    response = client.get(resource.url + f"download/{other.pk}/")

    assert response.status_code == 404


def test_a_preview_image_is_a_private_png(client, resource):
    ready_previews(resource.document)

    response = client.get(reverse("resources:preview_image", args=[resource.document.pk, 2]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == TINY_PNG


def test_an_unknown_preview_image_is_not_found(client, resource):
    ready_previews(resource.document)

    response = client.get(reverse("resources:preview_image", args=[resource.document.pk, 9]))

    assert response.status_code == 404


def test_previews_of_a_document_no_resource_uses_are_not_shown_to_visitors(client):
    document = ResourceDocumentFactory()
    ready_previews(document)

    response = client.get(reverse("resources:preview_image", args=[document.pk, 1]))

    assert response.status_code == 404


def test_wagtails_document_url_answers_with_a_response_wagtail_accepts(client, resource):
    """Wagtail ignores a hook's answer unless it is an HttpResponse: then it would send its
    own uncounted, inline copy. Ours is an attachment, so this shows which one was sent."""
    response = client.get(resource.document.url)

    assert isinstance(response, HookFileResponse)
    assert response["Content-Disposition"] == 'attachment; filename="guide.pdf"'
    with resource.document.open_file() as f:
        assert b"".join(response.streaming_content) == f.read()


def test_wagtails_document_url_answers_head_without_a_body(client, resource):
    response = client.head(resource.document.url)

    assert response.status_code == 200
    assert response.content == b""
