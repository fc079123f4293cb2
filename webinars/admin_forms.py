"""The webinars app's admin forms. First the webinar page's: publishing is refused while the
webinar would show a use a speaker has not agreed to, and each speaker's consent is shown
beside them while editing. Then the editors' own: recording consent, the audience figure,
cancelling a webinar.

The rules are the page model's own (`WebinarPage.consent_problems`), asked of the webinar
as the editor submitted it (`SubmittedWebinar`), so the form and the model cannot disagree.
Saving a draft is always allowed: the editor can record the consent and publish later.

This module imports no model of ours: the page model imports it (for `base_form_class`).
"""

from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput

from .consent import VERSION_CHOICES, Use, consent_text

#: The page editor's buttons that publish, or set off towards publishing (a workflow).
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")

#: The inline panels whose rows name a speaker.
SPEAKER_FORMSETS = ("speakers", "agenda_items", "quotes")


def is_publishing(data):
    """Whether the submitted editor form publishes the page (now, on a date, or through a
    workflow that ends in publishing)."""
    if any(data.get(name) for name in PUBLISHING_ACTIONS):
        return True
    return bool(data.get("action-workflow-action")) and data.get("workflow-action-name") == (
        "approve"
    )


class SubmittedRows:
    """Inline rows as submitted, answering `.all()` as the page's relation would."""

    def __init__(self, speakers):
        self.rows = [
            SimpleNamespace(speaker=speaker, speaker_id=speaker.pk) for speaker in speakers
        ]

    def all(self):
        return self.rows


class SubmittedWebinar:
    """A webinar as the editor submitted it, before it is saved, asked the page model's own
    consent rules."""

    def __init__(self, page_class, *, chair, speakers, agenda_speakers, quote_speakers, recording):
        self.page_class = page_class
        self.chair = chair
        self.chair_id = chair.pk if chair else None
        self.speakers = SubmittedRows(speakers)
        self.agenda_items = SubmittedRows(agenda_speakers)
        self.quotes = SubmittedRows(quote_speakers)
        self.recording_url, recording_document = recording
        self.recording_document_id = recording_document.pk if recording_document else None

    def appearing_speakers(self):
        return self.page_class.appearing_speakers(self)

    def has_recording(self):
        return self.page_class.has_recording(self)

    def consent_problems(self):
        return self.page_class.consent_problems(self)


def consent_summary(speaker):
    """One line for the editor: what `speaker` has agreed to be shown, and what not."""
    given = [str(use.label) for use in Use if speaker.consents_to(use)]
    missing = [str(use.label) for use in Use if not speaker.consents_to(use)]
    parts = [_("%(name)s’s consent:") % {"name": speaker.name}]
    if given:
        parts.append(_("agreed to %(uses)s.") % {"uses": "; ".join(given)})
    if missing:
        parts.append(
            _("Not agreed (not shown anywhere): %(uses)s.") % {"uses": "; ".join(missing)}
        )
    parts.append(_("Record consent under Snippets › Speakers › Consent."))
    return " ".join(str(part) for part in parts)


def chosen_value(form, name):
    """The value of field `name` as submitted, or as it starts. Not through `form[name]`:
    a bound field keeps the help text it was made with, and this changes the help text."""
    field = form.fields[name]
    if form.is_bound:
        return field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
    return form.get_initial_for_field(field, name)


class WebinarPageForm(WagtailAdminPageForm):
    """Refuses to publish a webinar showing a speaker's name, a recording or a quote without
    that speaker's consent; says under each speaker what they have agreed to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_consent_beside_speakers()

    # While editing ------------------------------------------------------------------------

    def _speaker_fields(self):
        """(form, field name) of every place a speaker is chosen, the chair first."""
        places = [(self, "chair")] if "chair" in self.fields else []
        for name in SPEAKER_FORMSETS:
            formset = self.formsets.get(name)
            if formset is not None:
                places.extend((form, "speaker") for form in formset.forms)
        return places

    def show_consent_beside_speakers(self):
        places = self._speaker_fields()
        chosen = {}
        for form, name in places:
            value = chosen_value(form, name)
            if value not in (None, ""):
                chosen[(form, name)] = str(value)
        if not chosen:
            return
        speaker_model = self.fields["chair"].queryset.model
        speakers = {
            str(speaker.pk): speaker
            for speaker in speaker_model.objects.filter(pk__in=set(chosen.values()))
        }
        for (form, name), pk in chosen.items():
            speaker = speakers.get(pk)
            if speaker is not None:
                field = form.fields[name]
                field.help_text = " ".join(
                    part for part in (str(field.help_text or ""), consent_summary(speaker)) if part
                )

    # Publishing --------------------------------------------------------------------------

    def clean(self):
        cleaned_data = super().clean()
        if not is_publishing(self.data):
            return cleaned_data
        submitted = self.submitted_webinar(cleaned_data)
        problems = submitted.consent_problems() if submitted is not None else []
        if problems:
            raise ValidationError(
                [
                    _(
                        "This webinar cannot be published yet, because it would show "
                        "something a speaker has not agreed to. Save it as a draft, then "
                        "record their consent (Snippets › Speakers › Consent) or take that "
                        "part out."
                    ),
                    *problems,
                ],
                code="consent_missing",
            )
        return cleaned_data

    def submitted_webinar(self, cleaned_data):
        """The webinar as submitted, or None while an inline panel has its own errors (the
        form is refused for those anyway)."""
        chosen = {}
        for name in SPEAKER_FORMSETS:
            formset = self.formsets.get(name)
            if formset is None:
                chosen[name] = []
                continue
            if not formset.is_valid():
                return None
            chosen[name] = [
                form.cleaned_data["speaker"]
                for form in formset.forms
                if form.cleaned_data
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("speaker") is not None
            ]
        return SubmittedWebinar(
            type(self.instance),
            chair=cleaned_data.get("chair"),
            speakers=chosen["speakers"],
            agenda_speakers=chosen["agenda_items"],
            quote_speakers=chosen["quotes"],
            recording=(cleaned_data.get("recording_url"), cleaned_data.get("recording_document")),
        )


# The editors' other forms -----------------------------------------------------------------


class ConsentRecordForm(forms.Form):
    """Consent given, or withdrawn, for one or more uses, on a date, against a wording."""

    GIVEN, WITHDRAWN = "given", "withdrawn"

    uses = forms.MultipleChoiceField(
        label=_("Which uses"),
        choices=Use.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one use.")},
    )
    decision = forms.ChoiceField(
        label=_("The speaker"),
        choices=[(GIVEN, _("gave consent")), (WITHDRAWN, _("withdrew consent"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether consent was given or withdrawn.")},
    )
    agreed_on = forms.DateField(
        label=_("Date"),
        widget=AdminDateInput(),
        help_text=_("The day the speaker said so, not today's date if that differs."),
        error_messages={"required": _("Enter the date the speaker said so.")},
    )
    version = forms.ChoiceField(
        label=_("Version of the consent wording"),
        choices=VERSION_CHOICES,
        help_text=_("The wording the speaker was shown. Every version is set out below."),
    )
    how = forms.CharField(
        label=_("How (optional)"),
        max_length=120,
        required=False,
        help_text=_("For example 'signed form', 'email of 3 May', 'said on the phone'."),
    )

    def clean_agreed_on(self):
        agreed_on = self.cleaned_data["agreed_on"]
        if agreed_on > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return agreed_on

    def clean(self):
        cleaned_data = super().clean()
        text = consent_text(cleaned_data.get("version"))
        agreed_on = cleaned_data.get("agreed_on")
        if (
            text is not None
            and agreed_on is not None
            and cleaned_data.get("decision") == self.GIVEN
            and agreed_on < text.introduced
        ):
            self.add_error(
                "version",
                _(
                    "Version %(version)s of the wording was first used on %(date)s, after "
                    "the date you entered: choose the version the speaker was shown."
                )
                % {"version": text.version, "date": date_format(text.introduced, "j F Y")},
            )
        return cleaned_data

    @property
    def given(self):
        return self.cleaned_data["decision"] == self.GIVEN


class AudienceForm(forms.Form):
    audience = forms.IntegerField(
        label=_("Audience"),
        min_value=0,
        max_value=100_000,
        required=False,
        help_text=_(
            "How many people attended, counting any who joined without registering. Leave "
            "it empty to use the number of people marked as attending."
        ),
        error_messages={"invalid": _("Enter the number of people, for example 42.")},
    )


class CancelWebinarForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown on the webinar's page and in the email to everyone registered. For "
            "example 'The speaker is unwell; we will arrange a new date.'"
        ),
    )
