"""Public pages for the security tests: a home page and a resource library with a public
folder, a document resource with its preview, a resource with a content note and a video.

`public_site` is quick; `demo_public_site` adds the demo's home and content pages (every
content block) for the tests that look at all of a page's markup.
"""

from io import StringIO

import pytest

from home import demo

from ..members.factories import approved_member
from ..resources.factories import (
    FolderFactory,
    LibraryFactory,
    ResourcePageFactory,
    ready_previews,
    site_home_page,
)


def build_library(home):
    library = LibraryFactory(parent=home)
    folder = FolderFactory(parent=library, title="Workforce wellbeing", slug="workforce-wellbeing")
    resource = ResourcePageFactory(parent=folder, title="Grounding guide", tags=["grounding"])
    ready_previews(resource.document)
    noted = ResourcePageFactory(
        parent=folder, title="Survivor accounts", content_note="accounts of abuse"
    )
    video = ResourcePageFactory(
        parent=folder,
        title="Grounding video",
        document=None,
        resource_type="video",
        media_url="https://youtu.be/dQw4w9WgXcQ",
    )
    return {
        "home": home,
        "library": library,
        "folder": folder,
        "resource": resource,
        "noted": noted,
        "video": video,
    }


@pytest.fixture
def public_site(db):
    """{name: page} for each kind of public page."""
    return build_library(site_home_page())


@pytest.fixture
def demo_public_site(db):
    """public_site under the demo's home page, with the demo's about page as "about"."""
    demo.build(StringIO())
    home = site_home_page()
    return {**build_library(home), "about": home.get_children().get(slug="about").specific}


@pytest.fixture
def member(db):
    return approved_member()
