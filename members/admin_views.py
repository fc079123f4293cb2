"""The Members area of the Wagtail admin: editors list, search, approve, decline, suspend
and reinstate people.

Registered in `wagtail_hooks.py`. The listing needs the `members.change_memberprofile`
permission and every decision `core.approve_members` (Core action group editors,
superusers); moderators and members are turned away before any member's details are looked
up. Whether people have confirmed their email, the menu's waiting count and the bulk
Approve action live in `admin_approval.py`; deleting accounts in `admin_erasure.py`.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton, ListingButton
from wagtail.snippets.views import snippets as snippet_views

import django_filters

from .admin_approval import (
    WaitingCountMenuItemMixin,
    awaits_email_confirmation,
    can_decide,
    forget_waiting_count,
    not_confirmed_message,
    with_email_confirmed,
)
from .admin_erasure import MemberDeleteView
from .admin_forms import SuspendForm
from .forms import DeclineForm
from .models import MemberProfile, Sector

#: The Status filter's choice that shows everyone; with no choice, the listing shows the
#: people waiting for approval, the editors' usual task.
ANY_STATUS = "any"


class MemberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(ANY_STATUS, _("Any status")), *MemberProfile.Status.choices],
        empty_label=None,
        method="filter_status",
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("Any sector")
    )

    class Meta:
        model = MemberProfile
        fields = ["status", "sector"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("status"):
            # No status chosen (the menu's link): those waiting for approval.
            data = data.copy()
            data["status"] = MemberProfile.Status.PENDING
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        if value == ANY_STATUS:
            return queryset
        return queryset.filter(status=value)


class MemberIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return with_email_confirmed(super().get_base_queryset().select_related("user"))

    @cached_property
    def showing_only_waiting(self):
        filters = self.filters
        return bool(
            filters
            and filters.is_valid()
            and filters.form.cleaned_data.get("status") == MemberProfile.Status.PENDING
        )

    @cached_property
    def no_results_message(self):
        if self.showing_only_waiting and not self.is_searching:
            return _("Nobody is waiting for approval.")
        return super().no_results_message

    @cached_property
    def active_filters(self):
        """Removing the Status filter shows everyone ("Any status"), rather than going back
        to the default of those waiting; "Any status" itself is not shown as a filter."""
        if not (self.filters and self.filters.is_valid()):
            return super().active_filters
        status_id = self.filters.form["status"].auto_id
        chosen = self.filters.form.cleaned_data.get("status")
        shown = []
        for active in super().active_filters:
            if active.auto_id == status_id:
                if chosen == ANY_STATUS:
                    continue
                url = active.removed_filter_url
                separator = "" if url.endswith("?") else "&"
                active = active._replace(removed_filter_url=f"{url}{separator}status={ANY_STATUS}")
            shown.append(active)
        return shown

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
    """(name, label, url, icon) of each decision an editor can take on `profile` now.

    `profile` needs `email_confirmed` annotated (`with_email_confirmed`).
    """
    decisions = [
        (
            profile.can_be_approved and not awaits_email_confirmation(profile, "approve"),
            _("Approve"),
            "approve",
            "check",
        ),
        (profile.can_be_reinstated, _("Reinstate"), "reinstate", "lock-open"),
        (
            profile.can_be_declined and not awaits_email_confirmation(profile, "decline"),
            _("Decline"),
            "decline",
            "cross",
        ),
        (profile.can_be_suspended, _("Suspend"), "suspend", "lock"),
    ]
    viewset = MemberProfile.snippet_viewset
    return [
        (name, label, reverse(viewset.get_url_name(name), args=[profile.pk]), icon)
        for possible, label, name, icon in decisions
        if possible
    ]


def email_confirmed_display(profile):
    return _("Yes") if profile.email_confirmed else _("Not yet")


class MemberInspectView(snippet_views.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            with_email_confirmed(MemberProfile.objects.select_related("user")), pk=self.pk
        )

    def get_field_label(self, field_name, field):
        labels = {"user": _("Name"), "email": _("Email"), "email_confirmed": _("Email confirmed")}
        return labels.get(field_name) or super().get_field_label(field_name, field)

    def get_email_display_value(self):
        return self.object.user.email

    def get_email_confirmed_display_value(self):
        return email_confirmed_display(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = self.object
        if (
            can_decide(self.request.user)
            and profile.can_be_approved
            and awaits_email_confirmation(profile, "approve")
        ):
            context["awaiting_confirmation_message"] = not_confirmed_message(profile)
        return context

    @cached_property
    def header_buttons(self):
        if not can_decide(self.request.user):
            return []
        return [
            HeaderButton(label, url=url, icon_name=icon)
            for _name, label, url, icon in decisions_open_for(self.object)
        ]


class DecisionView(WagtailAdminTemplateMixin, FormView):
    """Shared by every decision: checks permission first, then finds the member."""

    form_class = DeclineForm
    index_url_name = None
    breadcrumbs_items = []
    header_icon = "group"
    #: "approve" and "decline" wait for a confirmed email address (awaits_email_confirmation).
    decision = None
    #: The page's heading, with the member's name as `%(name)s`.
    heading = ""

    def dispatch(self, request, *args, **kwargs):
        if not can_decide(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(
            with_email_confirmed(MemberProfile.objects.select_related("user")), pk=kwargs["pk"]
        )
        if not self.is_possible():
            messages.warning(request, self.already_done_message())
            return redirect(self.get_success_url())
        if awaits_email_confirmation(self.object, self.decision):
            messages.warning(request, not_confirmed_message(self.object))
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
            heading=self.heading % {"name": self.object},
            next_url=get_valid_next_url_from_request(self.request),
            cancel_url=self.get_success_url(),
            **kwargs,
        )

    def report(self, decision, done_message):
        forget_waiting_count()
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
    heading = _("Approve %(name)s")
    decision = "approve"

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
    heading = _("Decline %(name)s")
    decision = "decline"

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
    heading = _("Suspend %(name)s's membership")

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
    heading = _("Reinstate %(name)s")

    def is_possible(self):
        return self.object.can_be_reinstated

    def already_done_message(self):
        return _("%(name)s's membership is not suspended.") % {"name": self.object}

    def form_valid(self, form):
        decision = self.object.reinstate(by=self.request.user)
        self.report(decision, _("%(name)s is a member again.") % {"name": self.object})
        return redirect(self.get_success_url())


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
    inspect_template_name = "members/admin/inspect.html"
    inspect_view_fields = [
        "user",
        "email",
        "email_confirmed",
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
        Column(
            "email_confirmed",
            label=_("Email confirmed"),
            accessor=email_confirmed_display,
            sort_key="email_confirmed",
        ),
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

    @cached_property
    def menu_item_class(self):
        return type("MembersMenuItem", (WaitingCountMenuItemMixin, super().menu_item_class), {})

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
