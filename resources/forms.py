"""The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): what may be uploaded.

Wagtail builds its add, edit, multiple-upload and chooser-upload forms on this base, so every
way a file enters the library gets the same checks: an allowed extension, the size limit
(WAGTAILDOCS_MAX_UPLOAD_SIZE), content that matches the extension, and nothing unsafe inside
(upload_safety.py: Office files that unpack too big, PDFs with scripts). Reading the page
count and text waits for the task queue (tasks.py), after the upload has answered.
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm

from .documents import TOO_LARGE, TOO_LARGE_UNKNOWN_SIZE, allowed_extensions, check_upload


class ResourceDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields.get("file")
        if file_field is None:  # the multiple uploader's edit form has no file
            return
        limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
        if limit is not None:
            file_field.help_text = _(
                "You can upload %(types)s files, up to %(max_filesize)s each."
            ) % {"types": ", ".join(allowed_extensions()), "max_filesize": filesizeformat(limit)}
            # Wagtail's own size check (and its uploader's script) use these messages.
            file_field.error_messages["file_too_large"] = TOO_LARGE
            file_field.error_messages["file_too_large_unknown_size"] = TOO_LARGE_UNKNOWN_SIZE % {
                "max_filesize": filesizeformat(limit)
            }

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_upload(uploaded)
        return uploaded

    def _post_clean(self):
        super()._post_clean()
        # The model's own extension check repeats ours in other words: keep one message.
        if self.has_error("file"):
            del self.errors["file"][1:]
