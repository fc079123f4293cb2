"""Saving a document stores its page count and text, and queues its previews only when the
file's content is new."""

from django.core.files.base import ContentFile

import pytest

from resources import documents
from resources.models import ResourceDocument

from .factories import ResourceDocumentFactory, pdf_bytes
from .test_documents_samples import docx_bytes, odt_bytes, pptx_bytes, xlsx_bytes


def make_document(data, filename):
    return ResourceDocumentFactory(file__data=data, file__filename=filename)


def queued_previews(callbacks):
    """How many of the captured on-commit callbacks queue a document's previews."""
    return sum("generate_document_previews" in repr(c.__code__.co_names) for c in callbacks)


def test_a_pdf_document_stores_its_page_count_and_each_pages_text(db):
    document = make_document(
        pdf_bytes(["Safety first", "Trust and choice", "Collaboration"]), "g.pdf"
    )

    document.refresh_from_db()
    assert document.page_count == 3
    assert document.extracted_text.split("\n\n") == [
        "Safety first",
        "Trust and choice",
        "Collaboration",
    ]
    assert document.preview_status == ResourceDocument.PreviewStatus.PENDING


def test_a_word_document_stores_its_text_and_the_page_count_word_recorded(db):
    document = make_document(docx_bytes(["Team debrief", "After an incident"], pages=7), "d.docx")

    assert document.page_count == 7
    assert document.extracted_text == "Team debrief\tend\nAfter an incident\tend"


def test_a_presentation_stores_slide_text_in_slide_order_and_counts_slides(db):
    slides = [f"Slide number {n}" for n in range(1, 12)]

    document = make_document(pptx_bytes(slides), "talk.pptx")

    assert document.page_count == 11
    assert document.extracted_text.split("\n\n") == slides


def test_a_spreadsheet_stores_its_cell_text_but_no_page_count(db):
    document = make_document(xlsx_bytes(["Ward", "Debriefs held"]), "figures.xlsx")

    assert document.page_count is None
    assert document.extracted_text == "Ward\nDebriefs held"


def test_an_opendocument_text_keeps_words_in_reading_order(db):
    document = make_document(odt_bytes(["Reflective practice"], pages=4), "notes.odt")

    assert document.page_count == 4
    assert document.extracted_text == "Reflective practice in a span after it"


def test_a_text_file_in_latin_1_is_still_read(db):
    document = make_document("Café notes\r\nline two".encode("latin-1"), "notes.txt")

    assert document.extracted_text == "Café notes\nline two"


def test_utf_8_text_cut_off_mid_character_is_still_read_as_utf_8(db, monkeypatch):
    monkeypatch.setattr(documents, "TEXT_LIMIT", 3)  # 12 bytes are read: the last "é" is cut

    document = make_document(("é" + "a" * 9 + "é").encode(), "notes.txt")

    assert document.extracted_text == "éaa"


def test_stored_text_is_capped(db, monkeypatch):
    monkeypatch.setattr(documents, "TEXT_LIMIT", 50)

    document = make_document(("word " * 100).encode(), "long.txt")

    assert len(document.extracted_text) == 50


def test_a_file_that_cannot_be_read_still_saves_without_metadata(db, caplog):
    document = make_document(b"PK\x03\x04 broken zip", "broken.docx")

    document.refresh_from_db()
    assert document.pk
    assert document.page_count is None
    assert document.extracted_text == ""
    assert "Could not read the page count and text" in caplog.text


def test_a_new_document_queues_its_previews_once_the_transaction_commits(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        make_document(pdf_bytes(), "g.pdf")

    assert queued_previews(callbacks) == 1


def test_editing_the_title_neither_rereads_the_file_nor_queues_previews(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    document = make_document(pdf_bytes(), "g.pdf")
    monkeypatch.setattr(
        "resources.signal_handlers.extract_metadata",
        lambda *a: pytest.fail("the file was read again"),
    )

    with django_capture_on_commit_callbacks() as callbacks:
        document.title = "A better title"
        document.save()

    assert queued_previews(callbacks) == 0


def test_uploading_the_same_bytes_again_does_not_queue_previews(
    db, django_capture_on_commit_callbacks
):
    content = pdf_bytes(["Same content"])
    document = make_document(content, "g.pdf")

    with django_capture_on_commit_callbacks() as callbacks:
        document.file = ContentFile(content, name="g-again.pdf")
        document.save()

    assert queued_previews(callbacks) == 0


def test_a_new_file_is_read_again_and_its_previews_queued(db, django_capture_on_commit_callbacks):
    document = make_document(pdf_bytes(["Old"]), "g.pdf")
    old_hash = document.file_hash

    with django_capture_on_commit_callbacks() as callbacks:
        document.file = ContentFile(pdf_bytes(["New first", "New second"]), name="g2.pdf")
        document.save()

    document.refresh_from_db()
    assert document.file_hash != old_hash
    assert document.page_count == 2
    assert "New first" in document.extracted_text
    assert document.preview_status == ResourceDocument.PreviewStatus.PENDING
    assert queued_previews(callbacks) == 1


def test_saving_selected_fields_does_not_look_at_the_file(db, monkeypatch):
    document = make_document(pdf_bytes(), "g.pdf")
    monkeypatch.setattr(
        "resources.signal_handlers._file_changed",
        lambda *a: pytest.fail("the file was compared"),
    )

    document.title = "Renamed"
    document.save(update_fields=["title"])


def test_a_document_is_found_by_the_text_inside_it(db):
    make_document(pdf_bytes(["Compassion fatigue in night shifts"]), "g.pdf")

    results = ResourceDocument.objects.search("fatigue")

    assert len(results) == 1
