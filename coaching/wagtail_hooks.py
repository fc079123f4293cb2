"""Admin registration for coaching: "Coaching requests" (a ViewSet where the editors work
every request and a coach the requests matched to them: coaching.admin_views), its
permission policy, and its figures in the Community impact report (coaching.impact)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.reports import IMPACT_FIGURES_HOOK

from . import admin_views, impact
from .models import CoachingRequest

register_permission_policy(CoachingRequest, admin_views.REQUEST_POLICY)


@hooks.register("register_admin_viewset")
def register_coaching_request_viewset():
    return admin_views.coaching_request_viewset


@hooks.register(IMPACT_FIGURES_HOOK)
def coaching_impact_figures():
    return impact.coaching_figures()
