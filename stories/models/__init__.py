"""The stories app's models: themes, the stories listing and one story."""

from .consent import StoryConsentReview, StoryConsentReviewQuerySet
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
    "StoryConsentReview",
    "StoryConsentReviewQuerySet",
    "StoryDraft",
    "StoryKind",
    "StoryPage",
    "StoryPageQuerySet",
    "StoryRelatedPage",
    "StoryTheme",
]
