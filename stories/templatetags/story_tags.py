"""Template helpers for stories: the home page's newest stories."""

from django import template

from core import access

register = template.Library()


@register.inclusion_tag("stories/includes/latest_stories.html", takes_context=True)
def latest_stories(context, count=3):
    """The newest `count` stories below this home page that the person may read (a
    members-only story only for members): never a retracted one. Two queries: the listing,
    and the stories with their tellers."""
    # Imported here: template tag modules load before the app registry is ready.
    from stories.models import StoryIndexPage

    request, page = context.get("request"), context.get("page")
    empty = {"listing": None, "stories": [], "request": request}
    if request is None or page is None:
        return empty
    listings = access.live_now(StoryIndexPage.objects.child_of(page))
    listing = access.exclude_closed(request, listings).first()
    if listing is None:
        return empty
    newest = (
        listing.stories()
        .defer_streamfields()
        .select_related("teller")
        .order_by("-first_published_at", "-pk")
    )
    stories = []
    # A few more than shown, so that members-only stories a visitor may not read still
    # leave `count` to show.
    for story in access.exclude_closed(request, newest)[: int(count) * 4]:
        if access.page_verdict(request, story).allowed:
            stories.append(story)
        if len(stories) == int(count):
            break
    return {"listing": listing, "stories": stories, "request": request}
