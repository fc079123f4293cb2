"""Background tasks of the resource library (django-tasks): drawing a document's previews.

With the ImmediateBackend (dev, test, and production until a queue backend is configured)
`enqueue` runs the task at once in the same process; with a queue backend a worker runs it.
"""

from django_tasks import task

from .models import ResourceDocument
from .previews import generate_previews


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
