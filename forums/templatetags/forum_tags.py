"""Template tags for the forums: a post's excerpt as plain text (escaped where shown), and
`{% discuss_this page %}`, the "Discuss this" block of a resource, webinar or story page."""

from django import template

from forums import discussions, markdown

register = template.Library()


@register.inclusion_tag("forums/includes/discuss_this.html", takes_context=True)
def discuss_this(context, page):
    """The page's discussion (its replies and link), or how to start one: what
    forums.discussions.offer says for the person. Nothing without a discussion board."""
    return discussions.offer(context.get("request"), page)


@register.filter
def post_excerpt(html, length=160):
    """Plain text of a post's stored HTML, cut after a whole word (never marked safe)."""
    return markdown.excerpt(html or "", int(length))
