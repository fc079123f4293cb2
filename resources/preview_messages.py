"""What readers are told about a document's preview, in their language.

Used by the preview page (resources.models.pages) and by preview generation (previews.py),
which stores the message in the site's default language. Imports no models.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def unavailable_message():
    return _("A preview is not available for this type of file. You can download it.")


def failed_message():
    return _("We could not make a preview of this file. You can still download it.")


def pending_message():
    return _("The preview is being prepared. You can download the file now.")


def first_pages_message(shown, total):
    return ngettext(
        "The preview shows the first page of %(total)s. Download the file to read it all.",
        "The preview shows the first %(shown)s pages of %(total)s. Download the file to "
        "read it all.",
        shown,
    ) % {"shown": shown, "total": total}


def preview_notice(document, shown=None):
    """What to tell a reader about `document`'s preview, in the active language ("" if all
    its pages are shown). `shown` is how many preview pages there are, when known.

    preview_message is stored in the site's default language; this gives the same notice
    translated, for a reader reading in Welsh.
    """
    Status = document.PreviewStatus
    status = document.preview_status
    if status == Status.PENDING:
        return pending_message()
    if status == Status.UNAVAILABLE:
        return unavailable_message()
    if status == Status.FAILED:
        return failed_message()
    if shown is not None and document.page_count and shown < document.page_count:
        return first_pages_message(shown, document.page_count)
    return _(document.preview_message) if document.preview_message else ""
