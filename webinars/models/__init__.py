"""The webinars app's models: pages, speakers and their consent, registrations."""

from .pages import (
    AgendaItem,
    WebinarDocument,
    WebinarIndexPage,
    WebinarPage,
    WebinarPageTag,
    WebinarQuote,
    WebinarSpeaker,
)
from .registrations import CalendarToken, Involvement, Registration
from .speakers import ConsentRecord, ShownSpeaker, Speaker, record_consent

__all__ = [
    "AgendaItem",
    "CalendarToken",
    "ConsentRecord",
    "Involvement",
    "Registration",
    "ShownSpeaker",
    "Speaker",
    "WebinarDocument",
    "WebinarIndexPage",
    "WebinarPage",
    "WebinarPageTag",
    "WebinarQuote",
    "WebinarSpeaker",
    "record_consent",
]
