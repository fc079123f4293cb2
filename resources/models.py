"""The resource library: library, subject folders, resources, documents and usage events."""

import re
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import BasePage


class ResourceDocument(AbstractDocument):
    """A Wagtail document that also knows its page count, its text and its preview state."""

    class PreviewStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be generated")
        READY = "ready", _("Ready")
        UNAVAILABLE = "unavailable", _("Not available for this file type")
        FAILED = "failed", _("Could not be generated")

    description = models.TextField(_("description"), blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    extracted_text = models.TextField(_("text in the file"), blank=True, editable=False)
    preview_status = models.CharField(
        _("preview"),
        max_length=16,
        choices=PreviewStatus.choices,
        default=PreviewStatus.PENDING,
        editable=False,
    )
    preview_message = models.CharField(max_length=255, blank=True, editable=False)

    admin_form_fields = (*Document.admin_form_fields, "description")
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.SearchField("extracted_text"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class DocumentPreviewPage(models.Model):
    """One page of a document drawn as an image, with that page's text for screen readers."""

    document = models.ForeignKey(
        ResourceDocument, on_delete=models.CASCADE, related_name="preview_pages"
    )
    number = models.PositiveIntegerField()
    image = models.ImageField(
        upload_to="document_previews/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_preview_page")
        ]

    def __str__(self):
        return f"{self.document} page {self.number}"


class ResourceType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    REPORT = "report", _("Report")
    SLIDES = "slides", _("Slides")
    VIDEO = "video", _("Video")
    TOOLKIT = "toolkit", _("Toolkit")
    NARRATIVE = "narrative", _("Personal narrative")
    CASE_STUDY = "case_study", _("Case study")


class MembersOnlyMixin(models.Model):
    """An editor's switch: only signed-in, approved members may open what is inside."""

    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_(
            "Visitors and people waiting for approval see titles only, and cannot preview "
            "or download anything inside."
        ),
    )

    settings_panels = [*Page.settings_panels, FieldPanel("members_only")]

    class Meta:
        abstract = True


class LibraryIndexPage(MembersOnlyMixin, BasePage):
    """The library and its folders: an introduction above a listing that views.py builds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    #: The name of the function in resources/views.py that adds the listing to the context.
    listing_context = ""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from . import views

        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(views, self.listing_context)(self, request))
        return context


class ResourceLibraryPage(LibraryIndexPage):
    template = "resources/library_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.SubjectFolderPage"]
    max_count_per_parent = 1
    page_description = _("The resource library: holds the subject folders.")
    listing_context = "library_context"

    class Meta:
        verbose_name = _("resource library")


class SubjectFolderPage(LibraryIndexPage):
    template = "resources/folder_page.html"
    parent_page_types = ["resources.ResourceLibraryPage"]
    subpage_types = ["resources.ResourcePage"]
    page_description = _("A subject folder of resources, such as 'Workforce wellbeing'.")
    listing_context = "folder_context"

    class Meta:
        verbose_name = _("subject folder")


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePage(RoutablePageMixin, BasePage):
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
    content_note = models.TextField(
        _("content note"),
        blank=True,
        help_text=_(
            "Difficult subjects this resource covers, for example 'childhood abuse, suicide'. "
            "Readers see it before the preview and choose whether to continue."
        ),
    )
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
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("authors"),
        index.SearchField("organisation"),
        index.SearchField("document_text"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("resource_type"),
        index.FilterField("published_date"),
    ]

    template = "resources/resource_page.html"
    parent_page_types = ["resources.SubjectFolderPage"]
    subpage_types = []
    page_description = _("One resource: a document or a video, with what it is about.")

    class Meta:
        verbose_name = _("resource")

    def document_text(self):
        return self.document.extracted_text if self.document_id else ""

    def get_context(self, request, *args, **kwargs):
        from . import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.resource_context(self, request))
        return context

    @path("preview/", name="preview")
    def preview(self, request):
        from . import views

        return views.preview(request, self)

    @path("download/", name="download")
    def download(self, request):
        from . import serving

        return serving.serve_document(request, self, self.document)

    @path("download/<int:format_id>/", name="download_format")
    def download_format(self, request, format_id):
        from . import serving

        alternative = self.alternative_formats.filter(pk=format_id).select_related("document")
        alternative = alternative.first()
        return serving.serve_document(request, self, alternative and alternative.document)

    def video_embed_url(self):
        """The privacy-enhanced player address for a YouTube or Vimeo link, else ""."""
        return privacy_enhanced_embed_url(self.media_url)


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^[0-9]{4,12}$")


def privacy_enhanced_embed_url(url):
    """A YouTube (youtube-nocookie.com) or Vimeo (do not track) player address, else ""."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if segments[:1] == ["watch"]:
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "live", "v"}:
            video_id = segments[1]
    elif host == "youtu.be" and segments:
        video_id = segments[0]
    if video_id:
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
        return ""
    if host in {"vimeo.com", "player.vimeo.com"} and segments:
        video_id = segments[-1]
        if _VIMEO_ID.match(video_id):
            return f"https://player.vimeo.com/video/{video_id}?dnt=1"
    return ""


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


class ResourceEventQuerySet(models.QuerySet):
    def downloads(self):
        return self.filter(kind=ResourceEvent.Kind.DOWNLOAD)

    def previews(self):
        return self.filter(kind=ResourceEvent.Kind.PREVIEW)


class ResourceEvent(models.Model):
    """One preview or one download, appended once and never changed. No IP, no user agent."""

    class Kind(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        DOWNLOAD = "download", _("Download")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    resource = models.ForeignKey(
        ResourcePage, null=True, on_delete=models.SET_NULL, related_name="events"
    )
    folder = models.ForeignKey(
        SubjectFolderPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The resource's folder when the event happened, for per-folder figures."),
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ResourceEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["resource", "kind"], name="resource_event_resource_kind"),
            models.Index(fields=["folder", "kind"], name="resource_event_folder_kind"),
            models.Index(fields=["kind", "created_at"], name="resource_event_kind_time"),
        ]

    def __str__(self):
        return (
            f"{self.get_kind_display()} of {self.resource_id} at {self.created_at:%Y-%m-%d %H:%M}"
        )

    @classmethod
    def record(cls, kind, resource, *, document=None, member=None, folder_id=None):
        """Append one event with a single INSERT. `member` may be anonymous (stored as none).

        `folder_id` defaults to the resource's parent page, the subject folder.
        """
        if folder_id is None and resource is not None:
            # Looked up inside the INSERT itself, so recording stays a single statement.
            folder_id = models.Subquery(
                Page.objects.filter(path=resource.path[: -resource.steplen]).values("pk")[:1]
            )
        if member is not None and not member.is_authenticated:
            member = None
        event = cls.objects.create(
            kind=kind,
            resource=resource,
            folder_id=folder_id,
            document=document,
            member=member,
        )
        if isinstance(event.folder_id, models.Subquery):
            # Deferred: read from the database only if someone asks for it.
            event.__dict__.pop("folder_id")
        return event
