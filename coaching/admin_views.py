"""The admin side of coaching: "Coaching requests" (a ModelViewSet), where the editors work
each request sent through the site's form (its status, its coach, its sessions), and where
a coach sees the requests matched to them and records their sessions.

Who may (`CoachingRequestPermissionPolicy`, registered in `wagtail_hooks.py`)
    The editors (whoever may read reports) see and change every request. A coach sees,
    opens and changes only the requests matched to them: anyone else's is not found. What
    a coach may change on the form is `coaching.admin_forms`. Requests come from the
    site's form, so adding one here, and deleting one, stay with the model's own
    permissions (superusers).

Saving goes through `coaching.workflow.save`, in the view's transaction, so a change of
status sends its emails once it is saved, and only then.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from core.policies import EditorsPermissionPolicy
from members.models import Sector

from . import workflow
from .admin_forms import CoachingRequestForm, SessionsPanel
from .models import CoachingRequest

URL_NAMESPACE = "coaching_requests"
ICON = "group"


# Who may: the editors, and a coach for the requests matched to them --------------------

#: What a coach may do with a request matched to them.
COACH_ACTIONS = frozenset({"change"})


class CoachingRequestPermissionPolicy(EditorsPermissionPolicy):
    """The editors: view and change every request. A coach: change the requests matched
    to them. Add and delete: the model's permissions (superusers)."""

    def __init__(self):
        super().__init__(CoachingRequest, editor_actions=("change", "view"))

    def works_every_request(self, user, action):
        return super().user_has_permission(user, action)

    def coaches_for(self, user, action):
        return action in COACH_ACTIONS and workflow.is_coach(user)

    def user_has_permission(self, user, action):
        return self.works_every_request(user, action) or self.coaches_for(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if self.works_every_request(user, action):
            return True
        return self.coaches_for(user, action) and instance.coach_id == user.pk

    def instances_user_has_any_permission_for(self, user, actions):
        requests = CoachingRequest.objects.all()
        if any(self.works_every_request(user, action) for action in actions):
            return requests
        if any(self.coaches_for(user, action) for action in actions):
            return workflow.requests_for(user)  # theirs as coach
        return requests.none()

    def users_with_any_permission(self, actions):
        users = super().users_with_any_permission(actions)
        if COACH_ACTIONS.intersection(actions):
            coach_pks = workflow.coaches().values("pk")
            return (
                get_user_model()
                .objects.filter(Q(pk__in=users.values("pk")) | Q(pk__in=coach_pks))
                .distinct()
            )
        return users

    def users_with_any_permission_for_instance(self, actions, instance):
        users = super().users_with_any_permission(actions)
        if COACH_ACTIONS.intersection(actions) and instance.coach_id:
            coach_pks = workflow.coaches().filter(pk=instance.coach_id).values("pk")
            return (
                get_user_model()
                .objects.filter(Q(pk__in=users.values("pk")) | Q(pk__in=coach_pks))
                .distinct()
            )
        return users


REQUEST_POLICY = CoachingRequestPermissionPolicy()


def visible_requests(user):
    """The requests `user` may open here (every view asks this)."""
    return REQUEST_POLICY.instances_user_has_permission_for(user, "change")


# The listing ---------------------------------------------------------------------------


def coach_name(coaching_request):
    coach = coaching_request.coach
    if coach is None:
        return gettext("Not matched yet")
    return coach.get_full_name() or coach.email


def received(coaching_request):
    return date_format(timezone.localtime(coaching_request.created_at), "j F Y")


def filter_coaches(request):
    """Coaches, and anyone a request is matched to (someone who has stopped coaching)."""
    return (
        get_user_model()
        .objects.filter(
            Q(pk__in=workflow.coaches().values("pk"))
            | Q(pk__in=CoachingRequest.objects.filter(coach__isnull=False).values("coach"))
        )
        .order_by("first_name", "last_name", "email")
    )


class CoachingRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CoachingRequest.Status.choices, empty_label=_("Any status")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("Any sector")
    )
    coach = django_filters.ModelChoiceFilter(
        label=_("Coach"),
        queryset=filter_coaches,
        empty_label=_("Any coach"),
        null_label=_("Not matched yet"),
    )

    class Meta:
        model = CoachingRequest
        fields = ["status", "sector", "coach"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None or not workflow.works_every_request(request.user):
            # A coach sees only their own requests: a list of the others would be no use
            # to them, and names people they need not know of.
            del self.filters["coach"]


class CoachingRequestIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_requests(self.request.user).select_related("coach")

    @cached_property
    def no_results_message(self):
        if not workflow.works_every_request(self.request.user) and not self.is_filtering:
            return gettext("No requests are matched to you yet.")
        return super().no_results_message


# One request ---------------------------------------------------------------------------


def saved_message(emails):
    to_coach = any(email in workflow.TO_COACH for email in emails)
    to_contact = any(email not in workflow.TO_COACH for email in emails)
    if to_coach and to_contact:
        return gettext("We have emailed the coach and the organisation.")
    if to_coach:
        return gettext("We have emailed the coach.")
    if to_contact:
        return gettext("We have emailed the organisation.")
    return ""


class WorkflowSaveMixin:
    """Save through coaching.workflow, and say who was emailed."""

    emails = ()

    def save_instance(self):
        self.emails = workflow.save(self.form.instance, save_instance=super().save_instance)
        return self.form.instance

    def get_success_message(self, *args):
        # CreateView passes the instance, EditView nothing.
        message = super().get_success_message(*args)
        told = saved_message(self.emails)
        return f"{message} {told}" if message and told else message


class CoachingRequestCreateView(WorkflowSaveMixin, generic.CreateView):
    pass


class CoachingRequestEditView(WorkflowSaveMixin, generic.EditView):
    def get_object(self, queryset=None):
        return super().get_object(visible_requests(self.request.user))


class CoachingRequestHistoryView(history.HistoryView):
    def get_base_object_queryset(self):
        return visible_requests(self.request.user)


class CoachingRequestUsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return visible_requests(self.request.user)


# The panels ----------------------------------------------------------------------------


STATUS_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("status"),
            FieldPanel("coach", widget=forms.Select),
            FieldPanel("decline_reason"),
        ],
        heading=_("Where it stands"),
    ),
    SessionsPanel(
        "sessions",
        heading=_("Sessions"),
        label=_("session"),
        panels=[
            FieldPanel("held_on"),
            FieldPanel("minutes"),
            FieldPanel("themes"),
            FieldPanel("notes"),
        ],
    ),
]

#: Editing: the request as the organisation sent it, to read, then the work on it.
EDIT_HANDLER = ObjectList(
    [
        HelpPanel(
            template="coaching/admin/request_as_sent.html", heading=_("The request as sent")
        ),
        *STATUS_PANELS,
    ],
    base_form_class=CoachingRequestForm,
)

#: Adding one here (superusers only): the request's own fields too.
ADD_HANDLER = ObjectList(
    [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("team"),
                FieldPanel("sector"),
                FieldPanel("help_wanted"),
                FieldPanel("preferred_format"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
            ],
            heading=_("The request"),
        ),
        *STATUS_PANELS,
    ],
    base_form_class=CoachingRequestForm,
)


class CoachingRequestViewSet(ModelViewSet):
    """Coaching requests, newest first: the editors see them all, a coach their own."""

    model = CoachingRequest
    name = URL_NAMESPACE
    url_prefix = "coaching-requests"
    icon = ICON
    menu_label = _("Coaching requests")
    menu_order = 280
    add_to_admin_menu = True
    index_view_class = CoachingRequestIndexView
    add_view_class = CoachingRequestCreateView
    edit_view_class = CoachingRequestEditView
    history_view_class = CoachingRequestHistoryView
    usage_view_class = CoachingRequestUsageView
    filterset_class = CoachingRequestFilterSet
    list_display = [
        "reference",  # the first column links to the request's page
        "organisation",
        "sector",
        "status",
        Column("coach", label=_("Coach"), accessor=coach_name),
        Column("created_at", label=_("Received"), accessor=received, sort_key="created_at"),
    ]
    search_fields = ["reference", "organisation"]
    search_backend_name = None
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    edit_handler = EDIT_HANDLER

    def get_add_view_kwargs(self, **kwargs):
        panel = ADD_HANDLER.bind_to_model(self.model)
        return super().get_add_view_kwargs(
            panel=panel, form_class=panel.get_form_class(), **kwargs
        )


coaching_request_viewset = CoachingRequestViewSet()
