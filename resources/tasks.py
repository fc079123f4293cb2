"""Background tasks of the resource library (django-tasks): reading a new file's page count and
text, then drawing its previews.

Saving a document with a new file queues `extract_document_metadata` once the transaction
commits (signal_handlers.py); it stores what it read, updates the search index, and queues
`generate_document_previews`. With the ImmediateBackend (dev and test) `enqueue` runs each
task at once in the same process; in production `manage.py db_worker` runs them.
"""

from wagtail.search.index import insert_or_update_object

from django_tasks import task

from .documents import extension_of, extract_metadata
from .models import ResourceDocument, ResourcePage
from .previews import generate_previews


@task()
def extract_document_metadata(document_id, file_hash="", draw_previews=True):
    """Read one document's page count and text; return "read", "superseded" or "deleted".

    `file_hash` is the file the task was queued for: if the document has had another file
    since, this task does nothing, and the newer file's own task reads it. Unless
    `draw_previews` is false, drawing the previews is queued next.
    """
    document = ResourceDocument.objects.filter(pk=document_id).first()
    if document is None:
        return "deleted"
    if file_hash and document.file_hash != file_hash:
        return "superseded"
    if not store_metadata(document):
        return "superseded"
    if draw_previews:
        generate_document_previews.enqueue(document_id, document.file_hash)
    return "read"


def store_metadata(document):
    """Read `document`'s file, store its page count and text, and update the search index.

    Stored with an UPDATE, so no save signal runs again; the row is only changed while it
    still holds the same file. Returns False when it no longer does.
    """
    if not document.file:
        return False
    with document.open_file() as f:
        metadata = extract_metadata(f, extension_of(document.file.name))
    updated = ResourceDocument.objects.filter(pk=document.pk, file_hash=document.file_hash).update(
        page_count=metadata.page_count, extracted_text=metadata.text
    )
    if not updated:
        return False
    document.page_count, document.extracted_text = metadata.page_count, metadata.text
    reindex_with_resources(document)
    return True


def reindex_with_resources(document):
    """A document, and each resource using it, is found by the words inside its file."""
    insert_or_update_object(document)
    for resource in ResourcePage.objects.filter(document_id=document.pk):
        insert_or_update_object(resource)


@task()
def generate_document_previews(document_id, file_hash=""):
    """Draw the preview pages of one document; return its preview status.

    `file_hash` is the file the task was queued for: if the document has had another file
    since, this task does nothing, and the newer file's own task draws it.
    """
    document = ResourceDocument.objects.filter(pk=document_id).first()
    if document is None:
        return "deleted"
    if file_hash and document.file_hash != file_hash:
        return "superseded"
    return generate_previews(document) or "superseded"
