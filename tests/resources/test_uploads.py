"""Uploading documents in the admin: only allowed types, under the size limit, and only files
whose content matches their name. The same checks guard the single, multiple and chooser
uploads, because Wagtail builds all three forms on WAGTAILDOCS_DOCUMENT_FORM_BASE."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

import pytest

from resources.forms import ResourceDocumentForm
from resources.models import ResourceDocument

from .factories import pdf_bytes
from .test_documents_samples import (
    GOOD_FILES,
    docx_bytes,
    encrypted_pdf_bytes,
    mp3_bytes,
    pptx_bytes,
    xlsx_bytes,
)

NOT_A_PDF = "This file is called .pdf but it is not a PDF. Check you chose the right file."


@pytest.fixture
def editor_in_admin(editor, settings, client):
    """An editor signed in to the admin (two-factor is tested with the members app)."""
    settings.COA_REQUIRE_STAFF_MFA = False
    client.force_login(editor)
    return client


def upload_form(name, content, user):
    form_class = get_document_form(ResourceDocument)
    return form_class(
        data={"title": "A resource", "collection": Collection.get_first_root_node().pk},
        files={"file": SimpleUploadedFile(name, content)},
        user=user,
    )


def file_errors(form):
    assert not form.is_valid()
    return form.errors["file"]


def test_wagtail_builds_every_document_form_on_ours():
    assert issubclass(get_document_form(get_document_model()), ResourceDocumentForm)


@pytest.mark.parametrize("extension", sorted(GOOD_FILES))
def test_a_genuine_file_of_each_allowed_type_is_accepted(editor, extension):
    form = upload_form(f"resource.{extension}", GOOD_FILES[extension](), editor)

    assert form.is_valid(), form.errors


def test_a_file_called_pdf_that_is_not_a_pdf_is_refused_with_a_clear_message(editor):
    form = upload_form("guide.pdf", b"<html><body>Not a PDF</body></html>", editor)

    assert file_errors(form) == [NOT_A_PDF]


@pytest.mark.parametrize(
    ("name", "content", "message_part"),
    [
        ("slides.pptx", docx_bytes(), "is not a PowerPoint presentation"),
        ("report.docx", pptx_bytes(), "is not a Word document"),
        ("report.docx", pdf_bytes(), "is not a Word document"),
        ("figures.xlsx", b"PK\x03\x04 not really a zip", "is not an Excel spreadsheet"),
        ("notes.odt", xlsx_bytes(), "is not an OpenDocument text file"),
        ("talk.mp3", pdf_bytes(), "is not an MP3 audio file"),
        ("film.mp4", mp3_bytes(), "is not an MP4 video"),
        ("notes.txt", pdf_bytes(), "is not a plain text file"),
        ("figures.csv", b"team\x00sessions", "save it as 'CSV UTF-8'"),
    ],
)
def test_a_file_whose_content_does_not_match_its_extension_is_refused(
    editor, name, content, message_part
):
    form = upload_form(name, content, editor)

    (message,) = file_errors(form)
    assert message_part in message
    assert "Check you chose the right file" in message or "CSV" in message


def test_a_zip_without_the_word_parts_is_not_taken_for_a_word_document(editor):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "just a zip")
    form = upload_form("report.docx", buffer.getvalue(), editor)

    (message,) = file_errors(form)
    assert "is not a Word document" in message


def test_a_word_document_with_macros_is_refused(editor):
    form = upload_form("report.docx", docx_bytes(macros=True), editor)

    (message,) = file_errors(form)
    assert "contains macros" in message


def test_a_password_protected_pdf_is_refused_because_readers_could_not_open_it(editor):
    form = upload_form("guide.pdf", encrypted_pdf_bytes(), editor)

    (message,) = file_errors(form)
    assert "protected by a password" in message


def test_a_damaged_pdf_is_refused(editor):
    form = upload_form("guide.pdf", b"%PDF-1.4\nthis is not the rest of a PDF\n", editor)

    (message,) = file_errors(form)
    assert "looks damaged" in message


@pytest.mark.parametrize("name", ["installer.exe", "page.html", "photo.jpg", "no-extension"])
def test_a_file_type_not_on_the_allow_list_is_refused_with_one_message(editor, name):
    form = upload_form(name, b"anything", editor)

    (message,) = file_errors(form)
    assert "pdf, docx, pptx, xlsx, odt, mp3, mp4, txt, csv" in message


def test_a_file_over_the_size_limit_is_refused_and_the_message_gives_the_limit(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    form = upload_form("guide.pdf", pdf_bytes(), editor)

    (message,) = file_errors(form)
    assert "The largest file you can upload is 1000\xa0bytes" in message


def test_the_file_field_says_what_may_be_uploaded_and_how_big(editor):
    form = upload_form("guide.pdf", pdf_bytes(), editor)

    assert form.fields["file"].help_text == (
        "You can upload pdf, docx, pptx, xlsx, odt, mp3, mp4, txt, csv files, "
        "up to 50.0\xa0MB each."
    )


# Through the admin's views, as an editor --------------------------------------------------


def test_admin_add_view_refuses_a_fake_pdf_and_keeps_nothing(editor_in_admin):
    response = editor_in_admin.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Not really a guide",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("guide.pdf", b"just some words"),
        },
    )

    assert response.status_code == 200
    assert NOT_A_PDF in response.content.decode()
    assert not ResourceDocument.objects.exists()


def test_admin_add_view_stores_a_pdf_with_its_page_count_size_and_text(
    editor_in_admin, editor, django_capture_on_commit_callbacks
):
    content = pdf_bytes(["Grounding before a hard conversation", "Page two"])

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_in_admin.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Grounding guide",
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile("grounding.pdf", content),
            },
        )

    assert response.status_code == 302
    document = ResourceDocument.objects.get()
    assert document.uploaded_by_user == editor
    assert document.file_size == len(content)
    assert document.page_count == 2
    assert "Grounding before a hard conversation" in document.extracted_text
    assert document.preview_status == ResourceDocument.PreviewStatus.READY


def test_multiple_upload_refuses_a_fake_pdf_with_the_message(editor_in_admin):
    response = editor_in_admin.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("guide.pdf", b"just some words")},
    )

    data = json.loads(response.content)
    assert data["success"] is False
    assert data["error_message"] == NOT_A_PDF
    assert not ResourceDocument.objects.exists()


def test_multiple_upload_stores_a_real_pdf_with_its_metadata(editor_in_admin):
    response = editor_in_admin.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("guide.pdf", pdf_bytes(["One", "Two", "Three"]))},
    )

    assert json.loads(response.content)["success"] is True
    document = ResourceDocument.objects.get()
    assert document.page_count == 3
    assert document.file_hash


def test_chooser_upload_refuses_a_fake_pdf(editor_in_admin):
    response = editor_in_admin.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "Not really a guide",
            "document-chooser-upload-collection": Collection.get_first_root_node().pk,
            "document-chooser-upload-file": SimpleUploadedFile("guide.pdf", b"just words"),
        },
    )

    data = json.loads(response.content)
    assert data["step"] == "reshow_creation_form"
    assert NOT_A_PDF in data["htmlFragment"]
    assert not ResourceDocument.objects.exists()
