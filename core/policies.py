"""Admin permission policies shared by apps: the editors (whoever may read reports,
`core.reports.can_read_reports`) may do some things with a model besides its own
permissions (a ViewSet's `permission_policy`)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy

from .reports import VIEW_REPORTS, can_read_reports


class EditorsPermissionPolicy(ModelPermissionPolicy):
    """The model's own permissions, and `editor_actions` for whoever may read reports."""

    def __init__(self, model, editor_actions):
        super().__init__(model)
        self.editor_actions = frozenset(editor_actions)

    def user_has_permission(self, user, action):
        if action in self.editor_actions and can_read_reports(user):
            return True
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        condition = self._get_users_with_any_permission_codenames_filter(
            self._get_permission_codenames(actions)
        )
        if self.editor_actions.intersection(actions):
            app_label, codename = VIEW_REPORTS.split(".")
            readers = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
            condition |= (
                Q(user_permissions__in=readers) | Q(groups__permissions__in=readers)
            ) & Q(is_active=True)
        return get_user_model().objects.filter(condition).distinct()
