"""The resource library's models, one module per layer: documents, then events, then pages.

Imports run one way: pages may use events and documents; events and documents use neither.
"""

from .documents import DocumentPreviewPage, ResourceDocument
from .events import ResourceEvent, ResourceEventQuerySet
from .pages import (
    AlternativeFormat,
    LibraryIndexPage,
    RelatedResource,
    ResourceLibraryPage,
    ResourcePage,
    ResourcePageTag,
    ResourceType,
    SubjectFolderPage,
)

__all__ = [
    "AlternativeFormat",
    "DocumentPreviewPage",
    "LibraryIndexPage",
    "RelatedResource",
    "ResourceDocument",
    "ResourceEvent",
    "ResourceEventQuerySet",
    "ResourceLibraryPage",
    "ResourcePage",
    "ResourcePageTag",
    "ResourceType",
    "SubjectFolderPage",
]
