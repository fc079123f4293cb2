"""The PDF script check on its own: where it looks, and what it does not mistake for a script.

The uploads that exercise it through the admin are in test_uploads.py.
"""

import zlib

from django.core.exceptions import ValidationError

import pytest

from resources.upload_safety import check_pdf_scripts, pdf_has_scripts

from .test_documents_samples import owner_locked_pdf_bytes, pdf_in_object_stream


def stream(number, content, extra=b""):
    return b"%d 0 obj\n<< /Length %d%s >>\nstream\n%s\nendstream\nendobj\n" % (
        number,
        len(content),
        extra,
        content,
    )


def test_names_inside_a_drawing_or_an_image_are_not_taken_for_scripts():
    drawing = b"BT /JS 12 Tf (/AA) Tj ET \x00\xff /JS (" + bytes(range(256))

    assert not pdf_has_scripts(b"%PDF-1.4\n" + stream(1, drawing))


def test_a_script_action_disguised_as_the_inside_of_a_stream_is_still_found():
    fake = b"1 0 obj\n<< /Length 999 >>\nstream\n"  # no endstream where its length says
    hidden = b"2 0 obj\n<< /S /JavaScript /JS (app.alert(1);) >>\nendobj\n"

    assert pdf_has_scripts(b"%PDF-1.4\n" + fake + hidden + b"endstream\nendobj\n")


def test_additional_actions_outside_streams_are_found_even_without_javascript():
    page = b"3 0 obj\n<< /Type /Page /A#41 << /O << /S /SubmitForm >> >> >>\nendobj\n"

    assert pdf_has_scripts(b"%PDF-1.4\n" + page)


def test_an_object_stream_in_an_encrypted_pdf_cannot_be_checked():
    data = pdf_in_object_stream(b"<< /Type /Annot >>").replace(
        b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 9 0 R"
    )

    with pytest.raises(ValidationError) as refused:
        check_pdf_scripts(data)

    assert refused.value.code == "pdf_cannot_check"


def test_an_encrypted_pdf_without_object_streams_is_checked_as_usual():
    check_pdf_scripts(owner_locked_pdf_bytes())


def test_an_object_stream_that_unpacks_past_the_limit_cannot_be_checked(monkeypatch):
    monkeypatch.setattr("resources.upload_safety.OBJECT_STREAM_LIMIT", 1000)
    packed = zlib.compress(b"1 0 " + bytes(5000))
    data = b"%PDF-1.5\n" + stream(5, packed, b" /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode")

    with pytest.raises(ValidationError) as refused:
        check_pdf_scripts(data)

    assert refused.value.code == "pdf_cannot_check"


def test_pdfiums_count_of_document_scripts_is_a_second_opinion():
    with pytest.raises(ValidationError) as refused:
        check_pdf_scripts(b"%PDF-1.4\n", javascript_count=1)

    assert refused.value.code == "pdf_scripts"
