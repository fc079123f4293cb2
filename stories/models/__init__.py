"""The stories app's models: themes, the stories listing and one story."""

from .drafts import StoryDraft
from .pages import (
    Attribution,
    StoryIndexPage,
    StoryKind,
    StoryPage,
    StoryPageQuerySet,
    StoryRelatedPage,
)
from .themes import DEFAULT_THEMES, StoryTheme

__all__ = [
    "DEFAULT_THEMES",
    "Attribution",
    "StoryIndexPage",
    "StoryDraft",
    "StoryKind",
    "StoryPage",
    "StoryPageQuerySet",
    "StoryRelatedPage",
    "StoryTheme",
]
