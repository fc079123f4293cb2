"""Small but genuine files of every allowed type, for the upload, metadata and preview tests.

The tests at the bottom check the samples are what they claim, so a test that refuses a
"fake" file is not passing because the "real" one was broken too.
"""

import functools
import io
import zipfile
import zlib

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

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


# Unsafe files: each is genuinely the type it says, and refused for what is inside it. -----

MB = 1024 * 1024


@functools.cache
def docx_unpacking_to(size):
    """A Word document whose document part is `size` bytes of zeros, packed (a zip bomb).

    Packed fast rather than small (compression level 1): 200 MB make 0.9 MB in half a second.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "[Content_Types].xml",
            _content_types("word/document.xml", f"{OFFICE}.wordprocessingml.document.main+xml"),
        )
        with archive.open("word/document.xml", "w") as part:
            chunk = bytes(MB)
            for _ in range(size // MB):
                part.write(chunk)
            part.write(bytes(size % MB))
    return buffer.getvalue()


def _pdf_with(edit):
    """The factories' two-page PDF, with `edit(writer)` applied before it is written."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    edit(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _javascript(code="app.alert('Hello');"):
    return DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code)}
    )


def pdf_with_open_action_script():
    """A PDF that runs JavaScript as it opens (/OpenAction << /S /JavaScript /JS (...) >>)."""

    def edit(writer):
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(_javascript())

    return _pdf_with(edit)


def pdf_with_document_script():
    """A PDF with a document-level script (the /Names /JavaScript tree)."""

    def edit(writer):
        scripts = ArrayObject([TextStringObject("hello"), writer._add_object(_javascript())])
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): scripts})}
        )

    return _pdf_with(edit)


def pdf_with_page_open_action():
    """A PDF whose first page runs an additional action when shown (/AA << /O ... >>)."""

    def edit(writer):
        writer.pages[0][NameObject("/AA")] = DictionaryObject(
            {NameObject("/O"): writer._add_object(_javascript())}
        )

    return _pdf_with(edit)


def pdf_with_launch_link():
    """A PDF with a link that starts a program (/S /Launch)."""

    def edit(writer):
        link = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (72, 72, 200, 100)]),
                NameObject("/A"): DictionaryObject(
                    {
                        NameObject("/S"): NameObject("/Launch"),
                        NameObject("/F"): TextStringObject("calc.exe"),
                    }
                ),
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])

    return _pdf_with(edit)


def owner_locked_pdf_bytes():
    """A PDF anyone can open, locked against changes with an owner password only."""
    return _pdf_with(lambda writer: writer.encrypt(user_password="", owner_password="owner"))


def pdf_with_web_link():
    """An ordinary PDF with a link to a web page (/S /URI): nothing in it runs on its own."""

    def edit(writer):
        link = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (72, 72, 200, 100)]),
                NameObject("/A"): DictionaryObject(
                    {
                        NameObject("/S"): NameObject("/URI"),
                        NameObject("/URI"): TextStringObject("https://www.nhs.uk/"),
                    }
                ),
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])

    return _pdf_with(edit)


def pdf_in_object_stream(action=b"<< /S /JavaScript /JS (app.alert(1);) >>", packing="flate"):
    """A PDF 1.5 whose objects, `action` (run on opening) among them, are packed in one
    object stream, so no name in them shows in the file's bytes. `packing` is "flate"
    (compressed, as PDF programs write them) or "hex" (ASCIIHexDecode, which PDFium reads
    too)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        action,
    ]
    offsets, body = [], b""
    for obj in objects:
        offsets.append(len(body))
        body += obj + b"\n"
    header = b" ".join(b"%d %d" % (number, offset) for number, offset in enumerate(offsets, 1))
    contents = header + b"\n" + body
    if packing == "flate":
        packed, filter_name = zlib.compress(contents), b"/FlateDecode"
    else:
        packed, filter_name = contents.hex().encode() + b">", b"/ASCIIHexDecode"
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    object_stream_at = len(out)
    out += b"5 0 obj\n<< /Type /ObjStm /N 4 /First %d /Filter %s /Length %d >>\nstream\n" % (
        len(header) + 1,
        filter_name,
        len(packed),
    )
    out += packed + b"\nendstream\nendobj\n"
    xref_at = len(out)
    rows = [(0, 0, 255)] + [(2, 5, index) for index in range(4)]
    rows += [(1, object_stream_at, 0), (1, xref_at, 0)]
    table = b"".join(
        bytes([kind]) + field.to_bytes(4, "big") + bytes([n]) for kind, field, n in rows
    )
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 1] /Root 1 0 R /Length %d >>\nstream\n" % len(
        table
    )
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def test_the_zip_bomb_sample_is_small_but_declares_its_full_size():
    data = docx_unpacking_to(200 * MB)

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        declared = archive.getinfo("word/document.xml").file_size
    assert len(data) < 1 * MB
    assert declared == 200 * MB


@pytest.mark.parametrize(
    "maker",
    [
        pdf_with_open_action_script,
        pdf_with_document_script,
        pdf_with_page_open_action,
        pdf_with_launch_link,
        pdf_with_web_link,
        owner_locked_pdf_bytes,
        pdf_in_object_stream,
    ],
)
def test_the_pdf_samples_open_in_pdfium(maker):
    pdf = pdfium.PdfDocument(maker())

    assert len(pdf) >= 1
    pdf.close()


@pytest.mark.parametrize("packing", ["flate", "hex"])
def test_the_object_stream_samples_hide_their_script_from_a_search_of_their_bytes(packing):
    data = pdf_in_object_stream(packing=packing)
    pdf = pdfium.PdfDocument(data)

    assert len(pdf) == 1
    assert b"/JS" not in data and b"JavaScript" not in data
    assert pdfium_c.FPDFDoc_GetJavaScriptActionCount(pdf.raw) == 0  # PDFium does not see it
    pdf.close()
