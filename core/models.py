"""The permission codenames our roles are made of, and nothing else.

Roles are groups (made by members' data migrations) holding these permissions; code asks
`user.has_perm("core.view_reports")`, never which group someone is in. The model has no
table: it only gives the permissions a content type to belong to.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RolePermissions(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("role permissions")
        permissions = [
            ("view_reports", _("Can read the community's reports and analytics")),
            ("approve_members", _("Can approve, decline, suspend and reinstate members")),
            ("moderate_forums", _("Can moderate the forums")),
        ]
