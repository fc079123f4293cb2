"""The forms of the editors' admin for consensus studies (consensus.admin_views): the study
itself, a section, a statement, and a new round's dates."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from members.models import MemberProfile

from .models import Round, Section, Statement, Study


def approved_members():
    """Whom a panel may invite: active approved members, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, member_profile__status=MemberProfile.Status.APPROVED)
        .order_by("last_name", "first_name", "email")
    )


class PanelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.email})" if name else user.email


class StudyForm(WagtailAdminModelForm):
    """A study: the panel chosen among approved members only; `Study.clean()` checks the
    scale and rule (its message is shown with the form)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        panel = self.fields["panel"]
        self.fields["panel"] = PanelField(
            queryset=approved_members(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=panel.label,
            help_text=panel.help_text,
        )

    def clean(self):
        data = super().clean()
        if data.get("audience") == Study.Audience.PANEL and not data.get("panel"):
            self.add_error(
                "panel", _("Invite at least one approved member to a study with a panel.")
            )
        return data


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]


class StatementForm(forms.ModelForm):
    """A statement's wording (as the next round will ask it), its section within the same
    study, and whether it is no longer asked."""

    class Meta:
        model = Statement
        fields = ["text", "section", "withdrawn"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "text": _(
                "Rounds already opened keep the wording they asked; a change is asked from "
                "the next round to open."
            ),
            "withdrawn": _("Tick to leave it out of the rounds still to open."),
        }

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = study.sections.all()
        self.fields["section"].empty_label = None


class NewStatementForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class RoundForm(forms.ModelForm):
    """A new round's dates; its number is the next one. It closes after it opens, and opens
    no earlier than the round before it closes (or closed)."""

    class Meta:
        model = Round
        fields = ["opens_at", "closes_at"]
        widgets = {"opens_at": AdminDateTimeInput, "closes_at": AdminDateTimeInput}

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.study = study
        self.previous = study.rounds.order_by("-number").first()
        self.instance.study = study
        self.instance.number = self.previous.number + 1 if self.previous else 1

    def clean(self):
        data = super().clean()
        opens_at = data.get("opens_at")
        if self.previous is not None and opens_at is not None:
            previous_end = self.previous.closed_at or self.previous.closes_at
            if opens_at < previous_end:
                self.add_error(
                    "opens_at",
                    _("Round %(number)s closes %(end)s: open this one after that.")
                    % {
                        "number": self.previous.number,
                        "end": date_format(timezone.localtime(previous_end), "j F Y, H:i"),
                    },
                )
        return data
