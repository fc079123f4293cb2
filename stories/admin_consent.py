"""The editors' side of the yearly consent review (stories.consent_review): "Story consent
reviews" in the admin, filtered to the stories no answer came for, and a dashboard panel
that counts them. An editor records how they followed one up ("Followed up", with a note).

Registered in `wagtail_hooks.py`, with its permission policy. Only whoever holds
`core.view_reports` (the editors) sees or changes them; no one adds or deletes one here:
they are made by the daily command and closed by the teller's answer.
"""

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from core.reports import can_read_reports

from . import consent_review
from .models import StoryConsentReview

State = StoryConsentReview.State

#: Each state as a filter on the listing.
STATE_FILTERS = {
    State.WAITING: Q(
        answered_at__isnull=True,
        resolved_at__isnull=True,
        flagged_at__isnull=True,
        story__retracted_at__isnull=True,
    ),
    State.FLAGGED: Q(
        answered_at__isnull=True,
        resolved_at__isnull=True,
        flagged_at__isnull=False,
        story__retracted_at__isnull=True,
    ),
    State.ANSWERED: Q(answered_at__isnull=False),
    State.FOLLOWED_UP: Q(resolved_at__isnull=False),
    State.RETRACTED: Q(
        answered_at__isnull=True, resolved_at__isnull=True, story__retracted_at__isnull=False
    ),
}


class EditorsOnlyPolicy(ModelPermissionPolicy):
    """Editors (`core.view_reports`) may look and record a follow-up; no one adds or deletes."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and can_read_reports(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


CONSENT_REVIEW_POLICY = EditorsOnlyPolicy(StoryConsentReview)


class ConsentReviewFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=State.choices, method="filter_state", empty_label=_("All")
    )

    class Meta:
        model = StoryConsentReview
        fields = ["answer"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(STATE_FILTERS[value]) if value in STATE_FILTERS else queryset


class FollowUpForm(WagtailAdminModelForm):
    followed_up = forms.BooleanField(
        label=_("Followed up"),
        required=False,
        help_text=_(
            "Tick when you have been in touch with the teller (or tried every way you can). "
            "Nothing changes on the site: if they asked to change or retract their story, do "
            "that too. We ask them again in a year."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["followed_up"].initial = self.instance.resolved_at is not None

    def save(self, commit=True):
        review = super().save(commit=False)
        if self.cleaned_data["followed_up"] and review.resolved_at is None:
            review.resolved_at = timezone.now()
            review.resolved_by = self.for_user
        elif not self.cleaned_data["followed_up"]:
            review.resolved_at = None
            review.resolved_by = None
        if commit:
            review.save()
        return review


def story_title(review):
    return review.story.title


def state_label(review):
    return review.state.label


class ConsentReviewIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("story")


class ConsentReviewViewSet(ModelViewSet):
    """The yearly consent reviews, newest first; "No answer: to follow up" is the filter
    the dashboard and the editors' email link to."""

    model = StoryConsentReview
    name = "story_consent_reviews"
    url_prefix = "story-consent-reviews"
    icon = "help"
    menu_label = _("Story consent reviews")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = ConsentReviewIndexView
    filterset_class = ConsentReviewFilterSet
    list_display = [
        Column("story", label=_("Story"), accessor=story_title, sort_key="story__title"),
        Column("state", label=_("State"), accessor=state_label),
        "asked_at",
        "answer",
        "answered_at",
        "flagged_at",
        "resolved_at",
    ]
    search_fields = ["story__title"]
    search_backend_name = None
    ordering = ["-asked_at", "-pk"]
    copy_view_enabled = False
    add_to_reference_index = False
    edit_handler = ObjectList(
        [
            FieldPanel("story", read_only=True),
            FieldPanel("asked_at", read_only=True),
            FieldPanel("answer", read_only=True),
            FieldPanel("answered_at", read_only=True),
            FieldPanel("flagged_at", read_only=True),
            FieldPanel("followed_up"),
            FieldPanel("editors_note"),
        ],
        base_form_class=FollowUpForm,
    )


consent_review_viewset = ConsentReviewViewSet()


class FlaggedStoriesPanel(Component):
    """On the dashboard, for editors, when any story waits to be followed up."""

    name = "story_consent_flagged"
    template_name = "stories/admin/consent_flagged_panel.html"
    order = 90

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context):
        return {
            "count": self.count,
            "url": reverse(consent_review.ADMIN_INDEX_URL_NAME) + consent_review.FLAGGED_FILTER,
        }


def dashboard_panels(request, panels):
    if not can_read_reports(request.user):
        return
    count = StoryConsentReview.objects.flagged().count()
    if count:
        panels.append(FlaggedStoriesPanel(count))
