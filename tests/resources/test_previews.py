"""Preview pages: PDFs drawn page by page with each page's text; Office files converted by
LibreOffice when it is installed, else download only; failures recorded, never raised."""

import logging
import stat

from django.core.files.storage import default_storage
from django.core.management import call_command

import pytest
from PIL import Image

from resources.models import DocumentPreviewPage, ResourceDocument
from resources.preview_messages import preview_notice
from resources.previews import generate_previews
from resources.tasks import generate_document_previews

from .factories import ResourceDocumentFactory, pdf_bytes
from .test_documents_samples import docx_bytes, mp3_bytes

Status = ResourceDocument.PreviewStatus
UNAVAILABLE = "A preview is not available for this type of file. You can download it."


def make_document(data=None, filename="guide.pdf"):
    return ResourceDocumentFactory(
        file__data=data if data is not None else pdf_bytes(), file__filename=filename
    )


@pytest.fixture
def soffice(tmp_path, monkeypatch):
    """A stand-in for LibreOffice on the PATH: `soffice --convert-to pdf --outdir DIR FILE`
    writes DIR/FILE.pdf (a two-page PDF); `behaviour` can make it hang or fail instead."""

    def install(behaviour="convert"):
        prepared = tmp_path / "converted.pdf"
        prepared.write_bytes(pdf_bytes(["Converted page one", "Converted page two"]))
        script = tmp_path / "soffice"
        action = {
            "convert": f'mkdir -p "$outdir" && cp {prepared} "$outdir/${{name%.*}}.pdf"',
            "hang": "sleep 30",
            "fail": "echo 'source file could not be loaded' >&2; exit 1",
        }[behaviour]
        script.write_text(
            "#!/bin/sh\n"
            'outdir=""; src=""\n'
            'while [ $# -gt 0 ]; do case "$1" in --outdir) outdir="$2"; shift 2;; '
            '*) src="$1"; shift;; esac; done\n'
            'name=$(basename "$src")\n'
            f"{action}\n"
        )
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setattr(
            "resources.previews.shutil.which",
            lambda name: str(script) if name == "soffice" else None,
        )
        return script

    return install


@pytest.fixture
def no_soffice(monkeypatch):
    monkeypatch.setattr("resources.previews.shutil.which", lambda name: None)


def test_a_pdf_gets_one_png_per_page_about_1000px_wide_with_that_pages_text(db):
    document = make_document(pdf_bytes(["Welcome to the guide", "Safety", "Trust"]))

    status = generate_previews(document)

    document.refresh_from_db()
    assert status == document.preview_status == Status.READY
    assert document.preview_message == ""
    pages = list(document.preview_pages.all())
    assert [(p.number, p.text) for p in pages] == [
        (1, "Welcome to the guide"),
        (2, "Safety"),
        (3, "Trust"),
    ]
    with default_storage.open(pages[0].image.name) as f:
        image = Image.open(f)
        assert image.format == "PNG"
        assert image.size == (pages[0].width, pages[0].height)
    assert 990 <= pages[0].width <= 1010
    assert pages[0].height > pages[0].width  # A4 portrait


def test_only_the_first_pages_are_drawn_past_the_limit_and_the_message_says_so(db, settings):
    settings.COA_PREVIEW_MAX_PAGES = 2
    document = make_document(pdf_bytes(["One", "Two", "Three"]))

    generate_previews(document)

    document.refresh_from_db()
    assert document.preview_pages.count() == 2
    assert document.page_count == 3
    assert document.preview_message == (
        "The preview shows the first 2 pages of 3. Download the file to read it all."
    )


def test_drawing_again_replaces_the_old_pages_with_new_images(db):
    document = make_document(pdf_bytes(["One", "Two"]))
    generate_previews(document)
    old_images = list(document.preview_pages.values_list("image", flat=True))

    generate_previews(document)

    new_images = list(document.preview_pages.values_list("image", flat=True))
    assert len(new_images) == 2
    assert not set(new_images) & set(old_images)
    assert all(default_storage.exists(name) for name in new_images)


def test_old_preview_images_are_deleted_after_commit(db, django_capture_on_commit_callbacks):
    document = make_document(pdf_bytes(["One"]))
    generate_previews(document)
    old_image = document.preview_pages.get().image.name

    with django_capture_on_commit_callbacks(execute=True):
        generate_previews(document)

    assert not default_storage.exists(old_image)


def test_deleting_a_document_deletes_its_preview_images_after_commit(
    db, django_capture_on_commit_callbacks
):
    document = make_document(pdf_bytes(["One", "Two"]))
    generate_previews(document)
    images = list(document.preview_pages.values_list("image", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        document.delete()

    assert not DocumentPreviewPage.objects.exists()
    assert not any(default_storage.exists(name) for name in images)


def test_a_word_document_is_download_only_without_libreoffice(db, no_soffice):
    document = make_document(docx_bytes(), "report.docx")

    status = generate_previews(document)

    document.refresh_from_db()
    assert status == document.preview_status == Status.UNAVAILABLE
    assert document.preview_message == UNAVAILABLE
    assert not document.preview_pages.exists()


def test_a_word_document_is_converted_and_drawn_when_libreoffice_is_installed(db, soffice):
    soffice("convert")
    document = make_document(docx_bytes(pages=9), "report.docx")

    status = generate_previews(document)

    document.refresh_from_db()
    assert status == Status.READY
    assert [p.text for p in document.preview_pages.all()] == [
        "Converted page one",
        "Converted page two",
    ]
    assert document.page_count == 2  # the pages the preview shows, not Word's own count


def test_a_conversion_that_hangs_is_stopped_and_marked_failed(db, soffice, settings, caplog):
    soffice("hang")
    settings.COA_PREVIEW_CONVERT_TIMEOUT = 1
    document = make_document(docx_bytes(), "report.docx")

    with caplog.at_level(logging.ERROR, logger="resources.previews"):
        status = generate_previews(document)

    document.refresh_from_db()
    assert status == document.preview_status == Status.FAILED
    assert "LibreOffice took longer than 1s" in caplog.text


def test_a_failed_conversion_is_marked_failed_with_a_kind_message(db, soffice, caplog):
    soffice("fail")
    document = make_document(docx_bytes(), "report.docx")

    status = generate_previews(document)

    document.refresh_from_db()
    assert status == Status.FAILED
    assert document.preview_message == (
        "We could not make a preview of this file. You can still download it."
    )
    assert "source file could not be loaded" in caplog.text


def test_a_pdf_that_cannot_be_drawn_is_marked_failed_and_its_old_pages_removed(db, caplog):
    document = make_document(pdf_bytes(["One"]))
    generate_previews(document)
    # A damaged file arriving by a route other than the admin form (which would refuse it).
    ResourceDocument.objects.filter(pk=document.pk).update(file="documents/missing.pdf")
    document.refresh_from_db()

    status = generate_previews(document)

    assert status == Status.FAILED
    assert not DocumentPreviewPage.objects.filter(document=document).exists()
    assert "Could not make the preview of document" in caplog.text


@pytest.mark.parametrize(
    ("data", "filename"),
    [(mp3_bytes(), "talk.mp3"), (b"plain words", "notes.txt"), (b"a,b\n", "figures.csv")],
)
def test_audio_video_and_text_files_have_no_page_preview(db, data, filename):
    document = make_document(data, filename)

    assert generate_previews(document) == Status.UNAVAILABLE


def test_saving_a_new_document_draws_its_previews_after_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(pdf_bytes(["One", "Two"]))

    document.refresh_from_db()
    assert document.preview_status == Status.READY
    assert document.preview_pages.count() == 2


def test_the_task_does_nothing_when_the_document_has_had_a_newer_file(db):
    document = make_document(pdf_bytes(["One"]))

    result = generate_document_previews.call(document.pk, "an-older-file-hash")

    document.refresh_from_db()
    assert result == "superseded"
    assert document.preview_status == Status.PENDING
    assert not document.preview_pages.exists()


def test_the_task_ignores_a_deleted_document(db):
    assert generate_document_previews.call(999_999, "") == "deleted"


def test_regenerate_previews_redraws_the_documents_asked_for(db, capsys):
    wanted = make_document(pdf_bytes(["One"]))
    other = make_document(pdf_bytes(["Two"]))

    call_command("regenerate_previews", str(wanted.pk))

    wanted.refresh_from_db()
    other.refresh_from_db()
    assert wanted.preview_status == Status.READY
    assert other.preview_status == Status.PENDING
    assert "1 ready" in capsys.readouterr().out


def test_regenerate_previews_can_retry_only_the_failed_ones(db):
    failed = make_document(pdf_bytes(["One"]))
    ResourceDocument.objects.filter(pk=failed.pk).update(preview_status=Status.FAILED)
    pending = make_document(pdf_bytes(["Two"]))

    call_command("regenerate_previews", "--status", "failed")

    assert ResourceDocument.objects.get(pk=failed.pk).preview_status == Status.READY
    assert ResourceDocument.objects.get(pk=pending.pk).preview_status == Status.PENDING


@pytest.mark.parametrize(
    ("status", "page_count", "shown", "notice"),
    [
        (Status.PENDING, None, None, "The preview is being prepared."),
        (Status.UNAVAILABLE, None, None, "A preview is not available for this type of file."),
        (Status.FAILED, 3, None, "We could not make a preview of this file."),
        (Status.READY, 120, 40, "The preview shows the first 40 pages of 120."),
        (Status.READY, 3, 3, ""),
    ],
)
def test_the_notice_for_readers_follows_the_preview_status(db, status, page_count, shown, notice):
    document = ResourceDocument(preview_status=status, page_count=page_count)

    assert preview_notice(document, shown=shown).startswith(notice)
    assert bool(preview_notice(document, shown=shown)) == bool(notice)
