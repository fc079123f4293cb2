"""In production, drawing previews waits for the task worker instead of the upload request."""

from django.core.management import call_command

import pytest
from django_tasks_db.models import DBTaskResult

from resources.models import ResourceDocument

from .factories import ResourceDocumentFactory, pdf_bytes

# The worker closes database connections between tasks, as a long-running process should,
# so this test commits for real rather than running inside a rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)

Status = ResourceDocument.PreviewStatus


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_saving_a_document_queues_its_previews_and_the_worker_draws_them(queued_tasks):
    document = ResourceDocumentFactory(file__data=pdf_bytes(), file__filename="guide.pdf")

    document.refresh_from_db()
    assert document.preview_status == Status.PENDING
    assert document.preview_pages.count() == 0
    assert DBTaskResult.objects.filter(status="READY").count() >= 1

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    document.refresh_from_db()
    assert document.preview_status == Status.READY
    assert document.preview_pages.count() == document.page_count == 2
