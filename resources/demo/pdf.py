"""A small PDF writer for the demo library: text documents (A4) and slide decks (16:9).

The demo needs real PDFs whose text can be extracted again (for search and for the preview's
text beside each page image), made without a PDF library. Text is set in the PDF's built-in
Helvetica with WinAnsi encoding, wrapped with approximate character widths: close enough for
ragged-right paragraphs, never running off the page because the widths err on the wide side.
"""

import zlib

A4 = (595, 842)
SLIDE = (960, 540)
NHS_BLUE = (0.0, 0.369, 0.722)
DARK_GREY = (0.13, 0.17, 0.2)
WHITE = (1, 1, 1)

# Approximate Helvetica advance widths in thousandths of the font size, by character class.
_NARROW = dict.fromkeys("ijl'|", 230) | dict.fromkeys(" !,./:;I[]\\ft`", 280)
_MEDIUM = dict.fromkeys('r()-*"', 340) | dict.fromkeys("ckvxyzsJ", 500)
_WIDE = dict.fromkeys("mM%", 890) | dict.fromkeys("wCDHNRUÆ", 722) | dict.fromkeys("GOQ", 778)
_WIDEST = {"W": 944, "@": 1015, "—": 1000, "…": 1000}
_WIDTHS = _NARROW | _MEDIUM | _WIDE | _WIDEST
_DEFAULT_WIDTH = 560
BOLD_FACTOR = 1.1


def text_width(text, size, bold=False):
    units = sum(_WIDTHS.get(char, _DEFAULT_WIDTH) for char in text)
    return units * size / 1000 * (BOLD_FACTOR if bold else 1)


def wrap(text, size, width, bold=False):
    """Split `text` into lines no wider than `width` points."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _pdf_string(text):
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _colour(rgb, stroke=False):
    return " ".join(f"{c:.3f}" for c in rgb) + (" RG" if stroke else " rg")


class Canvas:
    """The drawing operations of one page, as PDF content-stream text."""

    def __init__(self, size):
        self.width, self.height = size
        self.ops = []

    def rect(self, x, y, w, h, rgb):
        self.ops.append(f"q {_colour(rgb)} {x:.1f} {y:.1f} {w:.1f} {h:.1f} re f Q")

    def text(self, x, y, text, size, bold=False, rgb=DARK_GREY):
        font = "/F2" if bold else "/F1"
        self.ops.append(
            f"BT {_colour(rgb)} {font} {size} Tf {x:.1f} {y:.1f} Td "
            + _pdf_string(text).decode("latin-1")
            + " Tj ET"
        )

    def content(self):
        return "\n".join(self.ops).encode("latin-1")


def _serialise(canvases, title, author):
    """The bytes of a PDF holding one page per canvas."""
    objects = []  # object number n is objects[n - 1]

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree exists
    pages = add(b"")
    regular = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    resources = f"<< /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >>".encode()
    kids = []
    for canvas in canvases:
        data = zlib.compress(canvas.content())
        stream = add(
            f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
            + data
            + b"\nendstream"
        )
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {canvas.width} "
                f"{canvas.height}] /Contents {stream} 0 R /Resources ".encode()
                + resources
                + b" >>"
            )
        )
    objects[pages - 1] = (
        f"<< /Type /Pages /Count {len(kids)} /Kids [{' '.join(f'{k} 0 R' for k in kids)}] >>"
    ).encode()
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages} 0 R /Lang (en-GB) >>".encode()
    info = add(b"<< /Title " + _pdf_string(title) + b" /Author " + _pdf_string(author) + b" >>")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def document_pdf(title, sections, *, author="", subtitle="", body_size=11):
    """An A4 document: a title band, then each (heading, paragraphs) section on a new page.

    A section longer than a page carries on over the next one.
    """
    margin, leading = 64, round(body_size * 1.45)
    text_width_available = A4[0] - 2 * margin
    canvases = []

    def new_page():
        canvas = Canvas(A4)
        canvases.append(canvas)
        return canvas, A4[1] - margin

    canvas, y = new_page()
    canvas.rect(0, A4[1] - 150, A4[0], 150, NHS_BLUE)
    y = A4[1] - 60
    for line in wrap(title, 22, text_width_available, bold=True):
        canvas.text(margin, y, line, 22, bold=True, rgb=WHITE)
        y -= 28
    if subtitle:
        canvas.text(margin, y - 4, subtitle, 12, rgb=WHITE)
    y = A4[1] - 150 - 40

    for index, (heading, paragraphs) in enumerate(sections):
        if index > 0:
            canvas, y = new_page()
        for line in wrap(heading, 16, text_width_available, bold=True):
            canvas.text(margin, y, line, 16, bold=True, rgb=NHS_BLUE)
            y -= 22
        y -= 6
        for paragraph in paragraphs:
            for line in wrap(paragraph, body_size, text_width_available):
                if y < margin + 30:
                    canvas, y = new_page()
                canvas.text(margin, y, line, body_size)
                y -= leading
            y -= leading * 0.6

    total = len(canvases)
    for number, page in enumerate(canvases, start=1):
        page.text(margin, 32, f"{title} - page {number} of {total}", 8, rgb=DARK_GREY)
    return _serialise(canvases, title, author)


def slides_pdf(title, slides, *, author="", subtitle=""):
    """A 16:9 slide deck: a title slide, then one slide per (heading, bullet points)."""
    margin = 56
    canvases = []

    canvas = Canvas(SLIDE)
    canvas.rect(0, 0, SLIDE[0], SLIDE[1], NHS_BLUE)
    y = SLIDE[1] / 2 + 40
    for line in wrap(title, 36, SLIDE[0] - 2 * margin, bold=True):
        canvas.text(margin, y, line, 36, bold=True, rgb=WHITE)
        y -= 44
    if subtitle:
        canvas.text(margin, y - 10, subtitle, 18, rgb=WHITE)
    canvases.append(canvas)

    for heading, bullets in slides:
        canvas = Canvas(SLIDE)
        canvas.rect(0, SLIDE[1] - 96, SLIDE[0], 96, NHS_BLUE)
        canvas.text(margin, SLIDE[1] - 62, heading, 28, bold=True, rgb=WHITE)
        y = SLIDE[1] - 150
        for bullet in bullets:
            lines = wrap(bullet, 20, SLIDE[0] - 2 * margin - 30)
            canvas.text(margin, y, "\u2022", 20, rgb=NHS_BLUE)
            for line in lines:
                canvas.text(margin + 30, y, line, 20)
                y -= 28
            y -= 14
        canvases.append(canvas)

    for number, page in enumerate(canvases, start=1):
        if number > 1:
            page.text(SLIDE[0] - margin - 40, 24, f"{number} / {len(canvases)}", 10)
    return _serialise(canvases, title, author)
