"""URLs for the library's files that are not page routes: preview page images.

Included outside i18n_patterns (site/urls.py): a file's address is the same in every language.
"""

from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path(
        "resources/previews/<int:document_id>/<int:number>.png",
        views.preview_image,
        name="preview_image",
    ),
]
