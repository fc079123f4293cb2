"""Views of the resource library that are not page routes: preview page images.

Pages and their sub-URLs (preview, download) live on the page models (models/pages.py).
"""

from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from core import access, serving

from .models import DocumentPreviewPage


def preview_image(request, document_id, number):
    """One preview page image, as open as the document it shows (core.access decides)."""
    if request.method not in serving.SAFE_METHODS:
        return HttpResponseNotAllowed(serving.SAFE_METHODS)
    preview_page = get_object_or_404(
        DocumentPreviewPage.objects.select_related("document", "document__collection"),
        document_id=document_id,
        number=number,
    )
    verdict = access.document_verdict(request, preview_page.document)
    if not verdict.allowed:
        return access.refusal(request, verdict)
    return serving.image_response(preview_page)
