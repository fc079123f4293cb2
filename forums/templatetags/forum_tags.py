"""Template filters for the forums: a post's excerpt as plain text (escaped where shown)."""

from django import template

from forums import markdown

register = template.Library()


@register.filter
def post_excerpt(html, length=160):
    """Plain text of a post's stored HTML, cut after a whole word (never marked safe)."""
    return markdown.excerpt(html or "", int(length))
