"""Signal receivers for the resource library; connected in ResourcesConfig.ready().

When a document is saved with a new file, its file size and hash are stored with the row,
and reading its page count and text (then drawing its preview pages) is queued once the
transaction commits: the `extract_document_metadata` task stores them with an UPDATE and
updates the search index. Nothing here saves the document again.
"""

import contextlib
import contextvars

from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from core.personal_data import erases, exports

from .models import DocumentPreviewPage, ResourceDocument, ResourceEvent
from .previews import delete_files
from .tasks import extract_document_metadata, store_metadata

_previews_paused = contextvars.ContextVar("previews_paused", default=False)


@contextlib.contextmanager
def previews_paused():
    """Within this block, saving a document with a new file reads its page count and text at
    once and queues nothing: the caller draws the previews (as resources/demo.py does)."""
    token = _previews_paused.set(True)
    try:
        yield
    finally:
        _previews_paused.reset(token)


def _file_changed(document):
    """Has this save given the document a file whose content it did not have before?"""
    if document._state.adding or document.pk is None:
        return True
    stored = (
        ResourceDocument.objects.filter(pk=document.pk).values_list("file", "file_hash").first()
    )
    if stored is None:
        return True
    stored_name, stored_hash = stored
    new_upload = not getattr(document.file, "_committed", True)
    if new_upload or document.file.name != stored_name:
        document._set_document_file_metadata()
        return document.file_hash != stored_hash
    return False


@receiver(pre_save, sender=ResourceDocument)
def note_new_file(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not instance.file:
        return
    if update_fields is not None and "file" not in update_fields:
        return
    if not _file_changed(instance):
        return
    if instance.file_size is None or not instance.file_hash:
        instance._set_document_file_metadata()
    # What the old file said is not true of the new one; the task reads the new one.
    instance.page_count = None
    instance.extracted_text = ""
    instance.preview_status = ResourceDocument.PreviewStatus.PENDING
    instance.preview_message = ""
    instance._coa_file_is_new = True


@receiver(post_save, sender=ResourceDocument)
def queue_reading_the_file(sender, instance, raw=False, **kwargs):
    if raw or not getattr(instance, "_coa_file_is_new", False):
        return
    instance._coa_file_is_new = False
    if _previews_paused.get():
        store_metadata(instance)
        return
    schedule_reading(instance)


def schedule_reading(document):
    """Queue reading `document`'s file, then drawing its previews, for after the commit."""
    document_id, file_hash = document.pk, document.file_hash
    transaction.on_commit(lambda: extract_document_metadata.enqueue(document_id, file_hash))


@receiver(pre_delete, sender=ResourceDocument)
def delete_preview_images(sender, instance, **kwargs):
    """The preview rows go with the document (CASCADE); their image files go after commit."""
    names = list(
        DocumentPreviewPage.objects.filter(document_id=instance.pk).values_list("image", flat=True)
    )
    if names:
        transaction.on_commit(lambda: delete_files(names))


# Personal data: a member's previews and downloads, an editor's uploads. In their data
# download, and unlinked when their account is erased. Imported here rather than at the
# top so this section stands alone in the file.


@exports("resources.ResourceEvent.member")
def resource_history(sender, user, **kwargs):
    """Every preview and download the person made: what, which document, and when."""
    events = (
        ResourceEvent.objects.filter(member=user)
        .select_related("resource", "document")
        .order_by("created_at", "pk")
    )
    return {
        "resource_history": [
            {
                "kind": event.kind,
                "resource": event.resource.title if event.resource else None,
                "document": event.document.title if event.document else None,
                "time": event.created_at,
            }
            for event in events
        ]
    }


@erases("resources.ResourceEvent.member")
def unlink_resource_history(sender, user, **kwargs):
    """Keep the events, without the person: set `member` to none.

    The events are the community's figures (downloads and previews per resource and
    folder, over time) that editors have already reported; deleting them would change
    those numbers after the fact. With `member` cleared an event says only that someone
    opened a document at a time, so it no longer tells anyone what this person read,
    which, in a trauma-informed community, is itself sensitive. The one figure that
    changes is the number of distinct members who previewed or downloaded: from then on
    it counts only people who still have an account.
    """
    ResourceEvent.objects.filter(member=user).update(member=None)


@exports("resources.ResourceDocument.uploaded_by_user")
def documents_uploaded(sender, user, **kwargs):
    """The documents an editor uploaded to the library: title and when."""
    documents = ResourceDocument.objects.filter(uploaded_by_user=user).order_by("created_at")
    return {
        "documents_uploaded": [
            {"title": document.title, "uploaded_at": document.created_at} for document in documents
        ]
    }


@erases("resources.ResourceDocument.uploaded_by_user")
def unlink_documents_uploaded(sender, user, **kwargs):
    """The documents stay in the library (pages use them); who uploaded them goes, as
    Wagtail does when an uploader's row is deleted (SET_NULL)."""
    ResourceDocument.objects.filter(uploaded_by_user=user).update(uploaded_by_user=None)
