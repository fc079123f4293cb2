"""Preview generation: a document's pages drawn as PNG images, each with that page's text.

PDFs are drawn with PDFium (pypdfium2). Word, PowerPoint, Excel and OpenDocument files are
first converted to PDF by LibreOffice when it is installed (`soffice` on the PATH); without
it they are offered as download only. Audio, video and text files have no page preview.

`generate_previews(document)` is called by the `generate_document_previews` task (see
tasks.py) and by `manage.py regenerate_previews`. It never raises: a file that cannot be drawn
leaves the document with status "failed" and a logged exception, never an error for the
person who uploaded it. The old preview pages are replaced in one transaction, so readers see
either the old set or the new one.
"""

import io
import logging
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation

from wagtail.search import index as search_index

import pypdfium2 as pdfium
from PIL import Image

from .documents import PDFIUM_LOCK, extension_of, pdf_metadata
from .models import DocumentPreviewPage, ResourceDocument
from .preview_messages import failed_message, first_pages_message, unavailable_message

logger = logging.getLogger(__name__)

Status = ResourceDocument.PreviewStatus

CONVERTIBLE = {"docx", "pptx", "xlsx", "odt"}
PREVIEW_FOLDER = "document_previews"


def preview_width():
    """Width of a preview image in pixels (settings.COA_PREVIEW_WIDTH, default 1000)."""
    return getattr(settings, "COA_PREVIEW_WIDTH", 1000)


def max_preview_pages():
    """Pages drawn per document (settings.COA_PREVIEW_MAX_PAGES, default 40)."""
    return getattr(settings, "COA_PREVIEW_MAX_PAGES", 40)


def conversion_timeout():
    """Seconds LibreOffice may take to convert one file (COA_PREVIEW_CONVERT_TIMEOUT, 120)."""
    return getattr(settings, "COA_PREVIEW_CONVERT_TIMEOUT", 120)


@dataclass
class RenderedPage:
    number: int
    png: bytes
    width: int
    height: int
    text: str


class ConversionError(Exception):
    """LibreOffice did not produce a PDF (it failed, or took longer than the timeout)."""


def find_converter():
    """The LibreOffice command on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(data, extension, converter, timeout=None):
    """Convert an Office file's bytes to PDF bytes with LibreOffice, in a temporary folder.

    LibreOffice runs with its own throw-away profile (so conversions never share one), in a
    new process group that is killed whole if it runs past the timeout.
    """
    timeout = timeout or conversion_timeout()
    with tempfile.TemporaryDirectory(prefix="coa-convert-") as folder:
        folder = Path(folder)
        source = folder / f"document.{extension}"
        source.write_bytes(data)
        command = [
            converter,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        process = subprocess.Popen(  # noqa: S603 - a fixed command; the file name is ours
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=folder,
            env={**os.environ, "HOME": str(folder)},
            start_new_session=True,
        )
        try:
            _stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionError(f"LibreOffice took longer than {timeout}s") from error
        result = folder / "out" / "document.pdf"
        if process.returncode != 0 or not result.exists():
            raise ConversionError(
                f"LibreOffice exited with {process.returncode}: {stderr.decode(errors='replace')}"
            )
        return result.read_bytes()


def render_pdf(data, width=None, max_pages=None):
    """Draw up to `max_pages` pages of a PDF as PNGs about `width` pixels wide.

    Returns (pages, total page count). Images use an adaptive 64-colour palette: a quarter
    of the bytes of full colour, with text as crisp.
    """
    width = width or preview_width()
    max_pages = max_pages or max_preview_pages()
    pages = []
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            total = len(pdf)
            for index in range(min(total, max_pages)):
                page = pdf[index]
                try:
                    scale = width / page.get_width()
                    image = page.render(scale=scale).to_pil()
                    textpage = page.get_textpage()
                    text = textpage.get_text_bounded().strip()
                    textpage.close()
                finally:
                    page.close()
                image = image.quantize(64, method=Image.Quantize.FASTOCTREE)
                buffer = io.BytesIO()
                image.save(buffer, "PNG")
                pages.append(
                    RenderedPage(index + 1, buffer.getvalue(), image.width, image.height, text)
                )
        finally:
            pdf.close()
    return pages, total


def _read(document):
    with document.open_file() as f:
        return f.read()


def generate_previews(document, width=None):
    """Make (or remake) the preview pages of `document`; return its new preview status.

    The stored preview_message is in the site's default language (see preview_notice).
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _generate_previews(document, width)


def _generate_previews(document, width):
    extension = extension_of(document.file.name)
    try:
        if extension == "pdf":
            pdf_bytes = _read(document)
            converted = False
        elif extension in CONVERTIBLE:
            converter = find_converter()
            if converter is None:
                return _set_status(document, Status.UNAVAILABLE, unavailable_message())
            pdf_bytes = convert_to_pdf(_read(document), extension, converter)
            converted = True
        else:
            return _set_status(document, Status.UNAVAILABLE, unavailable_message())
        pages, total = render_pdf(pdf_bytes, width=width)
    except Exception:  # noqa: BLE001 - whatever goes wrong, the uploader gets a download, not a 500
        logger.exception("Could not make the preview of document %s (%s)", document.pk, document)
        return _set_status(document, Status.FAILED, failed_message())

    message = first_pages_message(len(pages), total) if total > len(pages) else ""
    extra = {}
    if converted:
        # The converted PDF's pages are what the preview shows, so its count is the one to keep;
        # its text fills in when the Office file's own XML gave none.
        extra["page_count"] = total
        if not document.extracted_text:
            extra["extracted_text"] = pdf_metadata(pdf_bytes).text
    status = _replace_pages(document, pages, message, extra)
    if status and "extracted_text" in extra:
        search_index.insert_or_update_object(document)
    return status


def _save_images(document, pages):
    """Write the images under names no one can guess; return unsaved DocumentPreviewPage rows."""
    token = secrets.token_hex(8)
    rows = []
    for page in pages:
        name = default_storage.save(
            f"{PREVIEW_FOLDER}/{document.pk}/{token}-{page.number:03d}.png", ContentFile(page.png)
        )
        rows.append(
            DocumentPreviewPage(
                document_id=document.pk,
                number=page.number,
                image=name,
                width=page.width,
                height=page.height,
                text=page.text,
            )
        )
    return rows


def delete_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not delete the old preview image %s", name, exc_info=True)


def _replace_pages(document, pages, message, extra):
    rows = _save_images(document, pages)
    try:
        with transaction.atomic():
            current = (
                ResourceDocument.objects.select_for_update()
                .filter(pk=document.pk)
                .values_list("file_hash", flat=True)
                .first()
            )
            if current is None or (document.file_hash and current != document.file_hash):
                # Deleted, or a newer file arrived while this one was drawn: its own task will
                # draw that one, so these images are thrown away.
                delete_files(row.image.name for row in rows)
                return None
            old = list(
                DocumentPreviewPage.objects.filter(document_id=document.pk).values_list(
                    "image", flat=True
                )
            )
            DocumentPreviewPage.objects.filter(document_id=document.pk).delete()
            DocumentPreviewPage.objects.bulk_create(rows)
            ResourceDocument.objects.filter(pk=document.pk).update(
                preview_status=Status.READY, preview_message=message, **extra
            )
            transaction.on_commit(lambda: delete_files(old))
    except Exception:
        delete_files(row.image.name for row in rows)
        raise
    document.preview_status, document.preview_message = Status.READY, message
    for field, value in extra.items():
        setattr(document, field, value)
    return Status.READY


def _set_status(document, status, message):
    """Record a status with no preview pages (unavailable or failed), removing any old ones."""
    with transaction.atomic():
        old = list(
            DocumentPreviewPage.objects.filter(document_id=document.pk).values_list(
                "image", flat=True
            )
        )
        DocumentPreviewPage.objects.filter(document_id=document.pk).delete()
        ResourceDocument.objects.filter(pk=document.pk).update(
            preview_status=status, preview_message=message
        )
        transaction.on_commit(lambda: delete_files(old))
    document.preview_status, document.preview_message = status, message
    return status
