"""What a speaker may agree to, and the words they agreed to (versioned).

Each use is consented to, or not, on its own: a speaker may agree to their name and bio
but not their photo. No record means no consent. The words change over time; a record
keeps the version the speaker agreed to, so what they saw can always be read again.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Use(models.TextChoices):
    NAME = "name", _("Name, role and organisation")
    PHOTO = "photo", _("Photo")
    BIO = "bio", _("Biography")
    RECORDING = "recording", _("Recording published")
    QUOTES = "quotes", _("Quotes")
    LABEL = "label", _("The “expert by experience” label")


@dataclass(frozen=True)
class ConsentText:
    version: str
    introduced: date
    text: str


#: Every version of the consent wording, oldest first. Add a version; never edit one.
CONSENT_TEXTS = (
    ConsentText(
        "2020-05",
        date(2020, 5, 1),
        _(
            "I agree that the Community of Action may show the parts of my contribution I "
            "have ticked on its website and in its emails, calendars and reports. I can "
            "change my mind at any time by telling the webinar team, and what I withdraw "
            "will be taken down straight away."
        ),
    ),
    ConsentText(
        "2026-11",
        date(2026, 11, 1),
        _(
            "I agree that the Community of Action may show the parts of my contribution I "
            "have ticked: on its website (pages, listings and search), in its feeds and "
            "calendar files, in emails to members and in its impact report. Ticking or not "
            "ticking any part makes no difference to whether I can take part, or to any "
            "payment. I can withdraw any part at any time by telling the webinar team; it "
            "is taken down from the website straight away, and we keep a record that I "
            "agreed and when I withdrew."
        ),
    ),
)
CURRENT_VERSION = CONSENT_TEXTS[-1].version
VERSION_CHOICES = [(text.version, text.version) for text in CONSENT_TEXTS]


def consent_text(version):
    for text in CONSENT_TEXTS:
        if text.version == version:
            return text
    return None
