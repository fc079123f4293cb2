"""The stories app in the admin: the themes snippet, and stories in the impact report."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.reports import IMPACT_FIGURES_HOOK, Figure

from .models import StoryKind, StoryPage, StoryTheme


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
