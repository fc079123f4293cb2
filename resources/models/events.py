"""Usage events of the resource library: one row per preview or download, never changed.

A reload does not count again: the same person (a signed-in member, or a visitor's browser
session) opening the same preview or download of the same document within
`REPEAT_WINDOW` is counted once. Who has been seen is kept only in the cache (Redis in
production, shared by every worker) under a keyed hash, never in the database, and for no
longer than the window. A visitor with no session (no cookie yet) cannot be recognised, so
each of their previews and downloads counts: we do not start a session, nor look at IP
addresses, only to count.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

#: A second preview or download of the same thing by the same person within this time is a
#: reload, not another use.
REPEAT_WINDOW = timedelta(minutes=30)


def viewer_fingerprint(request):
    """A keyed hash naming who made `request` (a member, or a visitor's session), or None.

    Keyed with the SECRET_KEY, so a cache key says nothing about who it is to anyone who
    reads the cache; a session key is never stored as it is, as it would let anyone holding
    it sign in as that visitor's session.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        who = f"member:{user.pk}"
    else:
        session = getattr(request, "session", None)
        session_key = session.session_key if session is not None else None
        if not session_key:
            return None
        who = f"session:{session_key}"
    return salted_hmac("resources.events.seen", who).hexdigest()[:32]


def first_in_window(kind, resource, document, request):
    """True unless the same person previewed or downloaded this in the last `REPEAT_WINDOW`.

    One atomic `cache.add` (no database query): it stores the key only if it is not there.
    A person we cannot recognise is always first.
    """
    who = viewer_fingerprint(request)
    if who is None:
        return True
    resource_id = resource.pk if resource is not None else 0
    document_id = document.pk if document is not None else 0
    key = f"seen:{kind}:{resource_id}:{document_id}:{who}"
    return cache.add(key, 1, timeout=int(REPEAT_WINDOW.total_seconds()))


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
    def record_once(cls, kind, resource, request, *, document=None):
        """Record a preview or download made by `request`, unless it is a reload within
        `REPEAT_WINDOW` (see the module's docstring). The event, or None if not counted."""
        if not first_in_window(kind, resource, document, request):
            return None
        return cls.record(kind, resource, document=document, member=request.user)

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
