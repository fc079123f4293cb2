"""Factories for the resource library: documents with real (small) PDFs, and the page tree.

Pages are placed in the tree under `parent` and published, as the home app's factories do.
Without a `parent`, a resource gets a new folder, a folder gets the library (one per site,
made on first use) and the library goes under the default Site's home page (made on first use).
"""

import io

from django.core.files.base import ContentFile

from wagtail.models import Page, Site

import factory
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

from home.models import HomePage
from resources.models import (
    AlternativeFormat,
    DocumentPreviewPage,
    RelatedResource,
    ResourceDocument,
    ResourceEvent,
    ResourceLibraryPage,
    ResourcePage,
    ResourceType,
    SubjectFolderPage,
)
from resources.tasks import store_metadata

from ..home.factories import BasePageFactory, HomePageFactory

# The smallest valid PNG: one transparent pixel.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(pages=None):
    """A valid PDF, one page per string in `pages` (default: two pages), with that text on it.

    The text is drawn with Helvetica, so pypdf and pypdfium2 can extract it again.
    """
    pages = pages if pages is not None else ["First page of the guide", "Second page"]
    writer = PdfWriter()
    for text in pages:
        page = writer.add_blank_page(width=595, height=842)  # A4 in points
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {
                NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
                NameObject("/ProcSet"): ArrayObject([NameObject("/PDF"), NameObject("/Text")]),
            }
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 14 Tf 72 760 Td ({_escape(text)}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def site_home_page():
    """The default Site's HomePage, putting a new one at the root the first time."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = HomePage.objects.first() or HomePageFactory()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        welcome = site.root_page
        site.root_page = home
        site.save()
        if welcome.pk != home.pk and not isinstance(welcome.specific, HomePage):
            Page.objects.filter(pk=welcome.pk).delete()
    return home


def default_library():
    return ResourceLibraryPage.objects.first() or LibraryFactory()


class ResourceDocumentFactory(factory.django.DjangoModelFactory):
    """A document holding a small two-page PDF; `file__data=b"..."` and `file__filename=`
    change its bytes and name. File size and hash are stored as the admin's upload does, and
    its page count and text as the queued task does (previews are left to the tests)."""

    class Meta:
        model = ResourceDocument

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(data=factory.LazyFunction(pdf_bytes), filename="guide.pdf")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        store_metadata(document)
        return document


class DocumentPreviewPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentPreviewPage

    document = factory.SubFactory(ResourceDocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    image = factory.LazyAttribute(
        lambda o: ContentFile(TINY_PNG, name=f"doc{o.document.pk}-p{o.number}.png")
    )
    text = factory.LazyAttribute(lambda o: f"Text on page {o.number}")


def ready_previews(document, texts=None):
    """Mark `document` as previewed: one tiny PNG per page, with `texts` as each page's text."""
    texts = texts or [f"Text on page {n}" for n in range(1, (document.page_count or 2) + 1)]
    # Previews drawn when the document was saved (transactional tests) make way for these.
    document.preview_pages.all().delete()
    pages = [
        DocumentPreviewPageFactory(document=document, number=n, text=text)
        for n, text in enumerate(texts, start=1)
    ]
    document.page_count = len(texts)
    document.preview_status = ResourceDocument.PreviewStatus.READY
    document.save(update_fields=["page_count", "preview_status"])
    return pages


class LibraryFactory(BasePageFactory):
    class Meta:
        model = ResourceLibraryPage

    title = "Resources"
    slug = "resources"
    members_only = False
    parent = factory.LazyFunction(site_home_page)


class FolderFactory(BasePageFactory):
    class Meta:
        model = SubjectFolderPage

    title = factory.Sequence(lambda n: f"Subject folder {n}")
    members_only = False
    parent = factory.LazyFunction(default_library)


class ResourcePageFactory(BasePageFactory):
    """A published resource. `tags=["a", "b"]` tags it."""

    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = factory.LazyAttribute(lambda page: f"A short summary of {page.title.lower()}.")
    resource_type = ResourceType.GUIDE
    document = factory.SubFactory(ResourceDocumentFactory)
    parent = factory.SubFactory(FolderFactory)

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, tags=(), **kwargs):
        page = model_class(*args, live=publish, **kwargs)
        if tags:
            page.tags.add(*tags)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page


class AlternativeFormatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlternativeFormat

    page = factory.SubFactory(ResourcePageFactory)
    kind = AlternativeFormat.Kind.EASY_READ
    document = factory.SubFactory(
        ResourceDocumentFactory, file__filename="easy-read.pdf", title="Easy read version"
    )


class RelatedResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedResource

    page = factory.SubFactory(ResourcePageFactory)
    resource = factory.SubFactory(ResourcePageFactory)


class ResourceEventFactory(factory.django.DjangoModelFactory):
    """An event; `created_at` is set after the insert (auto_now_add ignores it otherwise)."""

    class Meta:
        model = ResourceEvent

    kind = ResourceEvent.Kind.DOWNLOAD
    resource = factory.SubFactory(ResourcePageFactory)
    folder = factory.LazyAttribute(
        lambda e: e.resource.get_parent().specific if e.resource else None
    )
    document = factory.LazyAttribute(lambda e: e.resource.document if e.resource else None)
    member = None

    @classmethod
    def _create(cls, model_class, *args, created_at=None, **kwargs):
        event = model_class.objects.create(*args, **kwargs)
        if created_at is not None:
            model_class.objects.filter(pk=event.pk).update(created_at=created_at)
            event.created_at = created_at
        return event


__all__ = [
    "TINY_PNG",
    "AlternativeFormatFactory",
    "DocumentPreviewPageFactory",
    "FolderFactory",
    "LibraryFactory",
    "RelatedResourceFactory",
    "ResourceDocumentFactory",
    "ResourceEventFactory",
    "ResourcePageFactory",
    "pdf_bytes",
    "ready_previews",
    "site_home_page",
]
