"""The stories app in the admin: the themes snippet, and stories in the impact report."""

from django.db.models import Count
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Locale
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.reports import IMPACT_FIGURES_HOOK, EditorsMenuItem, Figure

from . import admin_consent, telling
from .models import StoryConsentReview, StoryKind, StoryPage, StoryTheme
from .report_views import CountsExportView, EvaluationExportView, StoriesReportView


class StoryThemeViewSet(SnippetViewSet):
    model = StoryTheme
    icon = "tag"
    menu_label = _("Story themes")
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(StoryThemeViewSet)

#: (figure key, kind, label, order) for each kind of story.
STORY_FIGURES = [
    ("stories_blog", StoryKind.BLOG, _("Blog posts published"), 90),
    ("stories_case_study", StoryKind.CASE_STUDY, _("Case studies published"), 91),
    ("stories_narrative", StoryKind.NARRATIVE, _("Personal narratives published"), 92),
]


def published_by_kind():
    """{kind: how many stories of that kind are live and not retracted}, one per story
    (the default language's copy), in one query."""
    rows = (
        StoryPage.objects.live()
        .not_retracted()
        .filter(locale=Locale.get_default())
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


@hooks.register(IMPACT_FIGURES_HOOK)
def story_impact_figures():
    counts = published_by_kind()
    return [
        Figure(
            key=key,
            label=label,
            value=counts.get(kind, 0),
            help_text=_("Live on the site now, not counting retracted stories."),
            order=order,
        )
        for key, kind, label, order in STORY_FIGURES
    ]


@hooks.register("register_log_actions")
def register_story_log_actions(actions):
    actions.register_action(
        telling.CHOICES_CHANGED,
        _("Teller's choices changed"),
        _(
            "The teller changed who may read their story, how they are named or whether "
            "members may comment"
        ),
    )


# Learning from stories (the editors' report) ---------------------------------------------


@hooks.register("register_admin_urls")
def register_stories_report_urls():
    urls = [
        path("", StoriesReportView.as_view(), name="report"),
        path("counts.csv", CountsExportView.as_view(file_format="csv"), name="counts_csv"),
        path("counts.xlsx", CountsExportView.as_view(file_format="xlsx"), name="counts_xlsx"),
        path(
            "evaluation.csv",
            EvaluationExportView.as_view(file_format="csv"),
            name="evaluation_csv",
        ),
        path(
            "evaluation.xlsx",
            EvaluationExportView.as_view(file_format="xlsx"),
            name="evaluation_xlsx",
        ),
    ]
    return [path("reports/stories/", include((urls, "stories_report")))]


@hooks.register("register_reports_menu_item")
def register_stories_report_menu_item():
    """In the Reports menu, after the webinars' reports (orders 80 and 90)."""
    return EditorsMenuItem(
        _("Learning from stories"),
        reverse("stories_report:report"),
        name="learning-from-stories",
        icon_name="openquote",
        order=100,
    )


# The yearly consent review: the editors' listing and a dashboard panel (admin_consent) ----

register_permission_policy(StoryConsentReview, admin_consent.CONSENT_REVIEW_POLICY)


@hooks.register("register_admin_viewset")
def register_consent_review_viewset():
    return admin_consent.consent_review_viewset


@hooks.register("construct_homepage_panels")
def add_consent_review_panel(request, panels):
    admin_consent.dashboard_panels(request, panels)
