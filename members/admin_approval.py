"""Waiting for approval in the Members admin: whether each person has confirmed their email
address, the Members menu's count of people waiting, and the bulk Approve action.

An editor approves or declines a request only once the person has confirmed the address
they signed up with (allauth's `EmailAddress.verified`), so the decision and its email go to
someone we know owns that address. Used by `admin_views.py`; registered in
`wagtail_hooks.py`.
"""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_list_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from allauth.account.models import EmailAddress

from . import roles
from .models import MemberProfile

#: How long the menu's waiting count is kept, so each admin page does not count again.
#: Decisions made here forget it at once; a new sign-up shows within this time.
WAITING_COUNT_SECONDS = 60
WAITING_COUNT_CACHE_KEY = "members:waiting-count"


def can_decide(user):
    """May `user` approve, decline, suspend and reinstate members? (`core.approve_members`)"""
    return bool(user.is_active and user.has_perm(roles.APPROVE_MEMBERS))


def email_confirmed():
    """True where the member has confirmed (verified) the email address they sign in with."""
    return Exists(
        EmailAddress.objects.filter(
            user_id=OuterRef("user_id"), email__iexact=OuterRef("user__email"), verified=True
        )
    )


def with_email_confirmed(profiles):
    """`profiles` with `email_confirmed` annotated, in the same query."""
    return profiles.annotate(email_confirmed=email_confirmed())


def waiting_count():
    """How many people are waiting for approval with their email confirmed (cached briefly)."""
    count = cache.get(WAITING_COUNT_CACHE_KEY)
    if count is None:
        count = MemberProfile.objects.pending().filter(email_confirmed()).count()
        cache.set(WAITING_COUNT_CACHE_KEY, count, WAITING_COUNT_SECONDS)
    return count


def forget_waiting_count():
    cache.delete(WAITING_COUNT_CACHE_KEY)


def awaits_email_confirmation(profile, decision):
    """Is `decision` ("approve", "decline") on hold until the person confirms their email?

    Approving always needs a confirmed address, as it opens members' areas and emails them;
    declining needs one for a request (not for ending an approved membership), so the email
    saying no goes only to an address we know is theirs.
    """
    if profile.email_confirmed:
        return False
    if decision == "approve":
        return True
    return decision == "decline" and profile.status == MemberProfile.Status.PENDING


def not_confirmed_message(profile):
    return _(
        "They have not confirmed their email address yet, so %(name)s's request cannot be "
        "approved or declined for now."
    ) % {"name": profile}


class WaitingCountMenuItemMixin:
    """The Members menu item says how many people are waiting, to those who can approve."""

    def render_component(self, request):
        component = super().render_component(request)
        if can_decide(request.user):
            count = waiting_count()
            if count:
                component.label = ngettext(
                    "Members (%(count)d waiting)", "Members (%(count)d waiting)", count
                ) % {"count": count}
        return component


class ApproveBulkAction(SnippetBulkAction):
    """Approve the people ticked in the listing; anyone not waiting, or who has not confirmed
    their email address yet, is left as they are."""

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
        return get_list_or_404(
            with_email_confirmed(model.objects.select_related("user")), pk__in=ids
        )

    def get_all_objects_in_listing_query(self, parent_id):
        return MemberProfile.objects.pending().values_list("pk", flat=True)

    def check_perm(self, profile):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", profile
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = context["items"]
        context["waiting"] = [item for item in items if self.approvable(item["item"])]
        context["unconfirmed"] = [
            item
            for item in items
            if item["item"].can_be_approved and not item["item"].email_confirmed
        ]
        context["unchanged"] = [item for item in items if not item["item"].can_be_approved]
        return context

    @staticmethod
    def approvable(profile):
        return profile.can_be_approved and not awaits_email_confirmation(profile, "approve")

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        decisions = [profile.approve(by=user) for profile in objects if cls.approvable(profile)]
        action = kwargs["self"]
        action.not_notified = sum(1 for d in decisions if d.changed and not d.notified)
        action.unconfirmed = sum(
            1 for profile in objects if profile.can_be_approved and not profile.email_confirmed
        )
        forget_waiting_count()
        return sum(1 for d in decisions if d.changed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        unconfirmed = getattr(self, "unconfirmed", 0)
        if unconfirmed:
            messages.warning(
                self.request,
                ngettext(
                    "%(count)d person has not confirmed their email address yet, so they are "
                    "still waiting.",
                    "%(count)d people have not confirmed their email address yet, so they are "
                    "still waiting.",
                    unconfirmed,
                )
                % {"count": unconfirmed},
            )
        if not num_parent_objects:
            return None
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
