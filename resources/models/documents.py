"""Documents of the resource library: the document model, and its pages drawn as images."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index


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
