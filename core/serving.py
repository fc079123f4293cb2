"""Sending a document's bytes once core.access has said yes: headers, HEAD, 304, the file.

Every route that answers with a resource's file comes through `file_response`: the resource
page's `download/` and `download/<format id>/` (ResourcePage.serve_file), and Wagtail's own
document URL (the `before_serve_document` hook in wagtail_hooks.py). Preview images go
through `image_response`. Callers ask the access policy first and count what was sent:
`file_response` says whether the file itself went (a GET, not a HEAD or a 304), so a
download is counted exactly when one was made. This module imports no models.
"""

import mimetypes

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header

#: Content types by extension, for the extensions the library accepts. The upload's declared
#: type is never trusted: a file is sent as what its (checked) extension says it is.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "mp3": "audio/mpeg",
    "mp4": "video/mp4",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
FALLBACK_CONTENT_TYPE = "application/octet-stream"
SAFE_METHODS = ("GET", "HEAD")


class HookFileResponse(FileResponse, HttpResponse):
    """A FileResponse that Wagtail's document view accepts from a `before_serve_document` hook.

    That view uses a hook's answer only when it is an HttpResponse, which a FileResponse (a
    streaming response) is not: Wagtail would then send its own, uncounted copy. This class
    is both; it streams exactly as FileResponse does. HttpResponse.__init__, reached through
    the MRO, sets an empty `content`, which a streaming response does not have: that one
    assignment is dropped.
    """

    @property
    def content(self):
        return StreamingHttpResponse.content.fget(self)

    @content.setter
    def content(self, value):
        if value:
            raise AttributeError("A streamed file response has no `content` to set.")


def content_type_for(document):
    extension = document.file_extension.lower()
    if extension in CONTENT_TYPES:
        return CONTENT_TYPES[extension]
    guessed, _encoding = mimetypes.guess_type(f"file.{extension}")
    # Anything a browser might run (HTML, SVG, scripts) is sent as plain bytes.
    if guessed and guessed.split("/")[0] in {"audio", "video", "image"} and "svg" not in guessed:
        return guessed
    return FALLBACK_CONTENT_TYPE


def etag_for(document):
    file_hash = document.file_hash or document.get_file_hash()
    return f'"{file_hash}"' if file_hash else None


def file_response(request, document, *, response_class=FileResponse):
    """(response, sent): `document` as an attachment, and whether its bytes went out.

    HEAD gets the headers only and a matching If-None-Match gets 304: neither is "sent".
    """
    etag = etag_for(document)
    sent = False
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        response = not_modified
    elif request.method == "HEAD":
        response = HttpResponse(content_type=content_type_for(document))
        response["Content-Disposition"] = content_disposition_header(True, document.filename)
        size = document.file_size
        if size is not None:
            response["Content-Length"] = size
    else:
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404("The file is missing.") from missing
        response = response_class(
            handle,
            as_attachment=True,
            filename=document.filename,
            content_type=content_type_for(document),
        )
        sent = True
    if etag:
        response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    patch_cache_control(response, private=True)
    return response, sent


def image_response(preview_page):
    """One preview page's PNG (the caller has asked the access policy)."""
    try:
        handle = preview_page.image.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The preview image is missing.") from missing
    response = FileResponse(handle, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=3600)
    return response
