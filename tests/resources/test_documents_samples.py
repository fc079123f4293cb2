"""Small but genuine files of every allowed type, for the upload, metadata and preview tests.

The tests at the bottom check the samples are what they claim, so a test that refuses a
"fake" file is not passing because the "real" one was broken too.
"""

import io
import zipfile

from pypdf import PdfReader, PdfWriter

from .factories import pdf_bytes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
OFFICE = "application/vnd.openxmlformats-officedocument"


def _zip(parts, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            name, data = first
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _content_types(main_part, main_type):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/></Types>'
    )


def docx_bytes(paragraphs=("Hello from Word",), pages=3, macros=False):
    main_type = (
        "application/vnd.ms-word.document.macroEnabled.main+xml"
        if macros
        else f"{OFFICE}.wordprocessingml.document.main+xml"
    )
    body = "".join(
        f"<w:p><w:r><w:t>{text}</w:t></w:r><w:r><w:tab/><w:t>end</w:t></w:r></w:p>"
        for text in paragraphs
    )
    return _zip(
        {
            "[Content_Types].xml": _content_types("word/document.xml", main_type),
            "word/document.xml": (
                f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
            ),
            "docProps/app.xml": (
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'extended-properties"><Pages>{pages}</Pages></Properties>'
            ),
        }
    )


def pptx_bytes(slides=("First slide", "Second slide")):
    parts = {
        "[Content_Types].xml": _content_types(
            "ppt/presentation.xml", f"{OFFICE}.presentationml.presentation.main+xml"
        ),
        "ppt/presentation.xml": f'<p:presentation xmlns:p="{P_NS}"/>',
    }
    # Numbered past 9 on purpose: slide10 must come after slide2.
    for number, text in enumerate(slides, start=1):
        parts[f"ppt/slides/slide{number}.xml"] = (
            f'<p:sld xmlns:p="{P_NS}" xmlns:a="{A_NS}"><p:cSld><p:spTree><p:sp><p:txBody>'
            f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
        )
    return _zip(parts)


def xlsx_bytes(strings=("Team", "Sessions")):
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                "xl/workbook.xml", f"{OFFICE}.spreadsheetml.sheet.main+xml"
            ),
            "xl/workbook.xml": "<workbook/>",
            "xl/sharedStrings.xml": (
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f"{shared}</sst>"
            ),
        }
    )


def odt_bytes(paragraphs=("Hello from Writer",), pages=2):
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    body = "".join(
        f"<text:p>{text} <text:span>in a span</text:span> after it</text:p>" for text in paragraphs
    )
    return _zip(
        {
            "content.xml": (
                '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                f'office:1.0" xmlns:text="{text_ns}"><office:body><office:text>{body}'
                "</office:text></office:body></office:document-content>"
            ),
            "meta.xml": (
                '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                'office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0">'
                f'<office:meta><meta:document-statistic meta:page-count="{pages}"/>'
                "</office:meta></office:document-meta>"
            ),
        },
        first=("mimetype", "application/vnd.oasis.opendocument.text"),
    )


def mp3_bytes():
    return b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" + bytes(400)


def mp4_bytes():
    return b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(200)


def encrypted_pdf_bytes():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


#: One genuine file per allowed extension.
GOOD_FILES = {
    "pdf": pdf_bytes,
    "docx": docx_bytes,
    "pptx": pptx_bytes,
    "xlsx": xlsx_bytes,
    "odt": odt_bytes,
    "mp3": mp3_bytes,
    "mp4": mp4_bytes,
    "txt": lambda: "Notes from the reflective practice session – café.\n".encode(),
    "csv": lambda: b"team,sessions\nward 4,12\n",
}


def test_office_samples_are_zip_packages_with_their_main_part():
    for maker, part in [
        (docx_bytes, "word/document.xml"),
        (pptx_bytes, "ppt/presentation.xml"),
        (xlsx_bytes, "xl/workbook.xml"),
        (odt_bytes, "content.xml"),
    ]:
        with zipfile.ZipFile(io.BytesIO(maker())) as archive:
            assert archive.testzip() is None
            assert part in archive.namelist()


def test_odt_sample_starts_with_its_uncompressed_mimetype():
    data = odt_bytes()

    assert data[30:38] == b"mimetype"
    assert b"application/vnd.oasis.opendocument.text" in data[:100]


def test_encrypted_pdf_sample_needs_its_password():
    reader = PdfReader(io.BytesIO(encrypted_pdf_bytes()))

    assert reader.is_encrypted
