"""Uploading documents in the admin: only allowed types, under the size limit, and only files
whose content matches their name. The same checks guard the single, multiple and chooser
uploads, because Wagtail builds all three forms on WAGTAILDOCS_DOCUMENT_FORM_BASE."""

import json

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

import pytest
from django_tasks import task_backends

from resources.forms import ResourceDocumentForm
from resources.models import ResourceDocument
from resources.tasks import extract_document_metadata, generate_document_previews

from .factories import pdf_bytes
from .test_documents_samples import (
    GOOD_FILES,
    MB,
    docx_bytes,
    docx_unpacking_to,
    encrypted_pdf_bytes,
    mp3_bytes,
    odt_bytes,
    owner_locked_pdf_bytes,
    pdf_in_object_stream,
    pdf_with_document_script,
    pdf_with_launch_link,
    pdf_with_open_action_script,
    pdf_with_page_open_action,
    pdf_with_web_link,
    pptx_bytes,
    xlsx_bytes,
)

NOT_A_PDF = "This file is called .pdf but it is not a PDF. Check you chose the right file."
HAS_SCRIPTS = "This PDF contains scripts or actions that run on their own"
UNUSUALLY_PACKED = "This file is packed in an unusual way that could slow the site down"


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


def test_multiple_upload_stores_a_real_pdf_with_its_metadata(
    editor_in_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
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


def test_the_page_count_is_read_after_the_upload_by_the_queued_task(
    editor_in_admin, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    queue = task_backends["default"]

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_in_admin.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Grounding guide",
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile("grounding.pdf", pdf_bytes(["One", "Two"])),
            },
        )

    assert response.status_code == 302
    document = ResourceDocument.objects.get()
    assert document.page_count is None  # not read while the editor waited
    (reading,) = [r for r in queue.results if r.task.func is extract_document_metadata.func]
    assert reading.task.call(*reading.args, **reading.kwargs) == "read"
    document.refresh_from_db()
    assert document.page_count == 2
    assert "One" in document.extracted_text
    assert any(r.task.func is generate_document_previews.func for r in queue.results)


# Unsafe content: the right type, refused for what is inside it ------------------------------


def post_to_add_view(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "A resource",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def nothing_kept():
    return not ResourceDocument.objects.exists() and not default_storage.exists("documents")


def test_a_small_word_document_that_unpacks_to_200_mb_is_refused_and_nothing_kept(
    editor_in_admin,
):
    response = post_to_add_view(editor_in_admin, "report.docx", docx_unpacking_to(200 * MB))

    assert response.status_code == 200
    assert "This file unpacks to more than 100.0\xa0MB" in response.content.decode()
    assert nothing_kept()


def test_a_word_document_packed_far_tighter_than_any_real_one_is_refused(editor):
    form = upload_form("report.docx", docx_unpacking_to(20 * MB), editor)

    (message,) = file_errors(form)
    assert UNUSUALLY_PACKED in message


@pytest.mark.parametrize("name", ["report.docx", "notes.odt"])
def test_an_office_file_with_too_many_parts_is_refused(editor, settings, name):
    settings.COA_OFFICE_MAX_MEMBERS = 2
    content = docx_bytes() if name.endswith(".docx") else odt_bytes()

    (message,) = file_errors(upload_form(name, content, editor))
    assert UNUSUALLY_PACKED in message


def test_the_unpacked_size_limit_is_a_setting(editor, settings):
    settings.COA_OFFICE_MAX_UNCOMPRESSED = 1000

    (message,) = file_errors(upload_form("notes.odt", odt_bytes(["word " * 300]), editor))
    assert "This file unpacks to more than 1000\xa0bytes" in message


def test_admin_add_view_refuses_a_pdf_that_runs_a_script_when_opened_and_keeps_nothing(
    editor_in_admin,
):
    response = post_to_add_view(editor_in_admin, "guide.pdf", pdf_with_open_action_script())

    assert response.status_code == 200
    assert HAS_SCRIPTS in response.content.decode()
    assert nothing_kept()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(pdf_with_document_script(), id="document-script"),
        pytest.param(pdf_with_page_open_action(), id="page-additional-action"),
        pytest.param(pdf_with_launch_link(), id="launch"),
        pytest.param(pdf_in_object_stream(), id="inside-an-object-stream"),
        pytest.param(
            pdf_in_object_stream(b"<< /S /J#61vaScript /J#53 (app.alert(1);) >>"),
            id="names-written-with-escapes",
        ),
    ],
)
def test_a_pdf_with_scripts_or_actions_that_run_on_their_own_is_refused(editor, content):
    (message,) = file_errors(upload_form("guide.pdf", content, editor))

    assert HAS_SCRIPTS in message


def test_a_pdf_whose_objects_we_cannot_unpack_is_refused_rather_than_let_through(editor):
    content = pdf_in_object_stream(b"<< /Type /Annot >>", packing="hex")

    (message,) = file_errors(upload_form("guide.pdf", content, editor))

    assert "We could not check this PDF for scripts" in message


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(pdf_with_web_link(), id="web-link"),
        pytest.param(owner_locked_pdf_bytes(), id="locked-against-changes"),
        pytest.param(pdf_in_object_stream(b"<< /Type /Annot >>"), id="object-stream"),
    ],
)
def test_an_ordinary_pdf_with_links_locks_or_object_streams_is_accepted(editor, content):
    form = upload_form("guide.pdf", content, editor)

    assert form.is_valid(), form.errors
