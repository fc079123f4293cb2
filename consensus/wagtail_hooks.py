"""Admin registration for consensus studies: the editors' "Consensus studies" (a ViewSet
with each study's sections, statements and rounds: consensus.admin_views) and its
permission policy. Ratings and participants are never listed in the admin."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.reports import IMPACT_FIGURES_HOOK

from . import admin_views, impact
from .models import Study

register_permission_policy(Study, admin_views.STUDY_POLICY)


@hooks.register("register_admin_viewset")
def register_study_viewset():
    return admin_views.study_viewset


@hooks.register(IMPACT_FIGURES_HOOK)
def consensus_impact_figures():
    return impact.consensus_figures()
