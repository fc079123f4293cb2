"""The admin's forms for a coaching request (coaching.admin_views): the request's status,
coach and reason, fitted to who is editing, and each session's form with its themes as
tick boxes.

An editor chooses any status and any coach (coaching.workflow.coach_choices). A coach sees
the coach and the reason but cannot change them (disabled fields: whatever is posted for
them is ignored) and moves the status only between matched, in progress and completed.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from . import workflow
from .models import Theme

EDITOR_STATUS_HELP = _(
    "Matching a coach emails the coach and tells the organisation a coach will be in touch. "
    "Declining sends them your reason. Completing thanks them and asks for their feedback."
)
COACH_STATUS_HELP = _(
    "Move it on as the coaching goes. When you mark it completed, we thank the organisation "
    "and ask them how it went."
)
COACH_CHOSEN_BY_EDITORS = _("The editors choose the coach. Please ask them to change it.")


def coach_label(user):
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else user.email


class CoachingRequestForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        every = user is None or workflow.works_every_request(user)
        if "status" in self.fields:
            allowed = workflow.statuses_for(user, self.instance) if user else list(workflow.Status)
            field = self.fields["status"]
            field.choices = [(status.value, status.label) for status in allowed]
            field.help_text = EDITOR_STATUS_HELP if every else COACH_STATUS_HELP
        if "coach" in self.fields:
            field = self.fields["coach"]
            field.label_from_instance = coach_label
            field.empty_label = _("No coach yet")
            if every:
                field.queryset = workflow.coach_choices(self.instance)
            else:
                # Only their own name in the page: not a list of every coach.
                field.queryset = get_user_model().objects.filter(pk=self.instance.coach_id)
                field.disabled = True
                field.help_text = COACH_CHOSEN_BY_EDITORS
        if "decline_reason" in self.fields and not every:
            self.fields["decline_reason"].disabled = True


class CoachingSessionForm(WagtailAdminModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick what you talked about."),
    )
    minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=1,
        max_value=600,
        initial=60,
    )


class SessionsPanel(InlinePanel):
    """The request's sessions, each through `CoachingSessionForm`."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = CoachingSessionForm
        return options
