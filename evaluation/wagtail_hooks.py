"""Admin registration for narrative evaluations: the editors' "Narrative evaluations" (a
ViewSet with each evaluation's Patterns page, downloads and stories: evaluation.admin_views),
its permission policy, and its figures in the Community impact report. Stories and
answers are never listed in the admin."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.reports import IMPACT_FIGURES_HOOK

from . import admin_views, impact
from .models import Evaluation

register_permission_policy(Evaluation, admin_views.EVALUATION_POLICY)


@hooks.register("register_admin_viewset")
def register_evaluation_viewset():
    return admin_views.evaluation_viewset


@hooks.register(IMPACT_FIGURES_HOOK)
def evaluation_impact_figures():
    return impact.evaluation_figures()
