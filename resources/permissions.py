"""Who may open a resource: the one access rule every page, file URL, listing and search uses.

A resource is members only when its subject folder, or the library above it, is marked
members only. Then only signed-in approved members may open it (see its details, preview it,
download its files), and people who may edit it in the admin, so editors can check their
own work. Everyone else sees its title and a way to sign in.

The rule works on tree paths: `restricted_paths()` gives the path of every library and
folder marked members only, in one query, and a page is members only when its path starts
with one of them. Views pass the same tuple around (or `request`, which caches it) so that
a listing of fifty resources costs no more queries than a listing of one.
"""

from django.db.models import Q

from wagtail.models import Page

_REQUEST_CACHE = "_resources_restricted_paths"


def restricted_paths(request=None):
    """Tree paths of every library and subject folder marked members only (one query).

    Given a request, the answer is kept on it for the rest of that request.
    """
    if request is not None and hasattr(request, _REQUEST_CACHE):
        return getattr(request, _REQUEST_CACHE)
    paths = tuple(
        Page.objects.filter(
            Q(resourcelibrarypage__members_only=True) | Q(subjectfolderpage__members_only=True)
        )
        .order_by("path")
        .values_list("path", flat=True)
    )
    if request is not None:
        setattr(request, _REQUEST_CACHE, paths)
    return paths


def is_members_only(page, paths=None):
    """Is `page` (a resource, folder or library) inside, or itself, a members-only area?"""
    paths = restricted_paths() if paths is None else paths
    return any(page.path.startswith(path) for path in paths)


def is_approved_member(user):
    return bool(
        user is not None and user.is_authenticated and getattr(user, "is_approved_member", False)
    )


def can_edit_in_admin(user, page):
    """May `user` edit `page` in the Wagtail admin? (Editors preview their own work.)"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return page.permissions_for_user(user).can_edit()


def can_open(user, resource, paths=None):
    """May `user` see the details of `resource`, preview it and download its files?"""
    if not is_members_only(resource, paths):
        return True
    return is_approved_member(user) or can_edit_in_admin(user, resource)


def refusal_reason(user):
    """Why someone may not open a members-only resource: "sign_in" or "awaiting_approval".

    Only meaningful after `can_open` said no.
    """
    if user is None or not user.is_authenticated:
        return "sign_in"
    return "awaiting_approval"


def hidden_from_q(user, paths=None):
    """A Q matching the pages `user` may not open: everything below a members-only area.

    The library and folders themselves stay visible (their titles are not secret); their
    resources are hidden. Empty (matches nothing) for approved members or when nothing is
    members only. Users who may edit some pages in the admin get those pages back.
    """
    paths = restricted_paths() if paths is None else paths
    if not paths or is_approved_member(user):
        return None
    hidden = Q()
    for path in paths:
        hidden |= Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
    return hidden


def exclude_hidden(pages, user, paths=None):
    """`pages` (a page QuerySet) without the ones `user` may not open."""
    hidden = hidden_from_q(user, paths)
    if hidden is None:
        return pages
    editable = editable_paths(user)
    if editable:
        # Pages under something this person edits in the admin are theirs to check.
        allowed_again = Q()
        for path in editable:
            allowed_again |= Q(path__startswith=path)
        return pages.exclude(hidden & ~allowed_again)
    return pages.exclude(hidden)


def editable_paths(user):
    """Tree paths under which `user` may edit pages in the admin (empty for most people)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ()
    if user.is_superuser:
        return ("",)
    from wagtail.permission_policies.pages import PagePermissionPolicy

    policy = PagePermissionPolicy()
    return tuple(
        perm.page.path
        for perm in policy.get_cached_permissions_for_user(user)
        if perm.permission.codename in {"change_page", "publish_page"}
    )
