"""The search tests' set-up: the resource library's tree and people (see tests/resources)."""

from ..resources.conftest import (  # noqa: F401 (fixtures)
    editor,
    home_page,
    library,
    member,
    members_folder,
    pending_member,
    public_folder,
    signed_in,
)
