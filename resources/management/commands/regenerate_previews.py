"""Redraw documents' preview pages (and re-read their page count and text), for operators.

    manage.py regenerate_previews              every document
    manage.py regenerate_previews 12 40        documents 12 and 40
    manage.py regenerate_previews --status failed --status pending

Runs in this process, one document at a time, whatever task backend is configured.
"""

from django.core.management.base import BaseCommand, CommandError

from resources.models import ResourceDocument
from resources.previews import generate_previews
from resources.tasks import store_metadata


class Command(BaseCommand):
    help = "Redraw the preview pages of all documents, or of the ones given by id or status."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="document ids (default: all)")
        parser.add_argument(
            "--status",
            action="append",
            choices=ResourceDocument.PreviewStatus.values,
            help="only documents whose preview has this status (may be repeated)",
        )

    def handle(self, *args, ids, status, **options):
        documents = ResourceDocument.objects.order_by("pk")
        if ids:
            documents = documents.filter(pk__in=ids)
            missing = set(ids) - set(documents.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No document with id {', '.join(map(str, sorted(missing)))}")
        if status:
            documents = documents.filter(preview_status__in=status)

        counts = {}
        for document in documents.iterator(chunk_size=50):
            # Read again too: an older version may have read the page count and text differently.
            store_metadata(document)
            result = generate_previews(document) or "superseded"
            counts[result] = counts.get(result, 0) + 1
            self.stdout.write(f"{document.pk}\t{result}\t{document.title}")
        summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no documents"
        self.stdout.write(self.style.SUCCESS(f"Previews: {summary}."))
