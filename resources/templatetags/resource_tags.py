"""Template helpers for the resource library: plain descriptions of files."""

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def file_type(document):
    """ "PDF", "DOCX": the document's kind, from its extension."""
    return document.file_extension.upper() if document else ""


@register.filter
def file_facts(document):
    """ "PDF, 14 KB, 2 pages": what someone needs to know before they download."""
    if not document:
        return ""
    facts = [file_type(document)]
    if document.file_size:
        facts.append(filesizeformat(document.file_size))
    if document.page_count:
        facts.append(
            ngettext("%(count)s page", "%(count)s pages", document.page_count)
            % {"count": document.page_count}
        )
    return ", ".join(fact for fact in facts if fact)
