"""What makes an upload unsafe although it is the type it says: an Office file that unpacks to
far more than it weighs (a zip bomb, which would hold a worker), and a PDF with scripts or
actions that run on their own (which would run code on readers' computers).

Called by the content checks in documents.py; each check raises a ValidationError with a
plain message. Nothing here touches the database.
"""

import re
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Office files (ZIP packages) ----------------------------------------------------------------

#: Below this much unpacked, a high compression ratio cannot hold anything up.
RATIO_FLOOR = 10 * 1024 * 1024

UNUSUALLY_PACKED = _(
    "This file is packed in an unusual way that could slow the site down for everyone, so we "
    "cannot accept it. Save it again from the program that made it and upload that."
)


def office_max_uncompressed():
    """Most bytes all parts of an Office file may unpack to (COA_OFFICE_MAX_UNCOMPRESSED)."""
    return getattr(settings, "COA_OFFICE_MAX_UNCOMPRESSED", 100 * 1024 * 1024)


def office_max_ratio():
    """Most times bigger an Office file may unpack than it weighs (COA_OFFICE_MAX_RATIO)."""
    return getattr(settings, "COA_OFFICE_MAX_RATIO", 100)


def office_max_members():
    """Most parts an Office file may hold (COA_OFFICE_MAX_MEMBERS)."""
    return getattr(settings, "COA_OFFICE_MAX_MEMBERS", 10_000)


def check_unpacked_size(archive):
    """Refuse a ZIP whose parts, as its directory declares them, unpack too big, too many
    times their packed size, or are too many. Nothing is unpacked to find out."""
    members = archive.infolist()
    if len(members) > office_max_members():
        raise ValidationError(UNUSUALLY_PACKED, code="zip_members")
    unpacked = sum(info.file_size for info in members)
    packed = sum(info.compress_size for info in members)
    limit = office_max_uncompressed()
    if unpacked > limit:
        raise ValidationError(
            _(
                "This file unpacks to more than %(limit)s, which is more than we can take. "
                "Save it again with smaller pictures, or split it into parts."
            )
            % {"limit": filesizeformat(limit)},
            code="zip_too_big",
        )
    if unpacked > RATIO_FLOOR and unpacked > office_max_ratio() * max(packed, 1):
        raise ValidationError(UNUSUALLY_PACKED, code="zip_ratio")


# PDFs ----------------------------------------------------------------------------------------

#: Names that make a PDF act on its own: JavaScript (an action or the document's scripts,
#: wherever it is triggered, /OpenAction included), launching a program, and additional
#: actions run when a page or field is opened, shown or left.
SCRIPT_NAMES = {b"JavaScript", b"JS", b"Launch", b"AA"}
#: The most bytes read out of a PDF's object streams in all.
OBJECT_STREAM_LIMIT = 100 * 1024 * 1024

HAS_SCRIPTS = _(
    "This PDF contains scripts or actions that run on their own, which we do not accept "
    "because they can run code on readers' computers. Save a copy without them (for example "
    "with 'Print to PDF') and upload that."
)
CANNOT_CHECK = _(
    "We could not check this PDF for scripts, because parts of it are locked or packed in an "
    "unusual way. Save a copy with 'Print to PDF' and upload that."
)

# A name is a slash and the characters up to the next white space or delimiter; "#xx" in it
# stands for the byte xx (so /J#53 is /JS).
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM_START = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_DIRECT_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\x00\t\n\x0c\r ()<>\[\]{}/%]+)")
_PREDICTOR = re.compile(rb"/Predictor\s+([2-9]|1\d)")


def _spelled(name):
    """A pattern for `name` written with or without #xx escapes (in either case)."""
    return "".join(f"(?:{re.escape(char)}|(?i:#{ord(char):02x}))" for char in name).encode()


#: Names no drawing, image or font holds by chance, so they are looked for in the whole
#: file, streams included: an object disguised as the inside of a stream is found too.
#: (A reader runs JavaScript only for an action of type /JavaScript.)
_ANYWHERE = re.compile(
    rb"/(?:%s)(?![^\x00\t\n\x0c\r ()<>\[\]{}/%%])"
    % b"|".join(_spelled(name) for name in ("JavaScript", "Launch"))
)


class _CannotCheck(Exception):
    """An object stream we cannot read (encrypted, too big, or packed another way)."""


def names_in(data):
    """Every name in PDF syntax in `data`, with #xx escapes decoded."""
    names = set(_NAME.findall(data))
    escaped = {name for name in names if b"#" in name}
    return (names - escaped) | {
        _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name) for name in escaped
    }


def _split(data):
    """The PDF's bytes outside its streams (object dictionaries, trailers), and each object
    stream as (its dictionary, its raw bytes). Other streams are left out."""
    outside, object_streams, position = [], [], 0
    while True:
        start = _STREAM_START.search(data, position)
        if start is None:
            outside.append(data[position:])
            return b"".join(outside), object_streams
        object_start = data.rfind(b"obj", position, start.start())
        dictionary = data[max(object_start, position) : start.end()]
        outside.append(data[position : start.end()])
        begin = start.end()
        position = _stream_end(data, begin, dictionary)
        # A cheap test first: most streams are drawings, images and fonts.
        if (b"ObjStm" in dictionary or b"#" in dictionary) and b"ObjStm" in names_in(dictionary):
            object_streams.append((dictionary, data[begin:position]))


def _stream_end(data, begin, dictionary):
    length = _DIRECT_LENGTH.search(dictionary)
    if length:
        end = begin + int(length.group(1))
        if data[end : end + 32].lstrip().startswith(b"endstream"):
            return end
    end = data.find(b"endstream", begin)
    return len(data) if end == -1 else end


def _object_stream_contents(dictionary, raw, budget):
    """The objects inside an object stream, unpacked (at most `budget` bytes)."""
    filters = _FILTER.search(dictionary)
    names = names_in(filters.group(1)) if filters else set()
    if not names <= {b"FlateDecode", b"Fl"} or _PREDICTOR.search(dictionary):
        raise _CannotCheck
    if not names:
        return raw[:budget]
    try:
        contents = zlib.decompressobj().decompress(raw, budget + 1)
    except zlib.error as error:
        raise _CannotCheck from error
    if len(contents) > budget:
        raise _CannotCheck
    return contents


def pdf_has_scripts(data):
    """Does this PDF's syntax name JavaScript, a program launch, or additional actions?

    Looks at every object: those outside streams, and those packed inside object streams.
    The contents of other streams (page drawings, images, fonts) are not PDF objects, and
    are skipped. Raises _CannotCheck when an object stream cannot be read.
    """
    if _ANYWHERE.search(data):
        return True
    outside, object_streams = _split(data)
    names = names_in(outside)
    if names & SCRIPT_NAMES:
        return True
    if object_streams and b"Encrypt" in names:
        # Names outside streams are never encrypted; what object streams hold is.
        raise _CannotCheck
    budget = OBJECT_STREAM_LIMIT
    for dictionary, raw in object_streams:
        contents = _object_stream_contents(dictionary, raw, budget)
        budget -= len(contents)
        if names_in(contents) & SCRIPT_NAMES:
            return True
    return False


def check_pdf_scripts(data, javascript_count=0):
    """Refuse a PDF with scripts or actions that run on their own.

    `javascript_count` is how many document scripts PDFium found (a second opinion on the
    one place readers run scripts from when the document opens).
    """
    try:
        found = javascript_count > 0 or pdf_has_scripts(data)
    except _CannotCheck as error:
        raise ValidationError(CANNOT_CHECK, code="pdf_cannot_check") from error
    if found:
        raise ValidationError(HAS_SCRIPTS, code="pdf_scripts")
