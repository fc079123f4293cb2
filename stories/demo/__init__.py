"""Demo content for stories: the listing "Stories" and 14 stories across the three kinds.

`build(stdout)` is called by `manage.py demo_content` after the resources, webinars and
forums demos (it points stories at their pages, and gives member-told stories to generated
demo members, never to the role sign-ins). It creates:

- the public listing "Stories" at /stories/, in the menu, and its Welsh translation;
- 4 blog posts and 4 case studies by the editors, guests and services, and 6 personal
  narratives told by members: one named, two under a pseudonym, one anonymous, one
  retracted by its teller (unpublished, so it is shown nowhere) and one anonymous
  narrative waiting for the editors (in "Story review", so editors find it on their
  dashboard);
- content notes on several, four members-only stories, comments allowed and members'
  comments on three (topics on the "Discuss this" board), and related resources and
  webinars where those demos made them.

The words are in `data/` (see `data/README.md`). It is idempotent: the listing and stories
are found by their place in the tree and their slug, and what exists is left as it is.
"""

from datetime import date, datetime, time

from django.utils import timezone

from wagtail.models import Locale, Page

from core.demo import find_or_create_page, find_page, read_data
from core.demo_translation import translate
from home.models import HomePage
from members.demo import DEMO_LOGINS
from members.models import MemberProfile, User
from resources.models import ResourcePage
from webinars import demo as webinars_demo
from webinars.models import WebinarPage

from .. import workflow
from ..models import StoryIndexPage, StoryPage, StoryRelatedPage, StoryTheme

WELSH = "cy"
#: The version of the consent wording the demo's tellers agreed to.
CONSENT_VERSION = "2024-1"


def build(stdout):
    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        stdout.write("  No home page yet: the home demo makes it. Stories skipped.\n")
        return
    spec = read_data(__package__, "listing.json")
    listing, _created = find_or_create_page(
        home,
        StoryIndexPage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        intro=spec["intro"],
        show_in_menus=True,
    )
    tellers = demo_tellers()
    themes = {theme.slug: theme for theme in StoryTheme.objects.all()}
    new = 0
    for story_spec in read_data(__package__, "stories.json")["stories"]:
        if find_page(listing, StoryPage, story_spec["slug"]) is None:
            add_story(listing, story_spec, tellers, themes)
            new += 1
    translated = ensure_welsh(listing, spec, stdout)
    discussed = discuss(read_data(__package__, "stories.json")["stories"])
    stdout.write(
        f"Stories: {StoryPage.objects.child_of(listing).count()} stories ({new} new, "
        f"{translated} new Welsh translations, {discussed} new discussions).\n"
    )


def discuss(specs):
    """Members' comments on the stories that have a `discussion`: a topic about each on the
    forums' "Discuss this" board (the forums demo, which runs first, makes the board)."""
    # Imported here: the forums demo knows its writers; the forums app imports stories.
    from forums.demo import discuss_pages

    return discuss_pages(
        [
            {"about": {"story": spec["slug"]}, **spec["discussion"]}
            for spec in specs
            if "discussion" in spec
        ]
    )


def demo_tellers():
    """Approved generated members in a fixed order (the role sign-ins are left alone)."""
    return list(
        User.objects.filter(is_active=True, member_profile__status=MemberProfile.Status.APPROVED)
        .exclude(email__in=[row[1] for row in DEMO_LOGINS])
        .order_by("pk")
    )


def uk_midday(day):
    return timezone.make_aware(datetime.combine(day, time(12)), timezone.get_default_timezone())


def add_story(listing, spec, tellers, themes):
    """A new story from `spec`: published on its date, then retracted if it was."""
    teller = None
    if spec["teller"] is not None and spec["teller"] < len(tellers):
        teller = tellers[spec["teller"]]
    published = uk_midday(date.fromisoformat(spec["published"]))
    story = StoryPage(
        title=spec["title"],
        slug=spec["slug"],
        kind=spec["kind"],
        summary=spec["summary"],
        content_note=spec["content_note"],
        body=[(kind, value) for kind, value in spec["body"]],
        sector=spec["sector"],
        teller=teller,
        # Without a teller to name, a member's story is shown anonymously.
        attribution=spec["attribution"] if teller or spec["teller"] is None else "anonymous",
        pseudonym=spec.get("pseudonym", "") if teller else "",
        author_name=spec["author_name"],
        members_only=spec["members_only"],
        comments_allowed=spec["comments_allowed"],
        consent_version=CONSENT_VERSION if teller else "",
        consent_given_at=published if teller else None,
    )
    story.themes = [themes[slug] for slug in spec["themes"] if slug in themes]
    for related in spec["related"]:
        target = related_page(related)
        if target is not None:
            story.related_pages.add(StoryRelatedPage(target=target))
    story.credits = webinars_demo.credits_from(spec.get("credits", []))
    listing.add_child(instance=story)
    if spec.get("awaiting_review"):
        # Told in the site and sent to the editors: it waits in their "Story review".
        StoryPage.objects.filter(pk=story.pk).update(live=False)
        story.refresh_from_db()
        story.save_revision(user=teller)
        workflow.send_for_review(story, teller)
        return story
    story.save_revision().publish()
    StoryPage.objects.filter(pk=story.pk).update(
        first_published_at=published, last_published_at=published
    )
    if spec.get("retracted"):
        story.refresh_from_db()
        story.unpublish()
        StoryPage.objects.filter(pk=story.pk).update(
            retracted_at=uk_midday(date.fromisoformat(spec["retracted"]))
        )
    return story


def related_page(related):
    """The resource or webinar a spec names by slug (the default language's), or None."""
    model = ResourcePage if "resource" in related else WebinarPage
    slug = related.get("resource") or related.get("webinar")
    page = model.objects.filter(slug=slug, locale=Locale.get_default()).first()
    return Page.objects.get(pk=page.pk) if page else None


def ensure_welsh(listing, spec, stdout):
    """The listing in Welsh (the stories themselves stay in the language they were told
    in). The Welsh locale comes from the home demo; without it nothing is done."""
    welsh = Locale.objects.filter(language_code=WELSH).first()
    if welsh is None or listing.has_translation(welsh):
        return 0
    fields = ("title", "slug", "summary", "intro")
    words = StoryIndexPage(**{key: spec[WELSH][key] for key in fields})
    return 1 if translate(listing, words, welsh, stdout) else 0
