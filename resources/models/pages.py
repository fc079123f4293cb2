"""The resource library's pages: library, subject folders and resources, and their routes.

Each page owns its context and its sub-URLs; who may see what comes from core.access.
"""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.models import document_served
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core import access, serving
from core.embeds import privacy_enhanced_embed_url
from core.pages import BasePage, ContentNoteMixin, MembersOnlyMixin
from webinars.models.credits import credited_names

from ..preview_messages import preview_notice
from .documents import ResourceDocument
from .events import ResourceEvent


class ResourceType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    REPORT = "report", _("Report")
    SLIDES = "slides", _("Slides")
    VIDEO = "video", _("Video")
    TOOLKIT = "toolkit", _("Toolkit")
    NARRATIVE = "narrative", _("Personal narrative")
    CASE_STUDY = "case_study", _("Case study")


RESOURCES_PER_PAGE = 10
SORTS = {
    "newest": _("Newest first"),
    "downloads": _("Most downloaded"),
}
DEFAULT_SORT = "newest"


class ResourcePageQuerySet(PageQuerySet):
    def with_counts(self):
        """Annotate `download_count` and `preview_count` in the same query as the resources."""
        return self.annotate(
            download_count=_event_count(ResourceEvent.Kind.DOWNLOAD),
            preview_count=_event_count(ResourceEvent.Kind.PREVIEW),
        )

    def newest_first(self):
        return self.order_by(
            F("published_date").desc(nulls_last=True), "-first_published_at", "pk"
        )

    def due_for_review(self, today=None):
        """Resources whose review date has passed (today, UK time, by default)."""
        return self.filter(review_date__lt=today or timezone.localdate())


def _event_count(kind):
    """Events of every language copy of the resource: a Welsh copy shows the same figures."""
    events = (
        ResourceEvent.objects.filter(
            resource__translation_key=OuterRef("translation_key"), kind=kind
        )
        .order_by()
        .values("resource__translation_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(events, output_field=IntegerField()), Value(0))


class LibraryIndexPage(MembersOnlyMixin, BasePage):
    """The library and its folders: an introduction above a listing of what is inside."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context

    def listing_context(self, request):
        raise NotImplementedError


class ResourceLibraryPage(LibraryIndexPage):
    template = "resources/library_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.SubjectFolderPage"]
    max_count_per_parent = 1
    page_description = _("The resource library: holds the subject folders.")

    class Meta:
        verbose_name = _("resource library")

    def listing_context(self, request):
        """The library's live, public folders with how many live resources each holds."""
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
            SubjectFolderPage.objects.child_of(self)
            .live()
            .public()
            .annotate(
                resource_count=Coalesce(Subquery(resource_counts, output_field=IntegerField()), 0)
            )
            .order_by("title")
        )
        for folder in folders:
            folder.is_members_only = access.is_members_only(request, folder)
        return {
            "folders": folders,
            "library_members_only": access.is_members_only(request, self),
        }


class SubjectFolderPage(LibraryIndexPage):
    template = "resources/folder_page.html"
    parent_page_types = ["resources.ResourceLibraryPage"]
    subpage_types = ["resources.ResourcePage"]
    page_description = _("A subject folder of resources, such as 'Workforce wellbeing'.")

    class Meta:
        verbose_name = _("subject folder")

    def listing_context(self, request):
        verdict = access.page_verdict(request, self)
        resources = ResourcePage.objects.child_of(self).live().public()
        if not verdict.allowed:
            # Titles only: nothing else about a members-only resource leaves the server.
            listing = resources.defer_streamfields().order_by("title", "pk")
            page_obj = Paginator(listing, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
            return {
                "allowed": False,
                "refusal": str(verdict),
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
        resources = resources.select_related("document").defer_streamfields().with_counts()
        if sort == "downloads":
            resources = resources.order_by("-download_count", "title", "pk")
        else:
            resources = resources.newest_first()
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


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePage(ContentNoteMixin, RoutablePageMixin, BasePage):
    """One resource. Sub-URLs: `preview/`, `download/` and `download/<format id>/`."""

    resource_type = models.CharField(
        _("type of resource"), max_length=16, choices=ResourceType.choices
    )
    description = RichTextField(
        _("description"), blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    media_url = models.URLField(
        _("video or audio link"),
        blank=True,
        help_text=_("For a video hosted elsewhere, such as YouTube or Vimeo."),
    )
    authors = models.CharField(_("authors"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    published_date = models.DateField(_("published"), null=True, blank=True)
    review_date = models.DateField(_("next review"), null=True, blank=True)
    tags = ClusterTaggableManager(through=ResourcePageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("resource_type"), FieldPanel("document"), FieldPanel("media_url")],
            heading=_("The resource"),
        ),
        FieldPanel("content_note"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("organisation"),
                FieldPanel("published_date"),
                FieldPanel("review_date"),
                FieldPanel("tags"),
            ],
            heading=_("About it"),
        ),
        InlinePanel("alternative_formats", heading=_("Alternative formats")),
        InlinePanel("related_resources", heading=_("Related resources")),
        InlinePanel("credits", heading=_("Co-authors and contributors"), label=_("credit")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description", boost=0.5),
        index.SearchField("authors"),
        index.SearchField("searchable_credits"),
        index.SearchField("organisation"),
        index.SearchField("document_text", boost=0.5),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("resource_type"),
        index.FilterField("published_date"),
    ]

    objects = PageManager.from_queryset(ResourcePageQuerySet)()

    template = "resources/resource_page.html"
    parent_page_types = ["resources.SubjectFolderPage"]
    subpage_types = []
    page_description = _("One resource: a document or a video, with what it is about.")

    class Meta:
        verbose_name = _("resource")

    def searchable_credits(self):
        """Credited names that may be indexed for search: only those with consent."""
        return credited_names(self)

    def document_text(self):
        return self.document.extracted_text if self.document_id else ""

    def is_due_for_review(self, today=None):
        """Has the review date passed? Readers are told it is being checked."""
        return self.review_date is not None and self.review_date < (today or timezone.localdate())

    def video_embed_url(self):
        """The privacy-enhanced player address for a YouTube or Vimeo link, else ""."""
        return privacy_enhanced_embed_url(self.media_url)

    # What the page shows -----------------------------------------------------------------

    def urls(self, request):
        """The resource's own address and its preview and download sub-addresses."""
        url = self.get_url(request) or ""
        return {
            "resource_url": url,
            "preview_url": url + self.reverse_subpage("preview"),
            "download_url": url + self.reverse_subpage("download"),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        urls = self.urls(request)
        verdict = access.page_verdict(request, self)
        if not verdict.allowed:
            context.update(allowed=False, refusal=str(verdict), **urls)
            return context
        alternatives = list(
            self.alternative_formats.select_related("document").order_by("sort_order")
        )
        for alternative in alternatives:
            alternative.download_url = urls["resource_url"] + self.reverse_subpage(
                "download_format", args=[alternative.pk]
            )
        related = access.exclude_closed(
            request,
            ResourcePage.objects.live()
            .public()
            .filter(pk__in=self.related_resources.values("resource_id"))
            .defer_streamfields()
            .order_by("title"),
        )
        context.update(
            allowed=True,
            **urls,
            document=self.document,
            alternative_formats=alternatives,
            related=list(related),
            tags=list(self.tags.order_by("name")),
            folder=self.get_parent(),
            has_preview=bool(self.media_url or self.document_id),
            under_review=self.is_due_for_review(),
        )
        return context

    # Routes ------------------------------------------------------------------------------

    @path("preview/", name="preview")
    def preview(self, request):
        """The content note until the reader chooses to continue, then the pages (or the
        video). A preview shown by a GET is counted, once per person within
        `events.REPEAT_WINDOW` (a reload is not another preview)."""
        if request.method not in serving.SAFE_METHODS:
            return HttpResponseNotAllowed(serving.SAFE_METHODS)
        verdict = access.page_verdict(request, self)
        if not verdict.allowed:
            return access.refusal(request, verdict, self)
        document = self.document
        if document is None and not self.media_url:
            raise Http404("This resource has nothing to preview.")

        confirmed = not self.content_note or request.GET.get("shown") == "1"
        context = {
            "page": self,
            "self": self,
            "request": request,
            **self.urls(request),
            "document": document,
            "confirmed": confirmed,
            "preview_pages": [],
            "video_embed_url": "",
        }
        shown = False
        if confirmed and self.media_url:
            context["video_embed_url"] = self.video_embed_url()
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
                        "url": reverse(
                            "resources:preview_image", args=[document.pk, preview_page.number]
                        ),
                    }
                    for preview_page in pages
                ]
                context["page_total"] = max(document.page_count or 0, len(pages))
                shown = bool(pages)
            context["preview_state"] = status if not shown else "ready"
            context["preview_notice"] = preview_notice(
                document, shown=len(context["preview_pages"])
            )
        if shown and request.method == "GET":
            ResourceEvent.record_once(ResourceEvent.Kind.PREVIEW, self, request, document=document)
        return TemplateResponse(request, "resources/resource_preview.html", context)

    @path("download/", name="download")
    def download(self, request):
        return self.serve_file(request, self.document)

    @path("download/<int:format_id>/", name="download_format")
    def download_format(self, request, format_id):
        alternative = self.alternative_formats.filter(pk=format_id).select_related("document")
        alternative = alternative.first()
        return self.serve_file(request, alternative and alternative.document)

    def serve_file(self, request, document, *, response_class=FileResponse):
        """`document`'s bytes for this resource, if the person may; one counted download.

        HEAD gets the headers only; a matching If-None-Match gets 304. Neither is counted,
        nor a request for the rest of a file (a Range from past its first byte: a resumed
        download), nor the same person's download again within `events.REPEAT_WINDOW`.
        """
        if request.method not in serving.SAFE_METHODS:
            return HttpResponseNotAllowed(serving.SAFE_METHODS)
        if document is None or not document.file:
            raise Http404("This resource has no such file.")
        verdict = access.document_verdict(request, document, page=self)
        if not verdict.allowed:
            return access.refusal(request, verdict, self)
        response, sent = serving.file_response(request, document, response_class=response_class)
        if sent:
            if not continues_a_download(request):
                ResourceEvent.record_once(
                    ResourceEvent.Kind.DOWNLOAD, self, request, document=document
                )
            document_served.send(sender=type(document), instance=document, request=request)
        return response


_RANGE_FROM_START = re.compile(r"^\s*bytes\s*=\s*0\s*-")


def continues_a_download(request):
    """Does the request ask for part of a file from past its start (a `Range` header other
    than `bytes=0-...`)? Then it carries on a download already counted, even though the
    whole file is sent (ranges are not served), so it is not counted again."""
    wanted = request.headers.get("Range")
    return bool(wanted) and not _RANGE_FROM_START.match(wanted)


class AlternativeFormat(Orderable):
    class Kind(models.TextChoices):
        EASY_READ = "easy_read", _("Easy read")
        LARGE_PRINT = "large_print", _("Large print")
        AUDIO = "audio", _("Audio")
        PLAIN_LANGUAGE = "plain_language", _("Plain-language summary")

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="alternative_formats")
    kind = models.CharField(_("format"), max_length=16, choices=Kind.choices)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("kind"), FieldPanel("document")]


class RelatedResource(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="related_resources")
    resource = models.ForeignKey(
        ResourcePage, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("resource")]
