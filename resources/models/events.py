"""Usage events of the resource library: one row per preview or download, never changed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page


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
        "resources.ResourcePage", null=True, on_delete=models.SET_NULL, related_name="events"
    )
    folder = models.ForeignKey(
        "resources.SubjectFolderPage",
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
