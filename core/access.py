"""The one access policy: may this person open this page or this document, and if not, why.

Every view, listing, file route, feed, email and search result asks here; templates only
show the answer. For a request and a page or document the answer is a `Verdict`: allowed,
sign in, waiting for approval, declined, suspended, private (Wagtail privacy the person has
not passed), or not found. Answers are worked out once per request and kept on it.

Pages
    A page is closed when it, or a page above it, is marked members only (any page type
    with `core.pages.MembersOnlyMixin`) or has Wagtail's own Privacy setting (login,
    groups, shared password). Both follow translations: a setting on a page closes every
    language copy of it and of what is below those copies, whether or not the copies have
    been synchronised. A members-only page needs an approved member (or someone who may
    edit that page in the admin); Wagtail's privacy needs what Wagtail asks for. A page
    that is not live now (draft, scheduled, expired, unpublished) is not found, except for
    people who may edit it.

Documents
    On a page's own route (such as a `download/` sub-URL) a document is as open as that page.
    Asked for without a page (Wagtail's `/documents/` URL) it is as closed as the strictest
    live page that uses it, found through Wagtail's reference index (fields, rich text and
    streams alike). A document no live page uses is served only to people who can see it in
    the admin. A document's own collection privacy applies on every route.

Caching
    Anything answered about a closed page or document marks the request, and
    `PrivateResponseMiddleware` then sends `Cache-Control: private, no-store`, so neither a
    shared cache nor a shared computer's browser keeps it.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from functools import wraps

from django.apps import apps
from django.db.models import Exists, IntegerField, OuterRef, Q, Value
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import resolve_url
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.cache import never_cache

from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.models.view_restrictions import BaseViewRestriction
from wagtail.permissions import policy_registry

from .mixins import MembersOnlyMixin

_REQUEST_KEY = "_coa_access"


class Verdict(StrEnum):
    ALLOWED = "allowed"
    SIGN_IN = "sign_in"
    AWAITING_APPROVAL = "awaiting_approval"
    DECLINED = "declined"
    SUSPENDED = "suspended"
    PRIVATE = "private"
    NOT_FOUND = "not_found"

    @property
    def allowed(self):
        return self is Verdict.ALLOWED


#: When several rules close a document, the one reported is the first in this order.
_STRICTNESS = [
    Verdict.NOT_FOUND,
    Verdict.PRIVATE,
    Verdict.SUSPENDED,
    Verdict.DECLINED,
    Verdict.AWAITING_APPROVAL,
    Verdict.SIGN_IN,
]


# Who the person is ---------------------------------------------------------------------


def member_verdict(user):
    """May `user` open members-only things, by their membership alone?

    The user model says where its membership stands (`access_standing`, a Verdict); a
    user model without one is treated as a person waiting for approval.
    """
    if user is None or not user.is_authenticated:
        return Verdict.SIGN_IN
    if not user.is_active:
        return Verdict.SIGN_IN
    if user.is_superuser:
        return Verdict.ALLOWED
    return Verdict(getattr(user, "access_standing", Verdict.AWAITING_APPROVAL))


def is_approved_member(user):
    return member_verdict(user).allowed


def works_in_admin(user):
    """One definition of "works in the admin": may open the Wagtail admin (or is staff)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or user.has_perm("wagtailadmin.access_admin")


def can_edit_page(user, page):
    """May `user` edit `page` in the Wagtail admin? (Editors check their own work.)"""
    if not works_in_admin(user):
        return False
    return page.permissions_for_user(user).can_edit()


def can_see_document_in_admin(user, document):
    if not works_in_admin(user):
        return False
    policy = policy_registry.get_by_type(type(document))
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


# The closed parts of the tree, once per request ----------------------------------------


def members_only_models():
    """Every concrete page model with the members-only switch."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, MembersOnlyMixin) and issubclass(model, Page)
    ]


def _members_only_q():
    marked = Q()
    for model in members_only_models():
        marked |= Q(**{f"{model._meta.model_name}__members_only": True})
    return marked


@dataclass
class ClosedAreas:
    """Tree paths of members-only areas, and of privacy-restricted areas with their rule."""

    members: tuple = ()
    restricted: tuple = ()  # (path, restriction) pairs

    def members_path_of(self, page_path):
        return any(page_path.startswith(path) for path in self.members)

    def restrictions_of(self, page_path):
        return [rule for path, rule in self.restricted if page_path.startswith(path)]

    def closes(self, page_path):
        return self.members_path_of(page_path) or bool(self.restrictions_of(page_path))


def _load_closed_areas():
    """One query for every page in a closed area's language copies; one more for the
    privacy rules, only when some page has Wagtail privacy set."""
    marked = _members_only_q()
    same_key = OuterRef("translation_key")
    restricted = PageViewRestriction.objects.filter(page__translation_key=same_key)
    closed = Q(translation_key__in=PageViewRestriction.objects.values("page__translation_key"))
    annotations = {"restricted": Exists(restricted), "members": Value(False)}
    if marked:
        closed |= Q(translation_key__in=Page.objects.filter(marked).values("translation_key"))
        annotations["members"] = Exists(Page.objects.filter(marked, translation_key=same_key))
    rows = list(
        Page.objects.filter(closed)
        .annotate(**annotations)
        .order_by("path")
        .values_list("path", "translation_key", "members", "restricted")
    )
    members = tuple(path for path, _key, is_members, _r in rows if is_members)
    restricted_rows = [(path, key) for path, key, _m, is_restricted in rows if is_restricted]
    rules_by_key = {}
    if restricted_rows:
        for rule in PageViewRestriction.objects.select_related("page").prefetch_related("groups"):
            rules_by_key.setdefault(rule.page.translation_key, []).append(rule)
    return ClosedAreas(
        members=members,
        restricted=tuple(
            (path, rule) for path, key in restricted_rows for rule in rules_by_key.get(key, [])
        ),
    )


@dataclass
class _RequestState:
    areas: ClosedAreas | None = None
    pages: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    collections: dict = field(default_factory=dict)
    private: bool = False


def _state(request):
    state = getattr(request, _REQUEST_KEY, None)
    if state is None:
        state = _RequestState()
        setattr(request, _REQUEST_KEY, state)
    return state


def closed_areas(request):
    state = _state(request)
    if state.areas is None:
        state.areas = _load_closed_areas()
    return state.areas


def mark_private(request):
    """The response to this request shows something closed: no shared or lasting copy."""
    _state(request).private = True


# Pages ---------------------------------------------------------------------------------


def is_live_now(page):
    """Live, and not past its expiry time (the expiry job may not have run yet)."""
    if not page.live:
        return False
    return page.expire_at is None or page.expire_at > timezone.now()


def is_members_only(request, page):
    """Is `page` inside, or itself, a members-only area (in any of its languages)?"""
    return closed_areas(request).members_path_of(page.path)


def _restriction_verdict(request, rules):
    for rule in rules:
        if rule.accept_request(request):
            continue
        if rule.restriction_type == BaseViewRestriction.LOGIN:
            return Verdict.SIGN_IN
        return Verdict.PRIVATE
    return Verdict.ALLOWED


def _page_verdict(request, page):
    user = request.user
    areas = closed_areas(request)
    if not is_live_now(page):
        return Verdict.ALLOWED if can_edit_page(user, page) else Verdict.NOT_FOUND
    if not areas.closes(page.path):
        return Verdict.ALLOWED
    mark_private(request)
    verdict = _restriction_verdict(request, areas.restrictions_of(page.path))
    if verdict.allowed and areas.members_path_of(page.path):
        verdict = member_verdict(user)
    if not verdict.allowed and verdict is not Verdict.PRIVATE and can_edit_page(user, page):
        return Verdict.ALLOWED
    return verdict


def page_verdict(request, page):
    """May the person making `request` open `page`'s contents (and files)?"""
    state = _state(request)
    if page.pk not in state.pages:
        state.pages[page.pk] = _page_verdict(request, page)
    return state.pages[page.pk]


def can_open(request, page):
    return page_verdict(request, page).allowed


def exclude_closed(request, pages):
    """`pages` (a page QuerySet) without those whose contents the person may not open.

    The root of a members-only area stays (its title is not secret); what is below it goes,
    unless the person is an approved member or edits it. Privacy-restricted areas go whole,
    in every language, unless the person passes the restriction.
    """
    areas = closed_areas(request)
    hidden = Q()
    if areas.members and not is_approved_member(request.user):
        for path in areas.members:
            hidden |= Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
    for path, rule in areas.restricted:
        if not rule.accept_request(request):
            hidden |= Q(path__startswith=path)
    if not hidden:
        return pages
    editable = editable_paths(request.user)
    if editable:
        allowed_again = Q()
        for path in editable:
            allowed_again |= Q(path__startswith=path)
        return pages.exclude(hidden & ~allowed_again)
    return pages.exclude(hidden)


def editable_paths(user):
    """Tree paths under which `user` may edit pages in the admin (empty for most people)."""
    if not works_in_admin(user):
        return ()
    if user.is_superuser:
        return ("",)
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return tuple(
        perm.page.path
        for perm in PagePermissionPolicy().get_cached_permissions_for_user(user)
        if perm.permission.codename in {"change_page", "publish_page"}
    )


def live_now(pages):
    """`pages` that are live and not past their expiry time."""
    return pages.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


# Documents -----------------------------------------------------------------------------


def document_users(request, document):
    """The live pages that use `document` (in a field, rich text or a stream), specific."""
    state = _state(request)
    if document.pk not in state.users:
        state.users[document.pk] = _live_pages_using(document)
    return state.users[document.pk]


def _live_pages_using(document):
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ReferenceIndex._get_base_content_type(Page))
        .annotate(page_id=Cast("object_id", output_field=IntegerField()))
        .values("page_id")
    )
    return list(live_now(Page.objects.filter(pk__in=page_ids)).order_by("path").specific())


def _collection_verdict(request, document):
    state = _state(request)
    if document.pk not in state.collections:
        rules = document.collection.get_view_restrictions()
        state.collections[document.pk] = (bool(rules), _restriction_verdict(request, rules))
    restricted, verdict = state.collections[document.pk]
    if restricted:
        mark_private(request)
    return verdict


def _strictest(verdicts):
    for verdict in _STRICTNESS:
        if verdict in verdicts:
            return verdict
    return Verdict.ALLOWED


def strictest(verdicts):
    """The strictest of `verdicts` (allowed when every one allows): for something as closed
    as the most closed of several things, such as a forum topic about a page."""
    return _strictest(set(verdicts))


def document_verdict(request, document, page=None):
    """May the person making `request` have `document`'s bytes?

    `page` is the page whose own route was asked (its rule applies); without one, every live
    page that uses the document must allow it.
    """
    state = _state(request)
    key = (document.pk, page.pk if page is not None else None)
    if key in state.documents:
        return state.documents[key]
    verdict = _collection_verdict(request, document)
    if verdict.allowed and page is not None:
        verdict = page_verdict(request, page)
    elif verdict.allowed:
        users = document_users(request, document)
        verdict = Verdict.NOT_FOUND
        if users:
            verdict = _strictest({page_verdict(request, user) for user in users})
        if not verdict.allowed and can_see_document_in_admin(request.user, document):
            # Editors check what they upload, drafts included (asked last: it costs queries).
            verdict = Verdict.ALLOWED
    state.documents[key] = verdict
    return verdict


# Answering a refusal -------------------------------------------------------------------


def refusal(request, verdict, page=None):
    """The response for a refused file or route: sign in, a kind 403 page, or a 404."""
    if verdict is Verdict.NOT_FOUND:
        raise Http404("Not found.")
    if verdict is Verdict.SIGN_IN:
        # Imported here: auth's views load the user model, which itself uses this module.
        from django.contrib.auth.views import redirect_to_login

        response = redirect_to_login(request.get_full_path(), resolve_url("account_login"))
    else:
        response = TemplateResponse(
            request,
            "core/not_allowed.html",
            {"verdict": str(verdict), "refused_page": page},
            status=403,
        )
    mark_private(request)
    return response


def approved_members_only(view):
    """A view for approved members only (their own things: stories, consensus studies):
    anyone else gets `refusal` (sign in, or why not), and what it shows is kept by no
    cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        verdict = member_verdict(request.user)
        if not verdict.allowed:
            return refusal(request, verdict)
        mark_private(request)
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


class PrivateResponseMiddleware:
    """`Cache-Control: private, no-store` on every response that showed something closed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, _REQUEST_KEY, None)
        if state is not None and state.private:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
        return response
