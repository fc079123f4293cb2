"""Speakers (a translatable snippet) and the consent they have given for each use.

A Speaker is anyone the site credits: webinar speakers and chairs, and the co-authors and
contributors of resources, webinars and stories (webinars.models.credits). Someone who has
not agreed to their name being shown is shown by the pseudonym they chose, else anonymously.

A speaker's consent is a history of records, never edited: each gives or withdraws one use
(`consent.Use`) on a date, against a version of the consent wording. What is true now is
the newest record for each use, copied onto every language copy of the speaker as the
`consent_<use>` flags, so every page, listing, feed, calendar file, email and report asks
the speaker itself (`Speaker.shown()`) and needs no further query. No record: no consent.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..consent import CURRENT_VERSION, VERSION_CHOICES, Use
from ..signals import consent_changed

CONSENT_FIELDS = {use: f"consent_{use.value}" for use in Use}


class Speaker(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_("For example 'Peer researcher'.")
    )
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=80,
        blank=True,
        help_text=_(
            "A name they chose to be shown by when they have not agreed to their own name "
            "being shown. Leave empty to show them anonymously."
        ),
    )
    bio = models.TextField(
        _("short biography"),
        max_length=700,
        blank=True,
        help_text=_("Two or three sentences, in the speaker's own words where possible."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expert_by_experience = models.BooleanField(
        _("expert by experience"),
        default=False,
        help_text=_(
            "Has lived experience of trauma or of services. The label is shown only with "
            "the speaker's consent to it."
        ),
    )

    # What the speaker agrees to now: kept in step with the newest ConsentRecord per use.
    consent_name = models.BooleanField(_("name shown"), default=False, editable=False)
    consent_photo = models.BooleanField(_("photo shown"), default=False, editable=False)
    consent_bio = models.BooleanField(_("biography shown"), default=False, editable=False)
    consent_recording = models.BooleanField(
        _("recording published"), default=False, editable=False
    )
    consent_quotes = models.BooleanField(_("quotes shown"), default=False, editable=False)
    consent_label = models.BooleanField(_("label shown"), default=False, editable=False)

    panels = [
        HelpPanel(
            content=_(
                "What is shown of this speaker depends on their consent, recorded under "
                "'Consent' in the Speakers list. Without consent for a use, it is shown "
                "nowhere on the site."
            )
        ),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("pseudonym"),
                FieldPanel("role"),
                FieldPanel("organisation"),
            ],
            heading=_("Who they are"),
        ),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("expert_by_experience"),
    ]

    # A pseudonym is the person's own choice of name: the same in every language.
    override_translatable_fields = [SynchronizedField("pseudonym")]

    # Only what the speaker consented to is indexed (see the methods below); a pseudonym is
    # not, so that a search never puts it beside the real name's other details.
    search_fields = [
        index.SearchField("searchable_name", boost=2),
        index.SearchField("searchable_bio"),
        index.FilterField("locale_id"),
        index.FilterField("consent_name"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("speaker")
        # Everyone the site credits, as the Snippets list names them.
        verbose_name_plural = _("speakers and contributors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def consents_to(self, use):
        return getattr(self, CONSENT_FIELDS[Use(use)])

    def searchable_name(self):
        if not self.consent_name:
            return ""
        return " ".join(part for part in (self.name, self.role, self.organisation) if part)

    def searchable_bio(self):
        return self.bio if self.consent_bio else ""

    def shown(self):
        """What of this speaker may be shown anywhere: a `ShownSpeaker`."""
        named = self.consent_name
        return ShownSpeaker(
            pk=self.pk,
            name=self.name if named else "",
            role=self.role if named else "",
            organisation=self.organisation if named else "",
            bio=self.bio if self.consent_bio else "",
            photo=self.photo if self.consent_photo and self.photo_id else None,
            expert_by_experience=self.expert_by_experience and self.consent_label,
            pseudonym="" if named else self.pseudonym.strip(),
        )

    # Consent -----------------------------------------------------------------------------

    def consent_holder(self):
        """The copy consent is recorded on: the default language's, else this one."""
        if self.locale_id and self.locale.language_code == Locale.get_default().language_code:
            return self
        return (
            Speaker.objects.filter(
                translation_key=self.translation_key, locale=Locale.get_default()
            ).first()
            or self
        )

    def all_copies(self):
        return Speaker.objects.filter(translation_key=self.translation_key)

    def current_consent(self):
        """{Use: newest ConsentRecord or None} for this speaker (any language copy)."""
        newest = {}
        for record in ConsentRecord.objects.filter(
            speaker__translation_key=self.translation_key
        ).order_by("agreed_on", "recorded_at", "pk"):
            newest[Use(record.use)] = record
        return {use: newest.get(use) for use in Use}

    def refresh_consent_flags(self):
        """Copy the newest record per use onto every language copy; return the changed uses."""
        current = self.current_consent()
        flags = {
            CONSENT_FIELDS[use]: bool(record and record.given) for use, record in current.items()
        }
        changed = [
            use for use in Use if getattr(self, CONSENT_FIELDS[use]) != flags[CONSENT_FIELDS[use]]
        ]
        self.all_copies().update(**flags)
        for field, value in flags.items():
            setattr(self, field, value)
        return changed


@dataclass(frozen=True)
class ShownSpeaker:
    """A speaker as the public may see them: a use without consent is empty. `pseudonym` is
    given only when the name is not shown."""

    pk: int
    name: str
    role: str
    organisation: str
    bio: str
    photo: object
    expert_by_experience: bool
    pseudonym: str = ""

    @property
    def named(self):
        return bool(self.name)

    def shown_as(self, anonymous):
        """The name, else the pseudonym, else `anonymous` (words such as "A contributor")."""
        return self.name or self.pseudonym or str(anonymous)

    def __str__(self):
        return self.shown_as(_("A speaker who has asked not to be named"))


class ConsentRecord(models.Model):
    """One use given or withdrawn, on a date, against a version of the consent wording.

    Records are never edited or deleted while the speaker exists: a change of mind is a new
    record. They are kept after a withdrawal as the evidence of what was agreed and when it
    ended; deleting the speaker deletes them.
    """

    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("speaker"),
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    use = models.CharField(_("use"), max_length=16, choices=Use.choices)
    given = models.BooleanField(
        _("consent given"), help_text=_("Untick to record that consent was withdrawn.")
    )
    agreed_on = models.DateField(_("date"), default=timezone.localdate)
    consent_text_version = models.CharField(
        _("consent wording version"),
        max_length=16,
        choices=VERSION_CHOICES,
        default=CURRENT_VERSION,
    )
    how = models.CharField(
        _("how it was given"),
        max_length=120,
        blank=True,
        help_text=_("For example 'signed form', 'email of 3 May', 'said on the phone'."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-agreed_on", "-recorded_at", "-pk"]
        indexes = [models.Index(fields=["speaker", "use"])]

    def __str__(self):
        values = {"name": self.speaker, "use": self.get_use_display(), "date": self.agreed_on}
        if self.given:
            return gettext("%(name)s agreed to: %(use)s (%(date)s)") % values
        return gettext("%(name)s withdrew: %(use)s (%(date)s)") % values


def record_consent(
    speaker, uses, *, given, agreed_on=None, version=CURRENT_VERSION, how="", by=None
):
    """Record `given` (True) or withdrawn (False) for each of `uses`; return the changed uses.

    The flags on every language copy change in the same transaction; `consent_changed` is
    sent after it commits, and its receivers take the change to the cache and search index.
    """
    holder = speaker.consent_holder()
    with transaction.atomic():
        for use in uses:
            ConsentRecord.objects.create(
                speaker=holder,
                use=Use(use),
                given=given,
                agreed_on=agreed_on or timezone.localdate(),
                consent_text_version=version,
                how=how,
                recorded_by=by,
            )
        changed = holder.refresh_consent_flags()
        if changed:
            transaction.on_commit(
                lambda: consent_changed.send(sender=Speaker, speaker=holder, uses=changed)
            )
    return changed
