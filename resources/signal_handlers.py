"""Signal receivers for the resource library; connected in ResourcesConfig.ready().

When a document is saved with a new file, its file size, hash, page count and text are read
before the row is written (so the one INSERT or UPDATE stores them and the search index sees
them), and drawing its preview pages is queued once the transaction commits. Nothing here
saves the document again.
"""

import contextlib
import contextvars

from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from .documents import extension_of, extract_metadata
from .models import DocumentPreviewPage, ResourceDocument, ResourcePage
from .previews import delete_files
from .tasks import generate_document_previews

_previews_paused = contextvars.ContextVar("previews_paused", default=False)


@contextlib.contextmanager
def previews_paused():
    """Within this block, saving a document does not queue its previews (the caller will)."""
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
def read_document_file(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not instance.file:
        return
    if update_fields is not None and "file" not in update_fields:
        return
    if not _file_changed(instance):
        return
    if instance.file_size is None or not instance.file_hash:
        instance._set_document_file_metadata()
    with instance.open_file() as f:
        metadata = extract_metadata(f, extension_of(instance.file.name))
    instance.page_count = metadata.page_count
    instance.extracted_text = metadata.text
    instance.preview_status = ResourceDocument.PreviewStatus.PENDING
    instance.preview_message = ""
    instance._coa_previews_due = True


@receiver(post_save, sender=ResourceDocument)
def queue_document_previews(sender, instance, raw=False, created=False, **kwargs):
    if raw or not getattr(instance, "_coa_previews_due", False):
        return
    instance._coa_previews_due = False
    if not created:
        reindex_resources_using(instance)
    if _previews_paused.get():
        return
    schedule_previews(instance)


def reindex_resources_using(document):
    """A resource is found by the text inside its document: a new file means new words."""
    from wagtail.search.index import insert_or_update_object

    document_id = document.pk

    def reindex():
        for resource in ResourcePage.objects.filter(document_id=document_id):
            insert_or_update_object(resource)

    transaction.on_commit(reindex)


def schedule_previews(document):
    """Queue drawing `document`'s previews for when the current transaction commits."""
    document_id, file_hash = document.pk, document.file_hash
    transaction.on_commit(lambda: generate_document_previews.enqueue(document_id, file_hash))


@receiver(pre_delete, sender=ResourceDocument)
def delete_preview_images(sender, instance, **kwargs):
    """The preview rows go with the document (CASCADE); their image files go after commit."""
    names = list(
        DocumentPreviewPage.objects.filter(document_id=instance.pk).values_list("image", flat=True)
    )
    if names:
        transaction.on_commit(lambda: delete_files(names))
