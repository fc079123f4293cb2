"""The public coaching forms: an organisation's request for coaching, and the short feedback
form it fills in when the coaching has ended. Each field has its own plain message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Sector

from .models import CoachingRequest, Feedback, Format

EMAIL_INVALID = _("Enter an email address in the correct format, like name@example.org")


class FirstRadioRadios(forms.RadioSelect):
    """Radios whose field id is the first radio's, so the error summary's link lands on it."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class RequestForm(forms.ModelForm):
    """What an organisation tells us when it asks for coaching. `website` is a trap for
    robots: it is hidden from people (and from screen readers), so a form that fills it in
    was not sent by a person."""

    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Choose a sector")), *Sector.choices],
        error_messages={
            "required": _("Choose the sector your organisation works in"),
            "invalid_choice": _("Choose the sector your organisation works in"),
        },
    )
    preferred_format = forms.ChoiceField(
        label=_("How would you like to meet?"),
        choices=Format.choices,
        widget=FirstRadioRadios,
        error_messages={
            "required": _("Choose how you would like to meet"),
            "invalid_choice": _("Choose how you would like to meet"),
        },
    )
    agree = forms.BooleanField(
        label=_("I agree you may keep these details to reply and arrange coaching"),
        error_messages={
            "required": _("Tick the box to say we may keep these details to reply to you")
        },
    )
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = CoachingRequest
        fields = [
            "organisation",
            "team",
            "sector",
            "help_wanted",
            "preferred_format",
            "contact_name",
            "contact_email",
        ]
        labels = {
            "organisation": _("Organisation"),
            "team": _("Team or service (optional)"),
            "help_wanted": _("What would you like help with?"),
            "contact_name": _("Your name"),
            "contact_email": _("Your email address"),
        }
        help_texts = {
            "organisation": _("For example, the NHS trust, council, school or charity."),
        }
        error_messages = {
            "organisation": {
                "required": _("Enter the name of your organisation"),
                "max_length": _("Organisation names can be up to %(limit_value)d characters"),
            },
            "team": {
                "max_length": _("Team names can be up to %(limit_value)d characters"),
            },
            "help_wanted": {
                "required": _("Tell us a little about what you would like help with"),
                "max_length": _(
                    "This can be up to %(limit_value)d characters: yours has %(show_value)d."
                ),
            },
            "contact_name": {
                "required": _("Enter your name"),
                "max_length": _("Names can be up to %(limit_value)d characters"),
            },
            "contact_email": {"required": _("Enter your email address"), "invalid": EMAIL_INVALID},
        }
        widgets = {
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "team": forms.TextInput(attrs={"autocomplete": "off"}),
            "help_wanted": forms.Textarea(attrs={"rows": 6}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
            "contact_email": forms.EmailInput(
                attrs={"autocomplete": "email", "spellcheck": "false"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Blank on the model only so that erasure can empty them: the form needs both.
        self.fields["contact_name"].required = True
        self.fields["contact_email"].required = True

    def clean_organisation(self):
        return " ".join(self.cleaned_data["organisation"].split())

    def clean_team(self):
        return " ".join(self.cleaned_data["team"].split())

    def clean_contact_name(self):
        return " ".join(self.cleaned_data["contact_name"].split())

    def is_from_a_robot(self):
        return bool(self.cleaned_data.get("website"))


YES, NO = "yes", "no"


def as_answer(value):
    return {YES: True, NO: False}.get(value)


class FeedbackForm(forms.ModelForm):
    """How the coaching went. Only how helpful it was must be answered."""

    helpful = forms.TypedChoiceField(
        label=_("How helpful was the coaching?"),
        choices=Feedback.Helpful.choices,
        coerce=int,
        widget=FirstRadioRadios,
        error_messages={
            "required": _("Choose how helpful the coaching was"),
            "invalid_choice": _("Choose how helpful the coaching was"),
        },
    )
    would_recommend = forms.TypedChoiceField(
        label=_("Would you recommend it to another organisation?"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        coerce=as_answer,
        empty_value=None,
        required=False,
        widget=FirstRadioRadios,
        error_messages={"invalid_choice": _("Choose yes or no")},
    )

    class Meta:
        model = Feedback
        fields = ["helpful", "what_changed", "could_be_better", "would_recommend"]
        labels = {
            "what_changed": _("What has changed for you since? (optional)"),
            "could_be_better": _("What could we do better? (optional)"),
        }
        help_texts = {
            "what_changed": _(
                "For example, something your team now does differently, or a tool you use."
            ),
        }
        error_messages = {
            name: {
                "max_length": _(
                    "This can be up to %(limit_value)d characters: yours has %(show_value)d."
                )
            }
            for name in ("what_changed", "could_be_better")
        }
        widgets = {
            "what_changed": forms.Textarea(attrs={"rows": 5}),
            "could_be_better": forms.Textarea(attrs={"rows": 5}),
        }
