"""Sending a resource's files: the access rule, then the bytes, and one counted download.

Every route that answers with a document's bytes comes through `serve_document`: the
resource page's `download/` and `download/<format id>/`, and Wagtail's own document URL
(through the `before_serve_document` hook in wagtail_hooks.py). Preview images go through
`serve_preview_image`. Both apply `permissions.can_open` first.

A download is counted when a GET is answered with the file: not a HEAD, not a refusal and
not a "304 not modified". Each counted download is one INSERT of a ResourceEvent, so counts
stay exact however many people download at once.
"""

import mimetypes

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, resolve_url
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header

from wagtail.documents.models import document_served

from . import permissions
from .models import DocumentPreviewPage, ResourceEvent, ResourcePage

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


def refuse(request, resource=None):
    """The answer for someone who may not open a resource: sign in, or a kind 403 page."""
    reason = permissions.refusal_reason(request.user)
    if reason == "sign_in":
        return redirect_to_login(request.get_full_path(), resolve_url("account_login"))
    return TemplateResponse(
        request,
        "resources/not_allowed.html",
        {"resource": resource, "reason": reason},
        status=403,
    )


def etag_for(document):
    file_hash = document.file_hash or document.get_file_hash()
    return f'"{file_hash}"' if file_hash else None


def serve_document(request, resource, document, *, paths=None, response_class=FileResponse):
    """Answer with `document`'s bytes as an attachment, for `resource`, if the user may.

    HEAD gets the headers only; a matching If-None-Match gets 304. Neither is counted.
    """
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    if document is None or not document.file:
        raise Http404("This resource has no such file.")
    paths = permissions.restricted_paths(request) if paths is None else paths
    if not permissions.can_open(request.user, resource, paths):
        return refuse(request, resource)

    etag = etag_for(document)
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
        ResourceEvent.record(
            ResourceEvent.Kind.DOWNLOAD, resource, document=document, member=request.user
        )
        document_served.send(sender=type(document), instance=document, request=request)
    if etag:
        response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return _private(response)


def _private(response):
    patch_cache_control(response, private=True)
    return response


def resources_using(document_id):
    """Every resource (live or not) whose main document or an alternative format is this one.

    Live resources first, so a download is counted against a published page when there is one.
    """
    return (
        ResourcePage.objects.filter(
            Q(document_id=document_id) | Q(alternative_formats__document_id=document_id)
        )
        .distinct()
        .order_by("-live", "pk")
    )


def first_openable(request, resources, paths=None):
    """The first of `resources` the user may open, or None."""
    paths = permissions.restricted_paths(request) if paths is None else paths
    for resource in resources:
        if permissions.can_open(request.user, resource, paths):
            return resource
    return None


def serve_wagtail_document(request, document):
    """For Wagtail's /documents/ URL: apply the library's rule to documents resources use.

    Returns a response (the counted file, or a refusal) for a document any resource uses,
    and None for any other document, which Wagtail then serves as usual.
    """
    users = list(resources_using(document.pk))
    if not users:
        return None
    paths = permissions.restricted_paths(request)
    resource = first_openable(request, users, paths)
    if resource is None:
        return refuse(request, users[0])
    return serve_document(
        request, resource, document, paths=paths, response_class=HookFileResponse
    )


def serve_preview_image(request, document_id, number):
    """One preview page image of a document, to someone who may open a resource using it.

    A document no resource uses shows its previews only to people who work in the admin.
    """
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    preview_page = get_object_or_404(
        DocumentPreviewPage.objects.select_related("document"),
        document_id=document_id,
        number=number,
    )
    users = list(resources_using(document_id))
    if users:
        if first_openable(request, users) is None:
            return refuse(request, users[0])
    elif not _works_in_admin(request.user):
        raise Http404("No such preview.")
    try:
        handle = preview_page.image.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The preview image is missing.") from missing
    response = FileResponse(handle, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=3600)
    return response


def _works_in_admin(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


__all__ = [
    "CONTENT_TYPES",
    "content_type_for",
    "refuse",
    "resources_using",
    "serve_document",
    "serve_preview_image",
    "serve_wagtail_document",
]
