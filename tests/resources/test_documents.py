"""Saving a document with a new file queues reading its page count and text (then drawing its
previews) for after the commit; the task stores them. Nothing is queued when the file's
content is not new, and nothing is read during the save itself.

`make_document` saves a document as the admin does and runs what the save queued once the
transaction commits (with the ImmediateBackend, the tasks too); it returns the stored row.
"""

from django.core.files.base import ContentFile

import pytest

from resources import documents
from resources.models import ResourceDocument, ResourcePage
from resources.signal_handlers import previews_paused
from resources.tasks import extract_document_metadata

from .factories import ResourcePageFactory, pdf_bytes
from .test_documents_samples import docx_bytes, odt_bytes, pptx_bytes, xlsx_bytes


@pytest.fixture
def make_document(db, django_capture_on_commit_callbacks):
    def make(data, filename):
        document = ResourceDocument(title="A document", file=ContentFile(data, name=filename))
        with django_capture_on_commit_callbacks(execute=True):
            document.save()
        document.refresh_from_db()
        return document

    return make


def queued_reading(callbacks):
    """How many of the captured on-commit callbacks queue reading a document's file."""
    return sum("extract_document_metadata" in repr(c.__code__.co_names) for c in callbacks)


def test_a_pdf_document_stores_its_page_count_and_each_pages_text(make_document):
    document = make_document(
        pdf_bytes(["Safety first", "Trust and choice", "Collaboration"]), "g.pdf"
    )

    assert document.page_count == 3
    assert document.extracted_text.split("\n\n") == [
        "Safety first",
        "Trust and choice",
        "Collaboration",
    ]
    assert document.preview_status == ResourceDocument.PreviewStatus.READY


def test_the_save_itself_reads_nothing_and_queues_the_reading_for_after_the_commit(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(
        "resources.tasks.extract_metadata", lambda *a: pytest.fail("read during the save")
    )
    document = ResourceDocument(title="Guide", file=ContentFile(pdf_bytes(), name="g.pdf"))

    with django_capture_on_commit_callbacks() as callbacks:
        document.save()

    document.refresh_from_db()
    assert document.file_size and document.file_hash
    assert document.page_count is None
    assert document.preview_status == ResourceDocument.PreviewStatus.PENDING
    assert queued_reading(callbacks) == 1


def test_within_previews_paused_the_file_is_read_at_once_and_nothing_is_queued(
    db, django_capture_on_commit_callbacks
):
    document = ResourceDocument(title="Guide", file=ContentFile(pdf_bytes(), name="g.pdf"))

    with django_capture_on_commit_callbacks() as callbacks, previews_paused():
        document.save()

    document.refresh_from_db()
    assert document.page_count == 2
    assert queued_reading(callbacks) == 0
    assert document.preview_status == ResourceDocument.PreviewStatus.PENDING


def test_a_word_document_stores_its_text_and_the_page_count_word_recorded(make_document):
    document = make_document(docx_bytes(["Team debrief", "After an incident"], pages=7), "d.docx")

    assert document.page_count == 7
    assert document.extracted_text == "Team debrief\tend\nAfter an incident\tend"


def test_a_presentation_stores_slide_text_in_slide_order_and_counts_slides(make_document):
    slides = [f"Slide number {n}" for n in range(1, 12)]

    document = make_document(pptx_bytes(slides), "talk.pptx")

    assert document.page_count == 11
    assert document.extracted_text.split("\n\n") == slides


def test_a_spreadsheet_stores_its_cell_text_but_no_page_count(make_document):
    document = make_document(xlsx_bytes(["Ward", "Debriefs held"]), "figures.xlsx")

    assert document.page_count is None
    assert document.extracted_text == "Ward\nDebriefs held"


def test_an_opendocument_text_keeps_words_in_reading_order(make_document):
    document = make_document(odt_bytes(["Reflective practice"], pages=4), "notes.odt")

    assert document.page_count == 4
    assert document.extracted_text == "Reflective practice in a span after it"


def test_a_text_file_in_latin_1_is_still_read(make_document):
    document = make_document("Café notes\r\nline two".encode("latin-1"), "notes.txt")

    assert document.extracted_text == "Café notes\nline two"


def test_utf_8_text_cut_off_mid_character_is_still_read_as_utf_8(make_document, monkeypatch):
    monkeypatch.setattr(documents, "TEXT_LIMIT", 3)  # 12 bytes are read: the last "é" is cut

    document = make_document(("é" + "a" * 9 + "é").encode(), "notes.txt")

    assert document.extracted_text == "éaa"


def test_stored_text_is_capped(make_document, monkeypatch):
    monkeypatch.setattr(documents, "TEXT_LIMIT", 50)

    document = make_document(("word " * 100).encode(), "long.txt")

    assert len(document.extracted_text) == 50


def test_a_file_that_cannot_be_read_still_saves_without_metadata(make_document, caplog):
    document = make_document(b"PK\x03\x04 broken zip", "broken.docx")

    assert document.pk
    assert document.page_count is None
    assert document.extracted_text == ""
    assert "Could not read the page count and text" in caplog.text


def test_a_new_document_queues_reading_it_once_the_transaction_commits(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        ResourceDocument(title="Guide", file=ContentFile(pdf_bytes(), name="g.pdf")).save()

    assert queued_reading(callbacks) == 1


def test_editing_the_title_neither_rereads_the_file_nor_queues_anything(
    make_document, django_capture_on_commit_callbacks, monkeypatch
):
    document = make_document(pdf_bytes(), "g.pdf")
    monkeypatch.setattr(
        "resources.tasks.extract_metadata", lambda *a: pytest.fail("the file was read again")
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document.title = "A better title"
        document.save()

    assert queued_reading(callbacks) == 0
    document.refresh_from_db()
    assert document.page_count == 2


def test_uploading_the_same_bytes_again_does_not_queue_reading_it(
    make_document, django_capture_on_commit_callbacks
):
    content = pdf_bytes(["Same content"])
    document = make_document(content, "g.pdf")

    with django_capture_on_commit_callbacks() as callbacks:
        document.file = ContentFile(content, name="g-again.pdf")
        document.save()

    assert queued_reading(callbacks) == 0
    document.refresh_from_db()
    assert document.page_count == 1


def test_a_new_file_is_read_again_and_its_previews_drawn_again(
    make_document, django_capture_on_commit_callbacks
):
    document = make_document(pdf_bytes(["Old"]), "g.pdf")
    old_hash = document.file_hash

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document.file = ContentFile(pdf_bytes(["New first", "New second"]), name="g2.pdf")
        document.save()

    document.refresh_from_db()
    assert document.file_hash != old_hash
    assert document.page_count == 2
    assert "New first" in document.extracted_text
    assert "Old" not in document.extracted_text
    assert document.preview_pages.count() == 2
    assert queued_reading(callbacks) == 1


def test_saving_selected_fields_does_not_look_at_the_file(make_document, monkeypatch):
    document = make_document(pdf_bytes(), "g.pdf")
    monkeypatch.setattr(
        "resources.signal_handlers._file_changed",
        lambda *a: pytest.fail("the file was compared"),
    )

    document.title = "Renamed"
    document.save(update_fields=["title"])


def test_a_document_is_found_by_the_text_inside_it(make_document):
    make_document(pdf_bytes(["Compassion fatigue in night shifts"]), "g.pdf")

    results = ResourceDocument.objects.search("fatigue")

    assert len(results) == 1


def test_the_task_stores_with_an_update_not_a_save(db, monkeypatch):
    document = ResourceDocument(title="Guide", file=ContentFile(pdf_bytes(), name="g.pdf"))
    document.save()
    monkeypatch.setattr(ResourceDocument, "save", lambda *a, **k: pytest.fail("saved again"))

    result = extract_document_metadata.call(document.pk, document.file_hash, draw_previews=False)

    assert result == "read"
    document.refresh_from_db()
    assert document.page_count == 2


def test_a_task_queued_for_an_older_file_changes_nothing(make_document):
    document = make_document(pdf_bytes(["Current file"]), "g.pdf")

    result = extract_document_metadata.call(document.pk, "an-older-file-hash")

    assert result == "superseded"
    document.refresh_from_db()
    assert "Current file" in document.extracted_text


def test_a_resource_is_found_by_the_words_of_its_documents_new_file(
    make_document, django_capture_on_commit_callbacks
):
    document = make_document(pdf_bytes(["Old words"]), "g.pdf")
    resource = ResourcePageFactory(document=document)

    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(pdf_bytes(["Quillwort supervision notes"]), name="new.pdf")
        document.save()

    assert list(ResourcePage.objects.live().search("quillwort")) == [resource]
