"""What a document file is: checking an upload's content against its name (and, through
upload_safety.py, that it is safe), and reading its page count and text.

Used by the admin's document form (checks) and by the `extract_document_metadata` task
(metadata). Nothing here touches the database.
"""

import codecs
import io
import logging
import re
import threading
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .upload_safety import check_pdf_scripts, check_unpacked_size

logger = logging.getLogger(__name__)

#: PDFium is not thread-safe: every use in this process goes through this lock.
PDFIUM_LOCK = threading.RLock()

#: Stored text is capped: enough for search and screen readers, small enough for one row.
TEXT_LIMIT = 200_000
#: The most uncompressed XML read from one part of an Office file (guards against zip bombs).
XML_PART_LIMIT = 32 * 1024 * 1024
#: How much of a text file is checked for binary content.
TEXT_SNIFF_BYTES = 1024 * 1024

OFFICE_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
OFFICE_FOLDERS = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

#: What each allowed extension should be, in words: "This file is called .x but it is not …".
KINDS = {
    "pdf": _("a PDF"),
    "docx": _("a Word document"),
    "pptx": _("a PowerPoint presentation"),
    "xlsx": _("an Excel spreadsheet"),
    "odt": _("an OpenDocument text file"),
    "mp3": _("an MP3 audio file"),
    "mp4": _("an MP4 video"),
    "txt": _("a plain text file"),
    "csv": _("a CSV file"),
}

#: How binary files people often pick by mistake begin (PDF, ZIP, MP3, PNG, JPEG, GIF, old
#: Office): a "text" file starting like this is not text.
BINARY_SIGNATURES = (
    b"%PDF-",
    b"PK\x03\x04",
    b"ID3",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\xd0\xcf\x11\xe0",
)


def extension_of(name):
    """The lower-case extension of a file name without its dot ("" when there is none)."""
    return PurePath(name or "").suffix.lower().lstrip(".")


def allowed_extensions():
    return [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or KINDS]


# Checking an upload ------------------------------------------------------------------------


def _not_what_it_says(extension):
    if extension == "pdf":
        return _("This file is called .pdf but it is not a PDF. Check you chose the right file.")
    return format_lazy(
        _(
            "This file is called .{extension} but it is not {kind}. "
            "Check you chose the right file."
        ),
        extension=extension,
        kind=KINDS[extension],
    )


def check_extension(name):
    """Refuse a file whose name does not end in one of the allowed extensions."""
    extension = extension_of(name)
    allowed = allowed_extensions()
    if not extension:
        raise ValidationError(
            _(
                "This file's name does not end with a type such as .pdf, so we cannot tell "
                "what it is. You can upload %(allowed)s files."
            )
            % {"allowed": ", ".join(allowed)},
            code="invalid_extension",
        )
    if extension not in allowed:
        raise ValidationError(
            _(
                "Files ending .%(extension)s cannot be uploaded here. "
                "You can upload %(allowed)s files."
            )
            % {"extension": extension, "allowed": ", ".join(allowed)},
            code="invalid_extension",
        )
    return extension


TOO_LARGE = _(
    "This file is %(file_size)s. The largest file you can upload is %(max_filesize)s. "
    "Try saving a smaller version, or splitting it into parts."
)
TOO_LARGE_UNKNOWN_SIZE = _(
    "This file is too big. The largest file you can upload is %(max_filesize)s. "
    "Try saving a smaller version, or splitting it into parts."
)


def check_size(size):
    limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    if limit is not None and size > limit:
        raise ValidationError(
            TOO_LARGE % {"file_size": filesizeformat(size), "max_filesize": filesizeformat(limit)},
            code="file_too_large",
        )


def check_content(fileobj, extension):
    """Refuse a file whose bytes are not what its extension says.

    `fileobj` is any seekable binary file; it is left at its start. Extensions with no check
    here (one an operator added to WAGTAILDOCS_EXTENSIONS) pass.
    """
    checker = CONTENT_CHECKS.get(extension)
    if checker is None:
        return
    fileobj.seek(0)
    try:
        checker(fileobj, extension)
    finally:
        fileobj.seek(0)


def _check_pdf(fileobj, extension):
    head = fileobj.read(1024)
    if b"%PDF-" not in head:
        raise ValidationError(_not_what_it_says(extension), code="content_mismatch")
    fileobj.seek(0)
    data = fileobj.read()
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
                raise ValidationError(
                    _(
                        "This PDF is protected by a password, so readers could not open it. "
                        "Save a copy without the password and upload that."
                    ),
                    code="pdf_password",
                ) from error
            raise ValidationError(
                _(
                    "This PDF looks damaged, so it could not be opened. Try saving it again "
                    "from the program that made it."
                ),
                code="pdf_damaged",
            ) from error
        javascript_count = pdfium_c.FPDFDoc_GetJavaScriptActionCount(pdf.raw)
        pdf.close()
    check_pdf_scripts(data, javascript_count)


#: What reading a damaged, encrypted or unusual ZIP can raise.
ZIP_ERRORS = (
    KeyError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    EOFError,
    OSError,
    zipfile.BadZipFile,
)


def _zip_or_refuse(fileobj, extension):
    if fileobj.read(4) != b"PK\x03\x04":
        raise ValidationError(_not_what_it_says(extension), code="content_mismatch")
    fileobj.seek(0)
    try:
        return zipfile.ZipFile(fileobj)
    except ZIP_ERRORS as error:
        raise ValidationError(_not_what_it_says(extension), code="content_mismatch") from error


def _read_part(archive, name, limit=XML_PART_LIMIT):
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise ValueError(f"{name} is {info.file_size} bytes uncompressed")
    with archive.open(info) as part:
        return part.read(limit + 1)[:limit]


def _check_office(fileobj, extension):
    archive = _zip_or_refuse(fileobj, extension)
    with archive:
        names = archive.namelist()
        folder = OFFICE_FOLDERS[extension]
        if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
            raise ValidationError(_not_what_it_says(extension), code="content_mismatch")
        check_unpacked_size(archive)
        try:
            content_types = _read_part(archive, "[Content_Types].xml", limit=1024 * 1024)
        except ZIP_ERRORS as error:
            raise ValidationError(_not_what_it_says(extension), code="content_mismatch") from error
    if b"macroEnabled" in content_types:
        raise ValidationError(
            _(
                "This file contains macros, which we do not accept because they can run code "
                "on readers' computers. Save it as an ordinary .%(extension)s file and upload "
                "that."
            )
            % {"extension": extension},
            code="macros",
        )
    if OFFICE_MAIN_TYPES[extension].encode() not in content_types:
        raise ValidationError(_not_what_it_says(extension), code="content_mismatch")


def _check_odt(fileobj, extension):
    archive = _zip_or_refuse(fileobj, extension)
    with archive:
        try:
            mimetype = _read_part(archive, "mimetype", limit=1024).strip()
        except ZIP_ERRORS as error:
            raise ValidationError(_not_what_it_says(extension), code="content_mismatch") from error
        if mimetype != ODT_MIMETYPE:
            raise ValidationError(_not_what_it_says(extension), code="content_mismatch")
        check_unpacked_size(archive)


def _check_mp3(fileobj, extension):
    head = fileobj.read(3)
    frame_sync = len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
    if not (head == b"ID3" or frame_sync):
        raise ValidationError(_not_what_it_says(extension), code="content_mismatch")


def _check_mp4(fileobj, extension):
    if fileobj.read(8)[4:8] != b"ftyp":
        raise ValidationError(_not_what_it_says(extension), code="content_mismatch")


def _check_text(fileobj, extension):
    head = fileobj.read(TEXT_SNIFF_BYTES)
    if b"\x00" in head or head.startswith(BINARY_SIGNATURES):
        message = _not_what_it_says(extension)
        if extension == "csv":
            message = _(
                "This file is called .csv but it is not a CSV file. If it came from a "
                "spreadsheet, save it as 'CSV UTF-8' and try again."
            )
        raise ValidationError(message, code="content_mismatch")
    # Anything else is text: read as UTF-8, or as Latin-1 when it is not (_text_metadata).


CONTENT_CHECKS = {
    "pdf": _check_pdf,
    "docx": _check_office,
    "pptx": _check_office,
    "xlsx": _check_office,
    "odt": _check_odt,
    "mp3": _check_mp3,
    "mp4": _check_mp4,
    "txt": _check_text,
    "csv": _check_text,
}


def check_upload(uploaded_file):
    """Every check on an uploaded file, in the order a person would want to hear about them."""
    extension = check_extension(uploaded_file.name)
    check_size(uploaded_file.size)
    check_content(uploaded_file, extension)
    return extension


# Reading page count and text ----------------------------------------------------------------


@dataclass
class Metadata:
    page_count: int | None = None
    text: str = ""


def _cap(text):
    return text[:TEXT_LIMIT]


def pdf_metadata(data):
    """Page count and text of a PDF given as bytes (or anything PdfDocument accepts)."""
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            texts, length = [], 0
            for index in range(len(pdf)):
                if length >= TEXT_LIMIT:
                    break
                page = pdf[index]
                textpage = page.get_textpage()
                text = textpage.get_text_bounded().strip()
                textpage.close()
                page.close()
                texts.append(text)
                length += len(text) + 2
            return Metadata(page_count=len(pdf), text=_cap("\n\n".join(texts)))
        finally:
            pdf.close()


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _xml_text(xml_bytes, paragraph_tags, text_tags, tab_tags=(), break_tags=(), space_tags=()):
    """Text of an XML part, in document order: the text inside `text_tags` (and the text
    after their children, as ODF keeps it), a new line after each paragraph."""
    out = []

    def walk(element):
        name = _local(element.tag)
        if name in tab_tags:
            out.append("\t")
        elif name in break_tags:
            out.append("\n")
        elif name in space_tags:
            out.append(" ")
        if name in text_tags and element.text:
            out.append(element.text)
        for child in element:
            walk(child)
            if name in text_tags and child.tail:
                out.append(child.tail)
        if name in paragraph_tags:
            out.append("\n")

    walk(ElementTree.fromstring(xml_bytes))
    return re.sub(r"\n{3,}", "\n\n", "".join(out)).strip()


def _office_metadata(data, extension):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        page_count = None
        if extension == "docx":
            text = _xml_text(
                _read_part(archive, "word/document.xml"),
                paragraph_tags={"p"},
                text_tags={"t"},
                tab_tags={"tab"},
                break_tags={"br"},
            )
            page_count = _app_count(archive, names, "Pages")
        elif extension == "pptx":
            slides = sorted(
                (n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                key=lambda n: int(re.search(r"(\d+)\.xml$", n).group(1)),
            )
            parts = [
                _xml_text(_read_part(archive, n), paragraph_tags={"p"}, text_tags={"t"})
                for n in slides
            ]
            text = "\n\n".join(p for p in parts if p)
            page_count = len(slides) or None
        elif extension == "xlsx":
            text = ""
            if "xl/sharedStrings.xml" in names:
                text = _xml_text(
                    _read_part(archive, "xl/sharedStrings.xml"),
                    paragraph_tags={"si"},
                    text_tags={"t"},
                )
        else:  # odt
            text = _xml_text(
                _read_part(archive, "content.xml"),
                paragraph_tags={"p", "h"},
                text_tags={"p", "h", "span", "a"},
                tab_tags={"tab"},
                break_tags={"line-break"},
                space_tags={"s"},
            )
            page_count = _odt_page_count(archive, names)
    return Metadata(page_count=page_count, text=_cap(text))


def _app_count(archive, names, element_name):
    """A count the Office program stored in docProps/app.xml (pages, slides), if any."""
    if "docProps/app.xml" not in names:
        return None
    root = ElementTree.fromstring(_read_part(archive, "docProps/app.xml", limit=1024 * 1024))
    for element in root:
        if _local(element.tag) == element_name and (element.text or "").strip().isdigit():
            return int(element.text) or None
    return None


def _odt_page_count(archive, names):
    if "meta.xml" not in names:
        return None
    root = ElementTree.fromstring(_read_part(archive, "meta.xml", limit=1024 * 1024))
    for element in root.iter():
        if _local(element.tag) == "document-statistic":
            for key, value in element.attrib.items():
                if _local(key) == "page-count" and value.isdigit():
                    return int(value) or None
    return None


def _text_metadata(data):
    try:
        # Incremental, so a character cut in two at the end of the bytes read is not an error.
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=False)
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return Metadata(page_count=None, text=_cap(text.replace("\r\n", "\n")))


def extract_metadata(fileobj, extension):
    """Page count and text of an open binary file; empty Metadata if it cannot be read.

    Never raises: a file that cannot be read still saves, and its preview says so.
    """
    fileobj.seek(0)
    try:
        if extension == "pdf":
            return pdf_metadata(fileobj.read())
        if extension in ("docx", "pptx", "xlsx", "odt"):
            return _office_metadata(fileobj.read(), extension)
        if extension in ("txt", "csv"):
            return _text_metadata(fileobj.read(TEXT_LIMIT * 4))
    except Exception:  # noqa: BLE001 - any unreadable file is logged, never a failed save
        logger.warning(
            "Could not read the page count and text of a .%s file", extension, exc_info=True
        )
    finally:
        fileobj.seek(0)
    return Metadata()
