"""Forms the editors fill in the Members admin: the reason and end date of a suspension."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateInput


class SuspendForm(forms.Form):
    """Why the membership is paused (the member is shown it) and, if known, until when."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_(
            "We email this to them as you write it and show it on their account page. "
            "Say kindly what happened and what they could do next."
        ),
        error_messages={"required": _("Enter the reason for pausing their membership")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    until = forms.DateField(
        label=_("End date (optional)"),
        required=False,
        help_text=_(
            "Their membership opens again by itself at the start of this day, and we email "
            "them. Leave it empty to pause it until an editor reinstates them."
        ),
        widget=AdminDateInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        until = self.fields["until"]
        example = timezone.localdate() + datetime.timedelta(days=28)
        until.error_messages["invalid"] = _(
            "Enter the end date as a date, for example %(example)s"
        ) % {"example": example.strftime(until.widget.format)}

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until is not None and until <= timezone.localdate():
            raise forms.ValidationError(
                _("The end date must be in the future: choose tomorrow or later"),
                code="not_in_future",
            )
        return until
