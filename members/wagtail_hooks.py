"""Admin registration for members: the Members listing, its bulk actions, deleting accounts
as erasure in both the Members and the Users admin, and the membership log actions."""

from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from core.reports import IMPACT_FIGURES_HOOK, Figure

from .admin_approval import ApproveBulkAction
from .admin_erasure import (
    DeleteMembersBulkAction,
    EraseUsersBulkAction,
    erase_user_instead_of_deleting,
)
from .admin_views import MemberViewSet
from .models import MemberProfile

register_snippet(MemberViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
# Registered after Wagtail's own delete actions (snippets, users), so they replace them.
hooks.register("register_bulk_action", DeleteMembersBulkAction, order=100)
hooks.register("register_bulk_action", EraseUsersBulkAction, order=100)
hooks.register("before_delete_user", erase_user_instead_of_deleting)


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    actions.register_action("members.approve", _("Approve membership"), _("Membership approved"))
    actions.register_action("members.decline", _("Decline membership"), _("Membership declined"))
    actions.register_action("members.suspend")(SuspendFormatter)
    actions.register_action("members.reinstate")(ReinstateFormatter)
    actions.register_action(
        "members.erase_account", _("Erase account"), _("Account erased: personal data deleted")
    )


class SuspendFormatter(LogFormatter):
    label = _("Suspend membership")

    def format_message(self, log_entry):
        until = parse_datetime(log_entry.data.get("until") or "")
        if until is None:
            return _("Membership suspended until an editor reinstates it")
        return _("Membership suspended until %(date)s") % {
            "date": date_format(localtime(until), "j F Y")
        }


class ReinstateFormatter(LogFormatter):
    label = _("Reinstate membership")

    def format_message(self, log_entry):
        if log_entry.data.get("automatic"):
            return _("Membership reinstated automatically: the suspension had ended")
        return _("Membership reinstated")


@hooks.register(IMPACT_FIGURES_HOOK)
def members_impact_figures():
    approved = MemberProfile.objects.approved().filter(user__is_active=True).count()
    return [
        Figure(
            key="approved_members",
            label=_("Approved members"),
            value=approved,
            help_text=_("People whose membership an editor has approved, with an open account."),
            order=10,
        )
    ]
