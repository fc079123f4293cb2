"""Demo content for the resource library: the figures the seed workspace reported.

`build(stdout)` is called by `manage.py demo_content` after the home and members demos (it
needs the home page, and uses the approved demo members for the events). It creates:

- the library "Resources" under the home page, with 7 subject folders (2 members only);
- 34 resources: 32 with a PDF written here (documents, and slide decks as landscape PDFs),
  2 videos with a link; two of them have an easy read version; their dates are moved to
  fit today (`move_dates_to_today`): published within the last two years, due for review
  later, except two overdue on purpose;
- preview pages for every PDF, drawn by the same task an upload uses;
- 405 downloads and 943 previews spread over the last 18 months, none before the
  resource was published (seeded, so the same every time; popular resources get more);
- co-authors and contributors credited on "Walking the service" (one named, one named
  with the "expert by experience" label, one under a pseudonym, one anonymous), made by the
  webinars demo's `credits_from`;
- the library, folders and resources in Welsh, translated through wagtail-localize as an
  editor would (core.demo_translation): titles, summaries, descriptions and content notes
  in Welsh; the documents and videos they offer stay the English ones.

The words are in `data/` (see `data/README.md`): `library.json` and one file per folder,
the Welsh under `"cy"`. It is idempotent: pages are found by their place in the tree and
their slug, translations by their source page, and events are only added when the demo
resources have none, so a second run creates nothing.
"""

import random
import re
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import Locale

from core.demo import bulk_create_backdated, find_or_create_page, find_page, read_data
from core.demo_translation import translate
from home.models import HomePage
from members.models import MemberProfile, User
from webinars import demo as webinars_demo

from ..models import (
    AlternativeFormat,
    RelatedResource,
    ResourceDocument,
    ResourceEvent,
    ResourceLibraryPage,
    ResourcePage,
    SubjectFolderPage,
)
from ..signal_handlers import previews_paused
from ..tasks import generate_document_previews
from .pdf import document_pdf, slides_pdf

SEED = 2026
DOWNLOADS = 405
PREVIEWS = 943
EVENT_DAYS = 548  # 18 months
#: Share of events on public resources made by a signed-in member (the rest are visitors).
SIGNED_IN_SHARE = 0.6
#: The demo's resources were published over this many days, the newest this many days ago.
PUBLISHED_SPAN_DAYS = 700
NEWEST_PUBLISHED_DAYS_AGO = 21
WELSH = "cy"


def build(stdout):
    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        stdout.write("  No home page yet: the home demo makes it. Resources skipped.\n")
        return

    library_spec = read_data(__package__, "library.json")
    folders = [read_data(__package__, f"folders/{slug}.json") for slug in library_spec["folders"]]
    move_dates_to_today(folders, timezone.localdate())
    counts = {"folders": 0, "resources": 0, "documents": 0}
    with previews_paused():
        library, _created = find_or_create_page(
            home,
            ResourceLibraryPage,
            library_spec["slug"],
            title=library_spec["title"],
            summary=library_spec["summary"],
            intro=library_spec["intro"],
            show_in_menus=True,
        )
        resources, new_documents = ensure_folders_and_resources(library, folders, counts)
    for document in new_documents:
        generate_document_previews.call(document.pk, document.file_hash)
    events = ensure_events(resources)
    translated = ensure_welsh(library, library_spec, folders, stdout)

    stdout.write(
        f"Resources: {len(folders)} folders, {len(resources)} resources "
        f"({counts['folders']} new folders, {counts['resources']} new resources, "
        f"{counts['documents']} new documents, {events} new events, "
        f"{translated} new Welsh translations).\n"
    )


# Dates ---------------------------------------------------------------------------------


def move_dates_to_today(folder_specs, today):
    """Date each resource spec from `today` (in place), so the library never looks stale.

    The data's `published` dates keep their order and their spacing, fitted into the last
    two years (the newest three weeks ago); each `review` date keeps its distance from
    `published`, which puts it in the future. A resource with `review_overdue_days` was due
    for review that many days ago instead, so the demo shows an overdue review.
    """
    specs = [spec for folder in folder_specs for spec in folder["resources"]]
    written = [date.fromisoformat(spec["published"]) for spec in specs]
    oldest, newest = min(written), max(written)
    span = max((newest - oldest).days, 1)
    for spec, published in zip(specs, written, strict=True):
        age = round((newest - published).days / span * PUBLISHED_SPAN_DAYS)
        moved = today - timedelta(days=NEWEST_PUBLISHED_DAYS_AGO + age)
        if "review_overdue_days" in spec:
            review = today - timedelta(days=spec["review_overdue_days"])
        else:
            review = moved + (date.fromisoformat(spec["review"]) - published)
        spec["published"], spec["review"] = moved.isoformat(), review.isoformat()


# Pages ---------------------------------------------------------------------------------


def ensure_folders_and_resources(library, folders, counts):
    """Every demo resource page in folder order, creating what is missing.

    New pages are added in a first pass (live, without revisions) so that a second pass can
    link each to related resources before its one published revision.
    """
    resources, new_pages, new_documents = [], [], []
    for folder_spec in folders:
        folder, created = find_or_create_page(
            library,
            SubjectFolderPage,
            folder_spec["slug"],
            title=folder_spec["title"],
            summary=folder_spec["summary"],
            intro=folder_spec["intro"],
            members_only=folder_spec["members_only"],
        )
        counts["folders"] += created
        folder_pages = []
        for index, spec in enumerate(folder_spec["resources"]):
            page = find_page(folder, ResourcePage, spec["slug"])
            if page is None:
                page, documents = new_resource(folder, folder_spec, spec, index)
                new_pages.append(page)
                new_documents.extend(documents)
                counts["resources"] += 1
                counts["documents"] += len(documents)
            page.demo_spec, page.demo_folder = spec, folder
            folder_pages.append(page)
        for index, page in enumerate(folder_pages):
            if page in new_pages:
                neighbours = [folder_pages[(index + step) % len(folder_pages)] for step in (1, 2)]
                page.related_resources = [RelatedResource(resource=n) for n in neighbours]
        resources.extend(folder_pages)
    for page in new_pages:
        page.save_revision().publish()
    return resources, new_documents


def new_resource(folder, folder_spec, spec, index):
    """Add a resource page (live, no revision yet) with its document and easy read version."""
    documents = []
    document = None
    if not spec.get("video"):
        document = make_document(spec, resource_pdf(folder_spec, spec, index), spec["slug"])
        documents.append(document)
    page = ResourcePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        resource_type=spec["type"],
        description=spec["description"],
        document=document,
        media_url=spec.get("video", ""),
        authors=spec["authors"],
        organisation=spec["organisation"],
        published_date=date.fromisoformat(spec["published"]),
        review_date=date.fromisoformat(spec["review"]),
        content_note=spec.get("content_note", ""),
    )
    page.tags.add(*spec["tags"])
    if spec.get("credits"):
        # Its co-authors and contributors, as the webinars' demo makes the people it credits.
        page.credits = webinars_demo.credits_from(spec["credits"])
    if spec.get("easy_read"):
        easy_read = make_document(
            {"title": f"{spec['title']} (easy read)", "summary": spec["summary"]},
            easy_read_pdf(spec),
            f"{spec['slug']}-easy-read",
        )
        documents.append(easy_read)
        page.alternative_formats = [
            AlternativeFormat(kind=AlternativeFormat.Kind.EASY_READ, document=easy_read)
        ]
    folder.add_child(instance=page)
    return page, documents


def make_document(spec, pdf, slug):
    document = ResourceDocument(
        title=spec["title"],
        description=spec["summary"],
        file=ContentFile(pdf, name=f"{slug}.pdf"),
    )
    document.save()  # the pre-save signal stores size, hash, page count and text
    return document


# Welsh ---------------------------------------------------------------------------------


def ensure_welsh(library, library_spec, folder_specs, stdout):
    """Translate the library, then each folder, then its resources: how many were new.

    Parents go first, so each translation lands under its parent's Welsh copy. The Welsh
    locale comes from the home demo; without it nothing is translated.
    """
    welsh = Locale.objects.filter(language_code=WELSH).first()
    if welsh is None:
        return 0
    names = library_spec[WELSH]["names"]
    pages = [(library, ResourceLibraryPage(**index_words(library_spec[WELSH])))]
    for folder_spec in folder_specs:
        folder = find_page(library, SubjectFolderPage, folder_spec["slug"])
        if folder is None:
            continue
        pages.append((folder, SubjectFolderPage(**index_words(folder_spec[WELSH]))))
        for spec in folder_spec["resources"]:
            resource = find_page(folder, ResourcePage, spec["slug"])
            if resource is not None:
                pages.append((resource, ResourcePage(**resource_words(spec, names))))
    new = 0
    for page, words in pages:
        if not page.has_translation(welsh) and translate(page, words, welsh, stdout):
            new += 1
    return new


def index_words(words):
    return {key: words[key] for key in ("title", "slug", "summary", "intro")}


def resource_words(spec, names):
    """A resource's Welsh words; authors and organisations through the names list (a name
    not on it, such as a person's, stays as it is)."""
    words = spec[WELSH]
    return {
        "title": words["title"],
        "slug": words["slug"],
        "summary": words["summary"],
        "description": words["description"],
        "content_note": words.get("content_note", ""),
        "authors": names.get(spec["authors"], spec["authors"]),
        "organisation": names.get(spec["organisation"], spec["organisation"]),
    }


# PDFs ----------------------------------------------------------------------------------


def _plain(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _subtitle(spec):
    published = date.fromisoformat(spec["published"]).strftime("%B %Y")
    return " - ".join(
        part for part in (spec["organisation"] or spec["authors"], published) if part
    )


def resource_pdf(folder_spec, spec, index):
    """A document (one page per section) or a slide deck, in the folder's words."""
    if spec["type"] == "slides":
        points = folder_spec["points"]
        slides = [
            (heading, [points[(index + number + k) % len(points)] for k in range(3)])
            for number, heading in enumerate(spec["sections"])
        ]
        return slides_pdf(spec["title"], slides, author=spec["authors"], subtitle=_subtitle(spec))

    paragraphs = folder_spec["paragraphs"]
    sections = []
    for number, heading in enumerate(spec["sections"]):
        if spec.get("pages"):
            text = list(spec["pages"][number])
        else:
            start = index * 2 + number * 3
            text = [paragraphs[(start + k) % len(paragraphs)] for k in range(3)]
        if number == 0:
            text.insert(0, _plain(spec["description"]))
        sections.append((heading, text))
    return document_pdf(spec["title"], sections, author=spec["authors"], subtitle=_subtitle(spec))


def easy_read_pdf(spec):
    """Short sentences in large type, a few to a page."""
    sections = [(part["heading"], part["sentences"]) for part in spec["easy_read"]]
    return document_pdf(
        f"{spec['title']}: easy read", sections, author=spec["authors"], body_size=16
    )


# Events --------------------------------------------------------------------------------


def ensure_events(resources):
    """405 downloads and 943 previews over the last 18 months, unless the demo has them."""
    if ResourceEvent.objects.filter(resource__in=resources).exists():
        return 0
    rng = random.Random(SEED)
    now = timezone.now()
    members = list(
        User.objects.filter(is_active=True, member_profile__status=MemberProfile.Status.APPROVED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    library_members_only = (
        resources and resources[0].demo_folder.get_parent().specific.members_only
    )
    members_only = {
        page.pk for page in resources if library_members_only or page.demo_folder.members_only
    }
    with_document = [page for page in resources if page.document_id]

    def events(kind, pages, count):
        chosen = rng.choices(pages, weights=[p.demo_spec["weight"] for p in pages], k=count)
        for page in chosen:
            signed_in = page.pk in members_only or rng.random() < SIGNED_IN_SHARE
            # Only since it was published; more use lately: the square root leans the days
            # towards the present.
            days = max(min(EVENT_DAYS, (now.date() - page.published_date).days), 0)
            days_ago = days * (1 - rng.random() ** 0.5)
            yield ResourceEvent(
                kind=kind,
                resource_id=page.pk,
                folder_id=page.demo_folder.pk,
                document_id=page.document_id,
                member_id=rng.choice(members) if signed_in and members else None,
                created_at=now - timedelta(days=days_ago),
            )

    planned = [
        *events(ResourceEvent.Kind.DOWNLOAD, with_document, DOWNLOADS),
        *events(ResourceEvent.Kind.PREVIEW, resources, PREVIEWS),
    ]
    return len(bulk_create_backdated(ResourceEvent, planned))
