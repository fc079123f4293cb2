"""The test factories build a working tree and real PDFs (others' tests rely on them)."""

import io

from pypdf import PdfReader

from .factories import AlternativeFormatFactory, ResourceDocumentFactory, ResourcePageFactory


def test_document_factory_makes_a_two_page_pdf_with_text(db):
    document = ResourceDocumentFactory()

    with document.open_file() as f:
        reader = PdfReader(io.BytesIO(f.read()))

    assert len(reader.pages) == 2
    assert "First page" in reader.pages[0].extract_text()
    assert document.file_hash and document.file_size


def test_document_factory_accepts_other_bytes(db):
    document = ResourceDocumentFactory(file__data=b"plain text", file__filename="notes.txt")

    with document.open_file() as f:
        assert f.read() == b"plain text"
    assert document.file.name.endswith(".txt")


def test_resource_factory_places_a_live_resource_in_a_folder_in_the_library(library):
    resource = ResourcePageFactory(tags=["sleep", "shift work"])
    AlternativeFormatFactory(page=resource)

    folder = resource.get_parent().specific
    assert resource.live
    assert folder.get_parent().specific == library
    assert sorted(resource.tags.names()) == ["shift work", "sleep"]
    assert resource.alternative_formats.count() == 1
