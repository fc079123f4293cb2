"""Template tags for the site's shell: navigation, footer, breadcrumbs, languages, safety."""

from django import template

from home import navigation
from home.models import DEFAULT_EXIT_URL, SafetySettings

register = template.Library()


@register.simple_tag(takes_context=True)
def primary_navigation(context):
    return navigation.primary_navigation(context.get("request"), context.get("page"))


@register.simple_tag(takes_context=True)
def footer_links(context):
    return navigation.footer_links(context.get("request"))


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    return navigation.breadcrumb_pages(context.get("page"))


@register.simple_tag(takes_context=True)
def language_links(context):
    return navigation.language_links(context.get("request"), context.get("page"))


@register.simple_tag
def reading_in_site_language():
    """True when the reader reads in the site's own language (English), not a translation."""
    return navigation.active_language_code() == navigation.site_language_code()


@register.simple_tag(takes_context=True)
def translation_notice(context, links):
    """The "not in Welsh yet" notice, from the `language_links` already found (no query)."""
    return navigation.translation_notice(context.get("request"), links)


def safety_settings(context):
    """The request's SafetySettings (one query, then cached on the request), or defaults."""
    request = context.get("request")
    if request is not None:
        try:
            return SafetySettings.for_request(request)
        except SafetySettings.DoesNotExist:
            pass
    return SafetySettings()


@register.simple_tag(takes_context=True)
def exit_url(context):
    return safety_settings(context).exit_url or DEFAULT_EXIT_URL


@register.inclusion_tag("components/support_signposting.html", takes_context=True)
def support_signposting(context, heading_level=2, classes=""):
    heading, text = safety_settings(context).signposting(navigation.active_language_code())
    return {"heading": heading, "text": text, "heading_level": heading_level, "classes": classes}
