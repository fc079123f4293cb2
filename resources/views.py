"""What the library, folder, resource and preview pages show, after the one access rule.

The page models' get_context() and routes call these; every decision about who may see
what comes from resources.permissions.
"""

from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from . import permissions, serving
from .models import (
    ResourceDocument,
    ResourceEvent,
    ResourcePage,
    ResourcePageTag,
    ResourceType,
    SubjectFolderPage,
)
from .previews import preview_notice

RESOURCES_PER_PAGE = 10
SORTS = {
    "newest": _("Newest first"),
    "downloads": _("Most downloaded"),
}
DEFAULT_SORT = "newest"


# Library -------------------------------------------------------------------------------


def library_context(library, request):
    """The library's live, public folders with how many live resources each holds."""
    paths = permissions.restricted_paths(request)
    resource_counts = (
        ResourcePage.objects.filter(
            live=True, path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
        )
        .order_by()
        .values("live")
        .annotate(n=Count("pk"))
        .values("n")
    )
    folders = list(
        SubjectFolderPage.objects.child_of(library)
        .live()
        .public()
        .annotate(
            resource_count=Coalesce(Subquery(resource_counts, output_field=IntegerField()), 0)
        )
        .order_by("title")
    )
    for folder in folders:
        folder.is_members_only = permissions.is_members_only(folder, paths)
    return {
        "folders": folders,
        "library_members_only": permissions.is_members_only(library, paths),
    }


# Folder --------------------------------------------------------------------------------


def _event_count(kind):
    events = (
        ResourceEvent.objects.filter(resource=OuterRef("pk"), kind=kind)
        .order_by()
        .values("resource")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(events, output_field=IntegerField()), Value(0))


def with_counts(resources):
    """Annotate `download_count` and `preview_count` in the same query as the resources."""
    return resources.annotate(
        download_count=_event_count(ResourceEvent.Kind.DOWNLOAD),
        preview_count=_event_count(ResourceEvent.Kind.PREVIEW),
    )


def folder_context(folder, request):
    paths = permissions.restricted_paths(request)
    allowed = permissions.can_open(request.user, folder, paths)
    resources = ResourcePage.objects.child_of(folder).live().public()
    if not allowed:
        # Titles only: nothing else about a members-only resource leaves the server.
        listing = resources.defer_streamfields().order_by("title", "pk")
        page_obj = Paginator(listing, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
        return {
            "allowed": False,
            "refusal": permissions.refusal_reason(request.user),
            "resources": page_obj,
            "query_string": "",
        }

    type_counts = {
        row["resource_type"]: row["n"]
        for row in resources.order_by().values("resource_type").annotate(n=Count("pk"))
    }
    type_options = [
        {"value": value, "label": label, "count": type_counts[value]}
        for value, label in ResourceType.choices
        if value in type_counts
    ]
    tag_options = list(
        ResourcePageTag.objects.filter(content_object__in=resources.values("pk"))
        .values("tag__slug", "tag__name")
        .annotate(n=Count("content_object", distinct=True))
        .order_by("tag__name")
    )

    # Only values offered on the page are used; anything else is ignored, not an error.
    chosen_type = request.GET.get("type", "")
    if chosen_type not in type_counts:
        chosen_type = ""
    chosen_tag = request.GET.get("tag", "")
    if chosen_tag not in {tag["tag__slug"] for tag in tag_options}:
        chosen_tag = ""
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort not in SORTS:
        sort = DEFAULT_SORT

    if chosen_type:
        resources = resources.filter(resource_type=chosen_type)
    if chosen_tag:
        resources = resources.filter(tagged_items__tag__slug=chosen_tag)
    resources = with_counts(resources.select_related("document").defer_streamfields())
    if sort == "downloads":
        resources = resources.order_by("-download_count", "title", "pk")
    else:
        resources = resources.order_by(
            F("published_date").desc(nulls_last=True), "-first_published_at", "pk"
        )
    page_obj = Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))

    kept = {"type": chosen_type, "tag": chosen_tag}
    if sort != DEFAULT_SORT:
        kept["sort"] = sort
    return {
        "allowed": True,
        "resources": page_obj,
        "type_options": type_options,
        "tag_options": tag_options,
        "sort_options": list(SORTS.items()),
        "chosen_type": chosen_type,
        "chosen_tag": chosen_tag,
        "sort": sort,
        "filtered": bool(chosen_type or chosen_tag),
        "query_string": urlencode({key: value for key, value in kept.items() if value}),
    }


# Resource ------------------------------------------------------------------------------


def resource_urls(resource, request):
    """The resource's own address and its preview and download sub-addresses."""
    url = resource.get_url(request) or ""
    return {
        "resource_url": url,
        "preview_url": url + resource.reverse_subpage("preview"),
        "download_url": url + resource.reverse_subpage("download"),
    }


def format_download_url(resource_url, resource, alternative):
    return resource_url + resource.reverse_subpage("download_format", args=[alternative.pk])


def resource_context(resource, request):
    paths = permissions.restricted_paths(request)
    urls = resource_urls(resource, request)
    if not permissions.can_open(request.user, resource, paths):
        return {"allowed": False, "refusal": permissions.refusal_reason(request.user), **urls}
    alternatives = list(
        resource.alternative_formats.select_related("document").order_by("sort_order")
    )
    for alternative in alternatives:
        alternative.download_url = format_download_url(urls["resource_url"], resource, alternative)
    related = permissions.exclude_hidden(
        ResourcePage.objects.live()
        .public()
        .filter(pk__in=resource.related_resources.values("resource_id"))
        .defer_streamfields()
        .order_by("title"),
        request.user,
        paths,
    )
    return {
        "allowed": True,
        **urls,
        "document": resource.document,
        "alternative_formats": alternatives,
        "related": list(related),
        "tags": list(resource.tags.order_by("name")),
        "folder": resource.get_parent(),
        "has_preview": bool(resource.media_url or resource.document_id),
    }


# Preview -------------------------------------------------------------------------------


def preview_image_url(document_id, number):
    return reverse("resources:preview_image", args=[document_id, number])


def preview(request, resource):
    """The preview route: the content note until the reader chooses to continue, then the
    pages (or the video). One preview is counted each time a preview is shown by a GET."""
    if request.method not in serving.SAFE_METHODS:
        return HttpResponseNotAllowed(serving.SAFE_METHODS)
    if not permissions.can_open(request.user, resource, permissions.restricted_paths(request)):
        return serving.refuse(request, resource)
    document = resource.document
    if document is None and not resource.media_url:
        raise Http404("This resource has nothing to preview.")

    confirmed = not resource.content_note or request.GET.get("shown") == "1"
    context = {
        "page": resource,
        "self": resource,
        "request": request,
        **resource_urls(resource, request),
        "document": document,
        "confirmed": confirmed,
        "preview_pages": [],
        "video_embed_url": "",
    }
    shown = False
    if confirmed and resource.media_url:
        context["video_embed_url"] = resource.video_embed_url()
        shown = True
    elif confirmed and document is not None:
        status = document.preview_status
        if status == ResourceDocument.PreviewStatus.READY:
            pages = list(document.preview_pages.order_by("number"))
            context["preview_pages"] = [
                {
                    "number": preview_page.number,
                    "text": preview_page.text,
                    "width": preview_page.width,
                    "height": preview_page.height,
                    "url": preview_image_url(document.pk, preview_page.number),
                }
                for preview_page in pages
            ]
            context["page_total"] = max(document.page_count or 0, len(pages))
            shown = bool(pages)
        context["preview_state"] = status if not shown else "ready"
        context["preview_notice"] = preview_notice(document, shown=len(context["preview_pages"]))
    if shown and request.method == "GET":
        ResourceEvent.record(
            ResourceEvent.Kind.PREVIEW, resource, document=document, member=request.user
        )
    return TemplateResponse(request, "resources/resource_preview.html", context)


def preview_image(request, document_id, number):
    return serving.serve_preview_image(request, document_id, number)
