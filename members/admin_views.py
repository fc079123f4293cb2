"""The Members area of the Wagtail admin: editors list, search, approve, decline, suspend
and reinstate people.

Registered in `wagtail_hooks.py`. The listing needs the `members.change_memberprofile`
permission and every decision `core.approve_members` (Core action group editors,
superusers); moderators and members are turned away before any member's details are looked
up. Deleting accounts lives in `admin_erasure.py`.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton, ListingButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views import snippets as snippet_views

import django_filters

from . import roles
from .admin_erasure import MemberDeleteView
from .admin_forms import SuspendForm
from .forms import DeclineForm
from .models import MemberProfile, Sector


def can_decide(user):
    """May `user` approve, decline, suspend and reinstate members? (`core.approve_members`)"""
    return bool(user.is_active and user.has_perm(roles.APPROVE_MEMBERS))


class MemberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MemberProfile.Status.choices, empty_label=_("Any status")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("Any sector")
    )

    class Meta:
        model = MemberProfile
        fields = ["status", "sector"]


class MemberIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")

    def search_queryset(self, queryset):
        """Every word typed must match the name, email or organisation ("Jo Smith NHS")."""
        if not self.is_searching:
            return queryset
        for word in self.search_query.split()[:10]:
            queryset = queryset.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__email__icontains=word)
                | Q(organisation__icontains=word)
            )
        return queryset

    def get_edit_url(self, instance):
        # The name opens the member's details, where the decisions are, not the edit form.
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_decide(self.request.user):
            for priority, (name, label, url, icon) in enumerate(decisions_open_for(instance), 1):
                if name == "approve":
                    # Beside the name, so the common task is one click from the list.
                    button = ListingButton(
                        label,
                        url=url,
                        icon_name=icon,
                        priority=priority,
                        attrs={"aria-label": _("Approve %(name)s") % {"name": instance}},
                    )
                else:
                    button = Button(label, url=url, icon_name=icon, priority=priority)
                buttons.append(button)
        if self.user_has_permission("change"):
            edit_url_name = MemberProfile.snippet_viewset.get_url_name("edit")
            buttons.append(
                Button(
                    _("Edit profile"),
                    url=reverse(edit_url_name, args=[instance.pk]),
                    icon_name="edit",
                    priority=10,
                )
            )
        return buttons


def decisions_open_for(profile):
    """(name, label, url, icon) of each decision an editor can take on `profile` now."""
    decisions = [
        (profile.can_be_approved, _("Approve"), "approve", "check"),
        (profile.can_be_reinstated, _("Reinstate"), "reinstate", "lock-open"),
        (profile.can_be_declined, _("Decline"), "decline", "cross"),
        (profile.can_be_suspended, _("Suspend"), "suspend", "lock"),
    ]
    viewset = MemberProfile.snippet_viewset
    return [
        (name, label, reverse(viewset.get_url_name(name), args=[profile.pk]), icon)
        for possible, label, name, icon in decisions
        if possible
    ]


class MemberInspectView(snippet_views.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(MemberProfile.objects.select_related("user"), pk=self.pk)

    def get_field_label(self, field_name, field):
        labels = {"user": _("Name"), "email": _("Email")}
        return labels.get(field_name) or super().get_field_label(field_name, field)

    def get_email_display_value(self):
        return self.object.user.email

    @cached_property
    def header_buttons(self):
        if not can_decide(self.request.user):
            return []
        return [
            HeaderButton(label, url=url, icon_name=icon)
            for _name, label, url, icon in decisions_open_for(self.object)
        ]


class DecisionView(WagtailAdminTemplateMixin, FormView):
    """Shared by Approve and Decline: checks permission first, then finds the member."""

    form_class = DeclineForm
    index_url_name = None
    breadcrumbs_items = []
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not can_decide(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(
            MemberProfile.objects.select_related("user"), pk=kwargs["pk"]
        )
        if not self.is_possible():
            messages.warning(request, self.already_done_message())
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Members")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(self.index_url_name)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            next_url=get_valid_next_url_from_request(self.request),
            cancel_url=self.get_success_url(),
            **kwargs,
        )

    def report(self, decision, done_message):
        if decision.notified:
            messages.success(
                self.request,
                _("%(done)s We have emailed them to say so.") % {"done": done_message},
            )
        else:
            messages.warning(
                self.request,
                _("%(done)s We could not send the email, so please let them know yourself.")
                % {"done": done_message},
            )


class ApproveView(DecisionView):
    form_class = forms.Form
    template_name = "members/admin/approve.html"
    page_title = _("Approve")

    def is_possible(self):
        return self.object.can_be_approved

    def already_done_message(self):
        return _("%(name)s is already a member.") % {"name": self.object}

    def form_valid(self, form):
        decision = self.object.approve(by=self.request.user)
        self.report(
            decision,
            _("%(name)s is now a member.") % {"name": self.object},
        )
        return redirect(self.get_success_url())


class DeclineView(DecisionView):
    template_name = "members/admin/decline.html"
    page_title = _("Decline")

    def is_possible(self):
        return self.object.can_be_declined

    def already_done_message(self):
        return _("%(name)s's request has already been declined.") % {"name": self.object}

    def form_valid(self, form):
        decision = self.object.decline(by=self.request.user, reason=form.cleaned_data["reason"])
        self.report(
            decision,
            _("You declined %(name)s's request.") % {"name": self.object},
        )
        return redirect(self.get_success_url())


class SuspendView(DecisionView):
    form_class = SuspendForm
    template_name = "members/admin/suspend.html"
    page_title = _("Suspend")

    def is_possible(self):
        return self.object.can_be_suspended

    def already_done_message(self):
        if self.object.status == MemberProfile.Status.SUSPENDED:
            return _("%(name)s's membership is already suspended.") % {"name": self.object}
        return _("%(name)s is not an approved member, so there is nothing to suspend.") % {
            "name": self.object
        }

    def form_valid(self, form):
        until = form.cleaned_data["until"]
        decision = self.object.suspend(
            by=self.request.user, reason=form.cleaned_data["reason"], until=until
        )
        if until:
            done = _("You suspended %(name)s's membership until %(date)s.") % {
                "name": self.object,
                "date": date_format(until, "j F Y"),
            }
        else:
            done = _("You suspended %(name)s's membership until you reinstate it.") % {
                "name": self.object
            }
        self.report(decision, done)
        return redirect(self.get_success_url())


class ReinstateView(DecisionView):
    form_class = forms.Form
    template_name = "members/admin/reinstate.html"
    page_title = _("Reinstate")

    def is_possible(self):
        return self.object.can_be_reinstated

    def already_done_message(self):
        return _("%(name)s's membership is not suspended.") % {"name": self.object}

    def form_valid(self, form):
        decision = self.object.reinstate(by=self.request.user)
        self.report(decision, _("%(name)s is a member again.") % {"name": self.object})
        return redirect(self.get_success_url())


class ApproveBulkAction(SnippetBulkAction):
    """Approve the people ticked in the listing; anyone not waiting is left as they are."""

    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected members")
    template_name = "members/admin/confirm_bulk_approve.html"
    action_priority = 10
    models = [MemberProfile]

    def dispatch(self, request, *args, **kwargs):
        if not can_decide(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Ignore ids that are not numbers (a hand-edited URL) rather than failing.
        ids = [value for value in object_ids if str(value).isdigit()]
        return super().get_queryset(model, ids)

    def get_all_objects_in_listing_query(self, parent_id):
        return MemberProfile.objects.pending().values_list("pk", flat=True)

    def check_perm(self, profile):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", profile
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["waiting"] = [item for item in context["items"] if item["item"].can_be_approved]
        context["unchanged"] = [
            item for item in context["items"] if not item["item"].can_be_approved
        ]
        return context

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        decisions = [profile.approve(by=user) for profile in objects]
        action = kwargs["self"]
        action.not_notified = sum(1 for d in decisions if d.changed and not d.notified)
        return sum(1 for d in decisions if d.changed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext(
            "%(count)d person is now a member. We have emailed them.",
            "%(count)d people are now members. We have emailed each of them.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
        if getattr(self, "not_notified", 0):
            message += " " + str(
                _("Some emails could not be sent: check the mail server settings.")
            )
        return message


class MemberViewSet(snippet_views.SnippetViewSet):
    model = MemberProfile
    icon = "group"
    menu_label = _("Members")
    menu_name = "members"
    menu_order = 250
    add_to_admin_menu = True
    admin_url_namespace = "members_admin"
    base_url_path = "members"

    index_view_class = MemberIndexView
    inspect_view_class = MemberInspectView
    delete_view_class = MemberDeleteView
    delete_template_name = "members/admin/confirm_erase.html"
    inspect_view_enabled = True
    inspect_view_fields = [
        "user",
        "email",
        "job_role",
        "organisation",
        "sector",
        "status",
        "status_changed_at",
        "decided_by",
        "decline_reason",
        "suspension_reason",
        "suspended_until",
        "created_at",
    ]
    list_display = [
        "member_name",
        Column("email", label=_("Email"), accessor="user.email", sort_key="user__email"),
        "organisation",
        Column("sector", label=_("Sector"), accessor="get_sector_display", sort_key="sector"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DateColumn("created_at", label=_("Joined"), sort_key="created_at"),
    ]
    filterset_class = MemberFilterSet
    search_fields = ["user__first_name", "user__last_name", "user__email", "organisation"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    copy_view_enabled = False
    add_to_reference_index = False
    panels = [FieldPanel("job_role"), FieldPanel("organisation"), FieldPanel("sector")]

    def register_chooser_viewset(self):
        # Wagtail's snippet chooser lists every instance to anyone who can open the admin,
        # moderators included, and nothing here needs to choose a member, so there is none.
        pass

    def get_decision_view_kwargs(self):
        return {
            "index_url_name": self.get_url_name("list"),
            "breadcrumbs_items": self.breadcrumbs_items,
            "header_icon": self.icon,
        }

    @property
    def approve_view(self):
        return ApproveView.as_view(**self.get_decision_view_kwargs())

    @property
    def decline_view(self):
        return DeclineView.as_view(**self.get_decision_view_kwargs())

    @property
    def suspend_view(self):
        return SuspendView.as_view(**self.get_decision_view_kwargs())

    @property
    def reinstate_view(self):
        return ReinstateView.as_view(**self.get_decision_view_kwargs())

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", self.approve_view, name="approve"),
            path("decline/<int:pk>/", self.decline_view, name="decline"),
            path("suspend/<int:pk>/", self.suspend_view, name="suspend"),
            path("reinstate/<int:pk>/", self.reinstate_view, name="reinstate"),
        ]
