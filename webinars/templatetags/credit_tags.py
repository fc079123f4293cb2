"""Template helper for co-production credits: a page's credits as their consent allows."""

from django import template

from ..models.credits import shown_credits

register = template.Library()


@register.simple_tag(takes_context=True)
def page_credits(context, page):
    """{"co_authors": [...], "contributors": [...]} of `page` (`ShownCredit`s), in one query;
    in a preview, the editor's unsaved credits."""
    request = context.get("request")
    return shown_credits(page, preview=bool(getattr(request, "is_preview", False)))
