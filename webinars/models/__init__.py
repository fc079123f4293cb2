"""The webinars app's models: pages, speakers and their consent, registrations, and the
co-production credits of resources, webinars and stories."""

from .credits import Credit, CreditRole, ShownCredit, credited_names, shown_credits
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
    "Credit",
    "CreditRole",
    "Involvement",
    "Registration",
    "ShownCredit",
    "ShownSpeaker",
    "Speaker",
    "WebinarDocument",
    "WebinarIndexPage",
    "WebinarPage",
    "WebinarPageTag",
    "WebinarQuote",
    "WebinarSpeaker",
    "credited_names",
    "record_consent",
    "shown_credits",
]
